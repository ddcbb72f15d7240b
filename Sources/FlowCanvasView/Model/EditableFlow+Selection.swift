import FlowKit

/// Edits on many nodes at once (issue 11). Each is ONE `DocumentEdit`, so one undo takes
/// the whole operation back.
extension EditableFlow {
    /// Moves nodes to new top-left cells and notes to new places; the notes attached to a
    /// moved node follow it unless they have a place of their own in `notes`. Returns
    /// false when nothing changed (no edit recorded).
    @discardableResult
    public mutating func reposition(nodes positions: [String: GridPoint], notes notePositions: [String: GridPoint] = [:],
                                    name: String) -> Bool {
        var ops: [DocumentOperation] = []
        var shift: [String: (dx: Int, dy: Int)] = [:]
        for (i, node) in document.nodes.enumerated() {
            guard let p = positions[node.id], p.x != node.x || p.y != node.y else { continue }
            var moved = node
            moved.x = p.x
            moved.y = p.y
            ops.append(.replaceNode(index: i, old: node, new: moved))
            shift[node.id] = (p.x - (node.x ?? p.x), p.y - (node.y ?? p.y))
        }
        for (k, note) in document.notes.enumerated() {
            var moved = note
            if let p = notePositions[note.id] {
                moved.x = p.x
                moved.y = p.y
            } else if let owner = note.node, let d = shift[owner] {
                moved.x += d.dx
                moved.y += d.dy
            }
            if moved != note { ops.append(.replaceNote(index: k, old: note, new: moved)) }
        }
        guard !ops.isEmpty else { return false }
        perform(DocumentEdit(name, ops))
        return true
    }

    /// Moves the nodes and notes at these document indices by one offset, as one edit whose
    /// size is the list (no node is copied). Every node given must have a place.
    public mutating func shift(nodes: [Int], notes: [Int], by offset: (dx: Int, dy: Int), name: String) {
        guard offset != (0, 0), !nodes.isEmpty || !notes.isEmpty else { return }
        perform(DocumentEdit(name, [.shift(nodes: nodes, notes: notes, dx: offset.dx, dy: offset.dy)]))
    }

    /// Deletes nodes (with every connector touching them and their attached notes) and notes.
    public mutating func delete(nodes: Set<String>, notes: Set<String>, name: String) {
        var ops: [DocumentOperation] = []
        // Highest index first within each kind, so earlier indices stay valid while applying.
        for (k, c) in document.connections.enumerated().reversed() where nodes.contains(c.from) || nodes.contains(c.to) {
            ops.append(.removeConnection(index: k, connection: c))
        }
        for (k, n) in document.notes.enumerated().reversed() where notes.contains(n.id) || n.node.map(nodes.contains) == true {
            ops.append(.removeNote(index: k, note: n))
        }
        for (i, n) in document.nodes.enumerated().reversed() where nodes.contains(n.id) {
            ops.append(.removeNode(index: i, node: n))
        }
        perform(DocumentEdit(name, ops))
    }

    /// Adds what a paste put at the end of `pasted` (`FlowFragment.paste` appends nodes,
    /// connectors and notes to the document it was given, which must be this one).
    public mutating func insertPasted(_ pasted: FlowDocument, name: String) {
        let doc = document
        var ops: [DocumentOperation] = []
        for i in doc.nodes.count..<pasted.nodes.count { ops.append(.insertNode(index: i, node: pasted.nodes[i])) }
        for i in doc.connections.count..<pasted.connections.count {
            ops.append(.insertConnection(index: i, connection: pasted.connections[i]))
        }
        for i in doc.notes.count..<pasted.notes.count { ops.append(.insertNote(index: i, note: pasted.notes[i])) }
        perform(DocumentEdit(name, ops))
    }

    /// Replaces nodes and notes by id (`:replace`), as one edit.
    public mutating func replace(nodes: [FlowNode], notes: [FlowNote], name: String) {
        let newNodes = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newNotes = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ops: [DocumentOperation] = []
        for (i, n) in document.nodes.enumerated() {
            if let new = newNodes[n.id], new != n { ops.append(.replaceNode(index: i, old: n, new: new)) }
        }
        for (k, n) in document.notes.enumerated() {
            if let new = newNotes[n.id], new != n { ops.append(.replaceNote(index: k, old: n, new: new)) }
        }
        perform(DocumentEdit(name, ops))
    }
}
