import Foundation

// Fragments in and out of stored flows (`export --nodes`, `paste`).
extension Workspace {
    /// The nodes `ids` of a flow's draft (or version N), with the connectors between them and
    /// their notes, as `flowcanvas/1` JSON. Every id must exist.
    public func exportFragment(_ nameOrID: String, _ ref: DocumentRef? = nil, nodes ids: [String]) throws(WorkspaceError) -> String {
        let document = try document(nameOrID, ref).document
        let missing = ids.filter { document.node(withID: $0) == nil }
        guard missing.isEmpty else {
            throw .invalidArgument("no node \(missing.map { "'\($0)'" }.joined(separator: ", ")) in '\(nameOrID)'")
        }
        return FlowCodec.exportJSON(FlowFragment.extract(ids, from: document).fragment)
    }

    /// Pastes the fragment `text` into the flow's working draft (a new draft from the live
    /// version when there is none) and saves it, with the editor's rules
    /// (`FlowFragment.paste`). With `expectedRevision`, the draft must still be at it; the
    /// paste saves against the revision it read either way, so a concurrent save is a
    /// conflict, never a lost update.
    public func pasteFragment(_ nameOrID: String, text: String, at origin: (x: Int, y: Int)?,
                              expectedRevision: Int? = nil) throws(WorkspaceError) -> (SaveResult, FlowFragment.Pasted) {
        let stored = try document(nameOrID, nil)
        if let expectedRevision, expectedRevision != stored.draftRevision {
            throw .conflict(flow: nameOrID, expected: expectedRevision, current: stored.draftRevision)
        }
        let pasted: FlowFragment.Pasted
        do {
            pasted = try FlowFragment.paste(text: text, into: stored.document, at: origin, catalog: catalog)
        } catch {
            throw .importRefused(error)
        }
        let result = try saveDraft(stored.flowID, document: pasted.document, expectedRevision: stored.draftRevision)
        return (result, pasted)
    }
}
