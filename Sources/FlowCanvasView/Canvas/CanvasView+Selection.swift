import FlowKit
import TerminalUI

/// What a frame marks besides the cursor (issue 11): the selection and the search matches,
/// as sets built once per frame so each box asks in O(1).
struct SelectionMarks {
    let chosen: Set<String>
    let matched: Set<String>
    /// A group move is under way: chosen boxes that would overlap a fixed one are drawn refused.
    let moving: Bool

    init(_ state: CanvasState) {
        chosen = state.selection.nodes
        let m = state.markedMatches
        matched = m.isEmpty ? [] : Set(m)
        if case .movingSelection = state.mode { moving = true } else { moving = false }
    }
}

extension CanvasView {
    /// Whether chosen node `i`, where it is shown, overlaps a box outside the selection
    /// (with the one cell of air drops demand): dropping the selection here would be refused.
    func overlapsFixed(_ i: Int, _ marks: SelectionMarks) -> Bool {
        let r = scene.rect(i)
        let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
        return router.obstacles.boxes(in: padded).contains { !marks.chosen.contains($0) }
    }

    /// While `v` is open: the rectangle from its anchor to the cursor, outlined on the
    /// empty cells it crosses (a box it passes over keeps its own border).
    func drawSelectionRectangle(_ state: CanvasState, _ projection: CanvasProjection, theme: Theme,
                                into buf: inout CellBuffer) {
        guard let r = state.selection.rectangle(to: state.cursor), r.width > 1 || r.height > 1 else { return }
        let s = projection.screen(r)
        for y in s.y..<s.maxY {
            for x in s.x..<s.maxX where y == s.y || y == s.maxY - 1 || x == s.x || x == s.maxX - 1 {
                guard buf.bounds.contains(Point(x: x, y: y)), buf[x, y].character == " " else { continue }
                var dirs: LineDirections = []
                if s.width > 1 {
                    if x > s.x { dirs.insert(.left) }
                    if x < s.maxX - 1 { dirs.insert(.right) }
                }
                if s.height > 1 {
                    if y > s.y { dirs.insert(.up) }
                    if y < s.maxY - 1 { dirs.insert(.down) }
                }
                if y != s.y && y != s.maxY - 1 { dirs.subtract([.left, .right]) }
                if x != s.x && x != s.maxX - 1 { dirs.subtract([.up, .down]) }
                buf.drawLineCell(x: x, y: y, dirs, style: theme.highlight)
            }
        }
    }

    /// The minimap marks search matches underlined and the selection reversed, in the
    /// highlight colour; a cell showing a finding keeps its ✖/▲ and gains the attribute.
    func drawMinimapMarks(_ state: CanvasState, grid: MinimapGrid, inner: Rect, theme: Theme, into b: inout CellBuffer) {
        let dot: Character = b.glyphs == .unicode ? "▪" : "o"
        func mark(_ id: String, _ attribute: TextAttributes) {
            guard let i = scene.indexByID[id] else { return }
            let r = scene.rect(i), c = grid.cell(of: GridPoint(r.x, r.y))
            guard c.x >= 0, c.x < inner.width, c.y >= 0, c.y < inner.height else { return }
            let x = inner.x + c.x, y = inner.y + c.y
            if b[x, y].character == dot {
                b.put(dot, x: x, y: y, style: theme.highlight.adding(attribute))
            } else {
                b.restyle(Rect(x: x, y: y, width: 1, height: 1)) { $0.adding(attribute) }
            }
        }
        for id in state.markedMatches { mark(id, .underline) }
        for id in state.selection.nodes { mark(id, .reverse) }
    }
}
