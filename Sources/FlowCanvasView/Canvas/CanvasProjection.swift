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
}

/// Marks the canvas draws besides the shared glyph set.
extension GlyphSet {
    /// After an outcome's name, pointing at its port.
    var portMark: Character { self == .unicode ? "▸" : ">" }
    /// Title of a box whose type the catalog does not know.
    var unknownMark: String { "?" }
}
