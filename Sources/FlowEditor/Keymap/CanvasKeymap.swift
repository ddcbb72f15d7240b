import FlowCanvasView
import TerminalUI

/// What a key on the canvas asks for, beyond the canvas model's own commands.
public enum CanvasKeyAction: Equatable, Sendable {
    case command(CanvasCommand)
    case openPalette
    case openForm
    /// x / Delete: the node under the cursor, else the connector there.
    case delete
    case addNote
    /// T: the test-run panel.
    case testRun
    /// A named editor action (`CanvasScreen.perform`).
    case perform(EditorAction)
    /// A key DESIGN §9 reserves for a screen this build does not have yet.
    case unavailable(String)
    case none
}

/// The canvas keys of DESIGN §9, per mode. Keys that work anywhere (Tab, s, ?, q) are
/// the screen's; this table is only what the canvas pane does with a key.
public enum CanvasKeymap {
    public static func action(for key: KeyEvent, mode: CanvasMode) -> CanvasKeyAction {
        if case .finding = mode { return findAction(key) }
        if let move = cursorMove(key) { return .command(move) }
        switch mode {
        case .normal, .connecting: if let nav = navigation(key) { return .command(nav) }
        default: break
        }
        switch mode {
        case .normal:
            switch (key.key, key.modifiers) {
            case (.character("a"), []): return .openPalette
            case (.enter, []): return .openForm
            case (.character("m"), []): return .command(.startMove)
            case (.character("c"), []): return .command(.startConnect)
            case (.character("x"), []), (.delete, []): return .delete
            case (.character("u"), []), (.character("z"), .ctrl): return .command(.undo)
            case (.character("r"), .ctrl): return .command(.redo)
            case (.character("/"), []): return .command(.startFind)
            case (.character("n"), []): return .addNote
            case (.character("T"), []): return .testRun
            case (.escape, []): return .command(.cancel)
            case (.character("L"), []), (.character("H"), []), (.character("S"), []), (.character(":"), []):
                return globalAction(for: key).map { .perform($0) } ?? .none
            default: return .none
            }
        case .placing, .moving:
            switch (key.key, key.modifiers) {
            case (.enter, []): return .command(.confirm)
            case (.escape, []): return .command(.cancel)
            default: return .none
            }
        case .connecting:
            switch (key.key, key.modifiers) {
            case (.tab, []): return .command(.nextOutcome)
            case (.backTab, _): return .command(.previousOutcome)
            case (.character("/"), []): return .command(.startFind)
            case (.enter, []): return .command(.confirm)
            case (.escape, []): return .command(.cancel)
            default: return .none
            }
        case .finding:
            return .none
        }
    }

    /// Keys DESIGN §9 gives to every pane (when not typing into a filter or find):
    /// L make live, H history, S settings, `:` the command line.
    public static func globalAction(for key: KeyEvent) -> EditorAction? {
        guard key.modifiers.isEmpty, case .character(let c) = key.key else { return nil }
        switch c {
        case "L": return .makeLive
        case "H": return .history
        case "S": return .settings
        case ":": return .commandLine
        default: return nil
        }
    }

    /// Arrows and h j k l move one cell; Shift-arrows move eight.
    static func cursorMove(_ key: KeyEvent) -> CanvasCommand? {
        let step = key.modifiers == .shift ? 8 : 1
        guard key.modifiers.isEmpty || key.modifiers == .shift else { return nil }
        switch key.key {
        case .left: return .moveCursor(dx: -step, dy: 0)
        case .right: return .moveCursor(dx: step, dy: 0)
        case .up: return .moveCursor(dx: 0, dy: -step)
        case .down: return .moveCursor(dx: 0, dy: step)
        case .character("h") where key.modifiers.isEmpty: return .moveCursor(dx: -1, dy: 0)
        case .character("l") where key.modifiers.isEmpty: return .moveCursor(dx: 1, dy: 0)
        case .character("k") where key.modifiers.isEmpty: return .moveCursor(dx: 0, dy: -1)
        case .character("j") where key.modifiers.isEmpty: return .moveCursor(dx: 0, dy: 1)
        default: return nil
        }
    }

    /// Zoom, panning and jumps (issue 10). They change only the view and the cursor, so
    /// they work while connecting too (to reach a far target), not while placing or moving.
    static func navigation(_ key: KeyEvent) -> CanvasCommand? {
        switch (key.key, key.modifiers) {
        case (.character("+"), []): return .zoomIn
        case (.character("-"), []): return .zoomOut
        case (.character("="), []): return .fit
        case (.pageDown, []): return .pan(dx: 0, dy: 2)
        case (.pageUp, []): return .pan(dx: 0, dy: -2)
        case (.left, .ctrl): return .pan(dx: -1, dy: 0)
        case (.right, .ctrl): return .pan(dx: 1, dy: 0)
        case (.up, .ctrl): return .pan(dx: 0, dy: -1)
        case (.down, .ctrl): return .pan(dx: 0, dy: 1)
        case (.home, []): return .flowEdge(right: false)
        case (.end, []): return .flowEdge(right: true)
        case (.character("]"), []): return .follow
        case (.character("["), []): return .predecessor
        case (.character("o"), .ctrl): return .jumpBack
        case (.character("i"), .ctrl): return .jumpForward
        default: return nil
        }
    }

    /// Finding: typing edits the query; Tab/Down next match, Up/Shift-Tab previous.
    static func findAction(_ key: KeyEvent) -> CanvasKeyAction {
        switch (key.key, key.modifiers) {
        case (.tab, []), (.down, []): return .command(.findNext)
        case (.backTab, _), (.up, []): return .command(.findPrevious)
        case (.enter, []): return .command(.confirm)
        case (.escape, []): return .command(.cancel)
        case (.backspace, []): return .command(.findBackspace)
        default:
            if let c = key.character { return .command(.findInput(String(c))) }
            return .none
        }
    }

    /// Key hints for the status bar in each mode.
    public static func hints(mode: CanvasMode, readOnly: Bool) -> [KeyHint] {
        switch mode {
        case .normal where readOnly:
            return [KeyHint("E", "edit"), KeyHint("H", "history"), KeyHint("Enter", "view"), KeyHint("/", "find"),
                    KeyHint("Tab", "pane"), KeyHint("?", "help"), KeyHint("q", "quit")]
        case .normal:
            // Most useful first: the bar drops hints from the end when it runs out of room.
            return [KeyHint("?", "help"), KeyHint("a", "add"), KeyHint("Enter", "form"), KeyHint("c", "connect"),
                    KeyHint("m", "move"), KeyHint("s", "save"), KeyHint("x", "delete"), KeyHint("u", "undo"),
                    KeyHint("/", "find"), KeyHint(":", "commands"), KeyHint("q", "quit")]
        case .placing:
            return [KeyHint("arrows", "position"), KeyHint("Enter", "drop"), KeyHint("Esc", "cancel")]
        case .moving:
            return [KeyHint("arrows", "move"), KeyHint("Enter", "drop"), KeyHint("Esc", "put back")]
        case .connecting:
            return [KeyHint("Tab", "outcome"), KeyHint("arrows", "target"), KeyHint("/", "find"),
                    KeyHint("Enter", "join"), KeyHint("Esc", "cancel")]
        case .finding:
            return [KeyHint("type", "find"), KeyHint("Tab", "next"), KeyHint("Enter", "done"), KeyHint("Esc", "cancel")]
        }
    }
}
