/// What the run loop needs from a terminal. `NcursesBackend` is the real one.
public protocol TerminalBackend: AnyObject {
    /// Current screen size in cells.
    var size: Size { get }
    /// Unicode box drawing, or ASCII when the locale is not UTF-8.
    var glyphs: GlyphSet { get }
    /// Shows `buffer` on screen, writing only what changed since the last frame.
    func present(_ buffer: CellBuffer)
    /// The next event, or nil when `timeoutMs` passed without one (-1 waits forever).
    func readEvent(timeoutMs: Int) -> Event?
    /// A termination signal (SIGHUP, SIGTERM, SIGINT, SIGQUIT) received since the last call.
    func takePendingSignal() -> Int32?
    /// Leaves the full-screen mode while `body` runs (e.g. to run $EDITOR), then redraws.
    func suspend(_ body: () throws -> Void) rethrows
    /// Restores the terminal. Safe to call twice.
    func shutdown()
    /// Writes an escape sequence straight to the terminal, between frames: OSC 52 (the
    /// system clipboard) and the like, which no cell of a frame can carry.
    func writeRaw(_ sequence: String)
    /// Forgets what the terminal shows: the next `present` writes every cell (Ctrl-L, after
    /// another program wrote on the screen).
    func repaintAll()
}

/// Errors found before the terminal is touched. The CLI prints `description` and exits 2.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminalType(String)
    /// The terminfo entry cannot position the cursor (e.g. TERM=dumb).
    case terminalCannotAddressCursor(String)
    case initialisationFailed(String)

    public var description: String {
        switch self {
        case .notATerminal: "the editor needs an interactive terminal (stdin/stdout is not a tty)"
        case .unknownTerminalType(let t): "terminal type '\(t)' is not known to terminfo"
        case .terminalCannotAddressCursor(let t): "terminal type '\(t)' cannot position the cursor; a full-screen terminal is needed"
        case .initialisationFailed(let why): "could not start the terminal UI: \(why)"
        }
    }

    /// The process exit status for this error.
    public var exitCode: Int32 { 2 }
}
