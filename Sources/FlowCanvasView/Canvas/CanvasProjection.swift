import TerminalUI

/// Where the visible part of the grid lands on screen: grid cell (gx, gy) is drawn at
/// (area.x + gx − origin.x, area.y + gy − origin.y).
struct CanvasProjection {
    let area: Rect
    let origin: GridPoint

    /// The grid cells the area shows.
    var visible: GridRect { GridRect(x: origin.x, y: origin.y, width: area.width, height: area.height) }

    @inline(__always) func x(_ gx: Int) -> Int { area.x + gx - origin.x }
    @inline(__always) func y(_ gy: Int) -> Int { area.y + gy - origin.y }
    @inline(__always) func screen(_ p: GridPoint) -> Point { Point(x: x(p.x), y: y(p.y)) }

    func screen(_ r: GridRect) -> Rect { Rect(x: x(r.x), y: y(r.y), width: r.width, height: r.height) }

    @inline(__always) func isVisible(_ p: GridPoint) -> Bool {
        p.x >= origin.x && p.y >= origin.y && p.x < origin.x + area.width && p.y < origin.y + area.height
    }

    /// How many unit steps (one cell across, down or diagonally) `p` is from the visible
    /// cells: 0 when visible. A route moves a cell per step, so its next `stepsToVisible - 1`
    /// cells cannot be visible either.
    @inline(__always) func stepsToVisible(_ p: GridPoint) -> Int {
        let dx = p.x < origin.x ? origin.x - p.x : (p.x >= origin.x + area.width ? p.x - (origin.x + area.width - 1) : 0)
        let dy = p.y < origin.y ? origin.y - p.y : (p.y >= origin.y + area.height ? p.y - (origin.y + area.height - 1) : 0)
        return max(dx, dy)
    }
}

/// Marks the canvas draws besides the shared glyph set.
extension GlyphSet {
    /// After an outcome's name, pointing at its port.
    var portMark: Character { self == .unicode ? "▸" : ">" }
    /// Title of a box whose type the catalog does not know.
    var unknownMark: String { "?" }
}
