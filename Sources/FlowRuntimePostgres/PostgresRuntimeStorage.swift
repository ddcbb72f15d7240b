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
    private let listener = NIOLockedValueBox<Task<Void, Never>?>(nil)

    public var sessions: any SessionStore { store }
    public var outbox: any OutboxStore { outboxStore }
    public var commitCounts: (transactions: Int, rows: Int) { store.commitCounts }
    /// This process's owner number (`runtime_session.owner`).
    public var ownerNumber: Int32 { owner.number }

    public init(backend: PostgresWorkspaceBackend) throws(WorkspaceError) {
        let queries = try PostgresRuntimeConnection(backend: backend, id: 2)
        let writer = try PostgresRuntimeConnection(backend: backend, id: 3)
        let ownerConnection = try PostgresRuntimeConnection(backend: backend, id: 4)
        connections = [queries, writer, ownerConnection]
        do { owner = try PostgresRuntimeOwner(connection: ownerConnection) } catch {
            connections.forEach { $0.close() }
            throw backend.mapError(error)
        }
        store = PostgresSessionStore(queries: queries, writer: writer, owner: owner)
        outboxStore = PostgresOutbox(connection: queries)
    }

    deinit {
        close()
    }

    /// LISTENs on the store's change channel (every store write NOTIFYs it on commit).
    public func observeFlowChanges(_ changed: @escaping @Sendable () -> Void) -> Bool {
        let connection = owner.connection.connection
        let listening = DispatchSemaphore(value: 0)
        let task = Task {
            do {
                try await connection.listen(on: PostgresWorkspaceBackend.changeChannel) { notifications in
                    listening.signal() // LISTEN is done
                    for try await _ in notifications { changed() }
                }
            } catch {
                // The connection closed (shutdown); the flow source still re-reads once a second.
                listening.signal()
            }
        }
        listener.withLockedValue { $0 = task }
        // Listening before the first trigger: a change made from now on is heard.
        _ = listening.wait(timeout: .now() + 10)
        return true
    }

    public func close() {
        store.close()
        listener.withLockedValue { $0?.cancel(); $0 = nil }
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
