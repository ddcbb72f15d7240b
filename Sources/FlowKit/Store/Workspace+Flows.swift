import Foundation
import TerminalText

// Creating, listing, renaming, copying, deleting, pausing and resuming flows.
extension Workspace {
    /// Every flow, by name (case-insensitively).
    public func flows() throws(WorkspaceError) -> [FlowSummary] {
        // One query: the flow list is read on every editor refresh.
        try read { db in
            try db.flowList().map { row in
                let flow = row.flow
                return FlowSummary(
                    id: flow.id, name: flow.name, kind: FlowKind(rawValue: flow.kind) ?? .messaging,
                    createdAt: flow.createdAt, state: flow.state.flatMap(FlowState.init(rawValue:)),
                    liveVersion: flow.liveVersion, latestVersion: row.latestVersion,
                    draftRevision: row.draftRevision, draftUpdatedAt: row.draftUpdatedAt)
            }
        }
    }

    /// One flow by name or id; `noSuchFlow` otherwise.
    public func flow(_ nameOrID: String) throws(WorkspaceError) -> FlowSummary {
        try read { db in try summary(db, try resolve(db, nameOrID)) }
    }

    /// A new flow whose working draft is the template `template` (default `blank`).
    /// `voice` without a template picks the voice blank (`blank-voice` or `voice-blank`
    /// when the templates have one, else `blank` turned into a voice flow); with a
    /// template, that template must be a voice flow.
    public func createFlow(named name: String, template: String? = nil, voice: Bool = false) throws(WorkspaceError) -> FlowSummary {
        var document: FlowDocument
        if let template {
            guard let t = FlowTemplates.named(template) else { throw .noSuchTemplate(template) }
            if voice && t.kind != .voice {
                throw .invalidArgument("template '\(template)' is a \(t.kind.rawValue) flow, not a voice flow")
            }
            document = t.document
        } else if voice {
            if let t = FlowTemplates.named("blank-voice") ?? FlowTemplates.named("voice-blank"), t.kind == .voice {
                document = t.document
            } else {
                guard let blank = FlowTemplates.named("blank") else { throw .noSuchTemplate("blank") }
                document = blank.document
                document.kind = .voice
            }
        } else {
            guard let blank = FlowTemplates.named("blank") else { throw .noSuchTemplate("blank") }
            document = blank.document
        }
        return try createFlow(named: name, document: document)
    }

    /// A new flow whose working draft (revision 1) is `document`, renamed to `name`.
    public func createFlow(named name: String, document: FlowDocument) throws(WorkspaceError) -> FlowSummary {
        let name = try Workspace.checkedName(name)
        return try write { db in try insertFlow(db, name: name, document: document) }
    }

    func insertFlow(_ db: any StoreTransaction, name: String, document: FlowDocument) throws -> FlowSummary {
        if try db.flow(named: name) != nil {
            throw WorkspaceError.flowExists(name)
        }
        var doc = document
        doc.name = name
        doc.format = FlowDocument.formatIdentifier
        let now = Date()
        let flow = FlowRecord(id: try freshFlowID(db, name: name), name: name, kind: doc.kind.rawValue,
                              createdAt: now, state: nil, liveVersion: nil, lastRevision: 1)
        try db.insertFlow(flow)
        try db.saveDraft(DraftRecord(flowId: flow.id, document: FlowCodec.encodeForStorage(doc), revision: 1,
                                     basedOn: nil, updatedAt: now, updatedBy: author))
        return try summary(db, flow)
    }

    /// Sanitized from the name (as node ids are), then `-2`, `-3` … until unused.
    func freshFlowID(_ db: any StoreTransaction, name: String) throws -> String {
        let hasIDCharacters = name.contains { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let stem = hasIDCharacters ? FlowNode.sanitizedID(name) : "flow"
        if try db.flow(id: stem) == nil { return stem }
        var n = 2
        while try db.flow(id: "\(stem)-\(n)") != nil { n += 1 }
        return "\(stem)-\(n)"
    }

    static func checkedName(_ name: String) throws(WorkspaceError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .invalidName("a flow name must not be empty") }
        if trimmed.contains(where: { $0.isNewline || $0 == "\t" }) {
            throw .invalidName("a flow name must be one line")
        }
        if let c = TerminalText.firstControl(in: trimmed) {
            throw .invalidName("the flow name contains the control character \(TerminalText.codePoint(c)); names, labels and ids must be printable")
        }
        if trimmed.count > 100 { throw .invalidName("a flow name must be at most 100 characters") }
        return trimmed
    }

    /// Renames a flow; the working draft's document takes the new name too (versions keep
    /// the name they went live with). The id does not change.
    public func renameFlow(_ nameOrID: String, to newName: String) throws(WorkspaceError) -> FlowSummary {
        let newName = try Workspace.checkedName(newName)
        return try write { db in
            var flow = try resolve(db, nameOrID)
            if let other = try db.flow(named: newName),
               other.id != flow.id {
                throw WorkspaceError.flowExists(newName)
            }
            flow.name = newName
            try db.updateFlow(flow)
            if var draft = try draft(db, of: flow) {
                var doc = try decode(draft.document, flow: flow)
                doc.name = newName
                draft.document = FlowCodec.encodeForStorage(doc)
                try db.saveDraft(draft)
            }
            return try summary(db, flow)
        }
    }

    /// A new flow named `newName` whose working draft is the source's draft, or its
    /// newest version when it has none. Versions, state and apps are not copied.
    public func copyFlow(_ nameOrID: String, to newName: String) throws(WorkspaceError) -> FlowSummary {
        let newName = try Workspace.checkedName(newName)
        return try write { db in
            let source = try resolve(db, nameOrID)
            let data: Data
            if let draft = try draft(db, of: source) {
                data = draft.document
            } else if let latest = try latestVersionNumber(db, of: source.id) {
                data = try versionRecord(db, of: source, number: latest).document
            } else {
                throw WorkspaceError.noDraft(flow: source.name)
            }
            return try insertFlow(db, name: newName, document: try decode(data, flow: source))
        }
    }

    /// Deletes a flow with its draft and every version.
    public func deleteFlow(_ nameOrID: String) throws(WorkspaceError) {
        try write { db in
            let flow = try resolve(db, nameOrID)
            try db.deleteFlow(id: flow.id)
        }
    }

    /// Paused live flows start no new sessions; refused for flows never made live.
    public func pause(_ nameOrID: String) throws(WorkspaceError) -> FlowSummary {
        try setState(nameOrID, .paused)
    }

    public func resume(_ nameOrID: String) throws(WorkspaceError) -> FlowSummary {
        try setState(nameOrID, .running)
    }

    func setState(_ nameOrID: String, _ state: FlowState) throws(WorkspaceError) -> FlowSummary {
        try write { db in
            var flow = try resolve(db, nameOrID)
            guard flow.liveVersion != nil else { throw WorkspaceError.notLive(flow: flow.name) }
            flow.state = state.rawValue
            try db.updateFlow(flow)
            return try summary(db, flow)
        }
    }
}
