import FlowKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The store on PostgreSQL (postgres-nio, one connection per workspace). `Workspace`'s
/// API is synchronous, so each query waits for its future; that is allowed because no
/// caller runs on one of NIO's event loops. Transactions on the one connection are
/// serialised by a lock. Writers are serialised across every process on the database by
/// a transaction-scoped advisory lock, as SQLite serialises its writers, so the revision
/// and conflict rules hold unchanged; a writer waits at most `lockTimeout` for it
/// (`databaseLocked` after). Readers see one snapshot (REPEATABLE READ, READ ONLY).
public final class PostgresWorkspaceBackend: WorkspaceBackend, @unchecked Sendable {
    public let url: PostgresURL
    public var location: String { url.redacted }
    let lockTimeout: TimeInterval
    let logger: Logger
    private let lock = NSLock()
    /// Guarded by `lock`; nil after the connection broke, so the next transaction reconnects.
    private var connection: PostgresConnection?
    /// Guarded by `lock`: when the store's connection may try to connect again.
    private var backoff = ReconnectBackoff()
    /// Whether the server is reachable, as this process's connections (the store's and
    /// the runtime's) last found it; `serve` logs its changes.
    public let reachability = PostgresReachability()

    /// Every writer takes this advisory lock for the length of its transaction.
    static let writerLockKey: Int64 = 0x466C_6F77_5772_6974 // "FlowWrit"
    /// Migrations take this one, so two processes opening a new database do not race.
    static let migrationLockKey: Int64 = 0x466C_6F77_4D69_6772 // "FlowMigr"

    /// Connects and brings the store's tables to this binary's schema; refuses a database
    /// whose schema is newer (`newerSchema`).
    public convenience init(url: PostgresURL, lockTimeout: TimeInterval = 2) throws(WorkspaceError) {
        try self.init(url: url, lockTimeout: lockTimeout, migrating: true)
    }

    /// Without `migrating`, nothing is created until `migrate()` (`workspace copy` first
    /// checks that the database is empty, touching nothing).
    init(url: PostgresURL, lockTimeout: TimeInterval, migrating: Bool) throws(WorkspaceError) {
        self.url = url
        self.lockTimeout = lockTimeout
        // postgres-nio logs at debug and trace only; nothing of it belongs on a CLI's stderr.
        self.logger = Logger(label: "flowcanvas.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        if migrating { try migrate() }
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    // MARK: Transactions

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"]) { tx in try body(tx) }
    }

    /// Every store write also notifies `changeChannel` (delivered at commit only, so a
    /// rolled-back write says nothing), in the statement that takes the writer lock: no
    /// extra round trip.
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        try transaction(begin: writerPreamble(lockKey: PostgresWorkspaceBackend.writerLockKey, notifying: true)) { tx in
            try body(tx)
        }
    }

    /// A new connection of its own to this database, with the backend's settings (the
    /// store's own, the change signal's LISTEN, the runtime's session store and listener).
    public func openConnection(id: Int = 2) throws(WorkspaceError) -> PostgresConnection {
        let configuration = try connectionConfiguration()
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                id: id, logger: logger).wait()
        } catch {
            throw mapError(error)
        }
    }

    /// The LISTEN/NOTIFY channel every store write notifies (the flow list's change signal;
    /// anything else that must learn of flow changes, e.g. Make Live and pause, can listen).
    public static let changeChannel = "flowcanvas_store"

    public func makeChangeSignal() -> (any WorkspaceChangeSignal)? {
        PostgresChangeSignal(backend: self)
    }

    private func writerPreamble(lockKey: Int64, notifying: Bool = false) -> [String] {
        let milliseconds = max(1, Int(lockTimeout * 1000))
        let notify = notifying ? ", pg_notify('\(PostgresWorkspaceBackend.changeChannel)', '')" : ""
        return ["BEGIN", "SET LOCAL lock_timeout = \(milliseconds)", "SELECT pg_advisory_xact_lock(\(lockKey))\(notify)"]
    }

    /// The tables of the database (any schema but PostgreSQL's own) that hold at least
    /// one row, `flowcanvas_migrations` aside; reads only. `workspace copy` fills only a
    /// database where this is empty.
    func tablesWithRows() throws(WorkspaceError) -> [String] {
        try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"]) { tx in
            let tables = try tx.rows("""
                SELECT quote_ident(schemaname) || '.' || quote_ident(tablename), tablename FROM pg_tables
                WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'flowcanvas_migrations'
                ORDER BY schemaname, tablename
                """).map { try $0.decode((String, String).self) }
            return try tables.filter { qualified, _ in
                try tx.rows(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(qualified))"))
                    .first.map { try $0.decode(Bool.self) } ?? false
            }.map(\.1)
        }
    }

    /// One transaction on the store's connection. A transaction whose BEGIN fails because
    /// the connection turned out dropped (the server restarted while it sat idle) is run
    /// once more on a new connection: nothing of it reached the server. A failure after
    /// BEGIN is never retried here, since the transaction may have committed.
    private func transaction<T>(begin: [String], _ body: (PostgresStoreTransaction) throws -> T) throws(WorkspaceError) -> T {
        lock.lock()
        defer { lock.unlock() }
        var retried = false
        while true {
            let connection = try connected()
            let tx = PostgresStoreTransaction(connection: connection, logger: logger)
            do {
                try tx.begin(PostgresQuery(unsafeSQL: begin[0]))
            } catch {
                let failure = mapError(error)
                if connection.isClosed || failure.isUnreachable {
                    // The server ended the session (57P01…) before the channel noticed, or
                    // the connection stopped answering: close it here, since a
                    // PostgresConnection must be closed before it goes.
                    if !connection.isClosed { discard(connection) }
                    self.connection = nil
                    if !retried, failure.isUnreachable {
                        retried = true
                        continue
                    }
                    reachability.lost(failure)
                }
                throw failure
            }
            do {
                for statement in begin.dropFirst() { try tx.execute(PostgresQuery(unsafeSQL: statement)) }
                let result = try body(tx)
                try tx.execute("COMMIT")
                return result
            } catch {
                let failure = mapError(error)
                if connection.isClosed {
                    self.connection = nil
                    reachability.lost(failure)
                } else {
                    _ = try? tx.execute("ROLLBACK")
                }
                throw failure
            }
        }
    }

    /// Closes a connection that is no longer used, waiting at most 2 s: one that stopped
    /// answering may not close at once, and is then kept (a PostgresConnection must be closed
    /// before it is released) until its close completes.
    private func discard(_ connection: PostgresConnection) {
        let closed = connection.eventLoop.makePromise(of: Void.self)
        let timer = connection.eventLoop.scheduleTask(in: .seconds(2)) { closed.fail(PostgresNoAnswer(seconds: 2)) }
        defer { timer.cancel() }
        connection.close().cascade(to: closed)
        if (try? closed.futureResult.wait()) == nil { Self.stillClosing.keep(connection) }
    }

    /// Connections whose close has not completed yet, kept until it does.
    private static let stillClosing = ClosingConnections()

    /// The open connection, connecting first when there is none (at most as often as
    /// `backoff` allows; in between, the last connect's error). Called with `lock` held.
    private func connected() throws(WorkspaceError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        if let refusal = backoff.refusal { throw refusal }
        do {
            let new = try openConnection(id: 1)
            connection = new
            backoff.succeeded()
            reachability.restored()
            return new
        } catch {
            let failure = mapError(error)
            backoff.failed(failure)
            reachability.lost(failure)
            throw failure
        }
    }

    private func connectionConfiguration() throws(WorkspaceError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if url.host.hasPrefix("/") {
            configuration = .init(unixSocketPath: url.host + "/.s.PGSQL.\(url.port)", username: url.user,
                                  password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                  database: url.database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// `sslmode` and `sslrootcert` as NIOSSL (PostgresTLS).
    private func tls() throws(WorkspaceError) -> PostgresConnection.Configuration.TLS {
        try PostgresTLS.configuration(for: url)
    }

    // MARK: Migrations

    func migrate() throws(WorkspaceError) {
        let known = PostgresStoreSchema.migrations.map(\.identifier)
        try transaction(begin: writerPreamble(lockKey: PostgresWorkspaceBackend.migrationLockKey)) { tx in
            let exists = try tx.rows("SELECT to_regclass('flowcanvas_migrations') IS NOT NULL")
                .first.map { try $0.decode(Bool.self) } ?? false
            if !exists {
                try tx.execute("""
                    CREATE TABLE flowcanvas_migrations (
                        schema text NOT NULL,
                        identifier text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        PRIMARY KEY (schema, identifier)
                    )
                    """)
            }
            let applied = try tx.rows("""
                SELECT identifier FROM flowcanvas_migrations WHERE schema = \(PostgresStoreSchema.name)
                ORDER BY applied_at, identifier
                """).map { try $0.decode(String.self) }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw WorkspaceError.newerSchema(location: location, migration: unknown)
            }
            for migration in PostgresStoreSchema.migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements { try tx.execute(PostgresQuery(unsafeSQL: statement)) }
                try tx.execute("""
                    INSERT INTO flowcanvas_migrations (schema, identifier)
                    VALUES (\(PostgresStoreSchema.name), \(migration.identifier))
                    """)
            }
        }
    }

    // MARK: Errors

    /// NIO's connection errors print as nested structures; users get the cause in words.
    static func cause(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "the connection closed" }
        let text = "\(underlying)"
        let known = [("Connection refused", "connection refused"), ("timed out", "timed out"),
                     ("No route", "no route to host"), ("Name or service not known", "unknown host"),
                     ("Temporary failure in name resolution", "unknown host"), ("Network is unreachable", "network unreachable")]
        for (needle, words) in known where text.localizedCaseInsensitiveContains(needle) { return words }
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    /// postgres-nio's errors as the one-line errors users see; never the password (the
    /// server's messages do not contain it, and the URL is shown redacted).
    public func mapError(_ error: any Error) -> WorkspaceError {
        if let e = error as? WorkspaceError { return e }
        if let e = error as? PostgresNoAnswer { return .databaseUnreachable(location: location, reason: e.description) }
        if let e = error as? PSQLError {
            if let info = e.serverInfo {
                let message = info[.message] ?? "error \(info[.sqlState] ?? "?")"
                let state = info[.sqlState] ?? ""
                // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting
                // down), and class 08 (connection exceptions): the server is going or coming back.
                if ["57P01", "57P02", "57P03"].contains(state) || state.hasPrefix("08") {
                    return .databaseUnreachable(location: location, reason: message)
                }
                switch state {
                case "55P03": return .databaseLocked(path: location) // lock_not_available
                case "25006": return .readOnlyDatabase(path: location) // read_only_sql_transaction
                case "42501": return .permissionDenied(path: "\(location) (\(message))") // insufficient_privilege
                default: return .databaseFailure(path: location, reason: PostgresTLS.explained(message, url: url))
                }
            }
            if let tlsFailure = PostgresTLS.failure(e.underlying, url: url) {
                return .databaseFailure(path: location, reason: tlsFailure)
            }
            switch e.code {
            case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
                return .databaseUnreachable(location: location, reason: Self.cause(e.underlying))
            case .authMechanismRequiresPassword:
                return .databaseFailure(path: location, reason: "the server asks for a password; give it in the URL, PGPASSWORD or ~/.pgpass")
            case .sslUnsupported:
                return .databaseFailure(path: location, reason: "the server does not support TLS (sslmode=\(url.sslMode.rawValue))")
            default:
                return .databaseFailure(path: location, reason: "\(e.code)")
            }
        }
        if error is PostgresDecodingError {
            return .databaseFailure(path: location, reason: "a stored row has an unexpected type (is this a FlowCanvas database?)")
        }
        return .databaseFailure(path: location, reason: "\(error)")
    }
}

/// Connections being closed that must not be released before their close completes.
final class ClosingConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [ObjectIdentifier: PostgresConnection] = [:]

    func keep(_ connection: PostgresConnection) {
        let key = ObjectIdentifier(connection)
        lock.withLock { connections[key] = connection }
        connection.closeFuture.whenComplete { [self] _ in
            lock.withLock { _ = connections.removeValue(forKey: key) }
        }
    }
}
