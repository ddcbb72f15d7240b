import FlowKit
import Foundation
import TerminalUI
import TerminalUINcurses

/// Entry points the `flowcanvas` command calls. Everything that can fail before the
/// terminal is touched (unknown flow, no tty, unknown TERM) throws first, so the CLI
/// prints one line and exits with the right code.
public enum FlowEditorApp {
    /// `flowcanvas` on a tty: the flow list.
    public static func runFlowList(workspace: Workspace) throws -> Int32 {
        chooseTheme()
        let navigator = EditorNavigator()
        navigator.push(FlowListScreen(workspace: workspace, navigator: navigator))
        return try run(navigator)
    }

    /// `flowcanvas open FLOW [--version N]`: the canvas, read-only for a version.
    public static func runCanvas(workspace: Workspace, flow: String, version: Int?) throws -> Int32 {
        chooseTheme()
        let navigator = EditorNavigator()
        let screen = try CanvasScreen.open(workspace: workspace, flow: flow, version: version, navigator: navigator)
        navigator.push(screen)
        return try run(navigator)
    }

    /// NO_COLOR (set, non-empty) or a terminal without colours: attributes only, so focus
    /// and selection still show (reverse, bold, underline).
    static func chooseTheme() {
        Theme.useMonochrome = !NcursesBackend.shouldUseColor()
    }

    /// Runs the navigator on the real terminal. Throws `TerminalError` from the backend's
    /// preflight (exit 2 at the CLI).
    static func run(_ navigator: EditorNavigator) throws -> Int32 {
        let backend = try NcursesBackend()
        let app = TerminalApp(backend: backend)
        app.onTerminationSignal = { _ in navigator.preserveUnsavedWork() }
        let outcome = app.run(root: navigator)
        backend.shutdown()
        if case .signal(let s) = outcome { NcursesBackend.reraise(s) }
        return 0
    }
}
