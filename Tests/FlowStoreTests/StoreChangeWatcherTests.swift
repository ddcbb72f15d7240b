import FlowKit
import Foundation
import Testing
import TestSupport

/// The flow list's change signal on both backends: a write committed by another
/// connection (another process, another machine) shows within a second; a refused write
/// (rolled back) and plain reads do not; on PostgreSQL a lost LISTEN connection answers
/// "changed" and comes back by itself.
@Suite struct StoreChangeWatcherTests {
    /// Asks `watcher` until it reports a change, for at most `seconds`.
    static func seesChange(_ watcher: WorkspaceChangeWatcher, within seconds: TimeInterval = 1) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if watcher.hasChanged() { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    @Test(arguments: StoreBackendKind.allCases)
    func anotherConnectionsWritesShowWithinOneSecond(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { mine, open in
            _ = try mine.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let watcher = WorkspaceChangeWatcher(workspace: mine)
            #expect(!watcher.hasChanged())

            let theirs = try open()
            _ = try theirs.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Hi"), expectedRevision: 1)
            #expect(Self.seesChange(watcher))
            #expect(!watcher.hasChanged(), "one commit, one change")

            // A refused save rolls back: nothing committed, nothing to reload. Reads are not changes.
            #expect(throws: WorkspaceError.conflict(flow: "Order status", expected: 1, current: 2)) {
                try theirs.saveDraft("Order status", document: ContractFixture.smsFlow(), expectedRevision: 1)
            }
            _ = try theirs.flows()
            #expect(!Self.seesChange(watcher, within: 0.3))

            try theirs.deleteFlow("Order status")
            #expect(Self.seesChange(watcher))
            #expect(try mine.flows().isEmpty)
        }
    }

    @Test func aLostListenConnectionIsAChangeAndIsReplaced() throws {
        try StoreBackendKind.postgres.withWorkspace { mine, open in
            let watcher = WorkspaceChangeWatcher(workspace: mine)
            let database = String(mine.backend.location.split(separator: "/").last!)
            // Ends the watcher's LISTEN connection (and only it) from the server's side.
            let ended = try TestPostgres.administer("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = '\(database)' AND query LIKE 'LISTEN%'
                """)
            #expect(ended.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            // Whatever happened while nobody listened is unknown: reload.
            #expect(Self.seesChange(watcher))
            // Listening again (at most a second later), it sees the next write.
            usleep(1_100_000)
            _ = watcher.hasChanged()
            _ = try open().createFlow(named: "Billing", document: ContractFixture.smsFlow(name: "Billing"))
            #expect(Self.seesChange(watcher))
        }
    }
}
