import Foundation
import GRDB

/// The default backend: `workspace.sqlite` in the workspace directory, a WAL-mode pool
/// (readers never wait for the writer; one writer at a time across processes).
public final class SQLiteWorkspaceBackend: WorkspaceBackend {
    public let databaseURL: URL
    public var location: String { databaseURL.path }
    /// The other layers (the runtime) reach only their own tables, through
    /// `Workspace.database(for:)`.
    let pool: DatabasePool
    /// Why writes are refused (lock or read-only file), when the database could only be
    /// opened for reading.
    let writeRefusal: WorkspaceError?

    /// `busyTimeout` is how long a write waits for another process's write lock before
    /// `databaseLocked`.
    convenience init(databaseURL: URL, busyTimeout: TimeInterval) throws(WorkspaceError) {
        try self.init(databaseURL: databaseURL, busyTimeout: busyTimeout, readOnly: false)
    }

    /// The workspace database of `directory`, opened only to read (`workspace copy`'s
    /// source): nothing is created, migrated or written. A missing database, or one an
    /// older flowcanvas made (not yet migrated), is refused in one line.
    public static func openForReading(directory: URL) throws(WorkspaceError) -> SQLiteWorkspaceBackend {
        let url = directory.standardizedFileURL.appendingPathComponent(Workspace.databaseFileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .invalidArgument("no workspace at \(directory.standardizedFileURL.path) (it has no \(Workspace.databaseFileName))")
        }
        do {
            return try SQLiteWorkspaceBackend(databaseURL: url, busyTimeout: 2, readOnly: true)
        } catch .readOnlyDatabase {
            throw .invalidArgument("""
                the workspace \(directory.standardizedFileURL.path) was made by an older flowcanvas; open it once \
                (e.g. 'flowcanvas list --workspace \(directory.standardizedFileURL.path)') to upgrade it
                """)
        }
    }

    private init(databaseURL: URL, busyTimeout: TimeInterval, readOnly: Bool) throws(WorkspaceError) {
        self.databaseURL = databaseURL
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "workspace"
        let path = databaseURL.path
        if readOnly {
            config.readonly = true
            pool = try SQLiteWorkspaceBackend.openMigrated(path: path, configuration: config)
            writeRefusal = .readOnlyDatabase(path: path)
            return
        }
        do {
            pool = try SQLiteWorkspaceBackend.openMigrated(path: path, configuration: config)
            writeRefusal = nil
        } catch let refusal where refusal == .databaseLocked(path: path) || refusal == .readOnlyDatabase(path: path) {
            // Opening writes (WAL setup, migrations). When another process holds the write
            // lock or the file is read-only, the workspace can still be read: open it
            // read-only and refuse every write with the reason.
            var readOnly = config
            readOnly.readonly = true
            guard let pool = try? SQLiteWorkspaceBackend.openMigrated(path: path, configuration: readOnly) else {
                throw refusal
            }
            self.pool = pool
            writeRefusal = refusal
        }
    }

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

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        if let writeRefusal { throw writeRefusal }
        do {
            return try pool.write { db in try body(SQLiteStoreTransaction(db: db)) }
        } catch {
            throw SQLiteWorkspaceBackend.mapError(error, path: location)
        }
    }

    public func makeChangeSignal() -> (any WorkspaceChangeSignal)? {
        SQLiteChangeSignal(databaseURL: databaseURL)
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        do {
            return try pool.read { db in try body(SQLiteStoreTransaction(db: db)) }
        } catch {
            throw SQLiteWorkspaceBackend.mapError(error, path: location)
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
}

/// The store's rows through GRDB, inside one of the pool's transactions.
struct SQLiteStoreTransaction: StoreTransaction {
    let db: Database

    func flow(id: String) throws -> FlowRecord? { try FlowRecord.fetchOne(db, key: id) }

    func flow(named name: String) throws -> FlowRecord? {
        try FlowRecord.filter(Column("name").collating(.nocase) == name).fetchOne(db)
    }

    func insertFlow(_ flow: FlowRecord) throws { try flow.insert(db) }
    func updateFlow(_ flow: FlowRecord) throws { try flow.update(db) }
    // Drafts, versions and shares go with it (ON DELETE CASCADE).
    func deleteFlow(id: String) throws { _ = try FlowRecord.deleteOne(db, key: id) }

    func flowList() throws -> [FlowListRow] {
        try Row.fetchAll(db, sql: """
            SELECT f.*, d.revision AS draftRevision, d.updatedAt AS draftUpdatedAt, d.updatedBy AS draftUpdatedBy,
                   v.number AS latestVersion, v.createdAt AS latestVersionCreatedAt, v.author AS latestVersionAuthor
            FROM flows f LEFT JOIN drafts d ON d.flowId = f.id
            LEFT JOIN versions v ON v.flowId = f.id AND v.number = (SELECT MAX(number) FROM versions m WHERE m.flowId = f.id)
            ORDER BY f.name COLLATE NOCASE
            """).map { row in
            FlowListRow(flow: try FlowRecord(row: row), draftRevision: row["draftRevision"],
                        draftUpdatedAt: row["draftUpdatedAt"], draftUpdatedBy: row["draftUpdatedBy"],
                        latestVersion: row["latestVersion"], latestVersionCreatedAt: row["latestVersionCreatedAt"],
                        latestVersionAuthor: row["latestVersionAuthor"])
        }
    }

    func liveFlows() throws -> [FlowRecord] {
        try FlowRecord.filter(Column("liveVersion") != nil).order(Column("id")).fetchAll(db)
    }

    func liveFlowPointers() throws -> [LiveFlowPointer] {
        let statement = try db.cachedStatement(sql: """
            SELECT f.id, f.name, f.state, f.liveVersion, v.createdAt
            FROM flows f JOIN versions v ON v.flowId = f.id AND v.number = f.liveVersion
            WHERE f.liveVersion IS NOT NULL
            ORDER BY f.id
            """)
        return try Row.fetchAll(statement).map { row in
            LiveFlowPointer(id: row[0], name: row[1],
                            state: (row[2] as String?).flatMap(FlowState.init(rawValue:)) ?? .running,
                            liveVersion: row[3], versionCreatedAt: row[4])
        }
    }

    func draft(flowID: String) throws -> DraftRecord? { try DraftRecord.fetchOne(db, key: flowID) }
    func saveDraft(_ draft: DraftRecord) throws { try draft.save(db) }
    func deleteDraft(flowID: String) throws { _ = try DraftRecord.deleteOne(db, key: flowID) }

    func version(flowID: String, number: Int) throws -> VersionRecord? {
        try VersionRecord.fetchOne(db, key: ["flowId": flowID, "number": number])
    }

    func latestVersionNumber(flowID: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(number) FROM versions WHERE flowId = ?", arguments: [flowID])
    }

    func insertVersion(_ version: VersionRecord) throws { try version.insert(db) }

    func versionHeaders(flowID: String) throws -> [VersionHeader] {
        try Row.fetchAll(db, sql: """
            SELECT number, comment, author, createdAt, basedOn FROM versions
            WHERE flowId = ? ORDER BY number DESC
            """, arguments: [flowID]).map { row in
            VersionHeader(number: row["number"], comment: row["comment"], author: row["author"],
                          createdAt: row["createdAt"], basedOn: row["basedOn"])
        }
    }

    func versionHeader(flowID: String, number: Int) throws -> VersionHeader? {
        try Row.fetchOne(db, sql: """
            SELECT number, comment, author, createdAt, basedOn FROM versions WHERE flowId = ? AND number = ?
            """, arguments: [flowID, number]).map { row in
            VersionHeader(number: row["number"], comment: row["comment"], author: row["author"],
                          createdAt: row["createdAt"], basedOn: row["basedOn"])
        }
    }

    func versionChanges(flowID: String, through: Int) throws -> [(number: Int, changes: Data)] {
        try Row.fetchAll(db, sql: """
            SELECT number, changes FROM version_changes WHERE flowId = ? AND number <= ? ORDER BY number
            """, arguments: [flowID, through]).map { row in (row[0], row[1]) }
    }

    func insertVersionChanges(flowID: String, number: Int, changes: Data) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO version_changes (flowId, number, changes) VALUES (?, ?, ?)",
                       arguments: [flowID, number, changes])
    }

    func apps() throws -> [AppRecord] { try AppRecord.order(Column("name").collating(.nocase)).fetchAll(db) }
    // The name column is COLLATE NOCASE, so the key lookup is case-insensitive.
    func app(named name: String) throws -> AppRecord? { try AppRecord.fetchOne(db, key: name) }
    func insertApp(_ app: AppRecord) throws { try app.insert(db) }
    func deleteApp(named name: String) throws { _ = try AppRecord.deleteOne(db, key: name) }

    func share(token: String) throws -> ShareRow? { try ShareRow.fetchOne(db, key: token) }

    func activeShare(flowID: String) throws -> ShareRow? {
        try ShareRow.filter(Column("flowId") == flowID && Column("revokedAt") == nil).fetchOne(db)
    }

    func insertShare(_ share: ShareRow) throws { try share.insert(db) }
    func updateShare(_ share: ShareRow) throws { try share.update(db) }

    func shares(flowID: String) throws -> [ShareRow] {
        try ShareRow.filter(Column("flowId") == flowID).order(Column("createdAt"), Column("token")).fetchAll(db)
    }

    func rowCounts() throws -> StoreRowCounts {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM flows), (SELECT COUNT(*) FROM drafts), (SELECT COUNT(*) FROM versions),
                   (SELECT COUNT(*) FROM version_changes), (SELECT COUNT(*) FROM apps), (SELECT COUNT(*) FROM shares)
            """)
        guard let row else { return StoreRowCounts() }
        return StoreRowCounts(flows: row[0], drafts: row[1], versions: row[2], versionChanges: row[3], apps: row[4],
                              shares: row[5])
    }

    func forEachRow(of table: String, columns: [String], _ body: ([StoreValue]) throws -> Void) throws -> Bool {
        guard try db.tableExists(table) else { return false }
        let list = columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
        let key = try db.primaryKey(table).columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(table.quotedDatabaseIdentifier) ORDER BY \(key)")
        while let row = try rows.next() {
            try body((0..<columns.count).map { i -> StoreValue in
                let value: DatabaseValue = row[i]
                switch value.storage {
                case .null: return .null
                case .int64(let n): return .integer(n)
                case .double(let d): return .real(d)
                case .string(let t): return .text(t)
                case .blob(let b): return .blob(b)
                }
            })
        }
        return true
    }

    func rowCount(of table: String) throws -> Int? {
        guard try db.tableExists(table) else { return nil }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)")
    }

    func insertRows(into table: String, columns: [String], _ rows: [[StoreValue]]) throws {
        let list = columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(list)) VALUES (\(marks))")
        for row in rows {
            try statement.execute(arguments: StatementArguments(row.map { value -> DatabaseValue in
                switch value {
                case .null: return .null
                case .integer(let n): return n.databaseValue
                case .real(let d): return d.databaseValue
                case .text(let t): return t.databaseValue
                case .blob(let b): return b.databaseValue
                }
            }))
        }
    }
}
