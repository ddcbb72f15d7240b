import FlowKit
import Foundation
import GRDB

/// The built-in `outbox` app's table: stores messages (`MessageDelivery`) and lists them
/// (`GET /outbox`, `flowcanvas outbox`).
public protocol OutboxStore: MessageDelivery {
    /// Oldest first; `limit` keeps the newest ones.
    func messages(limit: Int?) throws -> [OutboxMessage]
}

extension OutboxDelivery: OutboxStore {}

/// The runtime's tables of one workspace, on whichever database it is: the sessions
/// (with logbooks) and the outbox. `serve` and the CLI get them here, so FlowRuntime's
/// engine and FlowServer know no database. SQLite: `SQLiteRuntimeStorage`; PostgreSQL:
/// FlowRuntimePostgres's `PostgresRuntimeStorage`.
public protocol RuntimeStorage: AnyObject, Sendable {
    var sessions: any SessionStore { get }
    var outbox: any OutboxStore { get }
    /// (transactions, rows) the group commit wrote so far (serve's last line).
    var commitCounts: (transactions: Int, rows: Int) { get }
    /// Calls `changed` whenever the store's flows may have changed in another process
    /// (Make Live, pause, resume), so a flow source can drop its cache. Returns false
    /// when this database cannot tell (then the flow source polls).
    func observeFlowChanges(_ changed: @escaping @Sendable () -> Void) -> Bool
    /// Calls `report` when this process loses its database server and when it is back
    /// (once each per outage). SQLite, a file, has no outages: never called.
    func observeOutages(_ report: @escaping @Sendable (DatabaseOutageChange) -> Void)
    /// Writes what is queued and lets go of connections; call last.
    func close()
}

extension RuntimeStorage {
    public func observeOutages(_ report: @escaping @Sendable (DatabaseOutageChange) -> Void) {}
}

/// A database server lost or back (`RuntimeStorage.observeOutages`), as `serve` logs it.
public enum DatabaseOutageChange: Sendable, Equatable, CustomStringConvertible {
    case lost(location: String, reason: String)
    case restored(location: String, after: TimeInterval)

    public var description: String {
        switch self {
        case .lost(let location, let reason):
            return "lost the workspace database \(location) (\(reason)); triggers and replies get 503 until it is back"
        case .restored(let location, let after):
            return "the workspace database \(location) is back after \(String(format: "%.1f", after)) s"
        }
    }
}

/// The runtime's tables in the workspace's SQLite file.
public final class SQLiteRuntimeStorage: RuntimeStorage {
    public let store: DatabaseSessionStore
    private let outboxDelivery: OutboxDelivery
    public var sessions: any SessionStore { store }
    public var outbox: any OutboxStore { outboxDelivery }
    public var commitCounts: (transactions: Int, rows: Int) { store.commitCounts }

    public init(workspace: Workspace) throws(WorkspaceError) {
        let writer = try workspace.runtimeDatabase()
        store = DatabaseSessionStore(writer: writer)
        outboxDelivery = OutboxDelivery(writer: writer)
    }

    /// SQLite has no notifications: `WorkspaceFlowSource` re-reads the live pointers.
    public func observeFlowChanges(_ changed: @escaping @Sendable () -> Void) -> Bool { false }

    public func close() { store.close() }
}
