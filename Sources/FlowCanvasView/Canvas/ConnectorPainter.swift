import FlowKit
import TerminalUI

/// Draws routed connectors: the line with box-drawing glyphs (a crossing stays a
/// crossing, see `LineJoin.cross`), an arrowhead into the target, and the outcome name on
/// the first horizontal run when it fits. Only cells inside the projection are touched.
struct ConnectorPainter {
    let projection: CanvasProjection

    /// The line of `cells` (port first, entry last). The port cell also points left, into
    /// the box border, where the box painter draws the matching ├.
    func drawLine(_ cells: [GridPoint], style: Style, lineStyle: LineStyle = .single, into buf: inout CellBuffer) {
        let n = cells.count
        guard n >= 2 else { return }
        // The entry cell holds the arrowhead, so the line stops before it.
        var i = 0
        while i < n - 1 {
            let p = cells[i]
            let away = projection.stepsToVisible(p)
            if away > 0 {
                // Routes move one cell per step: skip the cells that cannot reach the screen
                // yet (a connector across the whole flow has thousands of them off screen).
                i += away
                continue
            }
            var dirs: LineDirections = i == 0 ? .left : []
            if i > 0 { dirs.formUnion(Self.direction(from: p, to: cells[i - 1])) }
            dirs.formUnion(Self.direction(from: p, to: cells[i + 1]))
            buf.drawLineCell(x: projection.x(p.x), y: projection.y(p.y), dirs, lineStyle: lineStyle, style: style, join: .cross)
            i += 1
        }
    }

    func drawArrow(_ cells: [GridPoint], style: Style, into buf: inout CellBuffer) {
        let n = cells.count
        guard n >= 2, projection.isVisible(cells[n - 1]) else { return }
        let a = cells[n - 2], b = cells[n - 1]
        let d: Direction = b.x > a.x ? .right : b.x < a.x ? .left : b.y > a.y ? .down : .up
        buf.drawArrow(x: projection.x(b.x), y: projection.y(b.y), pointing: d, style: style)
    }

    /// Writes `name` on the first horizontal run, one cell after its start, when the run
    /// leaves at least a cell of line on each side of it.
    func drawLabel(_ name: String, _ cells: [GridPoint], style: Style, into buf: inout CellBuffer) {
        guard cells.count >= 2, cells[1].y == cells[0].y else { return }
        let y = cells[0].y
        guard y >= projection.origin.y, y < projection.origin.y + projection.area.height else { return }
        // The run's last cell: routes move one cell per step, so cell k is on the straight run
        // exactly when it sits k steps along it (once the route turns it can never be there
        // again): a binary search instead of a walk along runs thousands of cells long.
        let step = cells[1].x - cells[0].x
        func onRun(_ k: Int) -> Bool { cells[k].y == y && cells[k].x == cells[0].x + k * step }
        var lo = 1, hi = cells.count - 1  // onRun(lo) holds; find the last k that does
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if onRun(mid) { lo = mid } else { hi = mid - 1 }
        }
        let end = lo
        let run = end + 1
        let width = DisplayWidth.of(name)
        guard run >= width + 3 else { return }
        // Leftward runs read right to left; put the name where it reads left to right.
        let startX = step > 0 ? cells[1].x : cells[end - 1].x - width + 1
        buf.put(name, x: projection.x(startX), y: projection.y(y), style: style)
    }

    @inline(__always)
    static func direction(from p: GridPoint, to q: GridPoint) -> LineDirections {
        if q.x > p.x { return .right }
        if q.x < p.x { return .left }
        if q.y > p.y { return .down }
        if q.y < p.y { return .up }
        return []
    }
}
