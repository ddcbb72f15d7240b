import FlowCanvasView
import TerminalUI

extension CanvasScreen {
    /// Ctrl-I is the jump forward only on the canvas itself, as its keymap says for the mode
    /// (no dialog, form or panel open, no pane or diff or blame taking keys, no outcome
    /// choice after `]`); everywhere else it is Tab (EditorNavigator).
    public var takesCtrlI: Bool {
        modal == nil && focus == .canvas && lifecycle.diff == nil && lifecycle.blame == nil
            && !state.isChoosingFollowedOutcome
            && CanvasKeymap.action(for: .ctrl("i"), mode: state.mode) == .command(.jumpForward)
    }
}
