import FlowKit
import TerminalUI

/// The whole flow scaled into a small box, for the minimap: which cells hold a node.
/// Built once per document (and per box size), so a pan redraws the box without a pass
/// over the nodes; findings are few and marked per frame.
struct MinimapGrid {
    var key: (generation: Int, nodeCount: Int, width: Int, height: Int)
    /// The flow's bounds and the grid cells one map cell covers.
    var bounds: GridRect
    var scaleX: Int
    var scaleY: Int
    /// Nodes per map cell where the document has them (built once per document).
    var counts: [Int32]
    /// Which cells hold a node as shown: `counts` with a dragged node at its shown place
    /// (redone per drag step from `counts`, O(map cells), not a pass over the nodes).
    var occupied: [Bool]
    var shown: (index: Int, rect: GridRect)?

    func clampedCell(of r: GridRect, width: Int, height: Int) -> Int {
        let c = cell(of: GridPoint(r.x + r.width / 2, r.y + r.height / 2))
        return max(0, min(c.y, height - 1)) * width + max(0, min(c.x, width - 1))
    }

    func cell(of p: GridPoint) -> (x: Int, y: Int) {
        ((p.x - bounds.x) / scaleX, (p.y - bounds.y) / scaleY)
    }
}

extension CanvasView {
    /// The minimap's box for a canvas area: a third of it at most, in its bottom-right
    /// corner; nil when the canvas is too small for one.
    public static func minimapRect(in area: Rect) -> Rect? {
        let w = min(32, max(14, area.width / 3)), h = min(12, max(6, area.height / 3))
        guard area.width >= w + 8, area.height >= h + 3 else { return nil }
        return Rect(x: area.maxX - w, y: area.maxY - h, width: w, height: h)
    }

    /// Draws the minimap over the bottom-right corner of `area` (call after `render`, whose
    /// scene it reads): every node as a dot, findings as ✖/▲, the node under the cursor
    /// reversed, and the viewport as a rectangle. Returns the box drawn, if any.
    @discardableResult
    public func renderMinimap(_ state: CanvasState, into buf: inout CellBuffer, area: Rect, theme: Theme,
                              decorations: CanvasDecorations = CanvasDecorations()) -> Rect? {
        guard let box = Self.minimapRect(in: area), !scene.nodes.isEmpty else { return nil }
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
        let grid = minimapGrid(state, width: inner.width, height: inner.height)
        buf.withClip(box) { b in
            b.fill(box, style: theme.canvasBackground)
            b.drawBox(box, lineStyle: .rounded, style: theme.paneBorder)
            b.put(" map ", x: box.x + 2, y: box.y, style: theme.paneTitle)
            let dot: Character = b.glyphs == .unicode ? "▪" : "o"
            for y in 0..<inner.height {
                for x in 0..<inner.width where grid.occupied[y * inner.width + x] {
                    b.put(dot, x: inner.x + x, y: inner.y + y, style: theme.nodeBox)
                }
            }
            // The viewport, clamped to the map so a view beyond the flow still shows at its edge.
            let v = state.visibleGrid
            let a = grid.cell(of: GridPoint(v.x, v.y)), z = grid.cell(of: GridPoint(v.maxX - 1, v.maxY - 1))
            let x0 = max(0, min(a.x, inner.width - 1)), x1 = max(0, min(z.x, inner.width - 1))
            let y0 = max(0, min(a.y, inner.height - 1)), y1 = max(0, min(z.y, inner.height - 1))
            let view = Rect(x: inner.x + x0, y: inner.y + y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
            if view.width >= 2, view.height >= 2, view != inner {
                // The outline on empty cells; a node on the outline keeps its dot, highlighted.
                for y in view.y..<view.maxY {
                    for x in view.x..<view.maxX where y == view.y || y == view.maxY - 1 || x == view.x || x == view.maxX - 1 {
                        if grid.occupied[(y - inner.y) * inner.width + (x - inner.x)] {
                            b.restyle(Rect(x: x, y: y, width: 1, height: 1)) { _ in theme.highlight }
                            continue
                        }
                        var dirs: LineDirections = []
                        if x > view.x { dirs.insert(.left) }
                        if x < view.maxX - 1 { dirs.insert(.right) }
                        if y > view.y { dirs.insert(.up) }
                        if y < view.maxY - 1 { dirs.insert(.down) }
                        if y != view.y && y != view.maxY - 1 { dirs = [.up, .down] }
                        if x != view.x && x != view.maxX - 1 { dirs = [.left, .right] }
                        b.drawLineCell(x: x, y: y, dirs, style: theme.highlight)
                    }
                }
            } else {
                b.restyle(view) { $0.adding(.reverse) }
            }
            // Findings, worst per cell, over everything else.
            var worst: [Int: Severity] = [:]
            for (id, severity) in decorations.severities {
                guard let i = scene.indexByID[id] else { continue }
                let r = scene.rect(i), c = grid.cell(of: GridPoint(r.x, r.y))
                guard c.x >= 0, c.x < inner.width, c.y >= 0, c.y < inner.height else { continue }
                let k = c.y * inner.width + c.x
                if worst[k] != .error { worst[k] = severity }
            }
            for (k, severity) in worst {
                let (mark, style) = severity == .error ? (b.glyphs.errorMark, theme.error) : (b.glyphs.warningMark, theme.warning)
                b.put(mark, x: inner.x + k % inner.width, y: inner.y + k / inner.width, style: style)
            }
            drawMinimapMarks(state, grid: grid, inner: inner, theme: theme, into: &b)  // CanvasView+Selection.swift
            // The node under the cursor.
            if let n = state.nodeUnderCursor, let i = scene.indexByID[n.id] {
                let r = scene.rect(i), c = grid.cell(of: GridPoint(r.x, r.y))
                if c.x >= 0, c.x < inner.width, c.y >= 0, c.y < inner.height {
                    b.restyle(Rect(x: inner.x + c.x, y: inner.y + c.y, width: 1, height: 1)) { $0.adding(.reverse) }
                }
            }
        }
        return box
    }

    /// The occupancy grid: counted once per document and size; a dragged box only moves
    /// its own dot (a node dragged beyond the flow's edge shows at the map's edge).
    func minimapGrid(_ state: CanvasState, width: Int, height: Int) -> MinimapGrid {
        var g: MinimapGrid
        if let old = minimap, old.key.generation == state.flow.generation, old.key.nodeCount == scene.nodes.count,
           old.key.width == width, old.key.height == height {
            g = old
        } else {
            let rects = scene.documentRects
            var bounds = rects[0]
            for r in rects { bounds = bounds.union(r) }
            let sx = max(1, (bounds.width + width - 1) / width), sy = max(1, (bounds.height + height - 1) / height)
            g = MinimapGrid(key: (state.flow.generation, scene.nodes.count, width, height), bounds: bounds, scaleX: sx,
                            scaleY: sy, counts: Array(repeating: 0, count: width * height),
                            occupied: Array(repeating: false, count: width * height), shown: nil)
            for r in rects { g.counts[g.clampedCell(of: r, width: width, height: height)] += 1 }
            g.occupied = g.counts.map { $0 > 0 }
        }
        let shown = scene.override
        if shown?.index != g.shown?.index || shown?.rect != g.shown?.rect {
            var counts = g.counts
            if let o = shown {
                counts[g.clampedCell(of: scene.documentRects[o.index], width: width, height: height)] -= 1
                counts[g.clampedCell(of: o.rect, width: width, height: height)] += 1
            }
            g.occupied = counts.map { $0 > 0 }
            g.shown = shown
        }
        minimap = g
        return g
    }
}
