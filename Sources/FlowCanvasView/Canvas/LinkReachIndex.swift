/// The scene's connectors bucketed by reach (where each route can possibly run), so a
/// frame looks at the connectors near the screen instead of testing every connector of the
/// flow (6,000 at 5,000 nodes, 60,000 at 50,000: a pass per frame, issue 10). A connector
/// whose reach spans more than `maxBuckets` buckets (a long jump across the flow) is kept
/// in a list every query returns, so one such link never fills thousands of buckets.
struct LinkReachIndex {
    static let bucketWidth = 128
    static let bucketHeight = 64
    static let maxBuckets = 48

    private var buckets: [Int64: [Int32]] = [:]
    private var wide: [Int32] = []

    init() {}

    init(_ reaches: [GridRect]) {
        buckets.reserveCapacity(reaches.count / 2)
        for (i, r) in reaches.enumerated() { insert(i, r) }
    }

    mutating func insert(_ link: Int, _ reach: GridRect) {
        let l = Int32(link)
        if Self.bucketCount(reach) > Self.maxBuckets { wide.append(l); return }
        Self.forEachBucket(reach) { buckets[$0, default: []].append(l) }
    }

    mutating func remove(_ link: Int, _ reach: GridRect) {
        let l = Int32(link)
        if Self.bucketCount(reach) > Self.maxBuckets { wide.removeAll { $0 == l }; return }
        Self.forEachBucket(reach) { key in
            buckets[key]?.removeAll { $0 == l }
            if buckets[key]?.isEmpty == true { buckets[key] = nil }
        }
    }

    /// Whether `area` covers about half the flow's buckets or more (a zoomed-out view of
    /// most of it): then testing every link beats gathering, sorting and de-duplicating.
    func coversMost(_ area: GridRect) -> Bool {
        Self.bucketCount(area) * 2 >= buckets.count
    }

    /// Links whose reach may meet `area` (a superset: callers test the reach itself),
    /// ascending and without repeats, so they are drawn in document order as before.
    func candidates(in area: GridRect) -> [Int] {
        var out = wide.map(Int.init)
        Self.forEachBucket(area) { key in
            for l in buckets[key] ?? [] { out.append(Int(l)) }
        }
        return GridBuckets.sortedUnique(out)
    }

    private static func bucketCount(_ r: GridRect) -> Int {
        GridBuckets.count(r, width: bucketWidth, height: bucketHeight)
    }

    private static func forEachBucket(_ r: GridRect, _ body: (Int64) -> Void) {
        GridBuckets.forEach(r, width: bucketWidth, height: bucketHeight, body)
    }
}
