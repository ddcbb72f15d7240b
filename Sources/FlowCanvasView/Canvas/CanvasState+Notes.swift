import FlowKit

/// Notes on the canvas (issue 10): where `n` puts a note attached to a node, and `m` on a
/// note moving it alone. An attached note follows its node through `EditableFlow.moveNode`
/// and `reposition` (group moves, tidy, align), which shift it by the node's offset.
extension CanvasState {
    /// How far from the node's box a new attached note may be put.
    static let noteReach = 40

    /// The top-left for a note holding `text` attached to node `id`: the nearest place
    /// beside the box that covers no node box, no port or entry cell (two cells of air left
    /// and right of every box, one above and below), and no other note. Spots where an
    /// already drawn connector runs (`lineCells`) count as six cells further away, so a
    /// clear spot a little further wins over one on a line. Above the box first, then
    /// below, right, left. Nil when nothing within `noteReach` cells is free.
    public func placeForNote(_ text: String, beside id: String, lineCells: [GridPoint] = []) -> GridPoint? {
        guard let node = document.node(withID: id) else { return nil }
        let box = rect(of: node)
        let size = NoteLayout(FlowNote(id: "_", text: text)).rect
        let reach = Self.noteReach
        var area = GridRect(x: box.x - reach - size.width, y: box.y - reach - size.height,
                            width: box.width + 2 * (reach + size.width), height: box.height + 2 * (reach + size.height))
        // Not above or left of the flow's origin where the node is not: a view opens there.
        let x0 = max(area.x, min(0, box.x)), y0 = max(area.y, min(0, box.y))
        area = GridRect(x: x0, y: y0, width: area.maxX - x0, height: area.maxY - y0)
        var solid = CellCounts(area), lines = CellCounts(area)
        for n in document.nodes {
            let r = rect(of: n)
            guard r.intersects(area) else { continue }
            solid.fill(GridRect(x: r.x - 2, y: r.y - 1, width: r.width + 4, height: r.height + 2))
        }
        for n in document.notes {
            let r = NoteLayout(n).rect
            guard r.intersects(area) else { continue }
            solid.fill(GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height))
        }
        for p in lineCells where area.contains(p) { lines.fill(GridRect(x: p.x, y: p.y, width: 1, height: 1)) }
        solid.sum()
        lines.sum()

        var best: (key: (Int, Int, Int), at: GridPoint)?
        for y in area.y...(area.maxY - size.height) {
            for x in area.x...(area.maxX - size.width) {
                let r = GridRect(x: x, y: y, width: size.width, height: size.height)
                let gapX = max(0, r.x - box.maxX, box.x - r.maxX), gapY = max(0, r.y - box.maxY, box.y - r.maxY)
                let side: Int
                if gapX == 0 && r.maxY <= box.y { side = 0 } else if gapX == 0 && r.y >= box.maxY { side = 1 }
                else if gapY == 0 && r.x >= box.maxX { side = 2 } else if gapY == 0 { side = 3 } else { side = 4 }
                let distance = gapX + gapY
                // Cheap bound first: a line can only make the key larger.
                if let b = best, (distance, side) > (b.key.0, b.key.1) { continue }
                guard solid.count(in: r) == 0 else { continue }
                let key = (distance + (lines.count(in: r) > 0 ? 6 : 0), side, abs(r.x - box.x) + abs(r.y - box.y))
                if best == nil || key < best!.key { best = (key, GridPoint(x, y)) }
            }
        }
        return best?.at
    }

    /// `m` on a note (with nothing selected): the note alone moves, as a one-note group
    /// move that leaves no selection behind. It may not be dropped on a box or its ports.
    mutating func startNoteMove(_ note: FlowNote) {
        selection = CanvasSelection()
        selection.notes = [note.id]
        startGroupMove()
        guard case .movingSelection = mode else { selection = CanvasSelection(); return }
        selection.move?.alone = true
        message = "moving note \(note.id): arrows move it, Enter drops, Esc puts it back"
    }

    /// True while `m` moves a single note (not a selection).
    var isMovingNoteAlone: Bool {
        if case .movingSelection = mode, selection.move?.alone == true { return true }
        return false
    }

    /// Enter or Esc ending a note move: as for a group, then the note is not left selected.
    mutating func endNoteMove(confirm: Bool) {
        if confirm { confirmGroupMove() } else { cancelGroupMove() }
        guard mode == .normal else { return }  // a refused drop keeps moving
        let moved = message?.hasPrefix("moved") == true
        clearSelection()
        if confirm { message = moved ? "moved the note (u to undo)" : "not moved" }
    }

    /// While notes move (alone or in a group): the box a chosen note would land on at
    /// `offset`, if any. In a group move, a note that already sat on a box where the move
    /// started (placed before notes were kept clear of boxes) is let through, so it never
    /// pins the whole selection where it is.
    func movingNoteOverlap(_ offset: (dx: Int, dy: Int), fixed: BoxBuckets) -> (moved: String, fixed: String)? {
        guard let move = selection.move, !selection.notes.isEmpty else { return nil }
        let applied = move.applied
        func hit(_ r: GridRect, _ dx: Int, _ dy: Int) -> String? {
            fixed.first(meeting: GridRect(x: r.x + dx - 1, y: r.y + dy, width: r.width + 2, height: r.height))
        }
        for n in document.notes where selection.notes.contains(n.id) {
            let r = NoteLayout(n).rect
            guard let box = hit(r, offset.dx - applied.dx, offset.dy - applied.dy) else { continue }
            if !move.alone, hit(r, -applied.dx, -applied.dy) != nil { continue }
            return ("note \(n.id)", box)
        }
        return nil
    }
}

/// How many marked cells a rectangle of an area holds, in O(1) per question once `sum()`
/// has run (a summed-area table).
struct CellCounts {
    let area: GridRect
    private var table: [Int32]

    init(_ area: GridRect) {
        self.area = area
        table = [Int32](repeating: 0, count: (area.width + 1) * (area.height + 1))
    }

    /// Marks the cells of `r` inside the area (before `sum()`).
    mutating func fill(_ r: GridRect) {
        let x0 = max(r.x, area.x), x1 = min(r.maxX, area.maxX), y0 = max(r.y, area.y), y1 = min(r.maxY, area.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let w = area.width + 1
        for y in y0..<y1 { for x in x0..<x1 { table[(y - area.y + 1) * w + (x - area.x + 1)] = 1 } }
    }

    /// Turns the marks into running sums.
    mutating func sum() {
        let w = area.width + 1
        for y in 1...area.height {
            for x in 1...area.width {
                table[y * w + x] += table[(y - 1) * w + x] + table[y * w + x - 1] - table[(y - 1) * w + x - 1]
            }
        }
    }

    /// Marked cells in `r` (which must lie inside the area).
    func count(in r: GridRect) -> Int {
        let w = area.width + 1
        let x0 = r.x - area.x, y0 = r.y - area.y, x1 = x0 + r.width, y1 = y0 + r.height
        return Int(table[y1 * w + x1] - table[y0 * w + x1] - table[y1 * w + x0] + table[y0 * w + x0])
    }
}
