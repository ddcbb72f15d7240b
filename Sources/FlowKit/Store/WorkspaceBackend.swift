import Foundation

/// Where a `Workspace` keeps its flows: SQLite (the default, `SQLiteWorkspaceBackend`) or
/// another database (PostgreSQL lives in the FlowStorePostgres module, so FlowKit needs no
/// PostgreSQL client). `Workspace` holds every rule (names, revisions and conflicts, Make
/// Live's checks, app bindings); a backend only runs transactions over the store's rows
/// (`StoreTransaction`). Writers are serialised, as SQLite does: a transaction that read a
/// draft's revision is the only one that can change it before it commits.
public protocol WorkspaceBackend: Sendable {
    /// Names the database in messages: a file path, or a URL without its password.
    var location: String { get }
    /// Runs `body` in one transaction that sees one snapshot and writes nothing.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T
    /// Runs `body` in one transaction, alone among writers; any throw rolls it all back.
    /// A `WorkspaceError` thrown by `body` comes out unchanged.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T
    /// A cheap signal that another connection committed a write (the flow list follows
    /// other processes with it); nil when the backend has none, and the watcher then
    /// compares the flow list's one query instead.
    func makeChangeSignal() -> (any WorkspaceChangeSignal)?
}

extension WorkspaceBackend {
    public func makeChangeSignal() -> (any WorkspaceChangeSignal)? { nil }
}

/// The store's rows inside one transaction of a `WorkspaceBackend`. Lookups by name are
/// case-insensitive (ASCII), as are the orders by name.
public protocol StoreTransaction {
    func flow(id: String) throws -> FlowRecord?
    /// Case-insensitive.
    func flow(named name: String) throws -> FlowRecord?
    func insertFlow(_ flow: FlowRecord) throws
    func updateFlow(_ flow: FlowRecord) throws
    /// Deletes the flow with its draft, versions and shares.
    func deleteFlow(id: String) throws
    /// Every flow with its draft's revision and its newest version, and who saved each
    /// last and when, by name case-insensitively (the flow list, read on every editor
    /// refresh: one query, no document).
    func flowList() throws -> [FlowListRow]
    /// Flows with a live version, by id.
    func liveFlows() throws -> [FlowRecord]
    /// Every live flow's pointer, by id, without documents (read per trigger).
    func liveFlowPointers() throws -> [LiveFlowPointer]

    func draft(flowID: String) throws -> DraftRecord?
    /// Inserts the flow's draft or replaces it.
    func saveDraft(_ draft: DraftRecord) throws
    func deleteDraft(flowID: String) throws

    func version(flowID: String, number: Int) throws -> VersionRecord?
    func latestVersionNumber(flowID: String) throws -> Int?
    func insertVersion(_ version: VersionRecord) throws
    /// Versions without their documents, newest first.
    func versionHeaders(flowID: String) throws -> [VersionHeader]
    /// Version `number` without its document (one indexed row; nil when there is none):
    /// what the runtime reads on every request to a session pinned to a version.
    func versionHeader(flowID: String, number: Int) throws -> VersionHeader?
    /// The recorded own changes (`VersionChangeSet.encoded()`) of versions 1 … `through`,
    /// oldest first. A version made before changes were recorded has none (until blame
    /// back-fills it).
    func versionChanges(flowID: String, through: Int) throws -> [(number: Int, changes: Data)]
    /// Records a version's own change; a change already recorded for it stays (two
    /// back-fills of the same version write the same thing).
    func insertVersionChanges(flowID: String, number: Int, changes: Data) throws

    /// By name case-insensitively.
    func apps() throws -> [AppRecord]
    /// Case-insensitive.
    func app(named name: String) throws -> AppRecord?
    func insertApp(_ app: AppRecord) throws
    func deleteApp(named name: String) throws

    func share(token: String) throws -> ShareRow?
    /// The flow's one share without `revokedAt`.
    func activeShare(flowID: String) throws -> ShareRow?
    func insertShare(_ share: ShareRow) throws
    func updateShare(_ share: ShareRow) throws

    // Whole-table reads for `workspace copy`.
    /// Every share of the flow, revoked ones too, by creation time.
    func shares(flowID: String) throws -> [ShareRow]
    /// The number of rows in each of the store's tables.
    func rowCounts() throws -> StoreRowCounts
    /// Calls `body` with each row of `table` (a table of another layer, e.g. the runtime's,
    /// copied verbatim), its `columns` in order, by primary key. False, calling nothing,
    /// when the table does not exist.
    func forEachRow(of table: String, columns: [String], _ body: ([StoreValue]) throws -> Void) throws -> Bool
    /// Inserts `rows` (values in `columns` order) into `table` as they are.
    func insertRows(into table: String, columns: [String], _ rows: [[StoreValue]]) throws
    /// The number of rows in `table`; nil when it does not exist.
    func rowCount(of table: String) throws -> Int?
}

/// One row of the flow list: the flow, and of its draft and newest version only the
/// columns the list shows (never a document).
public struct FlowListRow: Sendable {
    public var flow: FlowRecord
    public var draftRevision: Int?
    public var draftUpdatedAt: Date?
    public var draftUpdatedBy: String?
    public var latestVersion: Int?
    public var latestVersionCreatedAt: Date?
    public var latestVersionAuthor: String?

    public init(flow: FlowRecord, draftRevision: Int?, draftUpdatedAt: Date?, draftUpdatedBy: String? = nil,
                latestVersion: Int?, latestVersionCreatedAt: Date? = nil, latestVersionAuthor: String? = nil) {
        self.flow = flow
        self.draftRevision = draftRevision
        self.draftUpdatedAt = draftUpdatedAt
        self.draftUpdatedBy = draftUpdatedBy
        self.latestVersion = latestVersion
        self.latestVersionCreatedAt = latestVersionCreatedAt
        self.latestVersionAuthor = latestVersionAuthor
    }
}

/// A version as the history lists it: everything but the document and bindings.
public struct VersionHeader: Sendable {
    public var number: Int
    public var comment: String
    public var author: String
    public var createdAt: Date
    public var basedOn: Int?

    public init(number: Int, comment: String, author: String, createdAt: Date, basedOn: Int?) {
        self.number = number
        self.comment = comment
        self.author = author
        self.createdAt = createdAt
        self.basedOn = basedOn
    }
}
