/// Node boxes bucketed by area so "which box covers this cell" is O(1) on flows of
/// thousands of nodes.
public struct ObstacleIndex: Sendable {
    static let bucketWidth = 32
    static let bucketHeight = 16

    private var rects: [String: GridRect] = [:]
    private var buckets: [Int64: [String]] = [:]

    public init() {}

    public init(_ boxes: [String: GridRect]) {
        for (id, r) in boxes { insert(id, r) }
    }

    public var all: [String: GridRect] { rects }

    public func rect(of id: String) -> GridRect? { rects[id] }

    public mutating func insert(_ id: String, _ rect: GridRect) {
        if rects[id] != nil { remove(id) }
        rects[id] = rect
        Self.forEachBucket(rect) { key in buckets[key, default: []].append(id) }
    }

    public mutating func remove(_ id: String) {
        guard let rect = rects.removeValue(forKey: id) else { return }
        Self.forEachBucket(rect) { key in
            buckets[key]?.removeAll { $0 == id }
            if buckets[key]?.isEmpty == true { buckets[key] = nil }
        }
    }

    /// The box covering `p`, if any.
    public func box(at p: GridPoint) -> String? {
        guard let ids = buckets[Self.key(Self.floorDiv(p.x, Self.bucketWidth), Self.floorDiv(p.y, Self.bucketHeight))] else {
            return nil
        }
        for id in ids where rects[id]!.contains(p) { return id }
        return nil
    }

    /// Ids of boxes intersecting `area`.
    public func boxes(in area: GridRect) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        Self.forEachBucket(area) { key in
            for id in buckets[key] ?? [] where !seen.contains(id) {
                seen.insert(id)
                if rects[id]!.intersects(area) { out.append(id) }
            }
        }
        return out
    }

    /// Static, not a method: a mutating caller's closure that writes `buckets` would
    /// otherwise make Swift copy the whole index (both dictionaries) for every call.
    private static func forEachBucket(_ r: GridRect, _ body: (Int64) -> Void) {
        guard r.width > 0, r.height > 0 else { return }
        let bx0 = Self.floorDiv(r.x, Self.bucketWidth), bx1 = Self.floorDiv(r.maxX - 1, Self.bucketWidth)
        let by0 = Self.floorDiv(r.y, Self.bucketHeight), by1 = Self.floorDiv(r.maxY - 1, Self.bucketHeight)
        for by in by0...by1 {
            for bx in bx0...bx1 { body(Self.key(bx, by)) }
        }
    }

    static func key(_ bx: Int, _ by: Int) -> Int64 { (Int64(bx) << 32) ^ Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: by))) }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
