/// How many connectors run through each grid cell, per axis (the router's crossing and
/// overlap costs), stored in square tiles of cells instead of one dictionary of points.
///
/// Why tiles: at 50,000 nodes the routed connectors pass through millions of cells, and a
/// dictionary of points that large rehashes every entry each time it doubles, 50-100 ms in
/// one go (issue 10: the one 80 ms "scroll 8 rows" outlier per run was that rehash, on the
/// idle tick's route-ahead, blocking the key that arrived meanwhile; perf showed
/// `_NativeDictionary.copyOrMoveAndResize` for `[GridPoint: AxisUsage]`). A new tile costs
/// one small array; growing the tile table moves only tile references.
struct ConnectorUsageGrid {
    struct AxisUsage: Equatable {
        var horizontal: UInt16 = 0
        var vertical: UInt16 = 0

        var isEmpty: Bool { horizontal == 0 && vertical == 0 }

        mutating func add(horizontal h: Bool, vertical v: Bool, _ delta: Int) {
            if h { horizontal = UInt16(max(0, min(Int(UInt16.max), Int(horizontal) + delta))) }
            if v { vertical = UInt16(max(0, min(Int(UInt16.max), Int(vertical) + delta))) }
        }
    }

    static let tileShift = 5
    static let tileSize = 1 << tileShift
    private static let tileMask = tileSize - 1

    private struct TileKey: Hashable { var x: Int; var y: Int }

    private var tileIndex: [TileKey: Int] = [:]
    private var tiles: [ContiguousArray<AxisUsage>] = []
    /// Cells with a non-empty entry.
    private(set) var count = 0

    private static func split(_ p: GridPoint) -> (TileKey, Int) {
        let key = TileKey(x: p.x >> tileShift, y: p.y >> tileShift)
        return (key, (p.y & tileMask) << tileShift | (p.x & tileMask))
    }

    /// The usage of cell `p` (empty where no connector runs).
    subscript(_ p: GridPoint) -> AxisUsage {
        let (key, offset) = Self.split(p)
        guard let t = tileIndex[key] else { return AxisUsage() }
        return tiles[t][offset]
    }

    /// Adds `delta` (negative: removes) connectors along the given axes of cell `p`.
    mutating func add(_ p: GridPoint, horizontal: Bool, vertical: Bool, _ delta: Int) {
        let (key, offset) = Self.split(p)
        let t: Int
        if let existing = tileIndex[key] {
            t = existing
        } else {
            guard delta > 0 else { return }
            t = tiles.count
            tiles.append(ContiguousArray(repeating: AxisUsage(), count: Self.tileSize * Self.tileSize))
            tileIndex[key] = t
        }
        let wasEmpty = tiles[t][offset].isEmpty
        tiles[t][offset].add(horizontal: horizontal, vertical: vertical, delta)
        let isEmpty = tiles[t][offset].isEmpty
        if wasEmpty != isEmpty { count += isEmpty ? -1 : 1 }
    }

    /// Every non-empty cell with its usage.
    func forEach(_ body: (GridPoint, AxisUsage) -> Void) {
        for (key, t) in tileIndex {
            let tile = tiles[t]
            for offset in tile.indices where !tile[offset].isEmpty {
                let x = key.x << Self.tileShift | (offset & Self.tileMask)
                let y = key.y << Self.tileShift | (offset >> Self.tileShift)
                body(GridPoint(x, y), tile[offset])
            }
        }
    }

    /// This grid with every cell moved by (dx, dy).
    func translated(dx: Int, dy: Int) -> ConnectorUsageGrid {
        var out = ConnectorUsageGrid()
        forEach { p, u in
            let q = GridPoint(p.x + dx, p.y + dy)
            if u.horizontal > 0 { out.add(q, horizontal: true, vertical: false, Int(u.horizontal)) }
            if u.vertical > 0 { out.add(q, horizontal: false, vertical: true, Int(u.vertical)) }
        }
        return out
    }

    mutating func removeAll() {
        tileIndex.removeAll()
        tiles.removeAll()
        count = 0
    }
}
