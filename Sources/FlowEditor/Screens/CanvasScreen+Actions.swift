import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// The modal layers of the settings, notes and command-line work, kept in one case of
/// `CanvasScreen.Modal` so the screen's own switches stay short.
enum ToolModal {
    case settings(SettingsEditor)
    case commandLine(CommandLinePrompt)
    case note(NoteDialog)
    /// A new End node's form needs a flow outcome and the flow has none: name one.
    case firstOutcome(InputDialog, node: String)
    /// `:replace OLD NEW`: the changes, before they are applied (CanvasScreen+Replace.swift).
    case replace(ReplacePreview)

    var name: String {
        switch self {
        case .settings: return "settings"
        case .commandLine: return "command"
        case .note: return "note"
        case .firstOutcome: return "outcome"
        case .replace: return "replace"
        }
    }

    var hints: [KeyHint] {
        switch self {
        case .settings: return SettingsEditor.hints
        case .commandLine: return CommandLinePrompt.hints
        case .note: return NoteDialog.hints
        case .firstOutcome: return [KeyHint("Enter", "create"), KeyHint("Esc", "skip")]
        case .replace: return ReplacePreview.hints
        }
    }
}

extension CanvasScreen {
    // MARK: - The one entry point for named actions

    /// Runs an editor action, whichever key or command line asked for it.
    @discardableResult
    public func perform(_ action: EditorAction) -> ScreenAction {
        defer { takeCanvasMessage() }
        switch action {
        case .save: save()
        case .makeLive: openMakeLive()
        case .history: openHistory()
        case .settings: openSettings()
        case .help: openHelp(section: canvasHelpSection)
        case .quit: return requestQuit()
        case .undo, .redo:
            guard !isReadOnly else { message = "read-only: \(documentLabel)"; return .none }
            if case .normal = state.mode {} else { state.handle(.cancel) }
            state.handle(action == .undo ? .undo : .redo)
        case .place(let type): placeFromCommand(type)
        case .goto(let node): goto(node)
        case .find(let text):
            if case .normal = state.mode {} else { state.handle(.cancel) }
            focus = .canvas
            state.handle(.startFind)
            state.handle(.findInput(text))
        case .layout: relayout()
        case .export(let format, let path): export(format, to: path)
        case .note: openNoteEditorAtCursor()
        case .delete: focus = .canvas; deleteAtCursor()
        case .connect, .move:
            guard !isReadOnly else { message = "read-only: \(documentLabel)"; return .none }
            focus = .canvas
            state.handle(action == .connect ? .startConnect : .startMove)
        case .editVersion: editShownVersion()
        case .testRun: openTestRun()
        case .testRunCommand(let command): return performTestRunCommand(command)  // CanvasScreen+TestRun.swift
        case .nextPane: cycleFocus(1)
        case .previousPane: cycleFocus(-1)
        case .quitNow: return quitNow()
        case .togglePalette: togglePane(.palette)
        case .toggleErrors: togglePane(.errors)
        case .showErrors: focus = .errors
        case .selectAll, .select, .copy, .cut, .paste, .duplicate, .tidy, .alignLeft, .alignTop, .replace:
            performSelection(action)  // CanvasScreen+Selection.swift
        case .blame: toggleBlame()      // BlameView.swift
        case .review: openReview()      // ReviewView.swift
        case .commandLine:
            modal = .tool(.commandLine(CommandLinePrompt(context: CommandContext(document: document, catalog: workspace.catalog),
                                                         theme: theme)))
        }
        return .none
    }

    private func placeFromCommand(_ typed: String) {
        guard !isReadOnly else { message = "read-only: nodes cannot be added to a version"; return }
        let t = typed.lowercased()
        guard let type = workspace.catalog.types.first(where: { $0.type == t || $0.title.lowercased() == t }) else {
            message = "place: no node type is called \"\(typed)\" (a opens the palette)"
            return
        }
        if case .normal = state.mode {} else { state.handle(.cancel) }
        focus = .canvas
        state.handle(.place(type: type.type))
    }

    /// Jumps to a node by id, else by label (exact, then the only one containing it).
    func goto(_ name: String) {
        let doc = document
        let lower = name.lowercased()
        let node = doc.node(withID: name) ?? doc.nodes.first { $0.label.lowercased() == lower } ?? {
            let partial = doc.nodes.filter { $0.label.lowercased().contains(lower) || $0.id.contains(lower) }
            return partial.count == 1 ? partial[0] : nil
        }()
        guard let node else { message = "goto: no node is called \"\(name)\""; return }
        if case .normal = state.mode {} else { state.handle(.cancel) }
        focus = .canvas
        state.focus(node: node.id)
        state.highlighted = node.id
        message = "\(node.label) (\(node.id))"
    }

    /// Re-runs the auto-layout over the whole flow as one undoable edit; attached notes
    /// keep their place relative to their node.
    func relayout() {
        guard !isReadOnly else { message = "read-only: a version cannot be laid out again"; return }
        let old = document
        var laid = old
        AutoLayout.apply(to: &laid, catalog: workspace.catalog)
        var ops: [DocumentOperation] = []
        var shift: [String: (dx: Int, dy: Int)] = [:]
        for (i, node) in old.nodes.enumerated() where laid.nodes[i] != node {
            ops.append(.replaceNode(index: i, old: node, new: laid.nodes[i]))
            shift[node.id] = ((laid.nodes[i].x ?? 0) - (node.x ?? 0), (laid.nodes[i].y ?? 0) - (node.y ?? 0))
        }
        for (k, note) in old.notes.enumerated() {
            guard let id = note.node, let d = shift[id] else { continue }
            var moved = note
            moved.x += d.dx
            moved.y += d.dy
            ops.append(.replaceNote(index: k, old: note, new: moved))
        }
        guard !ops.isEmpty else { message = "layout: the flow is already laid out"; return }
        state.flow.perform(DocumentEdit("auto-layout", ops))
        if let start = document.nodes.first(where: { $0.type == "start" }) ?? document.nodes.first { state.focus(node: start.id) }
        message = "laid out \(shift.count) node\(shift.count == 1 ? "" : "s") again (u to undo)"
    }

    /// Writes the document as Mermaid, Graphviz DOT or `flowcanvas/1` JSON; a relative
    /// path is taken from the directory the editor was started in.
    func export(_ format: ExportFormat, to path: String) {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded)
        let text: String
        switch format {
        case .mermaid: text = GraphExport.mermaid(document, catalog: workspace.catalog)
        case .dot: text = GraphExport.dot(document, catalog: workspace.catalog)
        case .json: text = FlowCodec.exportJSON(document)
        }
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
            message = "exported \(format.rawValue) to \(url.path)"
        } catch {
            message = "export: cannot write \(url.path): \((error as NSError).localizedDescription)"
        }
    }

    // MARK: - Settings

    func openSettings() {
        let ws = workspace, id = flowID
        let editor = SettingsEditor(
            document: document,
            resolveMediaFolder: { ws.mediaFolder(for: $0) },
            mediaLibrary: ws.mediaLibrary,
            nameTaken: { name in (try? ws.flow(name)).map { $0.id != id } ?? false },
            theme: theme)
        modal = .tool(.settings(editor))
        if isReadOnly { message = "read-only: settings are shown, not changed" }
    }

    func applySettings(_ change: SettingsChange) {
        guard let edit = change.edit(for: document) else { message = "settings: no changes"; return }
        let ends = change.renamedEndNodes(in: document).count
        state.flow.perform(edit)
        var text = "settings updated"
        if ends > 0 { text += "; \(ends) End node\(ends == 1 ? "" : "s") renamed" }
        if change.name != flowName { text += "; s saves and renames the flow" }
        message = text + " (u to undo)"
    }

    /// Save renames the flow in the workspace when the settings changed its name (the
    /// store keeps a flow's name with the flow, and a save writes that name into the draft).
    func renameBeforeSave() -> Bool {
        let wanted = document.name.trimmingCharacters(in: .whitespaces)
        guard !wanted.isEmpty, wanted != flowName else { return true }
        do {
            let renamed = try workspace.renameFlow(flowID, to: wanted)
            flowName = renamed.name
            return true
        } catch {
            message = "not saved: \(error.message)"
            return false
        }
    }

    // MARK: - Notes

    /// `n`: a note attached to the node under the cursor, else a flow-level note there.
    func openNoteEditorAtCursor() {
        guard !isReadOnly else { message = "read-only: notes cannot be added to a version"; return }
        let node = state.nodeUnderCursor
        modal = .tool(.note(NoteDialog(purpose: .add(node: node?.id, at: state.cursor), title: "Add a note",
                                       prompt: node.map { "Attached to \($0.label) (moves with it):" } ?? "A note on the canvas:",
                                       theme: theme)))
    }

    func editNote(_ note: FlowNote) {
        let attached = note.node.flatMap { document.node(withID: $0) }.map { " (attached to \($0.label))" } ?? ""
        modal = .tool(.note(NoteDialog(purpose: .edit(id: note.id), title: isReadOnly ? "Note" : "Edit note",
                                       prompt: note.id + attached, text: note.text, theme: theme)))
    }

    /// The status text for a note under the cursor: its links' URLs.
    var noteUnderCursorHint: String? {
        guard modal == nil, case .normal = state.mode, let note = state.noteUnderCursor else { return nil }
        let links = MarkdownSpans.parse(note.text).compactMap { s in s.url.map { (s.text, $0) } }
        var seen: Set<String> = []
        let shown = links.filter { seen.insert($0.1).inserted }.map { "\($0.0) → \($0.1)" }
        let actions = isReadOnly ? "" : " · Enter edits, m moves, x deletes"
        return shown.isEmpty ? "note \(Self.noteGist(note.text))\(actions)" : shown.joined(separator: " · ") + actions
    }

    /// A note's first non-empty line, quoted and cut to 40 columns: what the user wrote,
    /// not the note's internal id.
    static func noteGist(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let plain = line.trimmingCharacters(in: .whitespaces)
        return "\"" + TextLayout.truncate(String(plain), to: 40, ellipsis: "…") + "\""
    }

    // MARK: - Modal layers

    func handleTool(_ tool: ToolModal, _ event: Event) -> ScreenAction {
        switch tool {
        case .settings(var editor):
            switch editor.handle(event) {
            case .editing: modal = .tool(.settings(editor))
            case .cancelled: modal = nil; message = "settings unchanged"
            case .applied(let change):
                modal = nil
                guard !isReadOnly else { message = "read-only: settings of a version cannot change"; return .none }
                applySettings(change)
            }
        case .commandLine(var prompt):
            switch prompt.handle(event) {
            case .pending: modal = .tool(.commandLine(prompt))
            case .cancelled: modal = nil
            case .run(let action):
                modal = nil
                return perform(action)
            }
        case .note(var dialog):
            switch dialog.handle(event) {
            case .pending: modal = .tool(.note(dialog))
            case .cancelled: modal = nil
            case .accepted(let text):
                modal = nil
                guard !isReadOnly else { return .none }
                switch dialog.purpose {
                case .add(let node, let at):
                    addNote(text, attachedTo: node, at: at)  // CanvasScreen+Notes.swift
                case .edit(let id):
                    guard var note = document.notes.first(where: { $0.id == id }) else { return .none }
                    note.text = text
                    state.flow.updateNote(note)
                    message = "note \(id) updated (u to undo)"
                }
            }
        case .replace(let preview):
            handleReplacePreview(preview, event)
        case .firstOutcome(var input, let node):
            switch input.handle(event) {
            case .pending: modal = .tool(.firstOutcome(input, node: node))
            case .cancelled:
                modal = nil
                openForm(node: node)
            case .accepted(let name):
                modal = nil
                var settings = document.settings
                settings.outcomes.append(FlowOutcome(name: name, kind: .success))
                state.flow.updateSettings(settings)
                openForm(node: node)
                message = "flow outcome \"\(name)\" added (kind success; S changes it)"
            }
        }
        return .none
    }

    func renderTool(_ tool: inout ToolModal, into b: inout CellBuffer, area: Rect) {
        switch tool {
        case .settings(var e): e.render(into: &b, in: area); tool = .settings(e)
        case .commandLine(var p): p.render(into: &b, in: area); tool = .commandLine(p)
        case .note(var d): d.render(into: &b, in: area); tool = .note(d)
        case .firstOutcome(var i, let n): i.render(into: &b, in: area); tool = .firstOutcome(i, node: n)
        case .replace(var p): p.render(into: &b, in: area); tool = .replace(p)
        }
    }

    // MARK: - End nodes made by a connect

    /// After a canvas command: a new End node's form opens to pick its flow outcome,
    /// first offering to create one when the flow has none.
    func openRequestedForm() {
        guard let id = state.takeFormRequest() else { return }
        if document.settings.outcomes.isEmpty {
            modal = .tool(.firstOutcome(InputDialog(
                title: "No flow outcomes yet",
                prompt: "End nodes end the flow with a flow outcome, and this flow has none. Name one to create it (Esc: skip):",
                text: "resolved", theme: theme), node: id))
            return
        }
        openForm(node: id)
    }

    func openForm(node id: String) {
        guard let node = document.node(withID: id) else { return }
        state.focus(node: id)
        var form = NodeForm(node: node, document: document, catalog: workspace.catalog,
                            findings: findings.filter { $0.node == id }, focus: nil, readOnly: isReadOnly, theme: theme)
        // A new End gets the first flow outcome filled in (shown, and applied with the form).
        if node.type == "end", node.config["outcome"] == nil, let first = document.settings.outcomes.first {
            form.setText(first.name, for: "outcome")
        }
        modal = .form(form)
    }
}
