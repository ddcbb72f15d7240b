import FlowKit
import FlowRuntime
import FlowStorePostgres
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// The runtime's tables in a PostgreSQL workspace: three connections of its own beside
/// the store's — queries (reads, claims, the outbox), the group commit's writer, and the
/// owner's (its advisory lock, and LISTEN for the store's changes).
public final class PostgresRuntimeStorage: RuntimeStorage, @unchecked Sendable {
    public let store: PostgresSessionStore
    private let outboxStore: PostgresOutbox
    private let connections: [PostgresRuntimeConnection]
    private let owner: PostgresRuntimeOwner
    private let backend: PostgresWorkspaceBackend

    public var sessions: any SessionStore { store }
    public var outbox: any OutboxStore { outboxStore }
    public var commitCounts: (transactions: Int, rows: Int) { store.commitCounts }
    /// This process's owner number (`runtime_session.owner`).
    public var ownerNumber: Int32 { owner.number }

    /// After a server restart every owner reconnects, and the first one back sees every
    /// other owner without its lock: taking their running sessions then would run them
    /// twice (a send twice) once their owners re-lock, a moment later (they retry every
    /// 100 ms, spaced by a back-off of at most 1 s). 5 s covers that with room.
    public static let defaultTakeoverGraceSeconds: Double = 5

    /// `takeoverGraceSeconds`: how long after its own reconnect this process leaves the
    /// running sessions of other owners without their lock alone (see PostgresRuntimeOwner).
    public init(backend: PostgresWorkspaceBackend,
                takeoverGraceSeconds: Double = PostgresRuntimeStorage.defaultTakeoverGraceSeconds) throws(WorkspaceError) {
        self.backend = backend
        let queries = try PostgresRuntimeConnection(backend: backend, id: 2)
        let writer = try PostgresRuntimeConnection(backend: backend, id: 3)
        let ownerConnection = try PostgresRuntimeConnection(backend: backend, id: 4)
        connections = [queries, writer, ownerConnection]
        do { owner = try PostgresRuntimeOwner(connection: ownerConnection, takeoverGraceSeconds: takeoverGraceSeconds) } catch {
            connections.forEach { $0.close() }
            throw backend.mapError(error)
        }
        store = PostgresSessionStore(queries: queries, writer: writer, owner: owner)
        outboxStore = PostgresOutbox(connection: queries)
    }

    deinit {
        close()
    }

    /// LISTENs on the store's change channel (every store write NOTIFYs it on commit), on
    /// the owner's connection (`PostgresRuntimeOwner.listen`). It used to be a `Task`
    /// iterating postgres-nio's async `listen` sequence, awaited here with a semaphore: the
    /// semaphore held a pool thread while the task needed one, and each notification
    /// waited for a free pool thread (seen as a 1.7 s pause in the full parallel suite).
    /// After a reconnect the owner LISTENs again and calls `changed` once.
    public func observeFlowChanges(_ changed: @escaping @Sendable () -> Void) -> Bool {
        do { try owner.listen(changed) } catch {
            // The connection closed; it LISTENs again once reopened, and the flow source
            // still re-reads once a second.
        }
        return true
    }

    /// Tells `report` each time this process loses its database and each time it is back
    /// (one line per outage in `serve`'s log).
    public func observeOutages(_ report: @escaping @Sendable (DatabaseOutageChange) -> Void) {
        let location = backend.location
        backend.reachability.observe { change in
            switch change {
            case .lost(let reason): report(.lost(location: location, reason: reason))
            case .restored(let after): report(.restored(location: location, after: after))
            }
        }
    }

    public func close() {
        store.close()
        connections.forEach { $0.close() }
    }
}

/// The runtime's tables of a workspace, on its backend's database.
public enum RuntimeStorageOpening {
    public static func open(_ workspace: Workspace) throws(WorkspaceError) -> any RuntimeStorage {
        if let postgres = workspace.backend as? PostgresWorkspaceBackend {
            return try PostgresRuntimeStorage(backend: postgres)
        }
        return try SQLiteRuntimeStorage(workspace: workspace)
    }
}
