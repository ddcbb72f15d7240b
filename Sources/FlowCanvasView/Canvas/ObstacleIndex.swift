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

    private static func forEachBucket(_ r: GridRect, _ body: (Int64) -> Void) {
        GridBuckets.forEach(r, width: bucketWidth, height: bucketHeight, body)
    }

    static func key(_ bx: Int, _ by: Int) -> Int64 { GridBuckets.key(bx, by) }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { GridBuckets.floorDiv(a, b) }
}
