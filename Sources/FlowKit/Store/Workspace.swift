import Foundation
import GRDB

/// A directory holding `workspace.sqlite` (flows, drafts, versions, apps, and the
/// runtime's tables) and a `media/` folder of voice prompts. Every operation that changes
/// more than one row runs in one transaction, and every refusal leaves the database as
/// it was. All errors are `WorkspaceError`.
public final class Workspace: Sendable {
    public static let databaseFileName = "workspace.sqlite"
    public static let mediaFolderName = "media"

    public let directory: URL
    public let databaseURL: URL
    /// Default media folder, and the base of flows whose `settings.mediaFolder` is unset.
    public let mediaDirectory: URL
    /// The WAL-mode pool. Other layers (the runtime) reach only their own tables, through
    /// `database(for:)`.
    let database: DatabasePool
    /// Schemas of other layers already migrated by `database(for:)`.
    let migratedSchemas = MigratedSchemas()
    public let catalog: NodeCatalog
    /// Recorded as the author of versions and the last saver of drafts.
    public let author: String

    /// Opens (creating on first use) the workspace in `directory`. `busyTimeout` is how
    /// long a write waits for another process's write lock before `databaseLocked`.
    public init(directory: URL, catalog: NodeCatalog = .standard, author: String? = nil,
                busyTimeout: TimeInterval = 2) throws(WorkspaceError) {
        self.directory = directory.standardizedFileURL
        self.databaseURL = self.directory.appendingPathComponent(Workspace.databaseFileName)
        self.mediaDirectory = self.directory.appendingPathComponent(Workspace.mediaFolderName, isDirectory: true)
        self.catalog = catalog
        self.author = author ?? Workspace.currentUser()

        try Workspace.makeDirectory(self.directory)
        try Workspace.makeDirectory(self.mediaDirectory)

        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "workspace"
        let path = databaseURL.path
        do {
            database = try Workspace.openMigrated(path: path, configuration: config)
            writeRefusal = nil
        } catch let refusal where refusal == .databaseLocked(path: path) || refusal == .readOnlyDatabase(path: path) {
            // Opening writes (WAL setup, migrations). When another process holds the write
            // lock or the file is read-only, the workspace can still be read: open it
            // read-only and refuse every write with the reason.
            var readOnly = config
            readOnly.readonly = true
            guard let pool = try? Workspace.openMigrated(path: path, configuration: readOnly) else { throw refusal }
            database = pool
            writeRefusal = refusal
        }
    }

    /// Why writes are refused (lock or read-only file), when the database could only be
    /// opened for reading.
    let writeRefusal: WorkspaceError?

    private static func openMigrated(path: String, configuration: Configuration) throws(WorkspaceError) -> DatabasePool {
        let migrator = StoreSchema.migrator
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let done = try pool.read { db in try migrator.hasCompletedMigrations(db) }
            if !done {
                if configuration.readonly { throw WorkspaceError.readOnlyDatabase(path: path) }
                try migrator.migrate(pool)
            }
            return pool
        } catch {
            throw mapError(error, path: path)
        }
    }

    /// Opens the workspace the CLI would use: `--workspace`, else the environment.
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
    func write<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        if let writeRefusal { throw writeRefusal }
        do {
            return try database.write(body)
        } catch {
            throw Workspace.mapError(error, path: databaseURL.path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(WorkspaceError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw Workspace.mapError(error, path: databaseURL.path)
        }
    }

    /// GRDB and SQLite errors as the one-line errors users see.
    static func mapError(_ error: any Error, path: String) -> WorkspaceError {
        if let e = error as? WorkspaceError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .databaseLocked(path: path)
            case .SQLITE_READONLY:
                return .readOnlyDatabase(path: path)
            case .SQLITE_PERM, .SQLITE_AUTH:
                return .permissionDenied(path: path)
            case .SQLITE_CANTOPEN:
                let dir = (path as NSString).deletingLastPathComponent
                if !FileManager.default.isWritableFile(atPath: dir) { return .permissionDenied(path: dir) }
                return .databaseFailure(path: path, reason: "cannot open the database file")
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .databaseFailure(path: path, reason: "not a FlowCanvas workspace database (or it is damaged)")
            case .SQLITE_FULL:
                return .databaseFailure(path: path, reason: "the disk is full")
            default:
                return .databaseFailure(path: path, reason: e.message ?? "\(e.resultCode)")
            }
        }
        return .databaseFailure(path: path, reason: "\(error)")
    }

    // MARK: Lookup

    /// A flow by id (exact: what the runtime and scripts hold) or else by name
    /// (case-insensitive: what people type).
    func resolve(_ db: Database, _ nameOrID: String) throws -> FlowRecord {
        let key = nameOrID.trimmingCharacters(in: .whitespacesAndNewlines)
        if let byID = try FlowRecord.fetchOne(db, key: key) { return byID }
        if let byName = try FlowRecord.filter(Column("name").collating(.nocase) == key).fetchOne(db) {
            return byName
        }
        throw WorkspaceError.noSuchFlow(nameOrID)
    }

    func draft(_ db: Database, of flow: FlowRecord) throws -> DraftRecord? {
        try DraftRecord.fetchOne(db, key: flow.id)
    }

    func versionRecord(_ db: Database, of flow: FlowRecord, number: Int) throws -> VersionRecord {
        guard let v = try VersionRecord.fetchOne(db, key: ["flowId": flow.id, "number": number]) else {
            throw WorkspaceError.noSuchVersion(flow: flow.name, version: number)
        }
        return v
    }

    func latestVersionNumber(_ db: Database, of flowID: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(number) FROM versions WHERE flowId = ?", arguments: [flowID])
    }

    func decode(_ data: Data, flow: FlowRecord) throws -> FlowDocument {
        do {
            return try FlowCodec.decodeStored(data)
        } catch {
            throw WorkspaceError.databaseFailure(path: databaseURL.path,
                                                 reason: "the stored document of flow '\(flow.name)' is unreadable")
        }
    }

    func summary(_ db: Database, _ flow: FlowRecord) throws -> FlowSummary {
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
