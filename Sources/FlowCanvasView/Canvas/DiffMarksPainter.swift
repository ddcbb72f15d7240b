import FlowKit
import TerminalUI

/// The gone half of a version diff: connectors and node boxes of the older document that
/// the newer one no longer has, drawn dim ("ghosts") under everything else, so the newer
/// document's boxes and lines stay whole where they overlap. A removed connector's route
/// stays in the router's cache until the document changes (`retain(only:)` drops it).
extension CanvasView {
    func drawDiffGhosts(_ diff: DiffMarks, catalog: NodeCatalog, _ projection: CanvasProjection, theme: Theme,
                        into buf: inout CellBuffer) {
        let view = projection.visible
        var ghostBoxes: [String: (rect: GridRect, outcomes: [String], node: FlowNode)] = [:]
        for node in diff.ghosts {
            let outcomes = catalog.type(node.type)?.outcomes(for: node) ?? []
            let rect = GridRect(x: node.x ?? 0, y: node.y ?? 0, width: NodeGeometry.width,
                                height: NodeGeometry.height(outcomeCount: outcomes.count))
            ghostBoxes[node.id] = (rect, outcomes, node)
        }
        // A node of the newer document where it is drawn, else its ghost.
        func box(_ id: String) -> (rect: GridRect, outcomes: [String])? {
            if let i = scene.indexByID[id] { return (scene.rect(i), scene.outcomes[i]) }
            return ghostBoxes[id].map { ($0.rect, $0.outcomes) }
        }

        let painter = ConnectorPainter(projection: projection)
        for c in diff.removedConnections {
            guard let from = box(c.from), let to = box(c.to) else { continue }
            let oldOutcomes = diff.old.node(withID: c.from).flatMap { catalog.type($0.type)?.outcomes(for: $0) } ?? []
            let k = from.outcomes.firstIndex(of: c.outcome) ?? oldOutcomes.firstIndex(of: c.outcome) ?? 0
            // Routed like any connector (round the newer document's boxes). Ghost routes go
            // first, so the newer connectors then keep clear of them where they can.
            let route = router.route(c, from: ConnectorRouter.port(of: from.rect, outcomeIndex: k),
                                     to: ConnectorRouter.entry(of: to.rect))
            guard route.bounds.intersects(view) else { continue }
            let cells = route.cells
            painter.drawLine(cells, style: theme.ghost, into: &buf)
            painter.drawLabel(c.outcome, cells, style: theme.ghost, into: &buf)
            painter.drawArrow(cells, style: theme.ghost, into: &buf)
        }

        let boxPainter = NodeBoxPainter(theme: theme, glyphs: buf.glyphs)
        for node in diff.ghosts {
            guard let g = ghostBoxes[node.id], g.rect.intersects(view) else { continue }
            let wired = Set(diff.old.connections(from: node.id).map(\.outcome))
            var content = NodeBoxPainter.content(for: node, type: catalog.type(node.type), outcomes: g.outcomes,
                                                 connected: { wired.contains(g.outcomes[$0]) }, badge: nil, glyphs: buf.glyphs)
            content.diffMark = .removed
            boxPainter.paint(content, at: projection.screen(g.rect), emphasis: .ghost, into: &buf)
        }
    }
}
