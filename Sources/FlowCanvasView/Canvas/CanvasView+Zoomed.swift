import FlowKit
import TerminalUI

/// The zoomed-out levels (CanvasZoom.swift): compact draws a node as one line (type
/// abbreviation + label), overview as one or two cells; connectors are thin orthogonal
/// lines between the scaled port and entry (not routed: at these scales a route's detours
/// would be a cell or less). Markers keep their meaning at every level: the node under
/// the cursor reversed, findings as ✖/▲, diff marks +/~, the test run's node in green.
/// Work is bounded by the screen: boxes come from the spatial index of the visible grid.
extension CanvasView {
    func renderZoomed(_ state: CanvasState, into buf: inout CellBuffer, area: Rect, theme: Theme,
                      decorations: CanvasDecorations) {
        let z = state.zoom, origin = state.viewportOrigin
        let grid = GridRect(x: origin.x, y: origin.y, width: area.width * z.scaleX, height: area.height * z.scaleY)
        buf.withClip(area) { buf in
            buf.fill(area, style: theme.canvasBackground)
            drawZoomedConnectors(z, origin: origin, grid: grid, area: area, theme: theme, path: decorations.pathConnections,
                                 into: &buf)
            var visible = scene.nodeIndices(meeting: grid, obstacles: router.obstacles)
            let cursorCell = z.cell(of: state.cursor, origin: origin)
            // The node under the cursor: the last drawn whose cells hold the cursor's cell.
            let selected = visible.last { z.span(of: scene.rect($0), origin: origin).contains(cursorCell) }
            let marks = SelectionMarks(state)
            if let s = selected, let k = visible.firstIndex(of: s) { visible.remove(at: k); visible.append(s) }
            for i in visible {
                drawZoomedNode(i, z, origin: origin, area: area, selected: i == selected, marks: marks, state: state,
                               theme: theme, decorations: decorations, into: &buf)
            }
            stats.nodesDrawn = visible.count
            if let blame = decorations.blame {
                drawZoomedBlameTags(blame, z, origin: origin, grid: grid, area: area, theme: theme, into: &buf)
            }
            if selected == nil {
                let p = Point(x: area.x + cursorCell.x, y: area.y + cursorCell.y)
                if area.contains(p) { buf.restyle(Rect(x: p.x, y: p.y, width: 1, height: 1)) { $0.adding(.reverse) } }
            }
        }
    }

    private func drawZoomedNode(_ i: Int, _ z: CanvasZoom, origin: GridPoint, area: Rect, selected: Bool,
                                marks: SelectionMarks, state: CanvasState, theme: Theme, decorations: CanvasDecorations,
                                into buf: inout CellBuffer) {
        let id = scene.nodes[i].id  // only the id: copying each node (its config) showed in profiles
        let span = z.span(of: scene.rect(i), origin: origin)
        let x = area.x + span.x, y = area.y + span.y, w = span.width
        // Empty sets answer without hashing the id (hundreds of nodes per frame zoomed out).
        let chosen = !marks.chosen.isEmpty && marks.chosen.contains(id)
        let matched = !marks.matched.isEmpty && marks.matched.contains(id)
        let badge = decorations.severities.isEmpty ? nil : decorations.severities[id]
        let diff = decorations.diff?.mark(for: id)
        var style = theme.nodeBox
        if selected { style = theme.selected
        } else if chosen { style = theme.highlight.adding(.reverse)
        } else if id == state.highlighted { style = theme.highlight
        } else if matched { style = theme.highlight.adding(.underline)
        } else if id == decorations.activeNode { style = theme.added.adding(.bold)
        } else if !decorations.pathNodes.isEmpty && decorations.pathNodes.contains(id) { style = theme.added
        } else if let d = diff { style = d == .added ? theme.added : theme.warning }
        let mark: (String, Style)? = badge.map { $0 == .error ? (buf.glyphs.errorMark, theme.error) : (buf.glyphs.warningMark, theme.warning) }
            ?? diff.map { $0 == .added ? ("+", theme.added.adding(.bold)) : $0 == .changed ? ("~", theme.warning.adding(.bold)) : ("-", theme.ghost) }
        // A finding's mark keeps its colour and shows the selection (reversed) or a search
        // match (underlined), as a box with no mark shows them in its own cells.
        func markStyle(_ ms: Style) -> Style {
            if selected || chosen { return ms.adding(.reverse) }
            return matched ? ms.adding(.underline) : ms
        }
        if z.level == .overview {
            // A block per cell; a finding or diff mark takes the first cell, keeping the
            // cursor's reverse video when the node is selected.
            let block: Character = buf.glyphs == .unicode ? "■" : "#"
            for k in 0..<w { buf.put(block, x: x + k, y: y, style: style) }
            if let (m, ms) = mark { buf.put(m, x: x, y: y, style: markStyle(ms)) }
            return
        }
        let filled = selected || chosen
        let textStyle = filled ? style : (style == theme.nodeBox ? theme.text : style)
        buf.fill(Rect(x: x, y: y, width: w, height: 1), style: filled ? style : theme.canvasBackground)
        let markWidth = mark == nil ? 0 : 2
        buf.put(compactLabel(i, width: w - markWidth, glyphs: buf.glyphs), x: x, y: y,
                maxWidth: w - markWidth, style: textStyle)
        if let (m, ms) = mark { buf.put(m, x: x + w - 1, y: y, style: markStyle(ms)) }
    }

    /// Thin lines: from just right of the source's cells on its label row, across to the
    /// column before the target, then down/up and into it (an arrow at compact zoom).
    private func drawZoomedConnectors(_ z: CanvasZoom, origin: GridPoint, grid: GridRect, area: Rect, theme: Theme,
                                      path: Set<Connection> = [], into buf: inout CellBuffer) {
        var drawn = 0
        let plain = z.level == .overview ? theme.dimText : theme.connector
        var cells: [GridPoint] = []  // reused: one allocation per frame, not one per connector
        for l in scene.linkCandidates(meeting: grid) {
            let link = scene.links[l]
            // A test run's path stays visible at every zoom level.
            let style = !path.isEmpty && path.contains(link.connection) ? theme.added.adding(.bold) : plain
            let a = scene.rect(link.from), b = scene.rect(link.to)
            guard a.union(b).intersects(grid) else { continue }
            let sa = z.span(of: a, origin: origin), sb = z.span(of: b, origin: origin)
            let from = GridPoint(sa.maxX, sa.y), to = GridPoint(sb.x - 1, sb.y)
            cells.removeAll(keepingCapacity: true)
            func run(_ p: GridPoint, _ q: GridPoint) {
                var c = p
                cells.append(c)
                while c != q {
                    c = GridPoint(c.x + (q.x - c.x).signum(), c.y + (q.y - c.y).signum())
                    cells.append(c)
                }
            }
            if to.x >= from.x {
                let mid = from.x + max(0, (to.x - from.x) / 2)
                run(from, GridPoint(mid, from.y))
                cells.removeLast(); run(GridPoint(mid, from.y), GridPoint(mid, to.y))
                cells.removeLast(); run(GridPoint(mid, to.y), to)
            } else {
                // Backwards (a loop): out, along the row above the target, back in.
                let above = min(from.y, to.y) - 1
                run(from, GridPoint(from.x, above))
                cells.removeLast(); run(GridPoint(from.x, above), GridPoint(to.x, above))
                cells.removeLast(); run(GridPoint(to.x, above), to)
            }
            guard cells.count >= 2 else { continue }
            drawn += 1
            for k in cells.indices {
                var dirs: LineDirections = []
                if k > 0 { dirs.formUnion(ConnectorPainter.direction(from: cells[k], to: cells[k - 1])) }
                if k + 1 < cells.count { dirs.formUnion(ConnectorPainter.direction(from: cells[k], to: cells[k + 1])) }
                if k == cells.count - 1, z.level == .compact { continue }
                buf.drawLineCell(x: area.x + cells[k].x, y: area.y + cells[k].y, dirs, style: style, join: .cross)
            }
            if z.level == .compact, let last = cells.last {
                buf.drawArrow(x: area.x + last.x, y: area.y + last.y, pointing: .right, style: style)
            }
        }
        stats.connectorsDrawn = drawn
    }

    /// A node's compact-level text ("LG Audit 12"), cut to `width`: kept between frames
    /// (the labels of every node on screen were built and cut anew each frame) until the
    /// document changes.
    func compactLabel(_ i: Int, width: Int, glyphs: GlyphSet) -> String {
        if let c = compactLabels[i], c.width == width, c.glyphs == glyphs { return c.text }
        let node = scene.nodes[i]
        let label = node.label.isEmpty ? node.id : node.label
        let text = "\(scene.types[i]?.abbreviation ?? glyphs.unknownMark) \(label)"
        let cut = TextLayout.truncate(text, to: width, ellipsis: glyphs.ellipsis)
        compactLabels[i] = CompactLabel(width: width, glyphs: glyphs, text: cut)
        return cut
    }
}

/// A cached compact-level label (CanvasView.compactLabel).
struct CompactLabel {
    var width: Int
    var glyphs: GlyphSet
    var text: String
}
