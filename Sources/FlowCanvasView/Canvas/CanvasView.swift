import FlowKit
import TerminalUI

/// Extra marks the canvas draws over the document: validator badges, the selected
/// connector, a running session's current node, a version diff.
public struct CanvasDecorations: Sendable {
    /// Worst finding per node id (badge ✖ error / ▲ warning on the box).
    public var severities: [String: Severity] = [:]
    public var selectedConnection: Connection?
    /// Node a test run is currently on.
    public var activeNode: String?
    /// The path a test run took: the nodes it visited and the connectors between them.
    public var pathNodes: Set<String> = []
    public var pathConnections: Set<Connection> = []
    /// A version diff drawn over the newer document (see `DiffMarks`).
    public var diff: DiffMarks?
    /// Who last changed each node, as tags on the boxes (BlameMarks.swift).
    public var blame: BlameMarks?

    public init(severities: [String: Severity] = [:], selectedConnection: Connection? = nil, activeNode: String? = nil,
                diff: DiffMarks? = nil) {
        self.severities = severities
        self.selectedConnection = selectedConnection
        self.activeNode = activeNode
        self.diff = diff
    }

    public init(report: ValidationReport) {
        for f in report.findings {
            guard let node = f.node else { continue }
            if severities[node] != .error { severities[node] = f.severity }
        }
    }
}

/// What the last `render` did, for tests, benchmarks and a debug status line.
public struct CanvasRenderStats: Sendable, Equatable {
    public var nodesDrawn = 0
    public var connectorsDrawn = 0
    /// Connectors whose route had to be computed this frame (not from the cache).
    public var connectorsRouted = 0
    public var notesDrawn = 0
    /// True when the document changed since the previous frame (caches were rebuilt).
    public var documentChanged = false
}

/// Draws the visible part of the canvas (node boxes, connectors, notes, the cursor and
/// the mode's preview) into a region of the cell buffer. Keeps the connector router and
/// its cache in step with the document.
///
/// Work per frame is bounded by what is on screen: boxes come from the router's spatial
/// index, a connector is routed only when its boxes are within the router's widest detour
/// of the screen, and drawn only when its cached route's bounds meet the screen.
/// One view serves one canvas; call `reset()` before handing it a different flow.
public final class CanvasView {
    public let router = ConnectorRouter()
    public internal(set) var stats = CanvasRenderStats()
    var scene = CanvasScene()  // internal: the diff painter (DiffMarksPainter.swift) reads it
    /// Reused between frames so drawing allocates little.
    private var visibleLinks: [Int] = []
    private var visibleNodes: [Int] = []
    /// The minimap's occupancy grid (CanvasView+Minimap.swift).
    var minimap: MinimapGrid?
    /// Where the last frame looked (CanvasView+Scroll.swift).
    var lastViewport: RenderedViewport?
    /// Routing ahead of the view between keys (CanvasView+RouteAhead.swift).
    var routeAheadQueue: [Int]?
    var routeAheadNext = 0
    var routeAheadDone = true
    /// Compact-level labels by node index, until the document changes (CanvasView+Zoomed.swift).
    var compactLabels: [Int: CompactLabel] = [:]

    public init() {}

    /// Forgets every cache (routes, boxes, layout), e.g. when another flow is opened.
    public func reset() {
        scene = CanvasScene()
        minimap = nil
        compactLabels = [:]
        lastViewport = nil
        routeAheadQueue = nil
        routeAheadDone = true
        router.invalidateAll()
        for id in router.obstacles.all.keys { router.removeBox(id) }
        router.noteObstacles = ObstacleIndex()
    }

    /// Renders `state` into `area` of `buffer`. The caller sets `state.viewportSize` to
    /// the area's size before calling.
    public func render(_ state: CanvasState, into buffer: inout CellBuffer, area: Rect, theme: Theme,
                       decorations: CanvasDecorations = CanvasDecorations()) {
        stats = CanvasRenderStats()
        stats.documentChanged = scene.sync(state, router: router)
        if stats.documentChanged { compactLabels.removeAll(keepingCapacity: true) }
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        if stats.documentChanged || lastViewport != RenderedViewport(area: area, origin: state.viewportOrigin, zoom: state.zoom) {
            restartRouteAhead()  // CanvasView+RouteAhead.swift
        }
        noteVerticalScroll(state, area: area, into: &buffer)  // CanvasView+Scroll.swift
        if state.zoom.level != .full {
            return renderZoomed(state, into: &buffer, area: area, theme: theme, decorations: decorations)  // CanvasView+Zoomed.swift
        }
        let projection = CanvasProjection(area: area, origin: state.viewportOrigin)
        buffer.withClip(area) { buf in
            buf.fill(area, style: theme.canvasBackground)
            if let diff = decorations.diff { drawDiffGhosts(diff, catalog: state.catalog, projection, theme: theme, into: &buf) }
            drawConnectors(projection, theme: theme, decorations: decorations, into: &buf)
            drawNotes(state, projection, theme: theme, into: &buf)
            drawConnectingPreview(state, projection, theme: theme, into: &buf)
            let selected = drawNodes(state, projection, theme: theme, decorations: decorations, into: &buf)
            if let blame = decorations.blame { drawBlameTags(blame, projection, theme: theme, into: &buf) }
            drawPlacingPreview(state, projection, theme: theme, into: &buf)
            drawSelectionRectangle(state, projection, theme: theme, into: &buf)  // CanvasView+Selection.swift
            var showCursor = selected == nil
            if case .placing = state.mode { showCursor = false }  // the ghost marks it
            if showCursor, projection.isVisible(state.cursor) {
                let p = projection.screen(state.cursor)
                buf.restyle(Rect(x: p.x, y: p.y, width: 1, height: 1)) { $0.adding(.reverse) }
            }
        }
    }

    /// The connector whose line passes through `p`, if any (for delete on a connector).
    /// Only connectors routed so far (those near what was shown) are considered.
    public func connection(at p: GridPoint) -> Connection? {
        router.connection(through: p)
    }

    /// The note whose box holds `p` (the one drawn last wins).
    public func note(at p: GridPoint) -> String? {
        scene.notes.last { $0.rect.contains(p) }?.id
    }

    /// The box of note `id` on the grid as laid out at the last render.
    public func noteRect(_ id: String) -> GridRect? {
        scene.notes.first { $0.id == id }?.rect
    }

    // MARK: - Connectors

    private func drawConnectors(_ projection: CanvasProjection, theme: Theme, decorations: CanvasDecorations,
                                into buf: inout CellBuffer) {
        let view = projection.visible
        visibleLinks.removeAll(keepingCapacity: true)
        var selectedLink: Int?
        for i in scene.linkCandidates(meeting: view) {
            let link = scene.links[i]
            guard scene.reach(of: link).intersects(view) else { continue }
            let from = ConnectorRouter.port(of: scene.rect(link.from), outcomeIndex: link.outcomeIndex)
            let to = ConnectorRouter.entry(of: scene.rect(link.to))
            let before = router.searches
            let route = router.route(link.connection, from: from, to: to)
            if router.searches != before { stats.connectorsRouted += 1 }
            guard route.bounds.intersects(view) else { continue }
            if link.connection == decorations.selectedConnection { selectedLink = i } else { visibleLinks.append(i) }
        }
        // The selected connector last, so it stays whole where it crosses others.
        if let s = selectedLink { visibleLinks.append(s) }
        stats.connectorsDrawn = visibleLinks.count
        let painter = ConnectorPainter(projection: projection)
        let added = decorations.diff?.addedConnections ?? []
        func style(_ i: Int) -> Style {
            if i == selectedLink { return theme.connectorSelected }
            if decorations.pathConnections.contains(scene.links[i].connection) { return theme.added.adding(.bold) }
            return added.contains(scene.links[i].connection) ? theme.added : theme.connector
        }
        for i in visibleLinks {
            guard let r = router.cachedRoute(scene.links[i].connection) else { continue }
            painter.drawLine(r.cells, style: style(i), into: &buf)
        }
        for i in visibleLinks {
            guard let r = router.cachedRoute(scene.links[i].connection) else { continue }
            let isAdded = added.contains(scene.links[i].connection)
            painter.drawLabel(scene.links[i].connection.outcome, r.cells,
                              style: i == selectedLink ? theme.connectorSelected : (isAdded ? theme.added : theme.dimText),
                              into: &buf)
            painter.drawArrow(r.cells, style: style(i), into: &buf)
        }
    }

    // MARK: - Notes

    private func drawNotes(_ state: CanvasState, _ projection: CanvasProjection, theme: Theme, into buf: inout CellBuffer) {
        let view = projection.visible
        let painter = NotePainter(theme: theme)
        // A node being dragged takes its attached notes along (the drop moves them for real).
        var drag: (node: String, dx: Int, dy: Int)?
        if let o = scene.override {
            let d = scene.documentRects[o.index]
            if o.rect.x != d.x || o.rect.y != d.y { drag = (scene.nodes[o.index].id, o.rect.x - d.x, o.rect.y - d.y) }
        }
        for note in scene.notes {
            var r = note.rect
            if let d = drag, note.node == d.node { r = GridRect(x: r.x + d.dx, y: r.y + d.dy, width: r.width, height: r.height) }
            guard r.intersects(view) else { continue }
            painter.paint(note, at: projection.screen(r), chosen: state.selection.notes.contains(note.id), into: &buf)
            stats.notesDrawn += 1
        }
    }

    // MARK: - Nodes

    /// Draws the visible boxes in document order (later ones on top); returns the index of
    /// the node under the cursor, if any.
    private func drawNodes(_ state: CanvasState, _ projection: CanvasProjection, theme: Theme,
                           decorations: CanvasDecorations, into buf: inout CellBuffer) -> Int? {
        visibleNodes.removeAll(keepingCapacity: true)
        for id in router.obstacles.boxes(in: projection.visible) {
            if let i = scene.indexByID[id] { visibleNodes.append(i) }
        }
        visibleNodes.sort()
        let selected = selectedNode(state)
        let marks = SelectionMarks(state)
        // The dragged node is drawn last, over whatever it passes.
        if let o = scene.override, let k = visibleNodes.firstIndex(of: o.index) {
            visibleNodes.remove(at: k)
            visibleNodes.append(o.index)
        }
        let painter = NodeBoxPainter(theme: theme, glyphs: buf.glyphs)
        var connecting: (node: Int, outcome: Int)?
        if case .connecting(let from, _, let k) = state.mode, let i = scene.indexByID[from] { connecting = (i, k) }
        for i in visibleNodes {
            let node = scene.nodes[i]
            var content = NodeBoxPainter.content(for: node, type: scene.types[i], outcomes: scene.outcomes[i],
                                                 connected: { self.scene.isConnected(node: i, outcome: $0) },
                                                 badge: decorations.severities[node.id], glyphs: buf.glyphs)
            if let c = connecting, c.node == i, c.outcome < content.rows.count { content.rows[c.outcome].emphasised = true }
            var emphasis: NodeBoxPainter.Emphasis = .none
            if i == selected {
                emphasis = .selected
                if case .moving = state.mode, overlapsAnother(i) { emphasis = .refused }
            } else if marks.chosen.contains(node.id) {
                emphasis = marks.moving && overlapsFixed(i, marks) ? .refused : .chosen
            } else if node.id == state.highlighted { emphasis = .highlighted
            } else if marks.matched.contains(node.id) { emphasis = .matched
            } else if node.id == decorations.activeNode { emphasis = .active
            } else if decorations.pathNodes.contains(node.id) { emphasis = .added
            } else if let mark = decorations.diff?.mark(for: node.id) { emphasis = mark == .added ? .added : .changed }
            content.diffMark = decorations.diff?.mark(for: node.id)
            painter.paint(content, at: projection.screen(scene.rect(i)), emphasis: emphasis, into: &buf)
        }
        stats.nodesDrawn = visibleNodes.count
        return selected
    }

    /// The node under the cursor from the spatial index (the dragged node while moving).
    private func selectedNode(_ state: CanvasState) -> Int? {
        if let o = scene.override { return o.index }
        guard let id = router.obstacles.box(at: state.cursor) else { return nil }
        return scene.indexByID[id]
    }

    /// Whether node `i`, where it is shown, would overlap another box (with the one cell
    /// of air `CanvasState.overlaps` demands): a drop there would be refused.
    private func overlapsAnother(_ i: Int) -> Bool {
        let r = scene.rect(i)
        let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
        return router.obstacles.boxes(in: padded).contains { $0 != scene.nodes[i].id }
    }

    // MARK: - Mode previews

    /// A ghost of the box being placed at the cursor; red when the drop would be refused.
    private func drawPlacingPreview(_ state: CanvasState, _ projection: CanvasProjection, theme: Theme,
                                    into buf: inout CellBuffer) {
        guard case .placing(let type) = state.mode else { return }
        let r = state.previewRect(type: type, at: state.cursor)
        let spec = state.catalog.type(type)
        let ghost = FlowNode(id: "new", type: type, label: "new \(spec?.title ?? type)", config: spec?.defaultConfig() ?? [:])
        let content = NodeBoxPainter.content(for: ghost, type: spec, outcomes: spec?.outcomes(for: ghost) ?? [],
                                             connected: { _ in false }, badge: nil, glyphs: buf.glyphs)
        let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
        let blocked = !router.obstacles.boxes(in: padded).isEmpty
        NodeBoxPainter(theme: theme, glyphs: buf.glyphs)
            .paint(content, at: projection.screen(r), emphasis: blocked ? .refused : .ghost, into: &buf)
    }

    private func drawConnectingPreview(_ state: CanvasState, _ projection: CanvasProjection, theme: Theme,
                                       into buf: inout CellBuffer) {
        guard case .connecting(let from, _, let k) = state.mode, let i = scene.indexByID[from] else { return }
        let target = router.obstacles.box(at: state.cursor).flatMap { scene.indexByID[$0] }
        drawRubberBand(from: ConnectorRouter.port(of: scene.rect(i), outcomeIndex: k), to: state.cursor,
                       over: target == i ? nil : target, projection, theme: theme, into: &buf)
    }

    /// An orthogonal line from the chosen port towards the cursor (into the target box's
    /// entry when the cursor is on a node), ending in an arrowhead. Drawn before the boxes,
    /// so where it would cut through one it passes under it.
    private func drawRubberBand(from port: GridPoint, to cursor: GridPoint, over target: Int?,
                                _ projection: CanvasProjection, theme: Theme, into buf: inout CellBuffer) {
        let end = target.map { ConnectorRouter.entry(of: scene.rect($0)) } ?? cursor
        var corners = [port]
        if end.x > port.x + 1 {
            corners += [GridPoint(end.x - 1, port.y), GridPoint(end.x - 1, end.y)]
        } else if let t = target {
            // The target lies behind the port: go round above it and come in from the left.
            let above = scene.rect(t).y - 1
            corners += [GridPoint(port.x + 1, port.y), GridPoint(port.x + 1, above),
                        GridPoint(end.x - 1, above), GridPoint(end.x - 1, end.y)]
        } else {
            corners += [GridPoint(port.x + 1, port.y), GridPoint(port.x + 1, end.y)]
        }
        corners.append(end)
        var cells: [GridPoint] = [port]
        for b in corners.dropFirst() where b != cells[cells.count - 1] {
            var p = cells[cells.count - 1]
            while p != b {
                p = GridPoint(p.x + (b.x - p.x).signum(), p.y + (b.y - p.y).signum())
                cells.append(p)
            }
        }
        let painter = ConnectorPainter(projection: projection)
        if cells.count >= 2 {
            // Heavy, so where it runs along an existing connector the two stay apart.
            painter.drawLine(cells, style: theme.connectorSelected, lineStyle: .heavy, into: &buf)
            painter.drawArrow(cells, style: theme.connectorSelected, into: &buf)
        }
    }
}
