import FlowKit

/// The nodes and notes chosen on the canvas (issue 11): what `m`, `x`, `y`, `d`, duplicate,
/// tidy and align act on when it is not empty. It holds ids, so it survives edits; ids the
/// document no longer has are simply skipped by `CanvasState.selectedNodeIDs`.
///
/// `v` starts a rectangle at the cursor (`anchor`); while it is open, every cursor move
/// makes the selection what was chosen before plus everything the rectangle from the anchor
/// to the cursor touches. `v` or Enter closes it, Esc clears everything.
public struct CanvasSelection: Equatable, Sendable {
    public internal(set) var nodes: Set<String> = []
    public internal(set) var notes: Set<String> = []
    /// The corner a `v` rectangle started at, while it is open.
    public internal(set) var anchor: GridPoint?
    /// What was chosen when the rectangle opened (it adds to that).
    var baseNodes: Set<String> = []
    var baseNotes: Set<String> = []
    /// A group move in progress (`m` with a selection).
    var move: GroupMove?

    public init() {}

    public var isEmpty: Bool { nodes.isEmpty && notes.isEmpty }
    public var count: Int { nodes.count + notes.count }

    public func contains(_ id: String) -> Bool { nodes.contains(id) || notes.contains(id) }

    /// The grid rectangle from the anchor to `cursor`, both cells included.
    public func rectangle(to cursor: GridPoint) -> GridRect? {
        guard let a = anchor else { return nil }
        let x = min(a.x, cursor.x), y = min(a.y, cursor.y)
        return GridRect(x: x, y: y, width: abs(a.x - cursor.x) + 1, height: abs(a.y - cursor.y) + 1)
    }

    /// "3 selected" for the status bar; nil when nothing is.
    public var statusText: String? {
        guard !isEmpty || anchor != nil else { return nil }
        return "\(count) selected"
    }
}

/// A selection being moved by keyboard: the document already shows it moved (one edit,
/// replaced at each step), so connectors re-route as it goes; Esc takes the edit back.
struct GroupMove: Equatable, Sendable {
    /// The cursor when `m` was pressed; the offset is the cursor minus this.
    var origin: GridPoint
    /// The offset the document shows now (the gesture's edit is the last undo step when non-zero).
    var applied: (dx: Int, dy: Int) = (0, 0)
    /// The last offset where no moved box overlapped a fixed one.
    var lastFree: (dx: Int, dy: Int) = (0, 0)
    /// The boxes that stay put, bucketed by grid area, for the overlap test.
    var fixed: BoxBuckets
    /// Document indices of the selected nodes, and of the notes that move with them (chosen
    /// or attached to a chosen node). A move only shifts places, so indices hold for the
    /// whole gesture and no step hashes 5,000 ids again.
    var nodeIndices: [Int] = []
    var noteIndices: [Int] = []

    static func == (a: GroupMove, b: GroupMove) -> Bool {
        a.origin == b.origin && a.applied == b.applied && a.lastFree == b.lastFree
    }
}

/// Boxes in buckets of the grid, so "does this box touch any of them" looks at a few.
struct BoxBuckets: Sendable {
    static let bucketWidth = 32, bucketHeight = 16
    private var buckets: [GridPoint: [(id: String, rect: GridRect)]] = [:]

    init(_ boxes: [(id: String, rect: GridRect)]) {
        for b in boxes {
            for key in Self.keys(of: b.rect) { buckets[key, default: []].append(b) }
        }
    }

    private static func keys(of r: GridRect) -> [GridPoint] {
        let x0 = floorDiv(r.x, bucketWidth), x1 = floorDiv(r.maxX - 1, bucketWidth)
        let y0 = floorDiv(r.y, bucketHeight), y1 = floorDiv(r.maxY - 1, bucketHeight)
        var out: [GridPoint] = []
        for by in y0...max(y0, y1) { for bx in x0...max(x0, x1) { out.append(GridPoint(bx, by)) } }
        return out
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    var isEmpty: Bool { buckets.isEmpty }

    /// The first box `r` meets, if any, with its rectangle.
    func firstBox(meeting r: GridRect) -> (id: String, rect: GridRect)? {
        for key in Self.keys(of: r) {
            if let hit = buckets[key]?.first(where: { $0.rect.intersects(r) }) { return hit }
        }
        return nil
    }

    /// The first box `r` meets, if any.
    func first(meeting r: GridRect, except: String? = nil) -> String? {
        for key in Self.keys(of: r) {
            if let hit = buckets[key]?.first(where: { $0.id != except && $0.rect.intersects(r) }) { return hit.id }
        }
        return nil
    }
}
