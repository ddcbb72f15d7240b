import Foundation

// Loading documents, saving the working draft, branching a draft from a version.
extension Workspace {
    /// The working draft (`.draft`), a version (`.version(n)`), or with `nil` what a
    /// person means by "the flow": its draft when it has one, else its live version.
    public func document(_ nameOrID: String, _ ref: DocumentRef? = nil) throws(WorkspaceError) -> StoredDocument {
        try read { db in try stored(db, try resolve(db, nameOrID), ref) }
    }

    func stored(_ db: any StoreTransaction, _ flow: FlowRecord, _ ref: DocumentRef?) throws -> StoredDocument {
        let draft = try draft(db, of: flow)
        let revision = draft?.revision ?? 0
        switch ref {
        case .version(let n):
            let v = try versionRecord(db, of: flow, number: n)
            return StoredDocument(flowID: flow.id, ref: .version(n), document: try decode(v.document, flow: flow),
                                  draftRevision: revision, basedOn: v.basedOn)
        case .draft:
            guard let draft else { throw WorkspaceError.noDraft(flow: flow.name) }
            return StoredDocument(flowID: flow.id, ref: .draft, document: try decode(draft.document, flow: flow),
                                  draftRevision: revision, basedOn: draft.basedOn)
        case nil:
            if draft != nil { return try stored(db, flow, .draft) }
            guard let n = try flow.liveVersion ?? latestVersionNumber(db, of: flow.id) else {
                throw WorkspaceError.noDraft(flow: flow.name)
            }
            return try stored(db, flow, .version(n))
        }
    }

    /// Replaces the working draft (creating it if there is none). The flow keeps its name:
    /// the document's `name` is overwritten with it. With `expectedRevision`, refused as a
    /// conflict unless the draft is still at that revision (0: there is no draft), so two
    /// editors never silently overwrite each other. Errors in the document do not block
    /// saving; they come back in the report.
    @discardableResult
    public func saveDraft(_ nameOrID: String, document: FlowDocument,
                          expectedRevision: Int? = nil) throws(WorkspaceError) -> SaveResult {
        // The flow's name replaces the document's, so only the rest is checked here.
        var checked = document
        checked.name = ""
        if let problem = checked.controlCharacterProblem() { throw .invalidText(problem) }
        let revision: Int = try write { db in
            var flow = try resolve(db, nameOrID)
            let existing = try draft(db, of: flow)
            let current = existing?.revision ?? 0
            if let expectedRevision, expectedRevision != current {
                throw WorkspaceError.conflict(flow: flow.name, expected: expectedRevision, current: current)
            }
            var doc = document
            doc.name = flow.name
            doc.format = FlowDocument.formatIdentifier
            flow.lastRevision += 1
            flow.kind = doc.kind.rawValue
            try db.updateFlow(flow)
            let basedOn = existing.map(\.basedOn) ?? flow.liveVersion
            try db.saveDraft(DraftRecord(flowId: flow.id, document: FlowCodec.encodeForStorage(doc),
                                         revision: flow.lastRevision, basedOn: basedOn, updatedAt: Date(),
                                         updatedBy: author))
            return flow.lastRevision
        }
        return SaveResult(revision: revision, report: Validator(catalog: catalog).validate(document))
    }

    /// A new working draft branched from version `version` (`basedOn: version`). Refused
    /// when a draft exists, unless `discardDraft`.
    @discardableResult
    public func editVersion(_ nameOrID: String, version: Int, discardDraft: Bool = false) throws(WorkspaceError) -> StoredDocument {
        try write { db in
            var flow = try resolve(db, nameOrID)
            let v = try versionRecord(db, of: flow, number: version)
            if let existing = try draft(db, of: flow) {
                guard discardDraft else {
                    throw WorkspaceError.draftExists(flow: flow.name, revision: existing.revision)
                }
            }
            flow.lastRevision += 1
            var doc = try decode(v.document, flow: flow)
            doc.name = flow.name
            flow.kind = doc.kind.rawValue
            try db.updateFlow(flow)
            try db.saveDraft(DraftRecord(flowId: flow.id, document: FlowCodec.encodeForStorage(doc),
                                         revision: flow.lastRevision, basedOn: version, updatedAt: Date(),
                                         updatedBy: author))
            return try stored(db, flow, .draft)
        }
    }

    /// Drops the working draft of a flow that has a version to fall back on.
    public func discardDraft(_ nameOrID: String) throws(WorkspaceError) {
        try write { db in
            let flow = try resolve(db, nameOrID)
            guard let existing = try draft(db, of: flow) else { throw WorkspaceError.noDraft(flow: flow.name) }
            guard try latestVersionNumber(db, of: flow.id) != nil else { throw WorkspaceError.onlyDraft(flow: flow.name) }
            try db.deleteDraft(flowID: existing.flowId)
        }
    }

    /// The validator's findings for the flow's draft/version (see `document(_:_:)`).
    public func validate(_ nameOrID: String, _ ref: DocumentRef? = nil) throws(WorkspaceError) -> ValidationReport {
        Validator(catalog: catalog).validate(try document(nameOrID, ref).document)
    }

    /// Voice compile (DESIGN §12): validation plus every prompt in every required language.
    public func compile(_ nameOrID: String, _ ref: DocumentRef? = nil) throws(WorkspaceError) -> ValidationReport {
        let doc = try document(nameOrID, ref).document
        return VoiceCompiler.compile(doc, mediaFolder: mediaFolder(for: doc), catalog: catalog)
    }

    /// Which prompt exists in which language.
    public func promptTable(_ nameOrID: String, _ ref: DocumentRef? = nil) throws(WorkspaceError) -> PromptTable {
        let doc = try document(nameOrID, ref).document
        return VoiceCompiler.promptTable(doc, mediaFolder: mediaFolder(for: doc))
    }
}
