@testable import FlowCanvasView
import FlowKit
import Testing
@testable import FlowEditor

@Suite struct ConnectorRouterTests {
    func box(_ x: Int, _ y: Int, w: Int = 10, h: Int = 5) -> GridRect { GridRect(x: x, y: y, width: w, height: h) }

    /// Every step moves to a 4-neighbour, and no cell lies inside any box.
    func assertWellFormed(_ cells: [GridPoint], boxes: [GridRect], sourceLocation: SourceLocation = #_sourceLocation) {
        for (a, b) in zip(cells, cells.dropFirst()) {
            #expect(abs(a.x - b.x) + abs(a.y - b.y) == 1, "path jumps from \(a) to \(b)", sourceLocation: sourceLocation)
        }
        for p in cells {
            for r in boxes { #expect(!r.contains(p), "path enters a box at \(p)", sourceLocation: sourceLocation) }
        }
    }

    func bends(_ cells: [GridPoint]) -> Int {
        var n = 0
        for i in 1..<max(1, cells.count - 1) {
            let a = cells[i - 1], b = cells[i], c = cells[i + 1]
            if (a.y == b.y) != (b.y == c.y) { n += 1 }
        }
        return n
    }

    @Test func straightLineWhenNothingIsInTheWay() {
        let a = box(0, 0), b = box(30, 0)
        let router = ConnectorRouter(boxes: ["a": a, "b": b])
        let from = ConnectorRouter.port(of: a, outcomeIndex: 0)  // (10, 2)
        let to = ConnectorRouter.entry(of: b)                     // (29, 1)
        let r = router.route(Connection(from: "a", outcome: "next", to: "b"), from: from, to: to)
        #expect(r.cells.first == from)
        #expect(r.cells.last == to)
        assertWellFormed(r.cells, boxes: [a, b])
        #expect(bends(r.cells) == 2, "one step down a row needs exactly two bends")
        #expect(r.cells.count == abs(to.x - from.x) + abs(to.y - from.y) + 1, "shortest path")
    }

    @Test func goesAroundABoxInTheWay() {
        let a = box(0, 0), wall = box(15, -10, w: 4, h: 30), b = box(30, 0)
        let router = ConnectorRouter(boxes: ["a": a, "wall": wall, "b": b])
        let r = router.route(Connection(from: "a", outcome: "next", to: "b"),
                             from: ConnectorRouter.port(of: a, outcomeIndex: 0), to: ConnectorRouter.entry(of: b))
        assertWellFormed(r.cells, boxes: [a, wall, b])
        #expect(r.cells.contains { $0.y < -10 || $0.y >= 20 }, "must pass above or below the wall")
        #expect(r.cells.last == ConnectorRouter.entry(of: b))
    }

    @Test func backEdgeReturnsToAnEarlierNode() {
        let a = box(0, 0), b = box(30, 0)
        let router = ConnectorRouter(boxes: ["a": a, "b": b])
        let r = router.route(Connection(from: "b", outcome: "retry", to: "a"),
                             from: ConnectorRouter.port(of: b, outcomeIndex: 0), to: ConnectorRouter.entry(of: a))
        assertWellFormed(r.cells, boxes: [a, b])
        #expect(r.cells.first == GridPoint(40, 2))
        #expect(r.cells.last == GridPoint(-1, 1))
        // Arrives moving right, so the arrowhead points into the box.
        let n = r.cells.count
        #expect(r.cells[n - 2] == GridPoint(-2, 1))
    }

    @Test func selfLoopWrapsAroundItsOwnBox() {
        let a = box(10, 10)
        let router = ConnectorRouter(boxes: ["a": a])
        let r = router.route(Connection(from: "a", outcome: "again", to: "a"),
                             from: ConnectorRouter.port(of: a, outcomeIndex: 1), to: ConnectorRouter.entry(of: a))
        assertWellFormed(r.cells, boxes: [a])
        #expect(r.cells.first == GridPoint(20, 13))
        #expect(r.cells.last == GridPoint(9, 11))
        #expect(r.cells.contains { $0.y < 10 || $0.y >= 15 }, "goes over or under the box")
    }

    @Test func crossingConnectorsDoNotShareARun() {
        // a → d runs left to right; b → c runs top to bottom through the same area.
        let a = box(0, 20), d = box(60, 20), b = box(25, 0), c = box(35, 40)
        let router = ConnectorRouter(boxes: ["a": a, "b": b, "c": c, "d": d])
        let r1 = router.route(Connection(from: "a", outcome: "next", to: "d"),
                              from: ConnectorRouter.port(of: a, outcomeIndex: 0), to: ConnectorRouter.entry(of: d))
        let r2 = router.route(Connection(from: "b", outcome: "next", to: "c"),
                              from: ConnectorRouter.port(of: b, outcomeIndex: 0), to: ConnectorRouter.entry(of: c))
        assertWellFormed(r1.cells, boxes: [a, b, c, d])
        assertWellFormed(r2.cells, boxes: [a, b, c, d])
        let shared = Set(r1.cells).intersection(r2.cells)
        #expect(shared.count <= 2, "they may cross at a cell or two, never run together: \(shared)")
    }

    @Test func cacheReroutesOnlyWhatAMoveAffects() {
        let a = box(0, 0), b = box(30, 0), far = box(200, 200), x = box(0, 50), y = box(30, 50)
        let router = ConnectorRouter(boxes: ["a": a, "b": b, "far": far, "x": x, "y": y])
        let ab = Connection(from: "a", outcome: "next", to: "b")
        let xy = Connection(from: "x", outcome: "next", to: "y")
        func routeAll() {
            router.route(ab, from: ConnectorRouter.port(of: router.obstacles.rect(of: "a")!, outcomeIndex: 0),
                         to: ConnectorRouter.entry(of: router.obstacles.rect(of: "b")!))
            router.route(xy, from: ConnectorRouter.port(of: router.obstacles.rect(of: "x")!, outcomeIndex: 0),
                         to: ConnectorRouter.entry(of: router.obstacles.rect(of: "y")!))
        }
        routeAll()
        #expect(router.searches == 2)
        routeAll()
        #expect(router.searches == 2, "unchanged routes come from the cache")

        router.moveBox("far", to: box(210, 210))
        routeAll()
        #expect(router.searches == 2, "moving an unrelated node re-routes nothing")

        router.moveBox("b", to: box(32, 2))
        routeAll()
        #expect(router.searches == 3, "moving b re-routes only a → b")

        // Dropping a box onto x → y's path re-routes it around the box.
        let blocker = box(15, 49, w: 4, h: 6)
        router.moveBox("blocker", to: blocker)
        #expect(router.cachedRoute(xy) == nil)
        routeAll()
        #expect(router.searches == 4)
        assertWellFormed(router.cachedRoute(xy)!.cells, boxes: [x, y, blocker])
    }
}
