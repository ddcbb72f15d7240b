import FlowKit

/// One primitive, invertible change to a document. Every editor action is a list of
/// these, so undo is exact (it restores the original document, element for element)
/// and costs the size of the change, not of the flow.
public enum DocumentOperation: Equatable, Sendable {
    case insertNode(index: Int, node: FlowNode)
    case removeNode(index: Int, node: FlowNode)
    case replaceNode(index: Int, old: FlowNode, new: FlowNode)
    case insertConnection(index: Int, connection: Connection)
    case removeConnection(index: Int, connection: Connection)
    case insertNote(index: Int, note: FlowNote)
    case removeNote(index: Int, note: FlowNote)
    case replaceNote(index: Int, old: FlowNote, new: FlowNote)
    case replaceSettings(old: FlowSettings, new: FlowSettings)
    case replaceHeader(old: DocumentHeader, new: DocumentHeader)
    /// Moves the nodes and notes at these indices by one offset (a selection moved
    /// together): the size of the list, where replacing each node would copy it whole twice
    /// per step of a move.
    case shift(nodes: [Int], notes: [Int], dx: Int, dy: Int)

    public var inverse: DocumentOperation {
        switch self {
        case .insertNode(let i, let n): return .removeNode(index: i, node: n)
        case .removeNode(let i, let n): return .insertNode(index: i, node: n)
        case .replaceNode(let i, let o, let n): return .replaceNode(index: i, old: n, new: o)
        case .insertConnection(let i, let c): return .removeConnection(index: i, connection: c)
        case .removeConnection(let i, let c): return .insertConnection(index: i, connection: c)
        case .insertNote(let i, let n): return .removeNote(index: i, note: n)
        case .removeNote(let i, let n): return .insertNote(index: i, note: n)
        case .replaceNote(let i, let o, let n): return .replaceNote(index: i, old: n, new: o)
        case .replaceSettings(let o, let n): return .replaceSettings(old: n, new: o)
        case .replaceHeader(let o, let n): return .replaceHeader(old: n, new: o)
        case .shift(let nodes, let notes, let dx, let dy): return .shift(nodes: nodes, notes: notes, dx: -dx, dy: -dy)
        }
    }

    func apply(to doc: inout FlowDocument) {
        switch self {
        case .insertNode(let i, let n): doc.nodes.insert(n, at: i)
        case .removeNode(let i, _): doc.nodes.remove(at: i)
        case .replaceNode(let i, _, let n): doc.nodes[i] = n
        case .insertConnection(let i, let c): doc.connections.insert(c, at: i)
        case .removeConnection(let i, _): doc.connections.remove(at: i)
        case .insertNote(let i, let n): doc.notes.insert(n, at: i)
        case .removeNote(let i, _): doc.notes.remove(at: i)
        case .replaceNote(let i, _, let n): doc.notes[i] = n
        case .replaceSettings(_, let n): doc.settings = n
        case .replaceHeader(_, let h):
            doc.name = h.name
            doc.description = h.description
            doc.kind = h.kind
        case .shift(let nodes, let notes, let dx, let dy):
            for i in nodes {
                if let x = doc.nodes[i].x { doc.nodes[i].x = x + dx }
                if let y = doc.nodes[i].y { doc.nodes[i].y = y + dy }
            }
            for k in notes {
                doc.notes[k].x += dx
                doc.notes[k].y += dy
            }
        }
    }
}

/// The document-level fields that are not settings.
public struct DocumentHeader: Equatable, Sendable {
    public var name: String
    public var description: String
    public var kind: FlowKind

    public init(_ doc: FlowDocument) {
        name = doc.name
        description = doc.description
        kind = doc.kind
    }
}

/// A named user action: what undo and redo step over.
public struct DocumentEdit: Equatable, Sendable {
    public var name: String
    public var operations: [DocumentOperation]

    public init(_ name: String, _ operations: [DocumentOperation]) {
        self.name = name
        self.operations = operations
    }

    public var inverse: DocumentEdit {
        DocumentEdit(name, operations.reversed().map(\.inverse))
    }

    public func apply(to doc: inout FlowDocument) {
        for op in operations { op.apply(to: &doc) }
    }
}
