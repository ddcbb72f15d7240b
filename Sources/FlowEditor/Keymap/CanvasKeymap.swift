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
    /// M: the minimap over the canvas's corner.
    case minimap
    /// A named editor action (`CanvasScreen.perform`).
    case perform(EditorAction)
    /// A typed character while finding: it extends the query (resolved by `CanvasKeymap`).
    case findText
    /// Choosing many nodes and acting on them (CanvasScreen+Selection.swift).
    case selection(SelectionKey)
    /// A key DESIGN §9 reserves for a screen this build does not have yet.
    case unavailable(String)
    case none
}

/// The selection, clipboard and search-result keys (issue 11).
public enum SelectionKey: Equatable, Sendable {
    case rectangle, toggle, all, copy, cut, paste, duplicate, nextResult, previousResult, selectMatches
}

/// The canvas keys of DESIGN §9, one table per mode. Keys that work in every pane (Tab, s,
/// ?, q, L, H, S, :) are `EditorKeymaps.anywhere`'s; these tables are only what the canvas
/// pane does with a key.
public enum CanvasKeymap {
    /// Arrows and h j k l move one cell; Shift-arrows move eight.
    public static let cursor = Keymap<CanvasKeyAction>("Canvas: the cursor", [
        KeyBinding([.plain(.left), .plain(.down), .plain(.up), .plain(.right), .char("h"), .char("j"), .char("k"), .char("l")],
                   .command(.moveCursor(dx: -1, dy: 0)), "move the cursor one cell", label: "arrows, h j k l"),
        KeyBinding([.plain(.down), .char("j")], .command(.moveCursor(dx: 0, dy: 1)), "", hidden: true),
        KeyBinding([.plain(.up), .char("k")], .command(.moveCursor(dx: 0, dy: -1)), "", hidden: true),
        KeyBinding([.plain(.right), .char("l")], .command(.moveCursor(dx: 1, dy: 0)), "", hidden: true),
        KeyBinding([.shift(.left), .shift(.down), .shift(.up), .shift(.right)],
                   .command(.moveCursor(dx: -8, dy: 0)), "move the cursor eight cells", label: "Shift-arrows"),
        KeyBinding([.shift(.down)], .command(.moveCursor(dx: 0, dy: 8)), "", hidden: true),
        KeyBinding([.shift(.up)], .command(.moveCursor(dx: 0, dy: -8)), "", hidden: true),
        KeyBinding([.shift(.right)], .command(.moveCursor(dx: 8, dy: 0)), "", hidden: true),
    ].reorderedForLookup())

    /// Right after `]` from a node with several connected outcomes.
    public static let following = Keymap<CanvasKeyAction>("Canvas: right after ] with several outcomes", [
        KeyBinding([.plain(.tab), .plain(.backTab)], .command(.followOtherOutcome(step: 1)),
                   "follow the next / previous outcome instead"),
        KeyBinding([.plain(.backTab)], .command(.followOtherOutcome(step: -1)), "", hidden: true),
    ].reorderedForLookup())

    /// Zoom, panning and jumps (issue 10). They change only the view and the cursor, so
    /// they work while connecting too (to reach a far target), not while placing or moving.
    public static let navigation = Keymap<CanvasKeyAction>("Canvas: zoom and jumps", [
        KeyBinding([.char("+")], .command(.zoomIn), "zoom in: overview → compact → full"),
        KeyBinding([.char("-")], .command(.zoomOut), "zoom out: full → compact → overview"),
        KeyBinding([.char("=")], .command(.fit), "show the whole flow; again: back to where you were"),
        KeyBinding([.plain(.pageUp), .plain(.pageDown)], .command(.pan(dx: 0, dy: -2)), "pan a screen up / down"),
        KeyBinding([.plain(.pageDown)], .command(.pan(dx: 0, dy: 2)), "", hidden: true),
        KeyBinding([.ctrl(.left), .ctrl(.right), .ctrl(.up), .ctrl(.down)], .command(.pan(dx: -1, dy: 0)),
                   "pan half a screen", label: "Ctrl-arrows"),
        KeyBinding([.ctrl(.right)], .command(.pan(dx: 1, dy: 0)), "", hidden: true),
        KeyBinding([.ctrl(.up)], .command(.pan(dx: 0, dy: -1)), "", hidden: true),
        KeyBinding([.ctrl(.down)], .command(.pan(dx: 0, dy: 1)), "", hidden: true),
        KeyBinding([.plain(.home), .plain(.end)], .command(.flowEdge(right: false)), "the flow's left / right edge"),
        KeyBinding([.plain(.end)], .command(.flowEdge(right: true)), "", hidden: true),
        KeyBinding([.char("]"), .char("[")], .command(.follow), "follow a connector out of the node / back to a predecessor"),
        KeyBinding([.char("[")], .command(.predecessor), "", hidden: true),
        KeyBinding([.ctrl("o"), .ctrl("i")], .command(.jumpBack), "jump back / forward (the last big moves)"),
        KeyBinding([.ctrl("i")], .command(.jumpForward), "", hidden: true),
        KeyBinding([.alt("i")], .command(.jumpForward),
                   "jump forward too, where the terminal sends Ctrl-I as Tab (tmux, GNOME Terminal)"),
        KeyBinding([.char("M")], .minimap, "minimap: the whole flow in a corner, the view as a rectangle, findings marked"),
    ].reorderedForLookup())

    public static let normal = Keymap<CanvasKeyAction>("Canvas", [
        KeyBinding([.char("a")], .openPalette, "open the palette; typing filters it"),
        KeyBinding([.plain(.enter)], .openForm, "on a node: its form; on a note: edit it; in the overview: zoom in on it"),
        KeyBinding([.char("m")], .command(.startMove),
                   "move the node, the note (or the whole selection): arrows move it, Enter drops, Esc puts it back"),
        KeyBinding([.char("c")], .command(.startConnect),
                   "connect an outcome of the node (see Connecting); Enter on an empty cell makes an End node there"),
        KeyBinding([.char("n")], .addNote, "add a note (on a node: attached, it moves with it)"),
        KeyBinding([.char("x"), .plain(.delete)], .delete,
                   "delete the selection, else the node (with its connectors), note or connector at the cursor"),
        KeyBinding([.char("u"), .ctrl("z")], .command(.undo), "undo"),
        KeyBinding([.ctrl("r")], .command(.redo), "redo"),
        KeyBinding([.char("/")], .command(.startFind),
                   "search labels, ids, config values and notes, with filters type: is: uses: note: (see Find)"),
        KeyBinding([.ctrl("n"), .ctrl("p")], .selection(.nextResult), "next / previous result of the last search"),
        KeyBinding([.ctrl("p")], .selection(.previousResult), "", hidden: true),
        KeyBinding([.char("T")], .testRun, "test run: try the flow as it is now (see Test run)"),
        KeyBinding([.plain(.escape)], .command(.cancel), "clear the selection, else the search results and the highlight"),
    ].reorderedForLookup())

    /// Many nodes at once (issue 11): what `m`, `x` and the keys below act on.
    public static let selection = Keymap<CanvasKeyAction>("Selection and clipboard", notes: [
        "with a selection, m moves it all and x deletes it all; :tidy, :align-left, :align-top arrange it",
    ], [
        KeyBinding([.char("v")], .selection(.rectangle), "start a rectangular selection at the cursor: arrows extend it, v or Enter ends it"),
        KeyBinding([.char(" ")], .selection(.toggle), "add the node or note under the cursor to the selection, or take it out"),
        KeyBinding([.ctrl("a")], .selection(.all), "select every node and note"),
        KeyBinding([.char("y")], .selection(.copy), "copy the selection (else the node at the cursor); also to the system clipboard (OSC 52)"),
        KeyBinding([.char("d")], .selection(.cut), "cut: copy, then delete"),
        KeyBinding([.char("p")], .selection(.paste), "paste what was copied at the cursor (fresh ids where taken); a pasted flowcanvas/1 text pastes too"),
        KeyBinding([.char("D")], .selection(.duplicate), "duplicate the selection below itself"),
    ])

    public static let placing = Keymap<CanvasKeyAction>("Placing or moving a node", [
        KeyBinding([.plain(.enter)], .command(.confirm), "drop it here"),
        KeyBinding([.plain(.escape)], .command(.cancel), "cancel (a moved node goes back)"),
    ])

    public static let connecting = Keymap<CanvasKeyAction>("Connecting (c)", [
        KeyBinding([.plain(.tab), .plain(.backTab)], .command(.nextOutcome), "next / previous outcome of the node"),
        KeyBinding([.plain(.backTab)], .command(.previousOutcome), "", hidden: true),
        KeyBinding([.char("/")], .command(.startFind), "find the target node"),
        KeyBinding([.plain(.enter)], .command(.confirm), "join the outcome to the node at the cursor"),
        KeyBinding([.plain(.escape)], .command(.cancel), "cancel"),
    ].reorderedForLookup())

    public static let finding = Keymap<CanvasKeyAction>("Find (/)", notes: [
        "Tab in an empty find repeats the last one from the next match",
        "filters combine with words: type:http-request is:invalid is:warning is:unconnected is:unreachable uses:NAME note: note:TEXT",
    ], [
        KeyBinding([.text], .findText, "the query: words in labels, ids, types, config values, notes; filters"),
        KeyBinding([.plain(.backspace)], .command(.findBackspace), "delete the last character"),
        KeyBinding([.plain(.tab), .plain(.down)], .command(.findNext), "next match"),
        KeyBinding([.plain(.backTab), .plain(.up)], .command(.findPrevious), "previous match",
                   label: "Shift-Tab / Up"),
        KeyBinding([.plain(.enter)], .command(.confirm), "stay on the match; the results stay marked (^N / ^P cycle them)"),
        KeyBinding([.ctrl("a")], .selection(.selectMatches), "select every match (ends the find)"),
        KeyBinding([.plain(.escape)], .command(.cancel), "cancel"),
    ])

    /// The tables a key is looked up in for `mode`, first match wins.
    public static func tables(for mode: CanvasMode) -> [Keymap<CanvasKeyAction>] {
        switch mode {
        case .normal: return [cursor, navigation, normal, selection]
        case .placing, .moving, .movingSelection: return [cursor, placing]
        case .connecting: return [connecting, cursor, navigation]
        case .finding: return [finding]
        }
    }

    public static func action(for key: KeyEvent, mode: CanvasMode) -> CanvasKeyAction {
        for table in tables(for: mode) {
            guard let action = table.action(for: key) else { continue }
            if action == .findText, let c = key.character { return .command(.findInput(String(c))) }
            return action
        }
        return .none
    }

    /// Key hints for the status bar in each mode, their keys taken from the tables.
    public static func hints(mode: CanvasMode, readOnly: Bool) -> [KeyHint] {
        let any = EditorKeymaps.anywhere
        let found: [KeyHint?]
        switch mode {
        case .normal where readOnly:
            found = [any.hint(.editVersion, "edit"), any.hint(.history, "history"), normal.hint(.openForm, "view"),
                     normal.hint(.command(.startFind), "find"), any.hint(.nextPane, "pane"), any.hint(.help, "help"),
                     any.hint(.quit, "quit")]
        case .normal:
            // Most useful first: the bar drops hints from the end when it runs out of room.
            found = [any.hint(.help, "help"), normal.hint(.openPalette, "add"), normal.hint(.openForm, "form"),
                     normal.hint(.command(.startConnect), "connect"), normal.hint(.command(.startMove), "move"),
                     any.hint(.save, "save"), normal.hint(.delete, "delete"), normal.hint(.command(.undo), "undo"),
                     normal.hint(.command(.startFind), "find"), any.hint(.commandLine, "commands"), any.hint(.quit, "quit")]
        case .placing:
            found = [KeyHint("arrows", "position"), placing.hint(.command(.confirm), "drop"), placing.hint(.command(.cancel), "cancel")]
        case .moving, .movingSelection:
            found = [KeyHint("arrows", "move"), placing.hint(.command(.confirm), "drop"), placing.hint(.command(.cancel), "put back")]
        case .connecting:
            found = [connecting.hint(.command(.nextOutcome), "outcome"), KeyHint("arrows", "target"),
                     connecting.hint(.command(.startFind), "find"), connecting.hint(.command(.confirm), "join"),
                     connecting.hint(.command(.cancel), "cancel")]
        case .finding:
            found = [KeyHint("type", "find"), finding.hint(.command(.findNext), "next"), finding.hint(.command(.confirm), "done"),
                     finding.hint(.command(.cancel), "cancel")]
        }
        return found.compactMap { $0 }
    }
}
