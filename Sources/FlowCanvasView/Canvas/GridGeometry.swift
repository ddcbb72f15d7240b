/// A cell on the unbounded canvas grid (x grows right, y grows down).
public struct GridPoint: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(_ x: Int, _ y: Int) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x),\(y))" }
}

/// A rectangle of cells, `x..<x+width` × `y..<y+height`.
public struct GridRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(_ p: GridPoint) -> Bool {
        p.x >= x && p.x < maxX && p.y >= y && p.y < maxY
    }

    public func intersects(_ o: GridRect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }

    public func insetBy(_ d: Int) -> GridRect {
        GridRect(x: x + d, y: y + d, width: max(0, width - 2 * d), height: max(0, height - 2 * d))
    }

    /// The smallest rectangle holding both.
    public func union(_ o: GridRect) -> GridRect {
        let nx = min(x, o.x), ny = min(y, o.y)
        return GridRect(x: nx, y: ny, width: max(maxX, o.maxX) - nx, height: max(maxY, o.maxY) - ny)
    }

    public static func bounding(_ a: GridPoint, _ b: GridPoint) -> GridRect {
        let nx = min(a.x, b.x), ny = min(a.y, b.y)
        return GridRect(x: nx, y: ny, width: abs(a.x - b.x) + 1, height: abs(a.y - b.y) + 1)
    }
}

/// Direction of travel between neighbouring cells.
public enum GridDirection: Int, CaseIterable, Sendable {
    case right = 0, down, left, up

    public var dx: Int { self == .right ? 1 : self == .left ? -1 : 0 }
    public var dy: Int { self == .down ? 1 : self == .up ? -1 : 0 }
    public var opposite: GridDirection { GridDirection(rawValue: (rawValue + 2) % 4)! }
    public var isHorizontal: Bool { self == .left || self == .right }
}
