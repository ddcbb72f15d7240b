import FlowKit
import Foundation
import TerminalUI

/// The first screen: every flow with its status, state, versions, draft findings and last
/// edit, filtered and sorted, with a preview of the selected flow; it manages flows
/// (new, copy, rename, delete, export, import, pause) and follows changes other processes
/// make. On an empty workspace it lists the templates to start from instead.
public final class FlowListScreen: EditorScreen {
    enum Modal {
        case templates(ListView)
        case newName(template: String, InputDialog)
        case copyName(flowID: String, InputDialog)
        case importPath(InputDialog)
        case importTrigger(path: String, ImportTriggerChooser)
        case importName(path: String, trigger: String?, InputDialog)
        case importRefused(ImportRefusalDialog)
        case renameFlow(flowID: String, InputDialog)
        case exportPath(flowID: String, InputDialog)
        case confirmDelete(flowID: String, ChoiceDialog<DeleteChoice>)
        case typeNameToDelete(flowID: String, name: String, InputDialog)
        case confirmPause(flowID: String, ChoiceDialog<PauseChoice>)
        case help(HelpOverlay)
    }

    public let workspace: Workspace
    /// Every flow, as stored (unfiltered, by name).
    var rows: [FlowListRow] = []
    /// The flows shown: filtered and sorted.
    public private(set) var flows: [FlowSummary] = []
    var shownRows: [FlowListRow] = []
    public private(set) var list = ListView(focused: true, emptyText: "")
    /// Shown in place of the list when there are no flows.
    public private(set) var templateList = ListView(focused: true)
    var modal: Modal?
    /// The dialog `?` or F1 was pressed in: shown under the help and back when it closes.
    var modalUnderHelp: Modal?
    public internal(set) var message: String?
    public var theme: Theme = .standard
    /// Where the flows live, in the title (tests pin it).
    public var workspaceLabel: String
    weak var navigator: EditorNavigator?
    public let minimumSize = Size(width: 60, height: 16)
    var listRect = Rect.zero
    /// The `/` filter, and whether it is being typed.
    public internal(set) var filterText = ""
    public internal(set) var isTypingFilter = false
    public internal(set) var sort = FlowListSort.name
    /// "Now" for the EDITED column (tests pin it).
    public var clock: @Sendable () -> Date = { Date() }
    /// Findings per draft, recounted only when its revision changes (a voice flow's media
    /// findings also on the idle tick and on coming back to the list).
    var findingCounts: [String: FlowFindingCount] = [:]
    var previewCache: (key: String, preview: FlowPreview?)?
    let watcher: WorkspaceChangeWatcher

    public init(workspace: Workspace, navigator: EditorNavigator? = nil) {
        self.workspace = workspace
        self.navigator = navigator
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let path = workspace.displayLocation
        workspaceLabel = path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        templateList.items = FlowTemplates.all.map { ListItem($0.name, detail: $0.kind == .voice ? "voice" : nil) }
        watcher = WorkspaceChangeWatcher(workspace: workspace)
        reload()
    }

    public var hasUnsavedChanges: Bool { false }
    /// Back from the canvas (or another screen): prompts may have been recorded meanwhile.
    public func didBecomeTop() {
        recheckVoiceMedia(now: Date(), all: true)
        reload()
    }

    public var modalName: String? {
        switch modal {
        case .templates?: return "templates"
        case .newName?: return "new"
        case .copyName?: return "copy"
        case .importPath?: return "import"
        case .importTrigger?: return "import-trigger"
        case .importName?: return "import-name"
        case .importRefused?: return "import-refused"
        case .renameFlow?: return "rename"
        case .exportPath?: return "export"
        case .confirmDelete?, .typeNameToDelete?: return "delete"
        case .confirmPause?: return "pause"
        case .help?: return "help"
        case nil: return nil
        }
    }

    public var selectedFlow: FlowSummary? {
        guard let i = list.selectedIndex, flows.indices.contains(i) else { return nil }
        return flows[i]
    }

    /// Another process (the CLI, another editor, `serve`) changed the workspace: reload.
    /// Asked four times a second when no key is pressed; the check reads no table. A prompt
    /// recorded in another shell changes no table: flows missing prompts read their media
    /// folders again every few seconds.
    public func tick() -> ScreenAction {
        tick(now: Date())
    }

    func tick(now: Date) -> ScreenAction {
        if watcher.hasChanged() {
            reload()
            return .redraw
        }
        return recheckVoiceMedia(now: now) ? .redraw : .none
    }

    public func reload() {
        let keep = selectedFlow?.id
        do {
            let entries = try workspace.flowListEntries()
            let ids = Set(entries.map(\.summary.id))
            findingCounts = findingCounts.filter { ids.contains($0.key) }  // deleted flows' drafts go
            rows = entries.map { entry in
                let counts = findings(of: entry.summary)
                return FlowListRow(entry: entry, errors: counts?.errors, warnings: counts?.warnings)
            }
        } catch {
            message = error.message
        }
        applyFilterAndSort(keeping: keep)
    }

    /// The draft's error and warning counts, validated again only for a new revision.
    func findings(of f: FlowSummary) -> (errors: Int, warnings: Int)? {
        guard let revision = f.draftRevision else { return nil }
        if let c = findingCounts[f.id], c.revision == revision { return (c.errors, c.warnings) }
        guard let count = try? countFindings(of: f, revision: revision) else { return nil }
        findingCounts[f.id] = count
        return (count.errors, count.warnings)
    }

    func applyFilterAndSort(keeping keep: String?) {
        let needle = filterText.lowercased()
        shownRows = rows.filter { needle.isEmpty || $0.summary.name.lowercased().contains(needle) }
        shownRows.sort(by: sort.areInOrder)
        flows = shownRows.map(\.summary)
        list.items = flows.map { ListItem($0.name) }
        if let keep, let i = flows.firstIndex(where: { $0.id == keep }) { list.select(i) }
    }

    func select(flowID: String) {
        if let i = flows.firstIndex(where: { $0.id == flowID }) { list.select(i) }
    }

    // MARK: - Drawing

    public func render(into b: inout CellBuffer, size: Size) {
        let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        var pane = Pane(title: "Flows · \(workspaceLabel)", focused: true, theme: theme)
        pane.render(into: &b, in: body)
        let inner = Pane.contentRect(of: body).inset(left: 1, right: 1)
        if rows.isEmpty {
            renderInvitation(into: &b, in: inner)
        } else {
            renderManager(into: &b, in: inner)
        }
        if let message {
            b.withClip(body) { b in
                _ = b.put(" " + message + " ", x: 2, y: body.maxY - 1, maxWidth: body.width - 4, style: theme.highlight)
            }
        }
        let hints: [KeyHint] = modal != nil ? [KeyHint("Enter", "OK"), KeyHint("Esc", "cancel")]
            : isTypingFilter ? [KeyHint("Enter", "keep filter"), KeyHint("Esc", "clear")]
            : rows.isEmpty ? [KeyHint("Enter", "use template"), KeyHint("i", "import"), KeyHint("?", "help"), KeyHint("q", "quit")]
            : [KeyHint("Enter", "open"), KeyHint("n", "new"), KeyHint("x", "delete"), KeyHint("r", "rename"),
               KeyHint("c", "copy"), KeyHint("e", "export"), KeyHint("i", "import"), KeyHint("p", "pause"),
               KeyHint("/", "filter"), KeyHint("s", "sort"), KeyHint("?", "help"), KeyHint("q", "quit")]
        let count = filterText.isEmpty ? "\(rows.count) flow\(rows.count == 1 ? "" : "s")"
            : "\(flows.count) of \(rows.count) flows"
        var bar = StatusBar(left: ["FlowCanvas", count, "by \(sort.name)"], hints: hints, theme: theme)
        bar.render(into: &b, in: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
        renderModal(into: &b, area: body)
    }

    /// The table, the filter line above it when there is one, and the preview beside it
    /// (wide terminals) or under it.
    func renderManager(into b: inout CellBuffer, in r: Rect) {
        var table = r
        if isTypingFilter || !filterText.isEmpty {
            let cursor = isTypingFilter ? "_" : ""
            b.put("/" + filterText + cursor, x: r.x, y: r.y, maxWidth: r.width, style: theme.highlight)
            table = r.inset(top: 1)
        }
        var preview: Rect?
        if r.width >= 120 {
            let w = min(64, r.width / 3)
            preview = Rect(x: table.maxX - w, y: table.y, width: w, height: table.height)
            b.verticalLine(x: table.maxX - w - 2, y: table.y, length: table.height, style: theme.paneBorder)
            table = Rect(x: table.x, y: table.y, width: table.width - w - 3, height: table.height)
        } else if table.height >= 16 {
            let h = 6
            preview = Rect(x: table.x, y: table.maxY - h, width: table.width, height: h)
            b.horizontalLine(x: table.x, y: table.maxY - h - 1, length: table.width, style: theme.paneBorder)
            table = Rect(x: table.x, y: table.y, width: table.width, height: table.height - h - 1)
        }
        renderTable(into: &b, in: table)
        if let preview { renderPreview(into: &b, in: preview) }
    }

    func renderTable(into b: inout CellBuffer, in r: Rect) {
        let (header, lines) = FlowListColumn.lines(shownRows, width: r.width - 2, now: clock(), glyphs: b.glyphs)
        b.put(header, x: r.x + 2, y: r.y, maxWidth: r.width - 2, style: theme.paneTitle)
        list.emptyText = filterText.isEmpty ? "" : "no flow name contains \"\(filterText)\""
        list.items = lines.map { ListItem($0) }
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
        if let i = templateList.selectedIndex, FlowTemplates.all.indices.contains(i) {
            let x = listArea.maxX + 2
            TemplateDescription.render(FlowTemplates.all[i], into: &b,
                                       in: Rect(x: x, y: top, width: max(1, r.maxX - x), height: max(0, r.maxY - top)),
                                       theme: theme)
        }
    }

    // MARK: - Events

    public func handle(_ event: Event) -> ScreenAction {
        if event == .ctrl("c") { navigator?.quitAll(); return .quit }
        if case .resize = event { return .none }
        if modal != nil { return handleModal(event) }
        if case .mouse(let m) = event {
            let l = rows.isEmpty ? templateList : list
            var copy = l
            let before = copy.selectedIndex
            if copy.handle(event) {
                if rows.isEmpty { templateList = copy } else { list = copy }
                if m.action == .press, before == copy.selectedIndex { return activate() }
            }
            return .none
        }
        guard case .key(let k) = event else { return .none }
        message = nil
        if isTypingFilter {
            if EditorKeymaps.flowList.action(for: k, typing: true) == .help {  // F1: ? is text here
                modal = .help(HelpOverlay(theme: theme, section: EditorKeymaps.flowListFilter.title))
            } else {
                typeFilter(k)
            }
            return .none
        }
        switch EditorKeymaps.flowList.action(for: k) {
        case .open?: return activate()
        case .quit?: return .quit
        case .help?: modal = .help(HelpOverlay(theme: theme, section: EditorKeymaps.flowList.title))
        case .new?: modal = .templates(templatePicker())
        case .importFile?: askImportPath()
        case .copy?:
            guard let f = selectedFlow else { return .none }
            modal = .copyName(flowID: f.id, InputDialog(title: "Copy \(f.name)", prompt: "Name of the copy:",
                                                         text: "\(f.name) copy", theme: theme))
        case .pause?: askPause()
        case .delete?: askDelete()
        case .rename?: askRename()
        case .export?: askExportPath()
        case .filter?:
            guard !rows.isEmpty else { return .none }
            isTypingFilter = true
        case .sort?:
            guard !rows.isEmpty else { return .none }
            sort = sort.next
            applyFilterAndSort(keeping: selectedFlow?.id)
            message = "sorted by \(sort.name)"
        case .list?, nil:
            if rows.isEmpty { _ = templateList.handle(event) } else { _ = list.handle(event) }
        }
        return .none
    }

    func typeFilter(_ k: KeyEvent) {
        let keep = selectedFlow?.id
        switch EditorKeymaps.flowListFilter.action(for: k, typing: true) {
        case .type?: if let c = k.character { filterText.append(c) }
        case .erase?: if !filterText.isEmpty { filterText.removeLast() }
        case .keep?: isTypingFilter = false
        case .clear?: filterText = ""; isTypingFilter = false
        case nil: _ = list.handle(.key(k))
        }
        applyFilterAndSort(keeping: keep)
    }

    func templatePicker() -> ListView {
        ListView(items: FlowTemplates.all.map { ListItem($0.name, detail: $0.kind == .voice ? "voice" : nil) },
                 focused: true, theme: theme)
    }

    /// Enter: open the selected flow, or (empty workspace) create one from the template.
    func activate() -> ScreenAction {
        if rows.isEmpty {
            guard let i = templateList.selectedIndex else { return .none }
            let t = FlowTemplates.all[i]
            modal = .newName(template: t.name, InputDialog(title: "New flow from \(t.name)", prompt: "Name of the flow:", theme: theme))
            return .none
        }
        guard let f = selectedFlow else { return .none }
        open(f.id)
        return .none
    }

    /// Opens the flow on the canvas; `note` is the canvas's first status message.
    func open(_ id: String, note: String? = nil) {
        do {
            let screen = try CanvasScreen.open(workspace: workspace, flow: id, navigator: navigator)
            screen.theme = theme
            if let note { screen.message = note }
            navigator?.push(screen)
        } catch {
            message = error.message
            reload()
        }
    }
}

/// The orders `s` cycles through.
public enum FlowListSort: CaseIterable, Sendable {
    case name, lastEdited, status

    var name: String {
        switch self {
        case .name: return "name"
        case .lastEdited: return "last edited"
        case .status: return "status"
        }
    }

    var next: FlowListSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Names break ties, so the order is stable whatever the store returns.
    func areInOrder(_ a: FlowListRow, _ b: FlowListRow) -> Bool {
        let byName = a.summary.name.localizedCaseInsensitiveCompare(b.summary.name) == .orderedAscending
        switch self {
        case .name: return byName
        case .lastEdited:
            if a.entry.lastEditedAt != b.entry.lastEditedAt { return a.entry.lastEditedAt > b.entry.lastEditedAt }
            return byName
        case .status:
            func rank(_ f: FlowSummary) -> Int { f.state == .running ? 0 : f.state == .paused ? 1 : 2 }
            if rank(a.summary) != rank(b.summary) { return rank(a.summary) < rank(b.summary) }
            return byName
        }
    }
}
