import FlowKit
import FlowStorePostgres
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection of the runtime's PostgreSQL store, with synchronous queries (the
/// `SessionStore` API is synchronous, called off NIO's event loops) and async ones.
/// postgres-nio queues the queries of several threads on the one connection.
///
/// A connection found closed (the server restarted, the network dropped it) is opened
/// again on next use, at most as often as `ReconnectBackoff` allows; until then a use
/// fails at once with the last error (`databaseUnreachable`: `serve` answers 503). The
/// query that meets a connection dying under it is not retried: it may have run.
/// `prepare` runs on each new connection before anything else uses it (the owner takes
/// its advisory lock again and LISTENs again); with `keepOpen`, a connection that closes
/// is reopened at once in the background rather than on next use (the owner's: its lock
/// and LISTEN matter while nothing queries).
final class PostgresRuntimeConnection: @unchecked Sendable {
    let logger: Logger
    let backend: PostgresWorkspaceBackend
    let id: Int

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var open: PostgresConnection?
    private var backoff = ReconnectBackoff()
    private var closed = false
    private var prepare: (@Sendable (PostgresConnection) throws -> Void)?
    private var keepOpen = false
    /// Called (on an event loop) when an open connection closes by itself.
    private var onClose: (@Sendable () -> Void)?

    init(backend: PostgresWorkspaceBackend, id: Int) throws(WorkspaceError) {
        self.backend = backend
        self.id = id
        self.logger = Logger(label: "flowcanvas.postgres.runtime", factory: { _ in SwiftLogNoOpLogHandler() })
        let first = try backend.openConnection(id: id)
        lock.withLock { open = first }
        watch(first)
    }

    /// Sets what each later connection runs first, what a closing one calls, and whether
    /// one is reopened as soon as it closes.
    func configure(prepare: @escaping @Sendable (PostgresConnection) throws -> Void,
                   onClose: @escaping @Sendable () -> Void, keepOpen: Bool) {
        lock.withLock {
            self.prepare = prepare
            self.onClose = onClose
            self.keepOpen = keepOpen
        }
    }

    /// The open connection, reconnecting when it is found closed.
    func current() throws(WorkspaceError) -> PostgresConnection {
        lock.lock()
        defer { lock.unlock() }
        if let open, !open.isClosed { return open }
        if closed { throw .databaseUnreachable(location: backend.location, reason: "the connection was closed") }
        // Found closed: not yet an outage (a restart may be over); a failing connect is one.
        open = nil
        if let refusal = backoff.refusal { throw refusal }
        let new: PostgresConnection
        do {
            new = try backend.openConnection(id: id)
        } catch {
            let failure = backend.mapError(error)
            backoff.failed(failure)
            backend.reachability.lost(failure)
            throw failure
        }
        do {
            try prepare?(new)
        } catch {
            try? new.close().wait()
            let failure = backend.mapError(error)
            backoff.failed(failure)
            throw failure
        }
        open = new
        backoff.succeeded()
        backend.reachability.restored()
        watch(new)
        return new
    }

    /// When `connection` closes by itself: tells `onClose`, and with `keepOpen` reopens it
    /// from a thread of its own, trying every 100 ms (the backoff spaces real attempts).
    private func watch(_ connection: PostgresConnection) {
        connection.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            let (stopped, onClose, keepOpen) = self.lock.withLock { (self.closed, self.onClose, self.keepOpen) }
            if stopped { return }
            onClose?()
            guard keepOpen else { return }
            let thread = Thread { [weak self] in
                while let self, !self.lock.withLock({ self.closed }) {
                    if (try? self.current()) != nil { return }
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
            thread.name = "flowcanvas-postgres-reconnect"
            thread.start()
        }
    }

    /// A failed query's error for users; a dropped connection is reported as an outage.
    func failure(_ error: any Error) -> WorkspaceError {
        let mapped = backend.mapError(error)
        if mapped.isUnreachable { backend.reachability.lost(mapped) }
        return mapped
    }

    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        let connection = try current()
        do { return Array(try connection.query(query, logger: logger).wait()) } catch { throw failure(error) }
    }

    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let connection = try current()
        do { return Array(try await connection.query(query, logger: logger).get()) } catch { throw failure(error) }
    }

    func close() {
        let connection: PostgresConnection? = lock.withLock {
            closed = true
            defer { open = nil }
            return open
        }
        try? connection?.close().wait()
    }
}
