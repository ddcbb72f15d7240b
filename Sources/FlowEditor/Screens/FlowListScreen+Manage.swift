import FlowKit
import Foundation
import TerminalUI

// Managing flows from the list: delete, rename, export, pause, new from a template, copy,
// and the dialogs they open.
extension FlowListScreen {
    /// A draft-only flow: yes/no. A live flow: its name typed, since sessions stop with it.
    func askDelete() {
        guard let f = selectedFlow else { return }
        if f.status == .live {
            modal = .typeNameToDelete(flowID: f.id, name: f.name, InputDialog(
                title: "Delete \(f.name)",
                prompt: "\(f.name) is live (v\(f.liveVersion ?? 0), \(f.state?.rawValue ?? "")): deleting it removes every "
                    + "version and stops it. Type its name to delete it:", theme: theme))
        } else {
            modal = .confirmDelete(flowID: f.id, ChoiceDialog(
                title: "Delete \(f.name)?",
                message: "The flow and its working draft (revision \(f.draftRevision ?? 0)) are deleted. This cannot be undone.",
                buttons: [.init("Delete", .delete), .init("Cancel", .cancel)], focused: .cancel, theme: theme))
        }
    }

    func delete(_ id: String) {
        do {
            let name = try workspace.flow(id).name
            try workspace.deleteFlow(id)
            message = "deleted '\(name)'"
        } catch {
            message = error.message
        }
        reload()
    }

    func askRename() {
        guard let f = selectedFlow else { return }
        modal = .renameFlow(flowID: f.id, InputDialog(title: "Rename \(f.name)", prompt: "New name (the id \(f.id) stays):",
                                                      text: f.name, theme: theme))
    }

    func askExportPath() {
        guard let f = selectedFlow else { return }
        var d = InputDialog(title: "Export \(f.name)",
                            prompt: "File to write the \(f.hasDraft ? "working draft" : "live version") to (flowcanvas/1 JSON):",
                            text: "\(f.id).json", theme: theme)
        d.complete = { PathCompletion.complete($0) }
        modal = .exportPath(flowID: f.id, d)
    }

    func askImportPath() {
        var d = InputDialog(title: "Import a flow", prompt: "Path of a flowcanvas/1 or Twilio Studio JSON file:", theme: theme)
        d.complete = { PathCompletion.complete($0) }
        modal = .importPath(d)
    }

    /// Resuming asks nothing; pausing a running flow does (new sessions stop starting).
    func askPause() {
        guard let f = selectedFlow else { return }
        guard f.state == .running else { togglePause(f.id); return }
        modal = .confirmPause(flowID: f.id, ChoiceDialog(
            title: "Pause \(f.name)?",
            message: "\(f.name) is live and running: paused, it starts no new sessions until you resume it (p).",
            buttons: [.init("Pause", .pause), .init("Cancel", .cancel)], focused: .cancel, theme: theme))
    }

    func togglePause(_ id: String) {
        do {
            let f = try workspace.flow(id)
            let updated = f.state == .paused ? try workspace.resume(id) : try workspace.pause(id)
            message = "\(updated.name) is \(updated.state?.rawValue ?? "not live")"
        } catch {
            message = error.message
        }
        reload()
    }

    func export(_ id: String, to path: String) throws(WorkspaceError) -> String {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let json = try workspace.export(id)
        do {
            try Data(json.utf8).write(to: url, options: .atomic)
        } catch {
            throw .unwritableFile(path: url.path, reason: (error as NSError).localizedDescription)
        }
        return url.path
    }

    /// The template the `n` chooser has selected.
    var templateChooserSelection: FlowTemplate? {
        guard case .templates(let l)? = modal, let i = l.selectedIndex, FlowTemplates.all.indices.contains(i) else { return nil }
        return FlowTemplates.all[i]
    }

    // MARK: - Modal drawing and keys

    func renderModal(into b: inout CellBuffer, area: Rect) {
        switch modal {
        case .templates(var l)?:
            let box = area.centred(Size(width: min(area.width - 4, 96), height: min(area.height - 2, max(l.items.count, 12) + 4)))
            b.withClip(box) { b in
                ModalBox("New flow: choose a template", placement: .left).draw(box, into: &b, theme: theme)
            }
            let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
            let listArea = Rect(x: inner.x, y: inner.y, width: min(26, inner.width), height: inner.height)
            l.render(into: &b, in: listArea)
            if let i = l.selectedIndex, FlowTemplates.all.indices.contains(i) {
                let x = listArea.maxX + 2
                TemplateDescription.render(FlowTemplates.all[i], into: &b,
                                           in: Rect(x: x, y: inner.y, width: max(0, inner.maxX - x), height: inner.height),
                                           theme: theme.dialogLook)
            }
            modal = .templates(l)
        case .newName(let t, var d)?: d.render(into: &b, in: area); modal = .newName(template: t, d)
        case .copyName(let id, var d)?: d.render(into: &b, in: area); modal = .copyName(flowID: id, d)
        case .importPath(var d)?: d.render(into: &b, in: area); modal = .importPath(d)
        case .importTrigger(let p, var d)?: d.render(into: &b, in: area); modal = .importTrigger(path: p, d)
        case .importName(let p, let t, var d)?: d.render(into: &b, in: area); modal = .importName(path: p, trigger: t, d)
        case .importRefused(var d)?: d.render(into: &b, in: area); modal = .importRefused(d)
        case .renameFlow(let id, var d)?: d.render(into: &b, in: area); modal = .renameFlow(flowID: id, d)
        case .exportPath(let id, var d)?: d.render(into: &b, in: area); modal = .exportPath(flowID: id, d)
        case .confirmDelete(let id, var d)?: d.render(into: &b, in: area); modal = .confirmDelete(flowID: id, d)
        case .typeNameToDelete(let id, let name, var d)?:
            d.render(into: &b, in: area); modal = .typeNameToDelete(flowID: id, name: name, d)
        case .confirmPause(let id, var d)?: d.render(into: &b, in: area); modal = .confirmPause(flowID: id, d)
        case .help(var h)?:
            if let under = modalUnderHelp {  // drawn as it was, the help on top
                modal = under
                renderModal(into: &b, area: area)
                modalUnderHelp = modal
            }
            h.render(into: &b, in: area)
            modal = .help(h)
        case nil: break
        }
    }

    func handleModal(_ event: Event) -> ScreenAction {
        guard let current = modal else { return .none }
        if openHelpOverModal(current, event) { return .none }
        switch current {
        case .help(var h):
            if h.handle(event) { modal = .help(h) } else { modal = modalUnderHelp; modalUnderHelp = nil }
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
                    select(flowID: flow.id)
                    open(flow.id, note: voice ? mediaFolderNote(flow.id) : nil)
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
                    select(flowID: copy.id)
                    message = "copied to '\(copy.name)'"
                } catch {
                    d.error = error.message
                    modal = .copyName(flowID: id, d)
                }
            }
        case .renameFlow(let id, var d):
            switch d.handle(event) {
            case .pending: modal = .renameFlow(flowID: id, d)
            case .cancelled: modal = nil
            case .accepted(let name):
                do {
                    let renamed = try workspace.renameFlow(id, to: name)
                    modal = nil
                    reload()
                    select(flowID: renamed.id)
                    message = "renamed to '\(renamed.name)' (id \(renamed.id))"
                } catch {
                    d.error = error.message
                    modal = .renameFlow(flowID: id, d)
                }
            }
        case .exportPath(let id, var d):
            switch d.handle(event) {
            case .pending: modal = .exportPath(flowID: id, d)
            case .cancelled: modal = nil
            case .accepted(let path):
                do {
                    let written = try export(id, to: path)
                    modal = nil
                    message = "exported to \(written)"
                } catch {
                    d.error = error.message
                    modal = .exportPath(flowID: id, d)
                }
            }
        case .confirmDelete(let id, var d):
            _ = d.handle(event)
            switch d.outcome {
            case .pending: modal = .confirmDelete(flowID: id, d)
            case .cancelled, .chose(.cancel): modal = nil
            case .chose(.delete): modal = nil; delete(id)
            }
        case .typeNameToDelete(let id, let name, var d):
            switch d.handle(event) {
            case .pending: modal = .typeNameToDelete(flowID: id, name: name, d)
            case .cancelled: modal = nil
            case .accepted(let typed):
                if typed == name {
                    modal = nil
                    delete(id)
                } else {
                    d.error = "that is not \"\(name)\"; nothing was deleted"
                    modal = .typeNameToDelete(flowID: id, name: name, d)
                }
            }
        case .confirmPause(let id, var d):
            _ = d.handle(event)
            switch d.outcome {
            case .pending: modal = .confirmPause(flowID: id, d)
            case .cancelled, .chose(.cancel): modal = nil
            case .chose(.pause): modal = nil; togglePause(id)
            }
        case .importPath, .importTrigger, .importName, .importRefused:
            handleImport(event, current)
        }
        return .none
    }

    /// Import: the path (Tab completes), then for a Studio Trigger connecting several events
    /// the event to start on, then the name (the file's own suggested); a refusal shows
    /// every offending node.
    func handleImport(_ event: Event, _ current: Modal) {
        switch current {
        case .importPath(var d):
            switch d.handle(event) {
            case .pending: modal = .importPath(d)
            case .cancelled: modal = nil
            case .accepted(let path):
                let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
                do {
                    try askImportName(url, trigger: nil)
                } catch .importRefused(let e) where !e.triggerChoices.isEmpty {
                    modal = .importTrigger(path: url.path, ImportTriggerChooser(events: e.triggerChoices,
                                                                                 fileName: url.lastPathComponent, theme: theme))
                } catch .importRefused(let e) {
                    modal = .importRefused(ImportRefusalDialog(error: .importRefused(e), theme: theme))
                } catch {
                    d.error = error.message
                    modal = .importPath(d)
                }
            }
        case .importTrigger(let path, var d):
            switch d.handle(event) {
            case .pending: modal = .importTrigger(path: path, d)
            case .cancelled: modal = nil; message = "import cancelled: nothing was stored"
            case .chose(let trigger):
                do {
                    try askImportName(URL(fileURLWithPath: path), trigger: trigger)
                } catch {
                    modal = .importRefused(ImportRefusalDialog(error: error, theme: theme))
                }
            }
        case .importName(let path, let trigger, var d):
            switch d.handle(event) {
            case .pending: modal = .importName(path: path, trigger: trigger, d)
            case .cancelled: modal = nil
            case .accepted(let name):
                do {
                    let flow = try workspace.importFlowRecognizingFormat(file: URL(fileURLWithPath: path), name: name,
                                                                         trigger: trigger)
                    modal = nil
                    reload()
                    select(flowID: flow.id)
                    message = "imported '\(flow.name)'"
                } catch .importRefused(let e) {
                    modal = .importRefused(ImportRefusalDialog(error: .importRefused(e), theme: theme))
                } catch {
                    d.error = error.message
                    modal = .importName(path: path, trigger: trigger, d)
                }
            }
        case .importRefused(var d):
            modal = d.handle(event) ? .importRefused(d) : nil
        default:
            break
        }
    }

    /// The name dialog, once every check import makes has passed for `trigger`.
    private func askImportName(_ url: URL, trigger: String?) throws(WorkspaceError) {
        let name = try workspace.importedName(of: url, trigger: trigger)
        modal = .importName(path: url.path, trigger: trigger, InputDialog(title: "Import \(url.lastPathComponent)",
                                                                          prompt: "Name of the new flow:", text: name, theme: theme))
    }

    // MARK: - Preview

    /// The selected flow's description and newest versions with their comments.
    func renderPreview(into b: inout CellBuffer, in r: Rect) {
        guard let f = selectedFlow, r.width > 4, r.height > 0 else { return }
        let key = "\(f.id)|\(f.latestVersion ?? 0)|\(f.draftRevision ?? 0)|\(f.name)"
        if previewCache?.key != key { previewCache = (key, try? workspace.preview(f.id)) }
        guard let preview = previewCache?.preview else { return }
        var y = r.y
        func line(_ text: String, _ style: Style) {
            guard y < r.maxY else { return }
            b.put(text, x: r.x, y: y, maxWidth: r.width, style: style); y += 1
        }
        line(f.name, theme.paneTitle)
        let description = preview.description.isEmpty ? "(no description)" : preview.description
        let room = max(1, r.height - 2 - min(3, max(1, preview.versions.count)))
        for l in TextLayout.wrap(description, width: r.width).prefix(room) { line(l, theme.text) }
        if preview.versions.isEmpty {
            line("No versions yet: it has never been live.", theme.dimText)
            return
        }
        let now = clock()
        for v in preview.versions {
            let live = v.number == f.liveVersion ? " (live)" : ""
            let comment = v.comment.isEmpty ? "(no comment)" : v.comment
            line("v\(v.number)\(live) · \(RelativeTime.ago(v.createdAt, now: now)) · \(v.author): \(comment)", theme.dimText)
        }
    }
}

extension Theme {
    /// Text drawn inside a dialog box (its colours, not the screen's).
    var dialogLook: Theme {
        var t = self
        t.text = dialog
        t.dimText = dialog
        t.paneTitle = dialogTitle
        return t
    }
}

extension FlowListScreen {
    /// A voice template whose media folder does not exist yet (ivr-menu's `media/ivr-menu`):
    /// the voice compile's finding, which names the `flowcanvas media create` command, as the
    /// new flow's first message on the canvas (the errors pane shows the validator's findings).
    func mediaFolderNote(_ id: String) -> String? {
        guard let report = try? workspace.compile(id),
              let finding = report.findings.first(where: { $0.code == .missingPrompt && $0.field == "mediaFolder" })
        else { return nil }
        // Short enough for 80 columns: the command, which ends the finding's message.
        guard let start = finding.message.range(of: "create it with '"),
              let end = finding.message[start.upperBound...].firstIndex(of: "'") else { return finding.message }
        return "no media folder yet; run: " + finding.message[start.upperBound..<end]
    }
}
