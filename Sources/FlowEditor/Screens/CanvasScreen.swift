import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// The canvas screen: palette (left), canvas (centre), errors & warnings (right), a
/// status bar, and the modal layers over them (node form, dialogs, help).
public final class CanvasScreen: EditorScreen {
    public enum Focus: Equatable, Sendable { case palette, canvas, errors }

    /// Which stored document this screen edits.
    public enum Source: Equatable, Sendable {
        /// The working draft (or, when there is none, a new draft from `basedOn`'s document).
        case draft(basedOn: Int?)
        /// Version N, read-only; `isLive` when it is the flow's live version.
        case version(Int, isLive: Bool)
        /// A flow opened from a share link (`flowcanvas view`): read-only, no history.
        case shared
    }

    enum Modal {
        case form(NodeForm)
        case help(HelpOverlay)
        case quitPrompt(ChoiceDialog<QuitChoice>)
        case conflict(ChoiceDialog<ConflictChoice>)
        case restore(ChoiceDialog<RecoveryChoice>, RecoverySlot.Entry)
        case copyName(InputDialog)
        case lifecycle(LifecycleModal)  // Make Live wizard, history (History+CanvasScreen.swift)
        case testRun(TestRunPanel)
        /// Settings, notes, the command line (CanvasScreen+Actions.swift).
        case tool(ToolModal)
    }

    public let workspace: Workspace
    /// Everything the screen shows (CanvasScreenState.swift); the properties below forward to it.
    public internal(set) var screen: CanvasScreenState
    public let canvasView = CanvasView()
    public internal(set) var palette: PaletteModel
    var modal: Modal?
    /// The modal `?` was pressed in (the history list): shown under the help and back when
    /// the help closes.
    var modalUnderHelp: Modal?
    /// The diff shown on the canvas, if any (DiffView.swift).
    var lifecycle = LifecycleState()
    /// A voice flow's media findings, as last read from the disk (CanvasScreen+VoiceMedia.swift).
    var voiceMedia = VoiceMediaCheck()
    public var theme: Theme = .standard
    /// Command that edits long text (Ctrl-E); `$VISUAL`, `$EDITOR`, else `vi`.
    public var externalEditor: String
    let recovery: RecoverySlot
    weak var navigator: EditorNavigator?

    // Layout of the last frame, for the mouse.
    var paletteRect = Rect.zero, canvasRect = Rect.zero, errorsRect = Rect.zero
    /// Where the test-run panel is drawn: the right pane, or a bottom drawer when narrow.
    var testRunRect = Rect.zero
    var paletteRowTypes: [(y: Int, type: String)] = []
    var errorRowIndices: [(y: Int, index: Int)] = []
    var dragging: (node: String, offset: GridPoint, started: Bool)?
    /// A press on empty canvas: dragging from there opens a selection rectangle (as `v`).
    var rubberBand: (start: GridPoint, open: Bool)?
    var clickedPaletteType: String?
    /// The side panes docked (true) or collapsed (false) by `<` / `>`; nil: by the width
    /// (CanvasScreen+Panes.swift).
    var paletteDocked: Bool?
    var errorsDocked: Bool?
    var lastFrameWidth = 80
    /// `M`: the minimap over the canvas's corner.
    public internal(set) var showsMinimap = false
    /// Copied nodes (the navigator's, so they reach other flows) and the OSC 52 to send.
    public let clipboard: EditorClipboard

    public let minimumSize = Size(width: 60, height: 16)

    public init(workspace: Workspace, flowID: String, flowName: String, document: FlowDocument, revision: Int,
                source: Source, navigator: EditorNavigator? = nil) {
        self.workspace = workspace
        self.navigator = navigator
        clipboard = navigator?.clipboard ?? EditorClipboard()
        let canvas: CanvasState
        switch source {
        case .version, .shared: canvas = CanvasState(document: document, readOnly: true, catalog: workspace.catalog)
        case .draft: canvas = CanvasState(document: document, catalog: workspace.catalog)
        }
        screen = CanvasScreenState(flowID: flowID, flowName: flowName, source: source, revision: revision, canvas: canvas)
        palette = PaletteModel(catalog: workspace.catalog, kind: document.kind)
        recovery = RecoverySlot(workspaceDirectory: workspace.directory)
        let env = ProcessInfo.processInfo.environment
        externalEditor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // The pane shows the findings from the moment the flow opens; a large flow is checked
        // on the first idle tick instead, after its first frame ("checking…" until then).
        if document.nodes.count <= Self.validateOnOpenUpTo { validateNow() }
        offerRecoveryIfAny()
    }

    /// Loads a flow's working draft (else its live version, as the start of a new draft),
    /// or version N read-only.
    public static func open(workspace: Workspace, flow: String, version: Int? = nil,
                            navigator: EditorNavigator? = nil) throws(WorkspaceError) -> CanvasScreen {
        let summary = try workspace.flow(flow)
        let stored = try workspace.document(summary.id, version.map { .version($0) })
        let src: Source
        switch stored.ref {
        case .version(let n) where version != nil:
            src = .version(n, isLive: summary.liveVersion == n)
        case .version(let n):
            src = .draft(basedOn: n)  // no draft: editing the live version starts one
        case .draft:
            src = .draft(basedOn: stored.basedOn)
        }
        return CanvasScreen(workspace: workspace, flowID: summary.id, flowName: summary.name, document: stored.document,
                            revision: stored.draftRevision, source: src, navigator: navigator)
    }

    // The screen state's parts, by their old names (most code reads them one at a time).
    // Collections forward `_modify` too: with only get/set, `findingLabels[id] = label`
    // copies the whole dictionary on every write (a 5,000-node report took 250 ms).
    public internal(set) var flowID: String { get { screen.flowID } set { screen.flowID = newValue } }
    public internal(set) var flowName: String { get { screen.flowName } set { screen.flowName = newValue } }
    public internal(set) var source: Source { get { screen.source } set { screen.source = newValue } }
    public internal(set) var revision: Int { get { screen.revision } set { screen.revision = newValue } }
    public var state: CanvasState { get { screen.canvas } _modify { yield &screen.canvas } set { screen.canvas = newValue } }
    public internal(set) var focus: Focus { get { screen.focus } set { screen.focus = newValue } }
    public internal(set) var findings: [Finding] { get { screen.findings } _modify { yield &screen.findings } set { screen.findings = newValue } }
    public internal(set) var hasSaved: Bool { get { screen.hasSaved } set { screen.hasSaved = newValue } }
    var validatedGeneration: Int? { get { screen.validatedGeneration } set { screen.validatedGeneration = newValue } }
    var findingLabels: [String: String] { get { screen.findingLabels } _modify { yield &screen.findingLabels } set { screen.findingLabels = newValue } }
    public internal(set) var errorsSelection: Int { get { screen.errorsSelection } set { screen.errorsSelection = newValue } }
    var errorsScroll: Int { get { screen.errorsScroll } set { screen.errorsScroll = newValue } }
    var paletteScroll: Int { get { screen.paletteScroll } set { screen.paletteScroll = newValue } }
    var decorations: CanvasDecorations { get { screen.decorations } _modify { yield &screen.decorations } set { screen.decorations = newValue } }
    var pendingFinding: Finding? { get { screen.pendingFinding } set { screen.pendingFinding = newValue } }

    /// The one status message. The canvas model reports through its own `message`; the
    /// screen takes it over after each canvas command (`takeCanvasMessage`), so what the
    /// status line shows is always this one value.
    public internal(set) var message: String? { get { screen.message } set { screen.message = newValue } }

    /// After an event: the canvas model's message becomes the screen's, unless the screen
    /// said something itself in the same event (it knows more: "read-only: …").
    func takeCanvasMessage() {
        guard let m = state.message else { return }
        if message == nil { message = m }
        state.message = nil
    }

    public var isReadOnly: Bool { state.readOnly }
    public var hasUnsavedChanges: Bool { !isReadOnly && state.flow.hasUnsavedChanges }
    public var document: FlowDocument { state.document }

    /// "Working Draft (based on v3)", "Working Draft (new)", "v3 · Live · read-only".
    public var documentLabel: String {
        if let diff = lifecycle.diff { return "\(diff.title) · read-only" }
        switch source {
        case .draft(let basedOn?): return "Working Draft (based on v\(basedOn))"
        case .draft(nil): return "Working Draft (new)"
        case .version(let n, let live): return "v\(n) · \(live ? "Live" : "previous") · read-only"
        case .shared: return "Shared · read-only"
        }
    }

    /// The name of the modal layer shown, for tests and the status bar.
    public var modalName: String? {
        switch modal {
        case .form?: return "form"
        case .help?: return "help"
        case .quitPrompt?: return "quit"
        case .conflict?: return "conflict"
        case .restore?: return "restore"
        case .copyName?: return "copy"
        case .lifecycle(let m)?: return m.name
        case .testRun?: return "test-run"
        case .tool(let t)?: return t.name
        case nil: return nil
        }
    }

    /// The node form, when it is open.
    public var form: NodeForm? { if case .form(let f)? = modal { return f } else { return nil } }

    // MARK: - Recovery

    private func offerRecoveryIfAny() {
        guard !isReadOnly, let entry = recovery.read(flowID: flowID) else { return }
        if entry.document == state.document && entry.revision == revision {
            recovery.delete(flowID: flowID)
            return
        }
        let when = DateFormatter.localizedString(from: entry.savedAt, dateStyle: .short, timeStyle: .short)
        modal = .restore(ChoiceDialog(
            title: "Unsaved changes found",
            message: "The editor closed at \(when) with unsaved changes to \(flowName). Restore them (then save), or discard them?",
            buttons: [.init("Restore", .restore), .init("Discard", .discard)], theme: theme), entry)
    }

    public func preserveUnsavedWork() {
        guard hasUnsavedChanges else { return }
        try? recovery.write(flowID: flowID, revision: revision, document: state.document)
    }

    // MARK: - Saving

    /// Saves the working draft; returns true when it was written.
    @discardableResult
    public func save() -> Bool {
        guard !isReadOnly else {
            message = "read-only: version \(versionNumber ?? 0) cannot be saved; E branches a draft from it"
            return false
        }
        guard renameBeforeSave() else { return false }
        do {
            let result = try workspace.saveDraft(flowID, document: state.document, expectedRevision: revision)
            revision = result.revision
            if case .draft(nil) = source, let live = try? workspace.flow(flowID).liveVersion { source = .draft(basedOn: live) }
            state.flow.markSaved()
            recovery.delete(flowID: flowID)
            voiceMedia.stale = true  // a save reads the media folder again
            showReport(result.report)
            let e = result.report.errors.count, w = result.report.warnings.count
            message = "saved (revision \(revision)): \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
            return true
        } catch let error {
            if case .conflict = error {
                modal = .conflict(saveConflictDialog(error.message))  // CanvasScreen+Conflict.swift
            } else {
                message = error.message
            }
            return false
        }
    }

    var versionNumber: Int? { if case .version(let n, _) = source { return n } else { return nil } }

    func showReport(_ report: ValidationReport) {
        let report = withVoiceMedia(report)  // CanvasScreen+VoiceMedia.swift
        hasSaved = true
        findings = report.errors + report.warnings
        errorsSelection = min(errorsSelection, max(0, findings.count - 1))
        decorations = CanvasDecorations(report: report)
        validatedGeneration = state.flow.generation
        let named = Set(findings.compactMap(\.node))
        var labels: [String: String] = [:]
        for n in state.document.nodes where named.contains(n.id) { labels[n.id] = n.label }
        findingLabels = labels
    }

    /// Throws the edits away and loads what the store holds now.
    func reload() {
        do {
            let stored = try workspace.document(flowID, nil)
            state.flow.reset(to: stored.document)
            revision = stored.draftRevision
            switch stored.ref {
            case .draft: source = .draft(basedOn: stored.basedOn)
            case .version(let n): source = .draft(basedOn: n)
            }
            message = "reloaded revision \(revision) from the workspace"
        } catch {
            message = error.message
        }
    }

    /// Stores the edited document as a new flow and goes on editing that one.
    func saveAsCopy(named name: String) -> String? {
        do {
            let copy = try workspace.createFlow(named: name, document: state.document)
            let result = try workspace.saveDraft(copy.id, document: state.document, expectedRevision: copy.draftRevision ?? 1)
            preserveNothingFor(flowID)
            flowID = copy.id
            flowName = copy.name
            revision = result.revision
            source = .draft(basedOn: nil)
            state.flow.markSaved()
            showReport(result.report)
            message = "saved as the new flow '\(copy.name)'"
            return nil
        } catch {
            return error.message
        }
    }

    private func preserveNothingFor(_ id: String) { recovery.delete(flowID: id) }

    // MARK: - Events

    public func handle(_ event: Event) -> ScreenAction {
        defer { takeCanvasMessage() }
        if event == .ctrl("c") { return quitNow() }
        if case .resize = event { return .none }
        if modal != nil { return handleModal(event) }
        if case .mouse(let m) = event { handleMouse(m); return .none }
        if case .paste(let text) = event { message = nil; pasteEvent(text); return .none }  // CanvasScreen+Selection.swift
        guard case .key(let key) = event else { return .none }
        message = nil

        // Plain characters are text while the palette filter or a find is being typed.
        let typing = focus == .palette || isFinding
        if lifecycle.diff != nil, handleDiffKey(key, typing: typing) { return .none }
        // Right after `]` showed one of several outcomes, Tab picks another; any other key ends that.
        if focus == .canvas, state.isChoosingFollowedOutcome {
            if case .command(let c)? = CanvasKeymap.following.action(for: key) { state.handle(c); return .none }
            state.endFollowChoice()
        }
        if lifecycle.blame != nil, handleBlameKey(key) { return .none }  // BlameView.swift
        // Connecting and finding use Tab themselves (outcomes, matches), before the panes do.
        if focus == .canvas, modeUsesTab, key.key == .tab || key.key == .backTab {
            handleCanvasKey(key)
            return .none
        }
        // MOVE is modal: only the movement keys, Enter and Esc act (Ctrl-C still quits).
        if focus == .canvas, case .moving(let node, _) = state.mode, CanvasKeymap.action(for: key, mode: state.mode) == .none {
            message = "moving \(node): arrows move it, Enter drops it, Esc puts it back"
            return .none
        }
        if refuseDuringGroupMove(key) { return .none }
        if let action = EditorKeymaps.anywhere.action(for: key, typing: typing), anywhereApplies(action) {
            return perform(action)
        }
        switch focus {
        case .palette: handlePaletteKey(key)
        case .errors: handleErrorsKey(key)
        case .canvas: handleCanvasKey(key)
        }
        return .none
    }

    /// S and `:` open screens over the canvas only when it is not mid-gesture (placing,
    /// moving, connecting); the other keys of every pane work in any mode.
    func anywhereApplies(_ action: EditorAction) -> Bool {
        switch action {
        case .settings, .commandLine: return state.mode == .normal
        default: return true
        }
    }

    var isFinding: Bool { if case .finding = state.mode { return true } else { return false } }
    var modeUsesTab: Bool {
        switch state.mode {
        case .connecting, .finding: return true
        default: return false
        }
    }

    func cycleFocus(_ step: Int) {
        let order: [Focus] = [.palette, .canvas, .errors]
        let i = order.firstIndex(of: focus) ?? 1
        focus = order[(i + step + order.count) % order.count]
    }

    /// Ctrl-C: leave now; unsaved edits go to the recovery slot.
    func quitNow() -> ScreenAction {
        preserveUnsavedWork()
        navigator?.quitAll()
        return .quit
    }

    func requestQuit() -> ScreenAction {
        guard hasUnsavedChanges else { return .quit }
        modal = .quitPrompt(ChoiceDialog(
            title: "Unsaved changes",
            message: "Save the changes to \(flowName) before leaving?",
            buttons: [.init("Save", .save), .init("Discard", .discard), .init("Cancel", .cancel)],
            focused: .save, theme: theme))
        return .none
    }

    func handlePaletteKey(_ key: KeyEvent) {
        switch EditorKeymaps.palette.action(for: key, typing: true) {
        case .list(let move)?:
            switch move {
            case .previous: palette.moveSelection(-1)
            case .next: palette.moveSelection(1)
            case .pageUp: palette.moveSelection(-8)
            case .pageDown: palette.moveSelection(8)
            case .first, .last: break
            }
        case .eraseFilter?:
            if !palette.filter.isEmpty { palette.setFilter(String(palette.filter.dropLast())) }
        case .back?:
            if palette.filter.isEmpty { focus = .canvas } else { palette.setFilter("") }
        case .place?:
            guard let type = palette.selectedType else { message = "no node type matches \"\(palette.filter)\""; return }
            state.handle(.place(type: type.type))
            if case .placing = state.mode {
                focus = .canvas
                palette.setFilter("")
            }
        case .filter?:
            if let c = key.character { palette.setFilter(palette.filter + String(c)) }
        case nil:
            break
        }
    }

    func handleErrorsKey(_ key: KeyEvent) {
        switch EditorKeymaps.errors.action(for: key) {
        case .list(let move)?: errorsSelection = move.apply(to: errorsSelection, count: findings.count)
        case .back?: focus = .canvas
        case .jump?: jumpToSelectedFinding()
        case nil: break
        }
    }

    /// Enter in the errors pane: the canvas shows and highlights the finding's node; Enter
    /// there opens its form at the finding's field.
    public func jumpToSelectedFinding() {
        guard findings.indices.contains(errorsSelection) else { return }
        let finding = findings[errorsSelection]
        guard let node = finding.node, state.document.node(withID: node) != nil else {
            message = finding.node == nil ? "this finding is about the flow as a whole: \(finding.message)"
                : "node \(finding.node!) is no longer in the flow"
            return
        }
        if case .normal = state.mode {} else { state.handle(.cancel) }
        state.focus(node: node)
        state.highlighted = node
        pendingFinding = finding
        focus = .canvas
        message = "Enter opens its form · \(FindingText.short(finding))"
    }

    func handleCanvasKey(_ key: KeyEvent) {
        let action = CanvasKeymap.action(for: key, mode: state.mode)
        if action == .command(.startFind) || isFinding { refreshSearchSeverities() }  // for is:invalid / is:warning
        switch action {
        case .command(let command):
            if isReadOnly, Self.edits(command) {
                message = "read-only: \(documentLabel); E branches a draft from it"
                return
            }
            state.handle(command)
            openRequestedForm()
        case .openPalette:
            guard !isReadOnly else { message = "read-only: nodes cannot be added to a version"; return }
            if let refusal = state.zoomRefusal(.place(type: "")) { message = refusal; return }
            palette.setFilter("")
            focus = .palette
        case .openForm where state.selection.anchor != nil:
            state.toggleRectangle()  // Enter ends a `v` rectangle, keeping what it chose
        case .openForm where state.zoom.level == .overview:
            // Enter in the overview zooms in on the node (its form needs a readable view).
            if let node = state.nodeUnderCursor { state.zoomIn(onNode: node.id) } else { message = "Enter on a node zooms in on it" }
        case .openForm:
            if state.nodeUnderCursor == nil, let note = state.noteUnderCursor { editNote(note) } else { openFormAtCursor() }
        case .delete:
            deleteAtCursor()
        case .addNote:
            openNoteEditorAtCursor()
        case .testRun:
            openTestRun()
        case .minimap:
            showsMinimap.toggle()
            message = showsMinimap ? "minimap on (M hides it)" : "minimap off"
        case .perform(let action):
            _ = perform(action)
        case .selection(let k):
            handleSelectionKey(k)  // CanvasScreen+Selection.swift
        case .unavailable(let text):
            message = text
        case .findText, .none:
            break
        }
    }

    static func edits(_ c: CanvasCommand) -> Bool {
        switch c {
        case .place, .startMove, .startConnect, .delete, .undo, .redo: return true
        default: return false
        }
    }

    func deleteAtCursor() {
        guard !isReadOnly else { message = "read-only: nothing can be deleted from a version"; return }
        if state.hasSelection || state.nodeUnderCursor != nil { state.handle(.delete); return }
        if let note = state.noteUnderCursor {
            state.flow.deleteNote(note.id)
            message = "deleted note \(note.id) (u to undo)"
            return
        }
        if let c = canvasView.connection(at: state.cursor) {
            state.flow.disconnect(c)
            message = "deleted connector \(c.from).\(c.outcome) → \(c.to) (u to undo)"
            return
        }
        message = "delete: put the cursor on a node, a note or a connector"
    }

    public func openFormAtCursor() {
        guard let node = state.nodeUnderCursor else {
            message = "Enter opens a node's form: put the cursor on a node (a adds one)"
            return
        }
        let field = pendingFinding?.node == node.id ? pendingFinding?.field : nil
        pendingFinding = nil
        modal = .form(NodeForm(node: node, document: state.document, catalog: workspace.catalog,
                               findings: findings.filter { $0.node == node.id }, focus: field,
                               readOnly: isReadOnly, theme: theme))
    }

    // MARK: - Modal layers

    /// The node form's keys. The form is taken out of `modal` while it handles the key, so
    /// its copy is the only one and its field checks update their copy of the document in
    /// place (while `modal` still held it, every key copied all the document's nodes).
    func handleFormModal(_ event: Event) -> ScreenAction {
        guard case .form(var form)? = modal else { return .none }
        modal = nil
        switch form.handle(event) {
        case .editing:
            modal = .form(form)
        case .cancelled:
            modal = nil
        case .applied(let node):
            modal = nil
            let before = state.flow.generation
            state.flow.updateNode(node)
            message = state.flow.generation == before ? "no changes" : "updated \(node.label) (u to undo)"
        case .editExternally(let field, let text):
            modal = .form(form)
            return .suspend { [weak self] in
                guard let self else { return }
                let edited = ExternalEditor.edit(text, command: self.externalEditor)
                self.message = nil
                guard case .form(var f)? = self.modal else { return }
                switch edited {
                case .success(let newText): f.setText(newText, for: field)
                case .failure(let why): self.message = why.message
                }
                self.modal = .form(f)
            }
        }
        return .none
    }

    func handleModal(_ event: Event) -> ScreenAction {
        if openHelpOverModal(event) { return .none }  // CanvasScreen+Help.swift
        // Before `current` below would hold a second copy of the form.
        if case .form? = modal { return handleFormModal(event) }
        guard let current = modal else { return .none }
        switch current {
        case .testRun(let panel):
            return handleTestRun(event, panel)
        case .help(var help):
            if help.handle(event) { modal = .help(help) } else { modal = modalUnderHelp; modalUnderHelp = nil }
        case .form:
            return handleFormModal(event)
        case .quitPrompt(var dialog):
            _ = dialog.handle(event)
            switch dialog.outcome {
            case .pending: modal = .quitPrompt(dialog)
            case .cancelled: modal = nil
            case .chose(let choice):
                modal = nil
                switch choice {
                case .save: if save() { return .quit }
                case .discard: return .quit
                case .cancel: break
                }
            }
        case .conflict(var dialog):
            _ = dialog.handle(event)
            switch dialog.outcome {
            case .pending: modal = .conflict(dialog)
            case .cancelled: modal = nil
            case .chose(let choice):
                modal = nil
                switch choice {
                case .reload: reload()
                case .saveAsCopy:
                    modal = .copyName(InputDialog(title: "Save as copy", prompt: "Name of the new flow:",
                                                  text: "\(flowName) copy", theme: theme))
                case .showDifferences: showConflictDifferences(returnTo: dialog)
                case .cancel: message = "not saved: your changes are still here (unsaved)"
                }
            }
        case .restore(var dialog, let entry):
            _ = dialog.handle(event)
            switch dialog.outcome {
            case .pending: modal = .restore(dialog, entry)
            case .cancelled: modal = .restore(dialog.reopened(), entry)
            case .chose(let choice):
                modal = nil
                if choice == .restore {
                    state.flow.replaceDocument(with: entry.document, name: "restore unsaved changes")
                    revision = entry.revision
                    message = "restored the unsaved changes; s saves them (u undoes the restore)"
                } else {
                    message = "discarded the recovered changes"
                }
                recovery.delete(flowID: flowID)
            }
        case .copyName(var input):
            switch input.handle(event) {
            case .pending: modal = .copyName(input)
            case .cancelled: modal = nil; message = "not saved: your changes are still here (unsaved)"
            case .accepted(let name):
                if let error = saveAsCopy(named: name) {
                    input.error = error
                    modal = .copyName(input)
                } else {
                    modal = nil
                }
            }
        case .lifecycle(let m):
            return handleLifecycleModal(m, event)
        case .tool(let tool):
            return handleTool(tool, event)
        }
        return .none
    }
}
