import Foundation

// History, diff, import and export.
extension Workspace {
    /// Newest first: the working draft (if any), then versions N … 1; the live version
    /// is `live`, the others `previous`.
    public func history(_ nameOrID: String) throws(WorkspaceError) -> [HistoryEntry] {
        try read { db in
            let flow = try resolve(db, nameOrID)
            var entries: [HistoryEntry] = []
            if let d = try draft(db, of: flow) {
                entries.append(HistoryEntry(version: nil, status: .draft, basedOn: d.basedOn, comment: "",
                                            author: d.updatedBy, createdAt: d.updatedAt, revision: d.revision))
            }
            for v in try db.versionHeaders(flowID: flow.id) {
                entries.append(HistoryEntry(version: v.number, status: v.number == flow.liveVersion ? .live : .previous,
                                            basedOn: v.basedOn, comment: v.comment, author: v.author,
                                            createdAt: v.createdAt, revision: nil))
            }
            return entries
        }
    }

    /// What changed from `a` to `b` (each a version or the draft), read in one snapshot.
    public func diff(_ nameOrID: String, from a: DocumentRef, to b: DocumentRef) throws(WorkspaceError) -> FlowDiff {
        let (old, new) = try read { db in
            let flow = try resolve(db, nameOrID)
            return (try stored(db, flow, a).document, try stored(db, flow, b).document)
        }
        return FlowDiff.between(old, new)
    }

    /// The flow's draft or version (see `document(_:_:)`) as canonical JSON, Mermaid or DOT.
    public func export(_ nameOrID: String, _ ref: DocumentRef? = nil, format: ExportFormat = .json) throws(WorkspaceError) -> String {
        let doc = try document(nameOrID, ref).document
        switch format {
        case .json: return FlowCodec.exportJSON(doc)
        case .mermaid: return GraphExport.mermaid(doc)
        case .dot: return GraphExport.dot(doc)
        }
    }

    /// A new flow from a `flowcanvas/1` document. Everything is checked before anything
    /// is written (`importRefused` for malformed or unsupported documents). `name`
    /// replaces the document's name; a clash with an existing flow is refused.
    public func importFlow(_ data: Data, name: String? = nil) throws(WorkspaceError) -> FlowSummary {
        let document: FlowDocument
        do {
            document = try FlowCodec.importDocument(data, catalog: catalog)
        } catch {
            throw .importRefused(error)
        }
        guard let name else {
            // The document's own name is content: refusing it is a refusal (exit 1), like
            // every other part of the document, not a usage error.
            if document.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .importRefused(FlowImportError(.invalidDocument, "the document has no name; give one with --name"))
            }
            do {
                _ = try Workspace.checkedName(document.name)
            } catch {
                throw .importRefused(FlowImportError(.invalidDocument, "\"name\": \(error.message) (or give one with --name)"))
            }
            return try createFlow(named: document.name, document: document)
        }
        return try createFlow(named: name, document: document)
    }

    /// `importFlow` from a file.
    public func importFlow(file: URL, name: String? = nil) throws(WorkspaceError) -> FlowSummary {
        try importFlow(try Workspace.readFile(file), name: name)
    }

    /// Reads a document file (at most 64 MiB, regular files only), with `unreadableFile`
    /// naming what went wrong.
    public static func readFile(_ url: URL) throws(WorkspaceError) -> Data {
        try DocumentFile.read(url)
    }

    /// Parses a document file the way import does (same refusals), without storing it.
    public static func loadDocument(file url: URL, catalog: NodeCatalog = .standard) throws(WorkspaceError) -> FlowDocument {
        try loadDocument(data: try readFile(url), catalog: catalog)
    }

    /// A flowcanvas/1 document already read (a refusal is `importRefused`).
    public static func loadDocument(data: Data, catalog: NodeCatalog = .standard) throws(WorkspaceError) -> FlowDocument {
        do {
            return try FlowCodec.importDocument(data, catalog: catalog)
        } catch {
            throw .importRefused(error)
        }
    }

    /// Saves a file as the flow's working draft (the CLI's `save FLOW FILE`).
    @discardableResult
    public func saveDraft(_ nameOrID: String, file url: URL, expectedRevision: Int? = nil) throws(WorkspaceError) -> SaveResult {
        try saveDraft(nameOrID, document: try Workspace.loadDocument(file: url, catalog: catalog),
                      expectedRevision: expectedRevision)
    }
}
