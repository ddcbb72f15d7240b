import FlowKit
import TerminalUI

/// Draws `BlameMarks` over the boxes already drawn: the tag on a box's bottom border at
/// full zoom, on the row under a node's line at compact zoom; nothing in the overview
/// (one or two cells per node leave no room for text).
extension CanvasView {
    func drawBlameTags(_ blame: BlameMarks, _ projection: CanvasProjection, theme: Theme, into buf: inout CellBuffer) {
        for id in router.obstacles.boxes(in: projection.visible) {
            guard let i = scene.indexByID[id], let tag = blame.tags[id] else { continue }
            let r = projection.screen(scene.rect(i))
            guard r.width > 4 else { continue }
            buf.put(" " + tag + " ", x: r.x + 1, y: r.y + r.height - 1, maxWidth: r.width - 2, style: theme.highlight)
        }
    }

    func drawZoomedBlameTags(_ blame: BlameMarks, _ z: CanvasZoom, origin: GridPoint, grid: GridRect, area: Rect,
                             theme: Theme, into buf: inout CellBuffer) {
        guard z.level == .compact else { return }
        for id in router.obstacles.boxes(in: grid) {
            guard let i = scene.indexByID[id], let tag = blame.compactTags[id] else { continue }
            let span = z.span(of: scene.rect(i), origin: origin)
            buf.put(tag, x: area.x + span.x, y: area.y + span.y + 1, maxWidth: span.width, style: theme.highlight)
        }
    }
}
