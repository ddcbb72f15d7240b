import Foundation

/// Layered left-to-right layout for documents that arrive without positions.
///
/// Layers are breadth-first distances from Start (shortest, not longest, paths: flows
/// loop back a lot, and BFS is linear and never has to break cycles). Nodes that Start
/// cannot reach go in further layers to the right, seeded from the nodes nothing points
/// to. Each layer is one column; within a column a node sits at its BFS parent's row
/// when that is free, so the main path of a flow reads as one straight line and
/// alternatives fan out below it. Children are visited in the order of their parent's
/// outcomes, so `success` lands above `error`.
public enum AutoLayout {
    /// Empty columns between layers: room for connectors and their labels.
    public static let columnGap = 8
    /// Empty rows between boxes in a column.
    public static let rowGap = 2
    /// Top-left cell of the first box.
    public static let originX = 2
    public static let originY = 1

    /// Places every node (all of them, or only those without positions) on the grid so
    /// that no two boxes (NodeGeometry) overlap. Linear in nodes + connections for a
    /// full layout.
    public static func apply(to document: inout FlowDocument, onlyUnplaced: Bool = false,
                             catalog: NodeCatalog = .standard, ordering: LayerOrdering = .barycentre) {
        let count = document.nodes.count
        guard count > 0 else { return }
        let graph = LayeredGraph(document, catalog: catalog)
        let heights = document.nodes.map { NodeGeometry.size(of: $0, catalog: catalog).height }
        let step = NodeGeometry.width + columnGap

        if !onlyUnplaced {
            // Column by column; within a column, nodes in barycentre order: by the mean
            // row of their predecessors in earlier columns (ties keep BFS order, so a
            // node's outcomes stay in catalog order). Fewer connectors cross than in
            // plain BFS order; each node still sits on its BFS parent's row when free.
            var layers = [[Int]](repeating: [], count: graph.layerCount)
            for i in graph.order { layers[graph.layer[i]].append(i) }
            var centre = [Double](repeating: 0, count: count)
            for (layer, members) in layers.enumerated() {
                var keyed: [(key: Double, seq: Int, node: Int)] = []
                keyed.reserveCapacity(members.count)
                for (seq, i) in members.enumerated() {
                    var sum = 0.0, n = 0
                    for p in graph.predecessors[i] where graph.layer[p] < layer {
                        sum += centre[p]
                        n += 1
                    }
                    // Nodes nothing earlier points to (seeds) keep their place after the rest.
                    keyed.append((n > 0 ? sum / Double(n) : .infinity, seq, i))
                }
                if ordering == .barycentre {
                    keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.seq < $1.seq }
                }
                var nextFreeRow = originY
                for entry in keyed {
                    let i = entry.node
                    let parentRow = graph.parent[i] >= 0 ? document.nodes[graph.parent[i]].y ?? originY : originY
                    let y = max(nextFreeRow, parentRow)
                    document.nodes[i].x = originX + layer * step
                    document.nodes[i].y = y
                    centre[i] = Double(y) + Double(heights[i]) / 2
                    nextFreeRow = y + heights[i] + rowGap
                }
            }
            return
        }

        // Some nodes keep the places a person gave them; the others go next to their
        // BFS parent (or in their layer's column) at the first free slot below.
        var occupied = BoxIndex()
        for (i, node) in document.nodes.enumerated() {
            if let x = node.x, let y = node.y {
                occupied.insert(Box(x: x, y: y, width: NodeGeometry.width, height: heights[i]))
            }
        }
        // Nodes this pass puts in one column stack downwards, as in a full layout, so a
        // parent with many new children does not rescan its column for each of them.
        var columnFrontier: [Int: Int] = [:]
        for i in graph.order where document.nodes[i].x == nil || document.nodes[i].y == nil {
            var x = originX + graph.layer[i] * step
            var y = originY
            let p = graph.parent[i]
            if p >= 0, let px = document.nodes[p].x, let py = document.nodes[p].y {
                x = px + step
                y = py
            }
            y = max(y, columnFrontier[x] ?? y)
            let box = occupied.firstFree(Box(x: x, y: y, width: NodeGeometry.width, height: heights[i]))
            occupied.insert(box)
            columnFrontier[x] = box.y + box.height + rowGap
            document.nodes[i].x = box.x
            document.nodes[i].y = box.y
        }
    }
}

/// How a full layout orders the nodes within a column.
public enum LayerOrdering: Sendable {
    /// The order breadth-first search reached them (the layout before issue 13).
    case breadthFirst
    /// By the mean row of their predecessors in earlier columns.
    case barycentre
}

/// BFS layers of a flow graph: which column each node goes in, which node discovered
/// it, and the order nodes were reached in.
struct LayeredGraph {
    var layer: [Int]
    var parent: [Int]
    /// Every node with a connector to this one (once each), in document order.
    var predecessors: [[Int]]
    var order: [Int]
    var layerCount: Int

    init(_ document: FlowDocument, catalog: NodeCatalog) {
        let nodes = document.nodes
        let count = nodes.count
        var index: [String: Int] = [:]
        index.reserveCapacity(count)
        for (i, node) in nodes.enumerated() where index[node.id] == nil { index[node.id] = i }

        // Children in the order of the parent's outcomes, then document order.
        var edges: [[(rank: Int, seq: Int, to: Int)]] = Array(repeating: [], count: count)
        var predecessors = [[Int]](repeating: [], count: count)
        var inDegree = [Int](repeating: 0, count: count)
        var outcomeRanks: [Int: [String: Int]] = [:]
        for (seq, c) in document.connections.enumerated() {
            guard let from = index[c.from], let to = index[c.to] else { continue }
            if outcomeRanks[from] == nil {
                let names = catalog.type(nodes[from].type)?.outcomes(for: nodes[from]) ?? []
                var ranks: [String: Int] = [:]
                for (r, name) in names.enumerated() where ranks[name] == nil { ranks[name] = r }
                outcomeRanks[from] = ranks
            }
            let rank = outcomeRanks[from]![c.outcome] ?? Int.max
            edges[from].append((rank, seq, to))
            if from != to {
                inDegree[to] += 1
                if predecessors[to].last != from { predecessors[to].append(from) }
            }
        }
        for i in 0..<count where edges[i].count > 1 {
            edges[i].sort { ($0.rank, $0.seq) < ($1.rank, $1.seq) }
        }

        var layer = [Int](repeating: -1, count: count)
        var parent = [Int](repeating: -1, count: count)
        var order: [Int] = []
        order.reserveCapacity(count)
        var layerCount = 0

        var queue: [Int] = []
        queue.reserveCapacity(count)
        var head = 0
        func visit(_ seeds: [Int], base: Int) {
            for s in seeds where layer[s] < 0 {
                layer[s] = base
                queue.append(s)
            }
            while head < queue.count {
                let i = queue[head]
                head += 1
                order.append(i)
                layerCount = max(layerCount, layer[i] + 1)
                for e in edges[i] where layer[e.to] < 0 {
                    layer[e.to] = layer[i] + 1
                    parent[e.to] = i
                    queue.append(e.to)
                }
            }
        }

        // Start first; without one, whatever nothing points to.
        var seeds = (0..<count).filter { nodes[$0].type == "start" }
        if seeds.isEmpty { seeds = (0..<count).filter { inDegree[$0] == 0 } }
        if seeds.isEmpty { seeds = [0] }
        visit(seeds, base: 0)

        // Unreachable parts go right of everything Start reaches.
        let base = layerCount
        visit((0..<count).filter { layer[$0] < 0 && inDegree[$0] == 0 }, base: base)
        var scan = 0
        while order.count < count {
            while layer[scan] >= 0 { scan += 1 }
            visit([scan], base: base) // a cycle nothing outside points to
        }
        self.layer = layer
        self.parent = parent
        self.predecessors = predecessors
        self.order = order
        self.layerCount = layerCount
    }
}

struct Box {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    /// Overlap including the gaps auto-layout keeps around boxes.
    func crowds(_ other: Box) -> Bool {
        x < other.x + other.width + AutoLayout.columnGap / 2 && other.x < x + width + AutoLayout.columnGap / 2
            && y < other.y + other.height + AutoLayout.rowGap && other.y < y + height + AutoLayout.rowGap
    }
}

/// Boxes bucketed by grid area, so checking a candidate place looks only at neighbours.
struct BoxIndex {
    private static let cellWidth = 64
    private static let cellHeight = 32
    private var boxes: [Box] = []
    private var buckets: [Int64: [Int]] = [:]

    mutating func insert(_ box: Box) {
        boxes.append(box)
        // Keys first, then the writes: mutating `buckets` inside the closure made Swift
        // copy the whole dictionary on every insert (exclusive access to self), which made
        // placing 50,000 nodes next to one placed Start take 40 s.
        var keys: [Int64] = []
        forEachBucket(of: box) { keys.append($0) }
        let index = boxes.count - 1
        for key in keys { buckets[key, default: []].append(index) }
    }

    /// `box` moved down past every box it crowds, until it crowds none.
    func firstFree(_ box: Box) -> Box {
        var candidate = box
        while true {
            var blocker: Box?
            forEachBucket(of: candidate) { key in
                for j in buckets[key] ?? [] where boxes[j].crowds(candidate) {
                    if blocker == nil || boxes[j].y + boxes[j].height > blocker!.y + blocker!.height { blocker = boxes[j] }
                }
            }
            guard let b = blocker else { return candidate }
            candidate.y = b.y + b.height + AutoLayout.rowGap
        }
    }

    private func forEachBucket(of box: Box, _ body: (Int64) -> Void) {
        let pad = AutoLayout.columnGap
        let x0 = Self.floorDiv(box.x - pad, Self.cellWidth), x1 = Self.floorDiv(box.x + box.width + pad, Self.cellWidth)
        let y0 = Self.floorDiv(box.y - pad, Self.cellHeight), y1 = Self.floorDiv(box.y + box.height + pad, Self.cellHeight)
        for cx in x0...x1 {
            for cy in y0...y1 { body(Int64(cx) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: cy)))) }
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
