@testable import FlowCanvasView
import Testing
import TerminalUI

/// The painter skips the off-screen cells of long routes (issue 10: pans at 50,000 nodes
/// walked every cell of connectors spanning the whole flow). Skipping must not lose a
/// visible cell, nor the outcome label of a run thousands of cells long.
@Suite struct ConnectorPainterSkipTests {
    /// A route that snakes in and out of the view: right 3,000 cells, down 3, left 3,000,
    /// down 3, right again; the view sits in its middle.
    func snake() -> [GridPoint] {
        var cells: [GridPoint] = [GridPoint(0, 0)]
        func go(_ dx: Int, _ dy: Int, _ n: Int) {
            for _ in 0..<n { let p = cells.last!; cells.append(GridPoint(p.x + dx, p.y + dy)) }
        }
        go(1, 0, 3_000); go(0, 1, 3); go(-1, 0, 3_000); go(0, 1, 3); go(1, 0, 3_000)
        return cells
    }

    @Test func everyVisibleCellIsDrawnAndTheLabelFindsTheRunsEnd() {
        let cells = snake()
        let area = Rect(x: 0, y: 0, width: 40, height: 10)
        for originX in [-5, 0, 1_480, 2_980, 2_995] {
            let projection = CanvasProjection(area: area, origin: GridPoint(originX, -1))
            var buf = CellBuffer(width: 40, height: 10)
            ConnectorPainter(projection: projection).drawLine(cells, style: .plain, into: &buf)
            let expected = Set(cells.dropLast().filter { projection.isVisible($0) }.map { projection.screen($0) })
            var drawn = Set<Point>()
            for y in 0..<10 { for x in 0..<40 where buf[x, y].character != " " { drawn.insert(Point(x: x, y: y)) } }
            #expect(drawn == expected, "origin x \(originX)")
        }
        // The label goes one cell after the start of the first run, which is 3,001 cells long.
        let projection = CanvasProjection(area: area, origin: GridPoint(0, 0))
        var buf = CellBuffer(width: 40, height: 10)
        ConnectorPainter(projection: projection).drawLabel("yes", cells, style: .plain, into: &buf)
        #expect(buf.text().split(separator: "\n").first == " yes")
        // A run too short for the name gets none.
        var short = CellBuffer(width: 40, height: 10)
        let hook = [GridPoint(0, 0), GridPoint(1, 0), GridPoint(2, 0), GridPoint(2, 1), GridPoint(3, 1), GridPoint(4, 1), GridPoint(5, 1)]
        ConnectorPainter(projection: projection).drawLabel("yes", hook, style: .plain, into: &short)
        #expect(!short.text().contains("yes"))
    }
}
