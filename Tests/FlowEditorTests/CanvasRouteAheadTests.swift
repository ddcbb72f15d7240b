@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 10's pans at any size: between keys the idle tick routes the connectors within a
/// screen of the view, so a pan into them routes nothing on the key path.
@Suite struct CanvasRouteAheadTests {
    typealias F = CanvasFixtures

    func frame(_ view: CanvasView, _ state: CanvasState) {
        var buf = CellBuffer(width: 80, height: 24)
        view.render(state, into: &buf, area: buf.bounds, theme: .standard)
    }

    @Test func aPanIntoRoutedAheadConnectorsRoutesNothing() {
        var state = CanvasState(document: F.grid(side: 12))  // 12 × 12 boxes, 432 × 96 cells
        state.viewportSize = (80, 24)
        let view = CanvasView()
        frame(view, state)
        #expect(view.stats.connectorsRouted > 0)
        #expect(view.hasRouteAheadWork)
        var steps = 0
        while view.routeAhead(budget: .microseconds(50)) { steps += 1; #expect(steps < 10_000) }
        #expect(!view.hasRouteAheadWork)
        let routedAhead = view.router.cachedConnections.count
        // Half a screen right and down: everything it shows was routed ahead.
        state.viewportOrigin = GridPoint(state.viewportOrigin.x + 40, state.viewportOrigin.y + 12)
        frame(view, state)
        #expect(view.stats.connectorsRouted == 0)
        #expect(view.stats.connectorsDrawn > 0)
        // The new view restarts the work; without it the same pan from a fresh view routes.
        #expect(view.hasRouteAheadWork)
        let fresh = CanvasView()
        var from = state
        from.viewportOrigin = GridPoint(0, 0)
        frame(fresh, from)
        frame(fresh, state)
        #expect(fresh.stats.connectorsRouted > 0)
        #expect(routedAhead > fresh.router.cachedConnections.count)
        // The routes are the ones drawing would have made.
        for c in fresh.router.cachedConnections {
            #expect(fresh.router.cachedRoute(c)?.cells == view.router.cachedRoute(c)?.cells, "\(c)")
        }
    }

    @Test func theScreensIdleTickRoutesAheadAfterTheCheck() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.workspace.createFlow(named: "Grid", document: F.grid(side: 12)).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = renderFrame(s, 120, 40)
        #expect(s.findingsAreCurrent)
        #expect(s.idleTickMs == CanvasScreen.routeAheadIdleMs)
        var ticks = 0
        while s.canvasView.hasRouteAheadWork, ticks < 10_000 { _ = s.tick(); ticks += 1 }
        #expect(!s.canvasView.hasRouteAheadWork)
        #expect(s.idleTickMs == nil)  // nothing left: the run loop's usual tick
        // Zoomed out there is nothing to route.
        _ = s.handle(.char("-"))
        _ = renderFrame(s, 120, 40)
        #expect(s.idleTickMs == nil)
    }
}
