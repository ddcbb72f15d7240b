@testable import FlowCanvasView
import Testing

/// The router's per-cell connector counts, kept in tiles (ConnectorUsageGrid): the same
/// answers as a dictionary of points, on both sides of zero and across tile edges.
@Suite struct ConnectorUsageGridTests {
    @Test func countsPerAxisAcrossTileEdgesAndNegativeCoordinates() {
        var grid = ConnectorUsageGrid()
        let points = [GridPoint(0, 0), GridPoint(31, 31), GridPoint(32, 0), GridPoint(-1, -1), GridPoint(-33, 40),
                      GridPoint(1_000_000, -1_000_000)]
        for p in points { grid.add(p, horizontal: true, vertical: false, 1) }
        grid.add(GridPoint(-1, -1), horizontal: false, vertical: true, 2)
        #expect(grid.count == points.count)
        for p in points { #expect(grid[p].horizontal == 1, "\(p)") }
        #expect(grid[GridPoint(-1, -1)].vertical == 2)
        #expect(grid[GridPoint(1, 0)] == .init(), "a neighbour in the same tile stays empty")
        #expect(grid[GridPoint(-2, -1)] == .init())
        #expect(grid[GridPoint(500, 500)] == .init(), "a tile never touched reads empty")

        grid.add(GridPoint(31, 31), horizontal: true, vertical: false, -1)
        #expect(grid[GridPoint(31, 31)] == .init())
        #expect(grid.count == points.count - 1)
        grid.add(GridPoint(7, 7), horizontal: true, vertical: true, -1)  // removing from nothing
        #expect(grid[GridPoint(7, 7)] == .init() && grid.count == points.count - 1)

        var seen: [GridPoint: ConnectorUsageGrid.AxisUsage] = [:]
        grid.forEach { p, u in seen[p] = u }
        #expect(Set(seen.keys) == Set(points.filter { $0 != GridPoint(31, 31) }))

        let moved = grid.translated(dx: 5, dy: -40)
        #expect(moved.count == grid.count)
        for (p, u) in seen { #expect(moved[GridPoint(p.x + 5, p.y - 40)] == u, "\(p) moved") }

        grid.removeAll()
        #expect(grid.count == 0 && grid[GridPoint(0, 0)] == .init())
    }
}
