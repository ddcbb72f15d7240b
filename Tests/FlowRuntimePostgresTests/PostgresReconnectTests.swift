import FlowKit
import FlowRuntime
import FlowRuntimePostgres
import FlowStorePostgres
import Foundation
import Testing
import TestSupport

/// Connections the server ended (`pg_terminate_backend`, as a restart does) come back:
/// the store's next transaction and the runtime's next query work, the owner holds its
/// advisory lock again and LISTENs again (a pause reaches the flow source within 1 s),
/// and the outage observers hear nothing (no connect failed). The restart itself, with
/// 503s while the server is away, is PostgresRestartEndToEndTests (a private cluster).
@Suite(.serialized) struct PostgresReconnectTests {
    static func terminate(_ database: String) throws -> Int {
        Int(try TestPostgres.administer(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test func connectionsTheServerEndedAreReopenedOnNextUse() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let database = String((ws.backend as! PostgresWorkspaceBackend).url.database)
            _ = try ws.createFlow(named: "Hook", document: Flows.webhookToEnd(name: "Hook", path: "h"))
            _ = try ws.makeLive("Hook", MakeLiveRequest(comment: "first"))
            let storage = try RuntimeStorageOpening.open(ws)
            defer { storage.close() }
            let outages = OutageLog()
            storage.observeOutages { outages.add($0) }
            let source = WorkspaceFlowSource.notified(workspace: ws, storage: storage)
            let engine = FlowEngine.persistent(workspace: ws, storage: storage, flows: source)
            #expect(try await engine.triggerWebhook(path: "h", body: [:]).started.count == 1)

            // The store's, the runtime's three and the change signal's, if any.
            #expect(try Self.terminate(database) >= 4)
            // The store: its next transaction works (a pause: it also notifies).
            try ws.pause("Hook")
            // The owner's connection is reopened in the background, LISTENs again and drops
            // the flow source's cache: the pause is seen within 1 s.
            let started = Date()
            var state = try source.liveFlows().first?.state
            while state != .paused && Date().timeIntervalSince(started) < 3 {
                usleep(20_000)
                state = try source.liveFlows().first?.state
            }
            #expect(state == .paused, "after \(Date().timeIntervalSince(started)) s")
            #expect(Date().timeIntervalSince(started) < 1, "the pause took \(Date().timeIntervalSince(started)) s")
            // The owner holds its advisory lock again.
            let locks = try TestPostgres.administer("""
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND l.granted AND d.datname = '\(database)' AND l.objsubid = 2
                """).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(locks == "1")
            // A notification after the reconnect is heard too.
            try ws.resume("Hook")
            let resumed = Date()
            while try source.liveFlows().first?.state != .running && Date().timeIntervalSince(resumed) < 3 { usleep(20_000) }
            #expect(Date().timeIntervalSince(resumed) < 1)
            // The runtime's queries and group commit work on new connections.
            let second = try await engine.triggerWebhook(path: "h", body: [:])
            #expect(second.started.count == 1)
            let id = try #require(second.started.first?.id)
            #expect(try storage.sessions.session(id: id)?.state == .done)
            #expect(outages.all.isEmpty, "\(outages.all)")
        }
    }
}

extension PostgresReconnectTests {
    static func ownerPID(_ number: Int32, database: String) throws -> String {
        try TestPostgres.administer("""
            SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND objid = \(number)
                AND database = (SELECT oid FROM pg_database WHERE datname = '\(database)')
            """).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// After a restart every process reconnects, and the first one back must not take the
    /// running sessions of owners that are merely not back yet (they would run twice): after
    /// its own connection came back, a process leaves other owners' sessions alone for a
    /// grace period, then takes those whose owner is still without its lock.
    @Test func aReconnectedProcessWaitsBeforeTakingOverAnotherOwnersSessions() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let backend = ws.backend as! PostgresWorkspaceBackend
            let database = String(backend.url.database)
            let other = try PostgresRuntimeStorage(backend: backend)
            let now = Date()
            var orphan = Session(id: "orphan", flowId: "f", version: 1, state: .running, currentNode: "ask",
                                 createdAt: now, updatedAt: now)
            try other.sessions.save(&orphan)
            try await other.sessions.durable()
            let grace = 2.5
            let survivor = try PostgresRuntimeStorage(backend: backend, takeoverGraceSeconds: grace)
            defer { survivor.close() }
            // The server ends the survivor's owner connection; it comes back and locks again.
            let oldPID = try Self.ownerPID(survivor.ownerNumber, database: database)
            #expect(!oldPID.isEmpty)
            _ = try TestPostgres.administer("SELECT pg_terminate_backend(\(oldPID))")
            var pid = ""
            let deadline = Date().addingTimeInterval(5)
            repeat {
                usleep(20_000)
                pid = try Self.ownerPID(survivor.ownerNumber, database: database)
            } while (pid.isEmpty || pid == oldPID) && Date() < deadline
            #expect(!pid.isEmpty && pid != oldPID, "the survivor's owner did not lock again")
            let back = Date()
            // The other owner is without its lock now, as if it had not reconnected yet.
            other.close()
            while try !Self.ownerPID(other.ownerNumber, database: database).isEmpty && Date() < deadline { usleep(20_000) }
            #expect(Date().timeIntervalSince(back) < grace - 0.5, "too slow to look within the grace period")
            #expect(try survivor.sessions.runningSessionIDs().isEmpty, "taken over within the grace period")
            var taken: [String] = []
            while taken.isEmpty && Date().timeIntervalSince(back) < grace + 5 {
                taken = try survivor.sessions.runningSessionIDs()
                if taken.isEmpty { usleep(50_000) }
            }
            #expect(taken == ["orphan"], "after the grace period the session is taken over")
            #expect(Date().timeIntervalSince(back) >= grace - 0.5)
        }
    }
}

final class OutageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var changes: [DatabaseOutageChange] = []
    func add(_ change: DatabaseOutageChange) { lock.withLock { changes.append(change) } }
    var all: [DatabaseOutageChange] { lock.withLock { changes } }
}
