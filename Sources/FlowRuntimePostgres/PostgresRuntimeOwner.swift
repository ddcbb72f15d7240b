import FlowKit
import FlowStorePostgres
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// This process as an owner of sessions on the database: a number from
/// `runtime_process_seq`, held as a session-level advisory lock
/// (`pg_advisory_lock(lockClass, number)`) on a connection kept open for the process's
/// life. When the process dies, even by kill -9, PostgreSQL ends the connection and drops
/// the lock; the survivors see an owner without its lock and take its running sessions
/// over (`PostgresSessionStore.runningSessionIDs`). No lease to renew, no clock to trust:
/// the server itself knows which connections are alive (see DECISIONS).
///
/// The connection also LISTENs for the store's changes. When it drops (the server
/// restarted), it is reopened in the background as soon as the server answers again: the
/// same number's lock is taken again, LISTEN sent again, and the listener told once, since
/// a change made while nobody listened was not heard.
final class PostgresRuntimeOwner: @unchecked Sendable {
    /// The advisory lock class of runtime owners ("FLRT").
    static let lockClass: Int32 = 0x464C_5254
    /// The numbers of the owners alive now (holding their lock on this database).
    static let liveOwnersSQL = """
        SELECT objid::bigint::integer FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = \(UInt32(bitPattern: lockClass)) AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """

    let number: Int32
    /// Holds the lock; also LISTENs for store changes.
    let connection: PostgresRuntimeConnection
    /// Told when the store's flows may have changed (`PostgresRuntimeStorage.observeFlowChanges`).
    private let listener = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)
    /// When this owner last took its lock again after its connection dropped.
    private let relockedAt = NIOLockedValueBox<Date?>(nil)
    /// How long after such a re-lock this process leaves other owners' sessions alone
    /// (`PostgresRuntimeStorage.defaultTakeoverGraceSeconds`).
    let takeoverGraceSeconds: Double

    /// Whether sessions of owners without their lock may be taken over now: not within
    /// `takeoverGraceSeconds` of this owner's own re-lock after a drop, when those owners
    /// may simply not be back yet. A process just started takes over at once.
    var mayTakeOverOrphans: Bool {
        guard let at = relockedAt.withLockedValue({ $0 }) else { return true }
        return Date().timeIntervalSince(at) >= takeoverGraceSeconds
    }

    init(connection: PostgresRuntimeConnection,
         takeoverGraceSeconds: Double = PostgresRuntimeStorage.defaultTakeoverGraceSeconds) throws {
        self.connection = connection
        self.takeoverGraceSeconds = takeoverGraceSeconds
        guard let n = try connection.rows("SELECT nextval('runtime_process_seq')::integer").first else {
            throw WorkspaceError.databaseFailure(path: connection.backend.location, reason: "no process number")
        }
        number = try n.decode(Int32.self)
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockClass), \(number))")
        let number = self.number, listener = self.listener, logger = connection.logger, relockedAt = self.relockedAt
        connection.configure(prepare: { new in
            // A try: a lock still held is the old connection's, not yet ended by the server
            // (a network drop); this connection is refused until the server ends that one.
            let taken = try new.query("SELECT pg_try_advisory_lock(\(Self.lockClass), \(number))", logger: logger)
                .wait().first.map { try $0.decode(Bool.self) } ?? false
            guard taken else { throw PostgresOwnerLockHeld() }
            relockedAt.withLockedValue { $0 = Date() }
            if let changed = listener.withLockedValue({ $0 }) {
                try Self.listen(on: new, logger: logger, changed)
                changed()
            }
        }, onClose: {
            // The flows are read again (from the store's own connection) on the next trigger:
            // while the server is away that read fails and the trigger gets 503 before any
            // session starts.
            listener.withLockedValue { $0 }?()
        }, keepOpen: true)
    }

    /// LISTENs for the store's changes on the owner's connection, now and after each reconnect.
    func listen(_ changed: @escaping @Sendable () -> Void) throws {
        listener.withLockedValue { $0 = changed }
        try Self.listen(on: try connection.current(), logger: connection.logger, changed)
    }

    /// The handler runs on the connection's NIO event loop and only drops the flow
    /// source's cached pointers, so a notification is heard even while every thread of
    /// Swift's cooperative pool is busy or blocked. The listener's own LISTEN is sent
    /// without a reply to wait for; this one is awaited (on the event loop's future, not
    /// the pool), so a change made from now on is heard.
    private static func listen(on connection: PostgresConnection, logger: Logger,
                               _ changed: @escaping @Sendable () -> Void) throws {
        connection.addListener(channel: PostgresWorkspaceBackend.changeChannel) { _, _ in changed() }
        _ = try connection.query(PostgresQuery(unsafeSQL: #"LISTEN "\#(PostgresWorkspaceBackend.changeChannel)""#),
                                 logger: logger).wait()
    }
}

/// The owner's advisory lock is still held (by this process's previous connection, which
/// the server has not ended yet).
struct PostgresOwnerLockHeld: Error, CustomStringConvertible {
    var description: String { "this process's owner lock is still held by its previous connection" }
}
