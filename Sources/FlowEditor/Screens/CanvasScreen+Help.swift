import FlowCanvasView
import TerminalUI

// `?` answers for the place it is pressed in: the help opens at that place's keys, over the
// modal it was asked from, and closing it comes back there as it was.
extension CanvasScreen {
    /// The help over the screen, opened at `section` (a key table's title); `over` is the
    /// modal it was asked from, shown under it and back when it closes.
    func openHelp(section: String? = nil, over: Modal? = nil) {
        modalUnderHelp = over
        modal = .help(HelpOverlay(theme: theme, section: section))
    }

    /// The section for `?` on the canvas screen itself: what is shown (a diff, blame), the
    /// focused pane, or what the canvas is doing; nil (the top: Anywhere, then Canvas) at rest.
    var canvasHelpSection: String? {
        if let diff = lifecycle.diff {
            return diff.review != nil ? EditorKeymaps.review.title : EditorKeymaps.diff.title
        }
        switch focus {
        case .palette: return EditorKeymaps.palette.title
        case .errors: return EditorKeymaps.errors.title
        case .canvas: break
        }
        switch state.mode {
        case .placing, .moving, .movingSelection: return CanvasKeymap.placing.title
        case .connecting: return CanvasKeymap.connecting.title
        case .finding: return CanvasKeymap.finding.title
        case .normal: break
        }
        if shownBlame != nil { return EditorKeymaps.blame.title }
        if !state.selection.isEmpty { return CanvasKeymap.selection.title }
        return nil
    }

    /// `?` (where it is not text) or F1 (anywhere) inside a modal: the help at that modal's
    /// keys, over it. False when the key is the modal's own.
    func openHelpOverModal(_ event: Event) -> Bool {
        guard case .key(let key) = event, let current = modal, let place = helpPlace(of: current),
              EditorKeymaps.anywhere.action(for: key, typing: place.typing) == .help else { return false }
        openHelp(section: place.section, over: current)
        return true
    }

    /// Where the help opens for a modal, and whether a plain `?` is text there (then only F1
    /// opens it). Nil where the modal answers `?` itself (the history, the help) or is a
    /// yes/no question whose keys are on it.
    private func helpPlace(of modal: Modal) -> (section: String, typing: Bool)? {
        switch modal {
        case .form(let form):
            return (form.completion != nil ? EditorKeymaps.completion.title : EditorKeymaps.nodeForm.title, true)
        case .lifecycle(.makeLive(let wizard)):
            if wizard.newAppForm != nil { return (EditorKeymaps.newApp.title, true) }
            return (EditorKeymaps.makeLive.title, wizard.step == .variables || wizard.step == .comment)
        case .testRun(let panel):
            if panel.stubForm != nil { return (EditorKeymaps.testRunStub.title, true) }
            if panel.savePrompt != nil || panel.commandPrompt != nil { return (EditorKeymaps.testRunAll.title, true) }
            return (EditorKeymaps.testRunAll.title, panel.phase == .setup || panel.typingReply)
        case .tool(.settings): return (EditorKeymaps.settings.title, true)
        case .tool(.commandLine): return (EditorKeymaps.commandLine.title, true)
        case .tool(.note): return (EditorKeymaps.note.title, true)
        case .help, .lifecycle, .tool, .quitPrompt, .conflict, .restore, .copyName: return nil
        }
    }
}
