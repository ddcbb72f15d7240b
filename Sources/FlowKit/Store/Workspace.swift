import Foundation
import GRDB

/// A workspace: flows, drafts, versions, apps and shares in a database (by default
/// `workspace.sqlite` in the workspace directory, or a `WorkspaceBackend` such as
/// PostgreSQL), and a `media/` folder of voice prompts. Every operation that changes
/// more than one row runs in one transaction, and every refusal leaves the database as
/// it was. All errors are `WorkspaceError`.
public final class Workspace: Sendable {
    public static let databaseFileName = "workspace.sqlite"
    public static let mediaFolderName = MediaLibrary.folderName

    /// The local folder: media, editor recovery files, and (SQLite) the database.
    public let directory: URL
    /// The SQLite file; for another backend, the `directory`'s would-be file (unused).
    public let databaseURL: URL
    /// Default media folder, and the base of flows whose `settings.mediaFolder` is unset.
    public let mediaDirectory: URL
    /// Where the store's rows are.
    public let backend: any WorkspaceBackend
    /// Schemas of other layers already migrated by `database(for:)`.
    let migratedSchemas = MigratedSchemas()
    public let catalog: NodeCatalog
    /// Recorded as the author of versions and the last saver of drafts.
    public let author: String

    /// Opens (creating on first use) the SQLite workspace in `directory`. `busyTimeout` is
    /// how long a write waits for another process's write lock before `databaseLocked`.
    public convenience init(directory: URL, catalog: NodeCatalog = .standard, author: String? = nil,
                            busyTimeout: TimeInterval = 2) throws(WorkspaceError) {
        let directory = directory.standardizedFileURL
        try Workspace.makeDirectory(directory)
        let backend = try SQLiteWorkspaceBackend(
            databaseURL: directory.appendingPathComponent(Workspace.databaseFileName), busyTimeout: busyTimeout)
        try self.init(backend: backend, directory: directory, catalog: catalog, author: author)
    }

    /// A workspace whose rows are in `backend`; `directory` holds what stays local
    /// (media, recovery files).
    public init(backend: any WorkspaceBackend, directory: URL, catalog: NodeCatalog = .standard,
                author: String? = nil) throws(WorkspaceError) {
        self.directory = directory.standardizedFileURL
        self.databaseURL = self.directory.appendingPathComponent(Workspace.databaseFileName)
        self.mediaDirectory = self.directory.appendingPathComponent(Workspace.mediaFolderName, isDirectory: true)
        self.backend = backend
        self.catalog = catalog
        self.author = author ?? Workspace.currentUser()
        try Workspace.makeDirectory(self.directory)
        try Workspace.makeDirectory(self.mediaDirectory)
    }

    /// What the editor shows as the workspace: the folder of a SQLite workspace, else the
    /// database (a URL without its password).
    public var displayLocation: String {
        backend is SQLiteWorkspaceBackend ? directory.path : backend.location
    }

    /// The SQLite pool, nil on another backend.
    var sqliteDatabase: DatabasePool? { (backend as? SQLiteWorkspaceBackend)?.pool }

    /// Opens the folder workspace `--workspace` names, else the environment's default folder.
    /// (The CLI opens PostgreSQL URLs too, through FlowStorePostgres's `WorkspaceOpening`.)
    public convenience init(option: String?, busyTimeout: TimeInterval = 2) throws(WorkspaceError) {
        try self.init(directory: WorkspaceLocation.resolve(option: option), busyTimeout: busyTimeout)
    }

    /// `$USER`, else `$LOGNAME`, else the account name of the process's user.
    static func currentUser() -> String {
        let env = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let name = env[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "unknown"
    }

    private static func makeDirectory(_ url: URL) throws(WorkspaceError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw .invalidArgument("\(url.path) is not a directory")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .permissionDenied(path: url.path)
        }
    }

    // MARK: Transactions

    /// Runs `body` in one write transaction; any throw rolls everything back.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        try backend.write(body)
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        try backend.read(body)
    }

    // MARK: Lookup

    /// A flow by id (exact: what the runtime and scripts hold) or else by name
    /// (case-insensitive: what people type).
    func resolve(_ db: any StoreTransaction, _ nameOrID: String) throws -> FlowRecord {
        let key = nameOrID.trimmingCharacters(in: .whitespacesAndNewlines)
        if let byID = try db.flow(id: key) { return byID }
        if let byName = try db.flow(named: key) { return byName }
        throw WorkspaceError.noSuchFlow(nameOrID)
    }

    func draft(_ db: any StoreTransaction, of flow: FlowRecord) throws -> DraftRecord? {
        try db.draft(flowID: flow.id)
    }

    func versionRecord(_ db: any StoreTransaction, of flow: FlowRecord, number: Int) throws -> VersionRecord {
        guard let v = try db.version(flowID: flow.id, number: number) else {
            throw WorkspaceError.noSuchVersion(flow: flow.name, version: number)
        }
        return v
    }

    func latestVersionNumber(_ db: any StoreTransaction, of flowID: String) throws -> Int? {
        try db.latestVersionNumber(flowID: flowID)
    }

    func decode(_ data: Data, flow: FlowRecord) throws -> FlowDocument {
        do {
            return try FlowCodec.decodeStored(data)
        } catch {
            throw WorkspaceError.databaseFailure(path: backend.location,
                                                 reason: "the stored document of flow '\(flow.name)' is unreadable")
        }
    }

    func summary(_ db: any StoreTransaction, _ flow: FlowRecord) throws -> FlowSummary {
        let draft = try draft(db, of: flow)
        return FlowSummary(
            id: flow.id, name: flow.name, kind: FlowKind(rawValue: flow.kind) ?? .messaging,
            createdAt: flow.createdAt, state: flow.state.flatMap(FlowState.init(rawValue:)),
            liveVersion: flow.liveVersion, latestVersion: try latestVersionNumber(db, of: flow.id),
            draftRevision: draft?.revision, draftUpdatedAt: draft?.updatedAt)
    }

    /// Where a flow's voice prompts are: its `settings.mediaFolder` (a relative path is
    /// taken from the workspace directory), else the workspace's `media/` folder.
    public func mediaFolder(for document: FlowDocument) -> URL {
        guard let folder = document.settings.mediaFolder?.trimmingCharacters(in: .whitespaces), !folder.isEmpty else {
            return mediaDirectory
        }
        return WorkspaceLocation.url(folder, relativeTo: directory)
    }
}
