import FlowKit
import Foundation
import TerminalUI

/// The first screen: every flow with its status, state, live version and draft marker.
/// On an empty workspace it lists the templates to start from instead.
public final class FlowListScreen: EditorScreen {
    enum Modal {
        case templates(ListView)
        case newName(template: String, InputDialog)
        case copyName(flowID: String, InputDialog)
        case importPath(InputDialog)
        case help(HelpOverlay)
    }

    public let workspace: Workspace
    public private(set) var flows: [FlowSummary] = []
    public private(set) var list = ListView(focused: true, emptyText: "")
    /// Shown in place of the list when there are no flows.
    public private(set) var templateList = ListView(focused: true)
    var modal: Modal?
    public private(set) var message: String?
    public var theme: Theme = .standard
    /// Where the flows live, in the title (tests pin it).
    public var workspaceLabel: String
    weak var navigator: EditorNavigator?
    public let minimumSize = Size(width: 60, height: 16)
    var listRect = Rect.zero

    public init(workspace: Workspace, navigator: EditorNavigator? = nil) {
        self.workspace = workspace
        self.navigator = navigator
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let path = workspace.directory.path
        workspaceLabel = path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        templateList.items = FlowTemplates.all.map { ListItem($0.name, detail: $0.kind == .voice ? "voice" : nil) }
        reload()
    }

    public var hasUnsavedChanges: Bool { false }
    public func didBecomeTop() { reload() }

    public var modalName: String? {
        switch modal {
        case .templates?: return "templates"
        case .newName?: return "new"
        case .copyName?: return "copy"
        case .importPath?: return "import"
        case .help?: return "help"
        case nil: return nil
        }
    }

    public var selectedFlow: FlowSummary? {
        guard let i = list.selectedIndex, flows.indices.contains(i) else { return nil }
        return flows[i]
    }

    public func reload() {
        let keep = selectedFlow?.id
        do {
            flows = try workspace.flows()
        } catch {
            message = error.message
        }
        list.items = flows.map { ListItem($0.name) }
        if let keep, let i = flows.firstIndex(where: { $0.id == keep }) { list.select(i) }
    }

    /// "Live", "running", "v3", "draft" for one flow.
    static func columns(_ f: FlowSummary) -> [String] {
        [f.status == .live ? "Live" : "Draft", f.state?.rawValue ?? "-", f.liveVersion.map { "v\($0)" } ?? "-",
         f.hasDraft ? "● draft" : ""]
    }

    // MARK: - Drawing

    public func render(into b: inout CellBuffer, size: Size) {
        let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        var pane = Pane(title: "Flows · \(workspaceLabel)", focused: true, theme: theme)
        pane.render(into: &b, in: body)
        let inner = Pane.contentRect(of: body).inset(left: 1, right: 1)
        if flows.isEmpty {
            renderInvitation(into: &b, in: inner)
        } else {
            renderTable(into: &b, in: inner)
        }
        if let message {
            b.withClip(body) { b in
                _ = b.put(" " + message + " ", x: 2, y: body.maxY - 1, maxWidth: body.width - 4, style: theme.highlight)
            }
        }
        let hints: [KeyHint] = modal != nil ? [KeyHint("Enter", "OK"), KeyHint("Esc", "cancel")]
            : flows.isEmpty ? [KeyHint("Enter", "use template"), KeyHint("i", "import"), KeyHint("?", "help"), KeyHint("q", "quit")]
            : [KeyHint("Enter", "open"), KeyHint("n", "new"), KeyHint("c", "copy"), KeyHint("i", "import"),
               KeyHint("p", "pause/resume"), KeyHint("?", "help"), KeyHint("q", "quit")]
        var bar = StatusBar(left: ["FlowCanvas", "\(flows.count) flow\(flows.count == 1 ? "" : "s")"], hints: hints, theme: theme)
        bar.render(into: &b, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
        renderModal(into: &b, area: body)
    }

    func renderTable(into b: inout CellBuffer, in r: Rect) {
        let widths = [7, 9, 6, 8]
        let fixed = widths.reduce(0, +) + widths.count
        let nameWidth = max(10, r.width - 2 - fixed)
        var header = TextLayout.pad("NAME", to: nameWidth)
        for (i, h) in ["STATUS", "STATE", "LIVE", "DRAFT"].enumerated() { header += " " + TextLayout.pad(h, to: widths[i]) }
        b.put(header, x: r.x + 2, y: r.y, maxWidth: r.width - 2, style: theme.paneTitle)
        list.items = flows.map { f in
            var text = TextLayout.pad(TextLayout.truncate(f.name, to: nameWidth, ellipsis: b.glyphs.ellipsis), to: nameWidth)
            for (i, c) in Self.columns(f).enumerated() { text += " " + TextLayout.pad(c, to: widths[i]) }
            return ListItem(text)
        }
        listRect = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        list.render(into: &b, in: listRect)
    }

    func renderInvitation(into b: inout CellBuffer, in r: Rect) {
        let intro = "No flows yet. Start one from a template: choose it and press Enter, then name the flow. (i imports a flow file.)"
        let lines = TextLayout.wrap(intro, width: r.width)
        for (i, line) in lines.enumerated() { b.put(line, x: r.x, y: r.y + i, style: theme.text) }
        let top = r.y + lines.count + 1
        let listArea = Rect(x: r.x, y: top, width: min(r.width, 30), height: max(0, r.maxY - top))
        listRect = listArea
        templateList.render(into: &b, in: listArea)
        // The chosen template's description beside the list.
        if let i = templateList.selectedIndex, FlowTemplates.all.indices.contains(i) {
            let x = listArea.maxX + 2
            let text = FlowTemplates.all[i].summary
            for (k, line) in TextLayout.wrap(text, width: max(1, r.maxX - x)).enumerated() where top + k < r.maxY {
                b.put(line, x: x, y: top + k, style: theme.dimText)
            }
        }
    }

    func renderModal(into b: inout CellBuffer, area: Rect) {
        switch modal {
        case .templates(var l)?:
            let box = area.centred(Size(width: min(area.width - 4, 44), height: min(area.height - 2, l.items.count + 4)))
            b.withClip(box) { b in
                b.fill(box, style: theme.dialog)
                b.drawBox(box, lineStyle: .double, style: theme.dialog)
                b.put(" New flow: choose a template ", x: box.x + 2, y: box.y, maxWidth: box.width - 4, style: theme.dialogTitle)
            }
            l.render(into: &b, in: box.inset(top: 1, left: 2, bottom: 1, right: 2))
            modal = .templates(l)
        case .newName(let t, var d)?: d.render(into: &b, in: area); modal = .newName(template: t, d)
        case .copyName(let id, var d)?: d.render(into: &b, in: area); modal = .copyName(flowID: id, d)
        case .importPath(var d)?: d.render(into: &b, in: area); modal = .importPath(d)
        case .help(var h)?: h.render(into: &b, in: area); modal = .help(h)
        case nil: break
        }
    }

    // MARK: - Events

    public func handle(_ event: Event) -> ScreenAction {
        if event == .ctrl("c") { navigator?.quitAll(); return .quit }
        if case .resize = event { return .none }
        if modal != nil { return handleModal(event) }
        if case .mouse(let m) = event {
            let l = flows.isEmpty ? templateList : list
            var copy = l
            let before = copy.selectedIndex
            if copy.handle(event) {
                if flows.isEmpty { templateList = copy } else { list = copy }
                if m.action == .press, before == copy.selectedIndex { return activate() }
            }
            return .none
        }
        guard case .key(let k) = event else { return .none }
        message = nil
        switch (k.key, k.modifiers) {
        case (.enter, []): return activate()
        case (.character("q"), []), (.escape, []): return .quit
        case (.character("?"), []): modal = .help(HelpOverlay(theme: theme))
        case (.character("n"), []): modal = .templates(templatePicker())
        case (.character("i"), []):
            modal = .importPath(InputDialog(title: "Import a flow", prompt: "Path of a flowcanvas/1 or Twilio Studio JSON file:", theme: theme))
        case (.character("c"), []):
            guard let f = selectedFlow else { return .none }
            modal = .copyName(flowID: f.id, InputDialog(title: "Copy \(f.name)", prompt: "Name of the copy:",
                                                         text: "\(f.name) copy", theme: theme))
        case (.character("p"), []):
            togglePause()
        default:
            if flows.isEmpty { _ = templateList.handle(event) } else { _ = list.handle(event) }
        }
        return .none
    }

    func templatePicker() -> ListView {
        ListView(items: FlowTemplates.all.map { ListItem($0.name, detail: $0.kind == .voice ? "voice" : nil) },
                 focused: true, theme: theme)
    }

    /// Enter: open the selected flow, or (empty workspace) create one from the template.
    func activate() -> ScreenAction {
        if flows.isEmpty {
            guard let i = templateList.selectedIndex else { return .none }
            let t = FlowTemplates.all[i]
            modal = .newName(template: t.name, InputDialog(title: "New flow from \(t.name)", prompt: "Name of the flow:", theme: theme))
            return .none
        }
        guard let f = selectedFlow else { return .none }
        open(f.id)
        return .none
    }

    func open(_ id: String) {
        do {
            let screen = try CanvasScreen.open(workspace: workspace, flow: id, navigator: navigator)
            screen.theme = theme
            navigator?.push(screen)
        } catch {
            message = error.message
        }
    }

    func togglePause() {
        guard let f = selectedFlow else { return }
        do {
            let updated = f.state == .paused ? try workspace.resume(f.id) : try workspace.pause(f.id)
            message = "\(updated.name) is \(updated.state?.rawValue ?? "not live")"
        } catch {
            message = error.message
        }
        reload()
    }

    func handleModal(_ event: Event) -> ScreenAction {
        guard let current = modal else { return .none }
        switch current {
        case .help(var h):
            modal = h.handle(event) ? .help(h) : nil
        case .templates(var l):
            if case .key(let k) = event, k.key == .escape { modal = nil; return .none }
            if case .key(let k) = event, k.key == .enter, let i = l.selectedIndex {
                let t = FlowTemplates.all[i]
                modal = .newName(template: t.name, InputDialog(title: "New flow from \(t.name)", prompt: "Name of the flow:", theme: theme))
                return .none
            }
            _ = l.handle(event)
            modal = .templates(l)
        case .newName(let template, var d):
            switch d.handle(event) {
            case .pending: modal = .newName(template: template, d)
            case .cancelled: modal = nil
            case .accepted(let name):
                do {
                    let voice = FlowTemplates.named(template)?.kind == .voice
                    let flow = try workspace.createFlow(named: name, template: template, voice: voice)
                    modal = nil
                    reload()
                    if let i = flows.firstIndex(where: { $0.id == flow.id }) { list.select(i) }
                    open(flow.id)
                } catch {
                    d.error = error.message
                    modal = .newName(template: template, d)
                }
            }
        case .copyName(let id, var d):
            switch d.handle(event) {
            case .pending: modal = .copyName(flowID: id, d)
            case .cancelled: modal = nil
            case .accepted(let name):
                do {
                    let copy = try workspace.copyFlow(id, to: name)
                    modal = nil
                    reload()
                    if let i = flows.firstIndex(where: { $0.id == copy.id }) { list.select(i) }
                    message = "copied to '\(copy.name)'"
                } catch {
                    d.error = error.message
                    modal = .copyName(flowID: id, d)
                }
            }
        case .importPath(var d):
            switch d.handle(event) {
            case .pending: modal = .importPath(d)
            case .cancelled: modal = nil
            case .accepted(let path):
                do {
                    let expanded = (path as NSString).expandingTildeInPath
                    // The format is recognised from the file (a Studio definition has states and initial_state).
                    let flow = try workspace.importFlowRecognizingFormat(file: URL(fileURLWithPath: expanded))
                    modal = nil
                    reload()
                    if let i = flows.firstIndex(where: { $0.id == flow.id }) { list.select(i) }
                    message = "imported '\(flow.name)'"
                } catch {
                    // The unsupported-nodes refusal has several lines; the dialog shows the first.
                    d.error = error.message.split(separator: "\n").first.map(String.init) ?? error.message
                    modal = .importPath(d)
                }
            }
        }
        return .none
    }
}
