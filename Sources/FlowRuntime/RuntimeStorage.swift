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
    /// Writes what is queued and lets go of connections; call last.
    func close()
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
