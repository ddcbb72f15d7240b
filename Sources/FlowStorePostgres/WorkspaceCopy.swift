import FlowKit
import Foundation

/// `flowcanvas workspace copy --to postgres://…`: a SQLite workspace's rows into an empty
/// PostgreSQL database. The source is opened only to read. The target is first checked
/// for rows in any table before anything is created in it (a database with rows is
/// refused, untouched); then the tables are migrated and filled in one transaction,
/// which counts each table on both sides before it commits, so a copy is whole or absent.
public enum WorkspaceCopy {
    public struct Report: Sendable {
        /// Where the rows went, without the password.
        public var target: String
        /// Rows per store table, equal on both sides.
        public var counts: StoreRowCounts
        /// Rows per runtime table, equal on both sides (0 for one the source never made).
        public var runtimeCounts: [RuntimeTableCount]

        /// Every table copied, in the order it was filled.
        public var tables: [(name: String, count: Int)] {
            counts.tables + runtimeCounts.map { ($0.name, $0.count) }
        }
    }

    public struct RuntimeTableCount: Equatable, Sendable {
        public var name: String
        public var count: Int
    }

    /// The runtime's tables as both backends have them (SQLite's runtime-v1 and v2,
    /// PostgreSQL's v5-runtime), by the columns they share: PostgreSQL's own `owner` and
    /// `written_by` (which serve process) stay empty, as for rows no process holds.
    /// `serial`: the id column whose sequence must move past the copied ids.
    static let runtimeTables: [(name: String, columns: [String], serial: String?)] = [
        ("runtime_session", ["id", "flow_id", "version", "state", "current_node", "variables", "outputs", "waiting_kind",
                             "waiting_channel", "waiting_address", "timer_due", "outcome", "failure", "unique_key",
                             "customer", "steps", "transcript_count", "created_at", "updated_at"], nil),
        ("runtime_transcript", ["session_id", "seq", "entries"], nil),
        ("runtime_outbox", ["id", "session_id", "flow_id", "app", "channel", "to", "from", "message", "time",
                            "idempotency_key"], "id"),
        ("runtime_log", ["id", "logbook", "flow_id", "session_id", "node", "message", "time"], "id"),
    ]

    public static func copy(sourceDirectory: URL, to targetURL: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            lockTimeout: TimeInterval = 2) throws(WorkspaceError) -> Report {
        guard PostgresURL.isPostgresURL(targetURL) else {
            throw .invalidArgument("--to takes a postgres://user@host:port/database URL")
        }
        let source = try SQLiteWorkspaceBackend.openForReading(directory: sourceDirectory)
        let url = try PostgresURL(parsing: targetURL, environment: environment)
        let target = try PostgresWorkspaceBackend(url: url, lockTimeout: lockTimeout, migrating: false)
        let occupied = try target.tablesWithRows()
        guard occupied.isEmpty else {
            throw .targetNotEmpty(location: target.location, tables: occupied)
        }
        try target.migrate()
        return try source.read { src in
            try target.write { dst in
                // Checked again inside the transaction: another process may have written since.
                let before = try dst.rowCounts()
                guard before.isEmpty else {
                    throw WorkspaceError.targetNotEmpty(
                        location: target.location, tables: before.tables.filter { $0.count > 0 }.map(\.name))
                }
                let expected = try src.rowCounts()
                try StoreRowCopy.copy(from: src, to: dst)
                let copied = try dst.rowCounts()
                try check(zip(expected.tables, copied.tables).map { ($0.name, $0.count, $1.count) }, target: target)

                var runtimeCounts: [RuntimeTableCount] = []
                for table in runtimeTables {
                    let count = try copyRows(of: table.name, columns: table.columns, from: src, to: dst)
                    if let serial = table.serial, let pg = dst as? PostgresStoreTransaction {
                        try pg.advanceSequence(of: table.name, column: serial)
                    }
                    let landed = try dst.rowCount(of: table.name) ?? 0
                    try check([(table.name, count, landed)], target: target)
                    runtimeCounts.append(RuntimeTableCount(name: table.name, count: landed))
                }
                return Report(target: target.location, counts: copied, runtimeCounts: runtimeCounts)
            }
        }
    }

    /// Copies one table in batches of 1,000 rows; returns how many rows the source had
    /// (0 when it has no such table).
    static func copyRows(of table: String, columns: [String], from src: any StoreTransaction,
                         to dst: any StoreTransaction) throws -> Int {
        var batch: [[StoreValue]] = []
        var count = 0
        _ = try src.forEachRow(of: table, columns: columns) { row in
            batch.append(row)
            count += 1
            if batch.count == 1_000 {
                try dst.insertRows(into: table, columns: columns, batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try dst.insertRows(into: table, columns: columns, batch) }
        return count
    }

    /// Throws (rolling the whole copy back) when a table's count differs between the sides.
    static func check(_ counts: [(name: String, source: Int, copy: Int)], target: PostgresWorkspaceBackend) throws {
        let differing = counts.filter { $0.source != $0.copy }
        guard differing.isEmpty else {
            let text = differing.map { "\($0.name) \($0.source) → \($0.copy)" }.joined(separator: ", ")
            throw WorkspaceError.databaseFailure(
                path: target.location, reason: "the copy's row counts differ from the source's (\(text)); nothing was copied")
        }
    }
}
