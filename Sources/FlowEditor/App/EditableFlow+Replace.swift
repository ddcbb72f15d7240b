import FlowCanvasView
import FlowKit

extension EditableFlow {
    /// Replaces the whole document as ONE undoable edit (restoring a recovery copy), so
    /// undo goes back to what the store holds and the change counts as unsaved.
    public mutating func replaceDocument(with new: FlowDocument, name: String) {
        let old = document
        guard new != old else { return }
        var ops: [DocumentOperation] = []
        for (i, c) in old.connections.enumerated().reversed() { ops.append(.removeConnection(index: i, connection: c)) }
        for (i, n) in old.notes.enumerated().reversed() { ops.append(.removeNote(index: i, note: n)) }
        for (i, n) in old.nodes.enumerated().reversed() { ops.append(.removeNode(index: i, node: n)) }
        if new.settings != old.settings { ops.append(.replaceSettings(old: old.settings, new: new.settings)) }
        var header = DocumentHeader(new)
        header.name = old.name  // the flow keeps its name; renaming is its own operation
        if header != DocumentHeader(old) { ops.append(.replaceHeader(old: DocumentHeader(old), new: header)) }
        for (i, n) in new.nodes.enumerated() { ops.append(.insertNode(index: i, node: n)) }
        for (i, c) in new.connections.enumerated() { ops.append(.insertConnection(index: i, connection: c)) }
        for (i, n) in new.notes.enumerated() { ops.append(.insertNote(index: i, note: n)) }
        perform(DocumentEdit(name, ops))
    }
}
