import FlowKit
import FlowStorePostgres
import Foundation
import PostgresNIO

/// This process as an owner of sessions on the database: a number from
/// `runtime_process_seq`, held as a session-level advisory lock
/// (`pg_advisory_lock(lockClass, number)`) on a connection kept open for the process's
/// life. When the process dies, even by kill -9, PostgreSQL ends the connection and drops
/// the lock; the survivors see an owner without its lock and take its running sessions
/// over (`PostgresSessionStore.runningSessionIDs`). No lease to renew, no clock to trust:
/// the server itself knows which connections are alive (see DECISIONS).
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

    init(connection: PostgresRuntimeConnection) throws {
        self.connection = connection
        guard let n = try connection.rows("SELECT nextval('runtime_process_seq')::integer").first else {
            throw WorkspaceError.databaseFailure(path: connection.backend.location, reason: "no process number")
        }
        number = try n.decode(Int32.self)
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockClass), \(number))")
    }
}
