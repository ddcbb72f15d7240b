/// Box-drawing on a `CellBuffer`. Each cell remembers the directions of the lines through it,
/// so lines drawn one after the other merge into the right junction glyph (├ ┬ ┼ …), and
/// `LineJoin.cross` keeps true crossings from reading as joins.
extension CellBuffer {
    /// Adds line directions `dirs` to the cell at (x, y).
    public mutating func drawLineCell(x: Int, y: Int, _ dirs: LineDirections, lineStyle: LineStyle = .single,
                                      style: Style = .plain, join: LineJoin = .merge) {
        guard x >= 0, y >= 0, x < width, y < height, clip.contains(Point(x: x, y: y)) else { return }
        let i = y * width + x
        let existing = LineDirections(rawValue: lineBits[i] & 0x0F)
        var result = existing.union(dirs)
        // A crossing: both lines pass straight through. The line drawn last stays straight
        // over the other. Anything else (a line end, a bend, a T) is a real join and merges.
        if join == .cross, (dirs == .horizontal && existing == .vertical) || (dirs == .vertical && existing == .horizontal) {
            result = dirs
        }
        // Line glyphs (box drawing or ASCII) are one column wide, and the cell is inside the
        // clip: no width lookup per cell.
        storeNarrow(glyphs.line(result, style: lineStyle), x: x, y: y, style: style)
        lineBits[i] = result.rawValue
    }

    /// A horizontal line of `length` cells starting at (x, y). Its end cells point inwards
    /// only, so an end touching a vertical line forms a T (├ ┤) instead of a cross.
    public mutating func horizontalLine(x: Int, y: Int, length: Int, lineStyle: LineStyle = .single,
                                        style: Style = .plain, join: LineJoin = .merge) {
        guard length > 0 else { return }
        if length == 1 { drawLineCell(x: x, y: y, .horizontal, lineStyle: lineStyle, style: style, join: join); return }
        for i in 0..<length {
            let dirs: LineDirections = i == 0 ? .right : (i == length - 1 ? .left : .horizontal)
            drawLineCell(x: x + i, y: y, dirs, lineStyle: lineStyle, style: style, join: join)
        }
    }

    /// A vertical line of `length` cells starting at (x, y) going down.
    public mutating func verticalLine(x: Int, y: Int, length: Int, lineStyle: LineStyle = .single,
                                      style: Style = .plain, join: LineJoin = .merge) {
        guard length > 0 else { return }
        if length == 1 { drawLineCell(x: x, y: y, .vertical, lineStyle: lineStyle, style: style, join: join); return }
        for i in 0..<length {
            let dirs: LineDirections = i == 0 ? .down : (i == length - 1 ? .up : .vertical)
            drawLineCell(x: x, y: y + i, dirs, lineStyle: lineStyle, style: style, join: join)
        }
    }

    /// An orthogonal path through `points` (each step horizontal or vertical). Bends become
    /// corners; the first and last cells point only along the path, ready for an arrowhead.
    public mutating func drawPath(_ points: [Point], lineStyle: LineStyle = .single,
                                  style: Style = .plain, join: LineJoin = .cross) {
        guard points.count >= 2 else { return }
        // Collect every cell's directions first so a bend is one merged cell, not two draws.
        var order: [Point] = []
        var dirsAt: [Point: LineDirections] = [:]
        func add(_ p: Point, _ d: LineDirections) {
            if dirsAt[p] == nil { order.append(p) }
            dirsAt[p, default: []].formUnion(d)
        }
        for (a, b) in zip(points, points.dropFirst()) {
            precondition(a.x == b.x || a.y == b.y, "drawPath needs orthogonal steps: \(a) -> \(b)")
            let dx = (b.x - a.x).signum(), dy = (b.y - a.y).signum()
            guard dx != 0 || dy != 0 else { continue }
            let forward: LineDirections = dx > 0 ? .right : dx < 0 ? .left : dy > 0 ? .down : .up
            let backward: LineDirections = dx > 0 ? .left : dx < 0 ? .right : dy > 0 ? .up : .down
            var p = a
            add(p, forward)
            while p != b {
                p = Point(x: p.x + dx, y: p.y + dy)
                add(p, p == b ? backward : [forward, backward])
            }
        }
        for p in order {
            drawLineCell(x: p.x, y: p.y, dirsAt[p]!, lineStyle: lineStyle, style: style, join: join)
        }
    }

    /// A rectangle outline. Boxes merge with lines already there, so two boxes sharing an
    /// edge show ┬ ┴ ├ ┤ where they meet.
    public mutating func drawBox(_ rect: Rect, lineStyle: LineStyle = .single, style: Style = .plain,
                                 join: LineJoin = .merge) {
        guard rect.width >= 2, rect.height >= 2 else {
            if rect.width == 1 { verticalLine(x: rect.x, y: rect.y, length: rect.height, lineStyle: lineStyle, style: style, join: join) }
            else if rect.height == 1 { horizontalLine(x: rect.x, y: rect.y, length: rect.width, lineStyle: lineStyle, style: style, join: join) }
            return
        }
        let l = rect.x, r = rect.maxX - 1, t = rect.y, b = rect.maxY - 1
        drawLineCell(x: l, y: t, [.down, .right], lineStyle: lineStyle, style: style, join: join)
        drawLineCell(x: r, y: t, [.down, .left], lineStyle: lineStyle, style: style, join: join)
        drawLineCell(x: l, y: b, [.up, .right], lineStyle: lineStyle, style: style, join: join)
        drawLineCell(x: r, y: b, [.up, .left], lineStyle: lineStyle, style: style, join: join)
        for x in (l + 1)..<r {
            drawLineCell(x: x, y: t, .horizontal, lineStyle: lineStyle, style: style, join: join)
            drawLineCell(x: x, y: b, .horizontal, lineStyle: lineStyle, style: style, join: join)
        }
        for y in (t + 1)..<b {
            drawLineCell(x: l, y: y, .vertical, lineStyle: lineStyle, style: style, join: join)
            drawLineCell(x: r, y: y, .vertical, lineStyle: lineStyle, style: style, join: join)
        }
    }

    /// An arrowhead (▶ ◀ ▲ ▼, or > < ^ v in ASCII) pointing in `direction`.
    public mutating func drawArrow(x: Int, y: Int, pointing direction: Direction, style: Style = .plain) {
        put(glyphs.arrow(direction), x: x, y: y, style: style)
    }
}
