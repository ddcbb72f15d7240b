import FlowKit

/// How much of the grid one screen cell shows. The document keeps its grid coordinates at
/// every level; only the projection changes, so editing, routing and saving never see zoom.
///
/// The scales follow the auto-layout's spacing (columns 36 cells apart, rows 8): compact
/// shows a 26-cell box as one 13-cell line and two rows per layout row; overview shows a
/// box as one cell, 3 cells apart (two of connector between), one row per layout row.
public struct CanvasZoom: Equatable, Sendable {
    public enum Level: Int, CaseIterable, Sendable {
        case full, compact, overview

        public var name: String {
            switch self {
            case .full: return "full"
            case .compact: return "compact"
            case .overview: return "overview"
            }
        }
    }

    public var level: Level
    /// Grid cells per screen cell, across and down.
    public var scaleX: Int
    public var scaleY: Int

    public init(level: Level, scaleX: Int, scaleY: Int) {
        self.level = level
        self.scaleX = max(1, scaleX)
        self.scaleY = max(1, scaleY)
    }

    public static let full = CanvasZoom(level: .full, scaleX: 1, scaleY: 1)
    public static let compact = CanvasZoom(level: .compact, scaleX: 2, scaleY: 4)
    public static let overview = CanvasZoom(level: .overview, scaleX: 12, scaleY: 8)

    public static func preset(_ level: Level) -> CanvasZoom {
        switch level {
        case .full: return .full
        case .compact: return .compact
        case .overview: return .overview
        }
    }

    /// "full", "compact", "overview", or "overview 1:40" when `=` had to shrink further.
    public var name: String {
        self == Self.preset(level) ? level.name : "\(level.name) 1:\(scaleX)"
    }

    /// The screen cell (relative to the viewport) that grid point `p` falls in.
    @inline(__always)
    public func cell(of p: GridPoint, origin: GridPoint) -> GridPoint {
        GridPoint(Self.floorDiv(p.x - origin.x, scaleX), Self.floorDiv(p.y - origin.y, scaleY))
    }

    /// The grid cells screen cell `c` (relative to the viewport) covers.
    public func gridRect(ofCell c: GridPoint, origin: GridPoint) -> GridRect {
        GridRect(x: origin.x + c.x * scaleX, y: origin.y + c.y * scaleY, width: scaleX, height: scaleY)
    }

    /// Screen cells a node takes across: a full box's width at this scale (compact), one
    /// cell in the overview so a line of connector stays visible between neighbours.
    public var boxCells: Int { level == .overview ? 1 : max(1, (NodeGeometry.width + scaleX - 1) / scaleX) }

    /// The screen cells (relative to the viewport) a box is drawn in when zoomed out: its
    /// label row, `boxCells` wide, starting at the cell of the label's first character
    /// (where the cursor lands on a node, so a node under the cursor stays under it when
    /// the zoom changes). At full zoom, the box itself.
    public func span(of r: GridRect, origin: GridPoint) -> GridRect {
        guard level != .full else { return GridRect(x: r.x - origin.x, y: r.y - origin.y, width: r.width, height: r.height) }
        let c = cell(of: GridPoint(r.x + 1, r.y + 1), origin: origin)
        return GridRect(x: c.x, y: c.y, width: boxCells, height: 1)
    }

    @inline(__always)
    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The level to show a flow whose boxes span `bounds` in a viewport of `size` screen
    /// cells: the most detailed preset that shows all of it, else overview shrunk to fit.
    public static func fitting(_ bounds: GridRect, in size: (width: Int, height: Int)) -> CanvasZoom {
        let w = max(1, size.width), h = max(1, size.height)
        for z in [full, compact, overview] where bounds.width <= w * z.scaleX && bounds.height <= h * z.scaleY {
            return z
        }
        let sx = max(overview.scaleX, (bounds.width + w - 1) / w)
        let sy = max(overview.scaleY, (bounds.height + h - 1) / h)
        return CanvasZoom(level: .overview, scaleX: sx, scaleY: sy)
    }
}
