import FlowKit

/// What the canvas is doing with the keys right now.
public enum CanvasMode: Equatable, Sendable {
    /// Cursor moves; keys act on the node under the cursor.
    case normal
    /// A new node of `type` follows the cursor; Enter drops it, Esc cancels.
    case placing(type: String)
    /// Dragging `node` by keyboard; `origin` is where Esc puts it back.
    case moving(node: String, origin: GridPoint)
    /// Moving the selection by keyboard (`m` with a selection); the offset is the cursor
    /// minus `origin`. Enter drops, Esc puts everything back.
    case movingSelection(origin: GridPoint)
    /// Joining outcome `outcomes[outcomeIndex]` of `from` to the node the cursor picks.
    case connecting(from: String, outcomes: [String], outcomeIndex: Int)
    /// Typing a find query; matches are node ids in document order.
    case finding(query: String, matches: [String], index: Int)

    public var name: String {
        switch self {
        case .normal: return "NORMAL"
        case .placing: return "PLACE"
        case .moving, .movingSelection: return "MOVE"
        case .connecting: return "CONNECT"
        case .finding: return "FIND"
        }
    }
}

/// What the user asked for, independent of which key said it (the keymap decides).
public enum CanvasCommand: Equatable, Sendable {
    case moveCursor(dx: Int, dy: Int)
    case jumpTo(GridPoint)
    /// Begin placing a node of this type (from the palette).
    case place(type: String)
    case startMove
    case startConnect
    case nextOutcome
    case previousOutcome
    case confirm
    case cancel
    case delete
    case undo
    case redo
    case startFind
    case findInput(String)
    case findBackspace
    case findNext
    case findPrevious
    /// `+` / `-`: one zoom level in / out, keeping the node under the cursor in place.
    case zoomIn
    case zoomOut
    /// `=`: show the whole flow; again returns to where it was.
    case fit
    /// Pan by half screens (2 = a whole screen) at the current zoom; the cursor moves with the view.
    case pan(dx: Int, dy: Int)
    /// Home / End: the flow's left / right edge.
    case flowEdge(right: Bool)
    /// `]`: to the target of the node's first connected outcome (the next one when repeated).
    case follow
    /// Tab / Shift-Tab right after `]`: the next / previous connected outcome's target instead.
    case followOtherOutcome(step: Int)
    /// `[`: to a predecessor, cycling through them when pressed again.
    case predecessor
    /// Ctrl-O / Ctrl-I: the jump list.
    case jumpBack
    case jumpForward
}
