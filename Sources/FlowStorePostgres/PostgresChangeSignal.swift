import FlowKit
import Foundation
import PostgresNIO

/// PostgreSQL's change signal: a connection of its own that LISTENs on the channel every
/// store write notifies at commit (`PostgresWorkspaceBackend.changeChannel`). A
/// notification only sets a flag, so asking costs no round trip and reads no table.
/// When the connection is lost, changes may have been missed: the next ask answers true,
/// and a new connection is tried at most once a second.
final class PostgresChangeSignal: WorkspaceChangeSignal, @unchecked Sendable {
    /// Set from NIO's event loop (a notification, the connection closing), read by `hasChanged`.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func raise() { lock.withLock { raised = true } }
        func take() -> Bool { lock.withLock { defer { raised = false }; return raised } }
    }

    private let backend: PostgresWorkspaceBackend
    private let flag = Flag()
    private var connection: PostgresConnection?
    private var lastAttempt = Date.distantPast

    init(backend: PostgresWorkspaceBackend) {
        self.backend = backend
        listen()
        _ = flag.take()
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    func hasChanged() -> Bool {
        if connection?.isClosed ?? true {
            connection = nil
            if Date().timeIntervalSince(lastAttempt) >= 1 { listen() }
        }
        return flag.take()
    }

    /// Connects and LISTENs; on success raises the flag (whatever happened while nobody
    /// listened is unknown). The explicit LISTEN, awaited, makes sure the server listens
    /// before this returns (the listener's own LISTEN is sent without a reply to wait for).
    private func listen() {
        lastAttempt = Date()
        guard let new = try? backend.openConnection(id: 2) else { return }
        let flag = self.flag
        new.addListener(channel: PostgresWorkspaceBackend.changeChannel) { _, _ in flag.raise() }
        do {
            _ = try new.query(PostgresQuery(unsafeSQL: #"LISTEN "\#(PostgresWorkspaceBackend.changeChannel)""#),
                              logger: backend.logger).wait()
        } catch {
            try? new.close().wait()
            return
        }
        new.closeFuture.whenComplete { _ in flag.raise() }
        connection = new
        flag.raise()
    }
}
