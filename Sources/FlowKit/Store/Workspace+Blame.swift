import Foundation

// Blame, log and the documents behind them (issue 17: reviewing a flow's history).
extension Workspace {
    /// Versions 1 … N oldest first, each with its document, read in one snapshot. `through`
    /// ends the walk: `.version(n)` stops at n, `.draft` appends the working draft, nil
    /// means every version (and the draft only when there is no version yet).
    public func historySteps(_ nameOrID: String, through: DocumentRef? = nil) throws(WorkspaceError) -> [HistoryStep] {
        try read { db in
            let flow = try resolve(db, nameOrID)
            var steps: [HistoryStep] = []
            var last = Int.max
            if case .version(let n)? = through {
                _ = try versionRecord(db, of: flow, number: n) // refuses an unknown version
                last = n
            }
            let numbers = try db.versionHeaders(flowID: flow.id).map(\.number).filter { $0 <= last }.sorted()
            for number in numbers {
                let v = try versionRecord(db, of: flow, number: number)
                let entry = HistoryEntry(version: v.number, status: v.number == flow.liveVersion ? .live : .previous,
                                         basedOn: v.basedOn, comment: v.comment, author: v.author, createdAt: v.createdAt)
                steps.append(HistoryStep(entry: entry, document: try decode(v.document, flow: flow)))
            }
            let wantsDraft = through == .draft || (through == nil && steps.isEmpty)
            if wantsDraft {
                guard let d = try draft(db, of: flow) else { throw WorkspaceError.noDraft(flow: flow.name) }
                let entry = HistoryEntry(version: nil, status: .draft, basedOn: d.basedOn, comment: "",
                                         author: d.updatedBy, createdAt: d.updatedAt, revision: d.revision)
                steps.append(HistoryStep(entry: entry, document: try decode(d.document, flow: flow)))
            }
            return steps
        }
    }

    /// Who last added or changed each node of a version (default: the newest version;
    /// `.draft`: the working draft, after every version). Reads each version's recorded
    /// change (`VersionChangeSet`), not its document; versions made before changes were
    /// recorded are diffed once and their changes stored (when the workspace is writable).
    public func blame(_ nameOrID: String, at ref: DocumentRef? = nil) throws(WorkspaceError) -> FlowBlame {
        FlowBlame.compute(changes: try recordedChanges(nameOrID, through: ref))
    }

    /// Every version's own change, oldest first, through `through` (as `historySteps`).
    public func recordedChanges(_ nameOrID: String, through: DocumentRef? = nil) throws(WorkspaceError) -> [RecordedChange] {
        let (flowID, history, backfilled) = try read { db -> (String, [RecordedChange], [(Int, Data)]) in
            let flow = try resolve(db, nameOrID)
            var last = Int.max
            if case .version(let n)? = through {
                _ = try versionRecord(db, of: flow, number: n) // refuses an unknown version
                last = n
            }
            let headers = try db.versionHeaders(flowID: flow.id).filter { $0.number <= last }.reversed()
            var stored: [Int: Data] = [:]
            if let newest = headers.last?.number {
                for row in try db.versionChanges(flowID: flow.id, through: newest) { stored[row.number] = row.changes }
            }
            var history: [RecordedChange] = []
            history.reserveCapacity(headers.count + 1)
            var backfill: [(Int, Data)] = []
            var documents: [Int: FlowDocument] = [:]
            func document(_ n: Int) throws -> FlowDocument {
                if let d = documents[n] { return d }
                let d = try decode(try versionRecord(db, of: flow, number: n).document, flow: flow)
                documents[n] = d
                return d
            }
            for v in headers {
                let entry = HistoryEntry(version: v.number, status: v.number == flow.liveVersion ? .live : .previous,
                                         basedOn: v.basedOn, comment: v.comment, author: v.author, createdAt: v.createdAt)
                var changes: VersionChangeSet?
                if let data = stored[v.number] { changes = try? VersionChangeSet.decode(data) }
                if changes == nil {
                    let computed = VersionChangeSet.between(v.number > 1 ? try document(v.number - 1) : nil,
                                                            try document(v.number))
                    if stored[v.number] == nil { backfill.append((v.number, computed.encoded())) }
                    changes = computed
                }
                history.append(RecordedChange(entry: entry, changes: changes!))
            }
            let wantsDraft = through == .draft || (through == nil && history.isEmpty)
            if wantsDraft {
                guard let d = try draft(db, of: flow) else { throw WorkspaceError.noDraft(flow: flow.name) }
                let entry = HistoryEntry(version: nil, status: .draft, basedOn: d.basedOn, comment: "",
                                         author: d.updatedBy, createdAt: d.updatedAt, revision: d.revision)
                let newest = try latestVersionNumber(db, of: flow.id)
                let changes = VersionChangeSet.between(try newest.map { try document($0) },
                                                       try decode(d.document, flow: flow))
                history.append(RecordedChange(entry: entry, changes: changes))
            }
            return (flow.id, history, backfill)
        }
        if !backfilled.isEmpty {
            // Best effort: a read-only or locked workspace still gets its blame, computed.
            _ = try? write { db in
                for (number, data) in backfilled { try db.insertVersionChanges(flowID: flowID, number: number, changes: data) }
            }
        }
        return history
    }

    /// `flowcanvas log`: the working draft (when there is one) and every version, newest
    /// first, each with its own change.
    public func versionLog(_ nameOrID: String) throws(WorkspaceError) -> [VersionLogEntry] {
        let hasDraft = try history(nameOrID).first?.status == .draft
        return VersionLogEntry.log(try historySteps(nameOrID, through: hasDraft ? .draft : nil))
    }

    /// A version's own change: the documents before and after it (before: the previous
    /// version, or an empty flow for version 1; for the draft, the newest version).
    public func ownChange(_ nameOrID: String, of ref: DocumentRef) throws(WorkspaceError) -> (before: FlowDocument, after: FlowDocument) {
        try read { db in
            let flow = try resolve(db, nameOrID)
            let after = try stored(db, flow, ref).document
            let previous: Int?
            switch ref {
            case .version(let n): previous = n > 1 ? n - 1 : nil
            case .draft: previous = try latestVersionNumber(db, of: flow.id)
            }
            let before = try previous.map { try stored(db, flow, .version($0)).document }
                ?? FlowDocument(name: after.name, kind: after.kind)
            return (before, after)
        }
    }
}

extension Workspace {
    /// The documents of `a` and `b` (each a version or the draft), read in one snapshot.
    public func documents(_ nameOrID: String, _ a: DocumentRef, _ b: DocumentRef) throws(WorkspaceError) -> (FlowDocument, FlowDocument) {
        try read { db in
            let flow = try resolve(db, nameOrID)
            return (try stored(db, flow, a).document, try stored(db, flow, b).document)
        }
    }
}
