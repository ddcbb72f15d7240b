import FlowKit
import Foundation

/// The document's node boxes (where the document puts them), bucketed by area, so the
/// questions a key asks — which node is under the cursor, would this box overlap one —
/// cost the boxes near the cursor, not a pass over every node (issue 10: 25 ms per key at
/// 50,000 nodes came from those passes). Built once per document generation, on first use.
struct NodeBoxIndex {
    static let bucketWidth = 64
    static let bucketHeight = 32

    /// Per node index, its box as the document has it.
    let rects: [GridRect]
    private var buckets: [Int64: [Int32]] = [:]

    init(_ nodes: [FlowNode], catalog: NodeCatalog) {
        // One type lookup per distinct type (the type's struct is large to copy); a box's
        // height needs the node's outcomes, which can depend on its config.
        var types: [String: NodeType?] = [:]
        var rects: [GridRect] = []
        rects.reserveCapacity(nodes.count)
        for n in nodes {
            let type: NodeType?
            if let t = types[n.type] { type = t } else { type = catalog.type(n.type); types[n.type] = type }
            let outcomes = type?.outcomes(for: n).count ?? 0
            rects.append(GridRect(x: n.x ?? 0, y: n.y ?? 0, width: NodeGeometry.width,
                                  height: NodeGeometry.height(outcomeCount: outcomes)))
        }
        self.rects = rects
        buckets.reserveCapacity(nodes.count / 2)
        for (i, r) in rects.enumerated() {
            Self.forEachBucket(r) { buckets[$0, default: []].append(Int32(i)) }
        }
    }

    /// Indices of the boxes meeting `area`, ascending (document order: later ones are drawn on top).
    func indices(in area: GridRect) -> [Int] {
        var out: [Int] = []
        Self.forEachBucket(area) { key in
            for i in buckets[key] ?? [] where rects[Int(i)].intersects(area) { out.append(Int(i)) }
        }
        return GridBuckets.sortedUnique(out)
    }

    /// The last node (in document order) whose box holds `p`, `excluding` one.
    func last(containing p: GridPoint, excluding: Int? = nil) -> Int? {
        let key = Self.key(Self.floorDiv(p.x, Self.bucketWidth), Self.floorDiv(p.y, Self.bucketHeight))
        var best: Int?
        for i in buckets[key] ?? [] where Int(i) != excluding && rects[Int(i)].contains(p) { best = max(best ?? -1, Int(i)) }
        return best
    }

    private static func forEachBucket(_ r: GridRect, _ body: (Int64) -> Void) {
        GridBuckets.forEach(r, width: bucketWidth, height: bucketHeight, body)
    }

    static func key(_ bx: Int, _ by: Int) -> Int64 { GridBuckets.key(bx, by) }
    static func floorDiv(_ a: Int, _ b: Int) -> Int { GridBuckets.floorDiv(a, b) }
}

/// Holds a state's `NodeBoxIndex` across its copies (CanvasState is a value; the index is
/// rebuilt only when the document it was built from is no longer the state's).
final class NodeBoxIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    /// The nodes array is kept (not only its address), so its storage cannot be freed and
    /// reused by another document that happens to have the same generation.
    private var built: (lineage: ObjectIdentifier, generation: Int, nodes: [FlowNode], index: NodeBoxIndex)?

    func index(for flow: EditableFlow, catalog: NodeCatalog) -> NodeBoxIndex {
        lock.lock()
        defer { lock.unlock() }
        let lineage = ObjectIdentifier(flow.lineage), nodes = flow.document.nodes
        if let b = built, b.lineage == lineage, b.generation == flow.generation, Self.sameStorage(b.nodes, nodes) {
            return b.index
        }
        let index = NodeBoxIndex(nodes, catalog: catalog)
        built = (lineage, flow.generation, nodes, index)
        return index
    }

    private static func sameStorage(_ a: [FlowNode], _ b: [FlowNode]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }
}
