import TerminalUI

/// Routing ahead of the view. A frame routes the connectors near the screen that no frame
/// routed before (lazy routing, DECISIONS "Canvas"); a pan into new parts of a large flow
/// paid those searches on the key path (issue 10: pans at 50,000 nodes, and a 100 ms frame
/// whenever a connector across the whole flow came near). Between keys, the run loop's idle
/// tick routes the connectors within a screen of the view in every direction, a millisecond
/// at a time, so the next pan or scroll finds them cached. Routes are the same either way:
/// `ConnectorRouter.route` caches by endpoints, whoever asks first.
extension CanvasView {
    /// How long one call of `routeAhead` may search before it yields to the keys.
    public static let routeAheadBudget = Duration.milliseconds(1)

    /// True while connectors near the last frame's view are still unrouted (full zoom only:
    /// the zoomed-out levels draw unrouted lines).
    public var hasRouteAheadWork: Bool { !routeAheadDone && lastViewport?.zoom.level == .full }

    /// Forgets the queue: the view moved or the document changed since it was made.
    func restartRouteAhead() {
        routeAheadQueue = nil
        routeAheadNext = 0
        routeAheadDone = false
    }

    /// The grid around the last frame's view that routing ahead covers: a screen each way.
    func routeAheadArea() -> GridRect? {
        guard let last = lastViewport, last.zoom.level == .full else { return nil }
        let w = last.area.width, h = last.area.height
        return GridRect(x: last.origin.x - w, y: last.origin.y - h, width: 3 * w, height: 3 * h)
    }

    /// Routes connectors near the view until `budget` is spent; true when some remain.
    @discardableResult
    public func routeAhead(budget: Duration = CanvasView.routeAheadBudget) -> Bool {
        guard !routeAheadDone else { return false }
        guard let area = routeAheadArea() else { routeAheadDone = true; return false }
        let clock = ContinuousClock()
        let start = clock.now
        if routeAheadQueue == nil {
            routeAheadQueue = scene.linkCandidates(meeting: area)
            routeAheadNext = 0
        }
        let queue = routeAheadQueue ?? []
        while routeAheadNext < queue.count {
            let link = scene.links[queue[routeAheadNext]]
            routeAheadNext += 1
            guard scene.reach(of: link).intersects(area) else { continue }
            let from = ConnectorRouter.port(of: scene.rect(link.from), outcomeIndex: link.outcomeIndex)
            let to = ConnectorRouter.entry(of: scene.rect(link.to))
            _ = router.route(link.connection, from: from, to: to)
            if clock.now - start >= budget { return routeAheadNext < queue.count }
        }
        routeAheadQueue = nil
        routeAheadDone = true
        return false
    }
}
