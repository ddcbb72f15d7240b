import Foundation

/// A flow as the flow list's columns show it: the summary, who edited it last and when
/// (the draft's last save, else the newest version).
public struct FlowListEntry: Equatable, Sendable {
    public var summary: FlowSummary
    public var lastEditedAt: Date
    public var lastEditedBy: String

    public init(summary: FlowSummary, lastEditedAt: Date, lastEditedBy: String) {
        self.summary = summary
        self.lastEditedAt = lastEditedAt
        self.lastEditedBy = lastEditedBy
    }
}

/// What the flow list's preview pane shows for one flow.
public struct FlowPreview: Sendable {
    public var description: String
    /// Newest first, at most the number asked for.
    public var versions: [VersionHeader]
}

// The flow list's extra columns and preview.
extension Workspace {
    /// Every flow (by name) with its last edit: the list's one query, which reads who saved
    /// the draft and the newest version and when, never a document (this runs on every
    /// refresh of the flow list).
    public func flowListEntries() throws(WorkspaceError) -> [FlowListEntry] {
        try read { db in
            try db.flowList().map { row in
                let flow = row.flow
                let summary = FlowSummary(
                    id: flow.id, name: flow.name, kind: FlowKind(rawValue: flow.kind) ?? .messaging,
                    createdAt: flow.createdAt, state: flow.state.flatMap(FlowState.init(rawValue:)),
                    liveVersion: flow.liveVersion, latestVersion: row.latestVersion,
                    draftRevision: row.draftRevision, draftUpdatedAt: row.draftUpdatedAt)
                if let at = row.draftUpdatedAt, let by = row.draftUpdatedBy {
                    return FlowListEntry(summary: summary, lastEditedAt: at, lastEditedBy: by)
                }
                if let at = row.latestVersionCreatedAt, let by = row.latestVersionAuthor {
                    return FlowListEntry(summary: summary, lastEditedAt: at, lastEditedBy: by)
                }
                return FlowListEntry(summary: summary, lastEditedAt: flow.createdAt, lastEditedBy: "")
            }
        }
    }

    /// The description of the flow's draft (else its newest version) and its newest
    /// `versions` versions with their comments.
    public func preview(_ nameOrID: String, versions: Int = 3) throws(WorkspaceError) -> FlowPreview {
        try read { db in
            let flow = try resolve(db, nameOrID)
            let headers = try db.versionHeaders(flowID: flow.id)
            var data = try draft(db, of: flow)?.document
            if data == nil, let newest = headers.first {
                data = try versionRecord(db, of: flow, number: newest.number).document
            }
            let description = try data.map { try decode($0, flow: flow).description } ?? ""
            return FlowPreview(description: description, versions: Array(headers.prefix(versions)))
        }
    }
}
