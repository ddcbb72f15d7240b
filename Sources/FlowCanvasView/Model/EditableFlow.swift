import FlowKit

/// A document being edited, with undo and redo. Every change goes through `perform`,
/// which records its inverse; edits are built by the methods below so each one is a
/// complete, consistent change (deleting a node also removes its connectors and the
/// notes attached to it).
public struct EditableFlow: Sendable {
    public private(set) var document: FlowDocument
    private var undoStack: [DocumentEdit] = []
    private var redoStack: [DocumentEdit] = []
    /// Bumped on every change (edit, undo, redo), so views can cache by it.
    public private(set) var generation = 0
    /// The generation that was last saved; unsaved when different.
    public private(set) var savedGeneration = 0
    public let catalog: NodeCatalog
    /// The operations of the latest change and the generation they made (nil after a
    /// reset), so a cache can follow one small edit instead of rebuilding (`CanvasScene`).
    public private(set) var lastChange: (generation: Int, operations: [DocumentOperation])?
    /// Shared by this value and its copies: with `generation`, says which history a cache
    /// followed (a copy kept aside and put back later is told apart by its generation).
    public let lineage = EditLineage()

    public init(document: FlowDocument, catalog: NodeCatalog = .standard) {
        self.document = document
        self.catalog = catalog
    }

    public var hasUnsavedChanges: Bool { generation != savedGeneration }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }
    public var undoName: String? { undoStack.last?.name }
    public var redoName: String? { redoStack.last?.name }

    public mutating func markSaved() { savedGeneration = generation }

    /// Replaces the whole document (reload after a conflict) and forgets history.
    public mutating func reset(to doc: FlowDocument) {
        document = doc
        undoStack.removeAll()
        redoStack.removeAll()
        generation += 1
        savedGeneration = generation
        lastChange = nil
    }

    public mutating func perform(_ edit: DocumentEdit) {
        guard !edit.operations.isEmpty else { return }
        edit.apply(to: &document)
        undoStack.append(edit)
        redoStack.removeAll()
        generation += 1
        lastChange = (generation, edit.operations)
    }

    @discardableResult
    public mutating func undo() -> DocumentEdit? {
        guard let edit = undoStack.popLast() else { return nil }
        edit.inverse.apply(to: &document)
        redoStack.append(edit)
        generation += 1
        lastChange = (generation, edit.inverse.operations)
        return edit
    }

    /// Takes the last edit back without keeping it for redo: a gesture (moving a
    /// selection) that shows each step as an edit replaces its own previous step.
    @discardableResult
    public mutating func withdrawLast() -> DocumentEdit? {
        guard let edit = undoStack.popLast() else { return nil }
        edit.inverse.apply(to: &document)
        generation += 1
        lastChange = (generation, edit.inverse.operations)
        return edit
    }

    @discardableResult
    public mutating func redo() -> DocumentEdit? {
        guard let edit = redoStack.popLast() else { return nil }
        edit.apply(to: &document)
        undoStack.append(edit)
        generation += 1
        lastChange = (generation, edit.operations)
        return edit
    }

    // MARK: - Edits

    /// Places a new node of `type` with the catalog's defaults; returns its id.
    @discardableResult
    public mutating func placeNode(type: String, at p: (x: Int, y: Int), label: String? = nil) -> String? {
        guard let spec = catalog.type(type) else { return nil }
        let id = document.freshID(base: type == "start" ? "start" : (label ?? spec.title))
        let node = FlowNode(id: id, type: type, label: label ?? spec.title, x: p.x, y: p.y, config: spec.defaultConfig())
        perform(DocumentEdit("place \(spec.title)", [.insertNode(index: document.nodes.count, node: node)]))
        return id
    }

    /// Moves a node and the notes attached to it by the same offset.
    public mutating func moveNode(_ id: String, to p: (x: Int, y: Int)) {
        guard let i = document.nodeIndex(withID: id) else { return }
        let old = document.nodes[i]
        var new = old
        new.x = p.x
        new.y = p.y
        guard new != old else { return }
        var ops: [DocumentOperation] = [.replaceNode(index: i, old: old, new: new)]
        let dx = p.x - (old.x ?? p.x), dy = p.y - (old.y ?? p.y)
        for (k, note) in document.notes.enumerated() where note.node == id {
            var moved = note
            moved.x += dx
            moved.y += dy
            ops.append(.replaceNote(index: k, old: note, new: moved))
        }
        perform(DocumentEdit("move \(old.label)", ops))
    }

    /// Replaces a node's label and config (the form's Save).
    public mutating func updateNode(_ node: FlowNode) {
        guard let i = document.nodeIndex(withID: node.id), document.nodes[i] != node else { return }
        perform(DocumentEdit("edit \(node.label)", [.replaceNode(index: i, old: document.nodes[i], new: node)]))
    }

    /// Deletes a node with every connector touching it and the notes attached to it.
    public mutating func deleteNode(_ id: String) {
        guard let i = document.nodeIndex(withID: id) else { return }
        var ops: [DocumentOperation] = []
        // Highest index first so earlier indices stay valid while applying.
        for (k, c) in document.connections.enumerated().reversed() where c.from == id || c.to == id {
            ops.append(.removeConnection(index: k, connection: c))
        }
        for (k, n) in document.notes.enumerated().reversed() where n.node == id {
            ops.append(.removeNote(index: k, note: n))
        }
        ops.append(.removeNode(index: i, node: document.nodes[i]))
        perform(DocumentEdit("delete \(document.nodes[i].label)", ops))
    }

    /// Connects `outcome` of `from` to `to`, replacing that outcome's existing connector.
    public mutating func connect(from: String, outcome: String, to: String) {
        let c = Connection(from: from, outcome: outcome, to: to)
        guard !document.connections.contains(c) else { return }
        var ops: [DocumentOperation] = []
        for (k, old) in document.connections.enumerated().reversed() where old.from == from && old.outcome == outcome {
            ops.append(.removeConnection(index: k, connection: old))
        }
        let remaining = document.connections.count - ops.count
        ops.append(.insertConnection(index: remaining, connection: c))
        perform(DocumentEdit("connect \(outcome)", ops))
    }

    public mutating func disconnect(_ c: Connection) {
        guard let k = document.connections.firstIndex(of: c) else { return }
        perform(DocumentEdit("delete connector", [.removeConnection(index: k, connection: c)]))
    }

    @discardableResult
    public mutating func addNote(text: String, attachedTo node: String?, at p: (x: Int, y: Int)) -> String {
        let id = document.freshID(base: "note")
        let note = FlowNote(id: id, text: text, node: node, x: p.x, y: p.y)
        perform(DocumentEdit("add note", [.insertNote(index: document.notes.count, note: note)]))
        return id
    }

    public mutating func updateNote(_ note: FlowNote) {
        guard let k = document.notes.firstIndex(where: { $0.id == note.id }), document.notes[k] != note else { return }
        perform(DocumentEdit("edit note", [.replaceNote(index: k, old: document.notes[k], new: note)]))
    }

    public mutating func deleteNote(_ id: String) {
        guard let k = document.notes.firstIndex(where: { $0.id == id }) else { return }
        perform(DocumentEdit("delete note", [.removeNote(index: k, note: document.notes[k])]))
    }

    public mutating func updateSettings(_ settings: FlowSettings) {
        guard settings != document.settings else { return }
        perform(DocumentEdit("edit settings", [.replaceSettings(old: document.settings, new: settings)]))
    }

    public mutating func updateHeader(name: String, description: String) {
        let old = DocumentHeader(document)
        var new = old
        new.name = name
        new.description = description
        guard new != old else { return }
        perform(DocumentEdit("edit flow details", [.replaceHeader(old: old, new: new)]))
    }
}

/// The identity of one editing history (`EditableFlow.lineage`).
public final class EditLineage: Sendable {
    public init() {}
}
