import FlowKit
import Foundation

/// `flowcanvas workspace copy --to postgres://…`: a SQLite workspace's rows into an empty
/// PostgreSQL database. The source is opened only to read. The target is first checked
/// for rows in any table before anything is created in it (a database with rows is
/// refused, untouched); then the store's tables are migrated and filled in one
/// transaction, which counts each table on both sides before it commits, so a copy is
/// whole or absent.
public enum WorkspaceCopy {
    public struct Report: Sendable {
        /// Where the rows went, without the password.
        public var target: String
        /// Rows per table, equal on both sides.
        public var counts: StoreRowCounts
    }

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
        let counts = try source.read { src in
            let expected = try src.rowCounts()
            return try target.write { dst in
                // Checked again inside the transaction: another process may have written since.
                let before = try dst.rowCounts()
                guard before.isEmpty else {
                    throw WorkspaceError.targetNotEmpty(
                        location: target.location, tables: before.tables.filter { $0.count > 0 }.map(\.name))
                }
                try StoreRowCopy.copy(from: src, to: dst)
                let copied = try dst.rowCounts()
                guard copied == expected else {
                    let differing = zip(expected.tables, copied.tables).filter { $0.count != $1.count }
                        .map { "\($0.name) \($0.count) → \($1.count)" }.joined(separator: ", ")
                    throw WorkspaceError.databaseFailure(
                        path: target.location, reason: "the copy's row counts differ from the source's (\(differing)); nothing was copied")
                }
                return copied
            }
        }
        return Report(target: target.location, counts: counts)
    }
}
