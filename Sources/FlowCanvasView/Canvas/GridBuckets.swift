/// The grid-bucket arithmetic the canvas's spatial indexes share (ObstacleIndex,
/// NodeBoxIndex, LinkReachIndex): a rectangle's buckets for a given bucket size, a bucket's
/// key, and the ascending, repeat-free list a multi-bucket query gathers. Each index keeps
/// its own bucket size, chosen for what it holds.
enum GridBuckets {
    /// Calls `body` with the key of every `width`×`height` bucket `r` touches. Static, not
    /// a method: a mutating caller's closure that writes its buckets would otherwise make
    /// Swift copy the whole index for every call.
    static func forEach(_ r: GridRect, width: Int, height: Int, _ body: (Int64) -> Void) {
        guard r.width > 0, r.height > 0 else { return }
        let bx0 = floorDiv(r.x, width), bx1 = floorDiv(r.maxX - 1, width)
        let by0 = floorDiv(r.y, height), by1 = floorDiv(r.maxY - 1, height)
        for by in by0...by1 {
            for bx in bx0...bx1 { body(key(bx, by)) }
        }
    }

    /// How many `width`×`height` buckets `r` touches.
    static func count(_ r: GridRect, width: Int, height: Int) -> Int {
        guard r.width > 0, r.height > 0 else { return 0 }
        let bx = floorDiv(r.maxX - 1, width) - floorDiv(r.x, width) + 1
        let by = floorDiv(r.maxY - 1, height) - floorDiv(r.y, height) + 1
        return bx * by
    }

    static func key(_ bx: Int, _ by: Int) -> Int64 { (Int64(bx) << 32) ^ Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: by))) }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// `indices` sorted with repeats dropped (an item in several buckets is gathered once
    /// per bucket), so callers draw in document order.
    static func sortedUnique(_ indices: [Int]) -> [Int] {
        guard indices.count > 1 else { return indices }
        let sorted = indices.sorted()
        var unique: [Int] = []
        unique.reserveCapacity(sorted.count)
        for i in sorted where unique.last != i { unique.append(i) }
        return unique
    }
}
