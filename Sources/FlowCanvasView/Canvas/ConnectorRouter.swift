import FlowKit

/// Routes connectors as orthogonal paths around node boxes: A* over the grid with a
/// cost for every bend, for crossing another connector and (more) for running along
/// one, so lines stay few-cornered and do not merge where they should cross.
///
/// Routes are cached per connection. Moving a node re-routes only the connectors that
/// touch it or whose cached path its new box now covers (`moveBox`).
public final class ConnectorRouter {
    public struct Costs: Sendable {
        public var step = 1
        public var bend = 4
        public var crossing = 6
        public var overlap = 20
        /// Passing through another box's port or entry cell: the line would seem to
        /// start or end there.
        public var foreignPort = 30
        public init() {}
    }

    public private(set) var obstacles: ObstacleIndex
    /// Note boxes: solid for routing like node boxes, but with no ports, and kept apart
    /// from `obstacles` so "which node is at this cell" never answers with a note
    /// (ConnectorRouter+Notes.swift).
    public internal(set) var noteObstacles = ObstacleIndex()
    public var costs = Costs()
    private var cache: [Connection: Route] = [:]
    /// How many connectors run through a cell, per axis: crossing vs overlapping costs.
    private var usage = ConnectorUsageGrid()
    /// Number of A* searches run, for tests and benchmarks of the cache.
    public private(set) var searches = 0
    /// Routes whose search window would exceed this many cells are drawn as a plain
    /// three-segment line instead (under the boxes it crosses): a connector spanning a
    /// huge flow must not cost a frame tens of megabytes and milliseconds.
    public var maxSearchCells = 160_000
    /// Scratch arrays reused by every search, so routing allocates nothing per call.
    private var scratchG: [Int32] = []
    private var scratchParent: [Int32] = []
    private var scratchBlocked: [UInt8] = []
    /// Per window cell, the `usage` a search has looked up (`unknownUsage` until then): a
    /// cell is reached from up to four directions and re-expanded, and hashing its point
    /// every time was half of a long search.
    private var scratchUsage: [UInt8] = []
    private var heap = MinHeap()

    public struct Route: Sendable, Equatable {
        public var cells: [GridPoint]
        public var bounds: GridRect
        /// Endpoints the route was computed for; a change means re-route.
        var from: GridPoint
        var to: GridPoint
    }

    public init(boxes: [String: GridRect] = [:]) {
        obstacles = ObstacleIndex(boxes)
    }

    /// The port cell of outcome `index`: just right of the box, on that outcome's row.
    public static func port(of box: GridRect, outcomeIndex: Int) -> GridPoint {
        GridPoint(box.maxX, box.y + 2 + outcomeIndex)
    }

    /// The cell a connector enters `box` through: just left of it, on the label row.
    public static func entry(of box: GridRect) -> GridPoint {
        GridPoint(box.x - 1, box.y + 1)
    }

    public func cachedRoute(_ c: Connection) -> Route? { cache[c] }

    /// Connections that currently have a cached route.
    public var cachedConnections: [Connection] { Array(cache.keys) }

    /// A connection whose cached route passes through `p` (the last one drawn wins ties
    /// only by chance; crossings are single cells).
    public func connection(through p: GridPoint) -> Connection? {
        var best: Connection?
        for (c, r) in cache where r.bounds.contains(p) && r.cells.contains(p) {
            if best == nil || c < best! { best = c }
        }
        return best
    }

    /// Forgets every cached route whose connection is not in `keep` (deleted or rewired).
    public func retain(only keep: Set<Connection>) {
        let gone = cache.keys.filter { !keep.contains($0) }
        for c in gone { forget(c) }
    }

    /// The route of `c` from `from` (a port) to `to` (an entry), from the cache when the
    /// endpoints are unchanged.
    @discardableResult
    public func route(_ c: Connection, from: GridPoint, to: GridPoint) -> Route {
        if let r = cache[c], r.from == from, r.to == to { return r }
        forget(c)
        let cells = search(from: from, to: to)
        var bounds = GridRect.bounding(from, to)
        for p in cells { bounds = bounds.union(GridRect(x: p.x, y: p.y, width: 1, height: 1)) }
        let r = Route(cells: cells, bounds: bounds, from: from, to: to)
        cache[c] = r
        addUsage(cells, +1)
        return r
    }

    /// Drops a connection's cached route (deleted or rewired).
    public func forget(_ c: Connection) {
        guard let old = cache.removeValue(forKey: c) else { return }
        addUsage(old.cells, -1)
    }

    public func removeBox(_ id: String) {
        obstacles.remove(id)
        for c in cache.keys where c.from == id || c.to == id { forget(c) }
    }

    /// Updates a box (placed or moved) and drops the routes that must be recomputed:
    /// those touching the node and those whose path the box now covers.
    public func moveBox(_ id: String, to rect: GridRect) {
        obstacles.insert(id, rect)
        var stale: [Connection] = []
        for (c, r) in cache {
            if c.from == id || c.to == id {
                stale.append(c)
            } else if r.bounds.intersects(rect), r.cells.contains(where: { rect.contains($0) }) {
                stale.append(c)
            }
        }
        for c in stale { forget(c) }
    }

    /// Drops the cached routes that pass through `rect` (something solid landed there).
    func forgetRoutes(crossing rect: GridRect) {
        var stale: [Connection] = []
        for (c, r) in cache where r.bounds.intersects(rect) && r.cells.contains(where: { rect.contains($0) }) { stale.append(c) }
        for c in stale { forget(c) }
    }

    /// Every box moved by the same offset (a whole flow selected and moved): the cached
    /// routes stay valid shifted by it, as nothing moved relative to anything else, so
    /// they are translated instead of searched again.
    public func translateAll(dx: Int, dy: Int, boxes: [String: GridRect]) {
        obstacles = ObstacleIndex(boxes)
        cache = cache.mapValues { r in
            var t = r
            t.cells = r.cells.map { GridPoint($0.x + dx, $0.y + dy) }
            t.bounds.x += dx
            t.bounds.y += dy
            t.from = GridPoint(r.from.x + dx, r.from.y + dy)
            t.to = GridPoint(r.to.x + dx, r.to.y + dy)
            return t
        }
        usage = usage.translated(dx: dx, dy: dy)
    }

    public func invalidateAll() {
        cache.removeAll()
        usage.removeAll()
    }

    private func addUsage(_ cells: [GridPoint], _ delta: Int) {
        guard cells.count > 1 else { return }
        for i in cells.indices {
            let p = cells[i]
            var horizontal = false, vertical = false
            if i > 0 { if cells[i - 1].y == p.y { horizontal = true } else { vertical = true } }
            if i + 1 < cells.count { if cells[i + 1].y == p.y { horizontal = true } else { vertical = true } }
            // One lookup, changed in place (a route across the flow adds thousands of cells,
            // on the frame that first shows it).
            usage.add(p, horizontal: horizontal, vertical: vertical, delta)
        }
    }

    // MARK: - A*

    /// How far beyond the bounding box of its two ends a route may wander (the widest
    /// search window); renderers use it to decide, without routing, that a connector
    /// cannot reach the screen.
    public static let maxDetour = 41

    private func search(from: GridPoint, to: GridPoint) -> [GridPoint] {
        let span = GridRect.bounding(from, to)
        if (span.width + 12) * (span.height + 12) > maxSearchCells {
            searches += 1
            return fallback(from: from, to: to)
        }
        for margin in [6, 16, 40] {
            if let path = search(from: from, to: to, margin: margin) { return path }
        }
        return fallback(from: from, to: to)
    }

    /// An L-shaped path ignoring obstacles, for the rare case where none exists.
    private func fallback(from: GridPoint, to: GridPoint) -> [GridPoint] {
        var cells = [from]
        var p = from
        let midX = max(from.x + 1, to.x - 1)
        while p.x < midX { p.x += 1; cells.append(p) }
        while p.x > midX { p.x -= 1; cells.append(p) }
        while p.y != to.y { p.y += p.y < to.y ? 1 : -1; cells.append(p) }
        while p.x != to.x { p.x += p.x < to.x ? 1 : -1; cells.append(p) }
        return cells
    }

    private func search(from: GridPoint, to: GridPoint, margin: Int) -> [GridPoint]? {
        searches += 1
        let window = GridRect.bounding(from, to).union(GridRect(x: from.x - margin, y: from.y - margin,
                                                                 width: 2 * margin + 1, height: 2 * margin + 1))
            .union(GridRect(x: to.x - margin, y: to.y - margin, width: 2 * margin + 1, height: 2 * margin + 1))
        let w = window.width, h = window.height
        if w * h > maxSearchCells { return nil }
        // Blocked cells of the window, computed once from the boxes that intersect it.
        prepareScratch(cells: w * h)
        var blocked = scratchBlocked
        scratchBlocked = []
        defer { scratchBlocked = blocked }
        for id in obstacles.boxes(in: window) {
            let r = obstacles.rect(of: id)!
            let x0 = max(r.x, window.x), x1 = min(r.maxX, window.maxX)
            let y0 = max(r.y, window.y), y1 = min(r.maxY, window.maxY)
            if x0 >= x1 || y0 >= y1 { continue }
            for y in y0..<y1 {
                for x in x0..<x1 { blocked[(y - window.y) * w + (x - window.x)] = Self.blockedCell }
            }
        }
        blockNotes(in: window, &blocked)
        // Port and entry cells of every box: passable, at a price (see `Costs.foreignPort`).
        for id in obstacles.boxes(in: GridRect(x: window.x - 1, y: window.y, width: w + 2, height: h)) {
            let r = obstacles.rect(of: id)!
            var reserved = [GridPoint(r.x - 1, r.y + 1)]
            if r.height > 3 { for y in (r.y + 2)..<(r.maxY - 1) { reserved.append(GridPoint(r.maxX, y)) } }
            for p in reserved where window.contains(p) {
                let i = (p.y - window.y) * w + (p.x - window.x)
                if blocked[i] == 0 { blocked[i] = Self.portCell }
            }
        }
        func cellIndex(_ p: GridPoint) -> Int { (p.y - window.y) * w + (p.x - window.x) }
        if blocked[cellIndex(from)] == Self.blockedCell || blocked[cellIndex(to)] == Self.blockedCell { return nil }
        let goalCell = cellIndex(to)

        var g = scratchG, parent = scratchParent, seenUsage = scratchUsage
        scratchG = []; scratchParent = []; scratchUsage = []
        defer { scratchG = g; scratchParent = parent; scratchUsage = seenUsage }
        var heap = self.heap
        self.heap = MinHeap()
        heap.removeAll()
        defer { self.heap = heap }
        let startState = cellIndex(from) * 4 + GridDirection.right.rawValue
        g[startState] = 0
        heap.push(Int32(abs(to.x - from.x) + abs(to.y - from.y)), Int32(startState))
        let goalState = cellIndex(to) * 4 + GridDirection.right.rawValue
        var expansions = 0
        let c = costs

        while let (_, sRaw) = heap.pop() {
            let s = Int(sRaw)
            if s == goalState { break }
            expansions += 1
            if expansions > 200_000 { return nil }
            let gs = g[s]
            let cell = s / 4
            let dir = GridDirection(rawValue: s % 4)!
            let px = cell % w + window.x, py = cell / w + window.y
            for nd in GridDirection.allCases where nd != dir.opposite {
                let nx = px + nd.dx, ny = py + nd.dy
                guard nx >= window.x, nx < window.maxX, ny >= window.y, ny < window.maxY else { continue }
                let ncell = (ny - window.y) * w + (nx - window.x)
                let kind = blocked[ncell]
                if kind == Self.blockedCell { continue }
                var cost = c.step
                if kind == Self.portCell, ncell != goalCell { cost += c.foreignPort }
                if nd != dir { cost += c.bend }
                var used = seenUsage[ncell]
                if used == Self.unknownUsage {
                    let u = usage[GridPoint(nx, ny)]
                    used = (u.horizontal > 0 ? Self.usedHorizontally : 0) | (u.vertical > 0 ? Self.usedVertically : 0)
                    seenUsage[ncell] = used
                }
                if used != 0 {
                    let parallel = nd.isHorizontal ? Self.usedHorizontally : Self.usedVertically
                    if used & parallel != 0 { cost += c.overlap }
                    if used & ~parallel != 0 { cost += c.crossing }
                }
                let ns = ncell * 4 + nd.rawValue
                let ng = gs + Int32(cost)
                if ng < g[ns] {
                    g[ns] = ng
                    parent[ns] = Int32(s)
                    let hcost = abs(to.x - nx) + abs(to.y - ny)
                    heap.push(ng + Int32(hcost), Int32(ns))
                }
            }
        }
        guard g[goalState] != .max else { return nil }
        var states: [Int] = []
        var s = goalState
        while s != -1 {
            states.append(s)
            s = Int(parent[s])
        }
        return states.reversed().map { st in
            let cell = st / 4
            return GridPoint(cell % w + window.x, cell / w + window.y)
        }
    }
}

extension ConnectorRouter {
    /// Cell kinds in the search window's scratch array.
    static let blockedCell: UInt8 = 1
    fileprivate static let portCell: UInt8 = 2
    /// Bits of `scratchUsage`.
    fileprivate static let usedHorizontally: UInt8 = 1, usedVertically: UInt8 = 2, unknownUsage: UInt8 = 0xFF

    /// Resets the scratch arrays for a window of `cells` cells (four states per cell),
    /// growing them only when a bigger window comes along.
    fileprivate func prepareScratch(cells: Int) {
        let states = cells * 4
        if scratchG.count < states {
            scratchG = [Int32](repeating: .max, count: states)
            scratchParent = [Int32](repeating: -1, count: states)
        } else {
            scratchG.withUnsafeMutableBufferPointer { b in
                b.baseAddress!.update(repeating: .max, count: states)
            }
            scratchParent.withUnsafeMutableBufferPointer { b in
                b.baseAddress!.update(repeating: -1, count: states)
            }
        }
        if scratchBlocked.count < cells {
            scratchBlocked = [UInt8](repeating: 0, count: cells)
            scratchUsage = [UInt8](repeating: Self.unknownUsage, count: cells)
        } else {
            scratchBlocked.withUnsafeMutableBufferPointer { b in
                b.baseAddress!.update(repeating: 0, count: cells)
            }
            scratchUsage.withUnsafeMutableBufferPointer { b in
                b.baseAddress!.update(repeating: Self.unknownUsage, count: cells)
            }
        }
    }
}

/// Binary min-heap of (priority, value) pairs for the A* open set.
struct MinHeap {
    private var items: [(Int32, Int32)] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ priority: Int32, _ value: Int32) {
        items.append((priority, value))
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p].0 <= items[i].0 { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> (Int32, Int32)? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, items[l].0 < items[m].0 { m = l }
                if r < items.count, items[r].0 < items[m].0 { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}
