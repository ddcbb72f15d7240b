@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
@testable import FlowEditor

/// The renderer routes only what can be seen and re-routes only what an edit touched.
@Suite struct CanvasViewRoutingTests {
    typealias F = CanvasFixtures

    @Test func onlyConnectorsNearTheScreenAreRouted() {
        let doc = F.grid(side: 40)  // 1,600 nodes, 1,560 connectors over ~1440×320 cells
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 0)
        let view = CanvasView()
        let buf = F.render(state, view: view, width: 80, height: 24)
        // The corner shows 3 columns × 3 rows of boxes; with the router's detour margin
        // connectors up to ~6 columns × ~8 rows away are considered, never the rest.
        #expect(view.stats.connectorsDrawn >= 4)
        #expect(view.router.searches > 0 && view.router.searches <= 60, "routed \(view.router.searches)")
        #expect(view.router.cachedConnections.count <= 60)
        #expect(buf.text().contains("Log n0-0"))

        // A second frame at the same place routes nothing.
        let before = view.router.searches
        _ = F.render(state, view: view, width: 80, height: 24)
        #expect(view.router.searches == before)
        #expect(view.stats.connectorsRouted == 0)
    }

    @Test func panningRoutesOnlyNewlyReachableConnectors() {
        var state = CanvasState(document: F.grid(side: 40))
        let view = CanvasView()
        state.viewportOrigin = GridPoint(360, 80)
        _ = F.render(state, view: view, width: 80, height: 24)
        let before = view.router.searches
        state.viewportOrigin.x += 8
        _ = F.render(state, view: view, width: 80, height: 24)
        #expect(view.router.searches - before <= 12, "a pan of 8 routed \(view.router.searches - before)")
    }

    @Test func movingOneNodeReroutesOnlyItsConnectors() throws {
        var state = CanvasState(document: F.grid(side: 4))
        let view = CanvasView()
        _ = F.render(state, view: view, width: 160, height: 40)
        let routed = view.router.cachedConnections.count
        #expect(routed == 12)
        let before = view.router.searches

        // n1-1 has one connector in (from n1-0) and one out (to n1-2).
        state.flow.moveNode("n1-1", to: (40, 13))
        _ = F.render(state, view: view, width: 160, height: 40)
        #expect(view.stats.documentChanged)
        #expect(view.stats.connectorsRouted == 2)
        #expect(view.router.searches - before == 2)

        // A keyboard drag step does the same without touching the document.
        state.cursor = GridPoint(41, 14)
        state.handle(.startMove)
        state.handle(.moveCursor(dx: 1, dy: 0))
        _ = F.render(state, view: view, width: 160, height: 40)
        #expect(!view.stats.documentChanged)
        #expect(view.stats.connectorsRouted == 2)
        // Esc puts it back: routes follow again.
        state.handle(.cancel)
        _ = F.render(state, view: view, width: 160, height: 40)
        #expect(view.stats.connectorsRouted == 2)
        let route = try #require(view.router.cachedRoute(Connection(from: "n1-0", outcome: "next", to: "n1-1")))
        #expect(route.cells.last == GridPoint(39, 14))
    }

    /// A selection moved together is one shift of places: the view keeps its scene (no
    /// rebuild, no re-route for a whole-flow move) and draws exactly what a fresh view
    /// draws, and undo gives back the document element for element.
    @Test func movingASelectionDrawsWhatAFreshViewDraws() {
        var doc = F.grid(side: 6)
        doc.notes = [FlowNote(id: "pin", text: "watch", node: "n1-1", x: 40, y: 14), FlowNote(id: "free", text: "loose", x: 2, y: 60)]
        for everything in [true, false] {
            var state = CanvasState(document: doc)
            state.cursor = GridPoint(40, 12)
            let view = CanvasView()
            _ = F.render(state, view: view, width: 120, height: 40)
            if everything { state.selectAll() } else { state.select(["n1-1", "n1-2", "n2-1"]) }
            state.handle(.startMove)
            for step in 0..<5 {
                state.handle(.moveCursor(dx: step < 3 ? 1 : 0, dy: step < 3 ? 0 : 1))
                let searches = view.router.searches
                let kept = F.render(state, view: view, width: 120, height: 40).text()
                if everything { #expect(view.router.searches == searches, "a whole-flow shift re-routes nothing") }
                #expect(kept == F.render(state, width: 120, height: 40).text(), "step \(step), all: \(everything)")
            }
            let moved = state.document
            #expect(moved.notes.first { $0.id == "pin" }.map { ($0.x, $0.y) } ?? (0, 0) == (43, 16), "an attached note follows")
            #expect(moved.notes.first { $0.id == "free" }?.x == (everything ? 5 : 2))
            state.handle(.confirm)
            state.handle(.undo)
            #expect(state.document == doc)
            #expect(F.render(state, view: view, width: 120, height: 40).text() == F.render(state, width: 120, height: 40).text())
        }
    }

    @Test func deletedConnectorsAreForgottenAndBoxesRemoved() {
        var state = CanvasState(document: F.grid(side: 3))
        let view = CanvasView()
        _ = F.render(state, view: view, width: 120, height: 30)
        #expect(view.router.cachedConnections.contains(Connection(from: "n0-0", outcome: "next", to: "n0-1")))
        state.flow.deleteNode("n0-1")
        let buf = F.render(state, view: view, width: 120, height: 30)
        #expect(!view.router.cachedConnections.contains { $0.from == "n0-1" || $0.to == "n0-1" })
        #expect(view.router.obstacles.rect(of: "n0-1") == nil)
        #expect(!buf.text().contains("Log n0-1"))
        // Undo brings it back, drawn and routed.
        state.flow.undo()
        let again = F.render(state, view: view, width: 120, height: 30)
        #expect(again.text().contains("Log n0-1"))
        #expect(view.router.cachedRoute(Connection(from: "n0-0", outcome: "next", to: "n0-1")) != nil)
    }

    @Test func aNewFlowAfterResetIsDrawnFromScratch() {
        let view = CanvasView()
        _ = F.render(CanvasState(document: F.grid(side: 3)), view: view, width: 120, height: 30)
        view.reset()
        let buf = F.render(CanvasState(document: F.orderStatus()), view: view, width: 100, height: 30)
        #expect(!buf.text().contains("Log n0-0"))
        #expect(view.router.obstacles.rect(of: "n0-0") == nil)
        #expect(buf.text().contains("Find the customer"))
    }

    @Test func connectorsToMissingNodesOrOutcomesAreSkipped() {
        var doc = F.grid(side: 2)
        doc.connections.append(Connection(from: "n0-0", outcome: "next", to: "ghost"))
        doc.connections.append(Connection(from: "n1-0", outcome: "nonexistent", to: "n1-1"))
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 19)
        let view = CanvasView()
        let buf = F.render(state, view: view, width: 80, height: 20)
        #expect(view.stats.connectorsDrawn == 2, "only the two real connectors")
        #expect(!view.router.cachedConnections.contains { $0.to == "ghost" || $0.outcome == "nonexistent" })
        #expect(buf.text().contains("Log n1-1"))
    }

    @Test func aConnectorSpanningAHugeAreaIsDrawnWithoutASearch() {
        let router = ConnectorRouter(boxes: ["a": GridRect(x: 0, y: 0, width: 26, height: 4)])
        router.maxSearchCells = 10_000
        let from = GridPoint(26, 2), to = GridPoint(900, 700)
        let r = router.route(Connection(from: "a", outcome: "next", to: "b"), from: from, to: to)
        #expect(r.cells.first == from && r.cells.last == to)
        for (a, b) in zip(r.cells, r.cells.dropFirst()) { #expect(abs(a.x - b.x) + abs(a.y - b.y) == 1) }
        #expect(r.cells.count == abs(to.x - from.x) + abs(to.y - from.y) + 1, "a plain three-segment line")
    }
}
