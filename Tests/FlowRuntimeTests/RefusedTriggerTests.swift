import FlowKit
import Foundation
import GRDB
import Testing
import TestSupport
@testable import FlowRuntime

/// A trigger whose sessions could not be saved is answered with an error, and its sender
/// may send it again; the saves stay queued and land once the database takes writes again.
/// Those sessions must then be over: one left waiting would take the replies meant for the
/// retry's session, one left running would be resumed and send a second time.
@Suite struct RefusedTriggerTests {
    @Test func sessionsOfARefusedTriggerEndFailedWhenTheDatabaseIsBack() async throws {
        let (ws, pool) = try makeWorkspace()
        // One flow waits at once (refused when its trigger is acknowledged), the other sends
        // first (refused before the send: a send waits for its session to be on disk).
        let waits = FlowBuilder(settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)]))
        waits.node("start", "start", ["trigger": "inbound-message", "channel": "sms", "address": "+15550200"])
            .node("wait", "receive", ["channel": "sms", "timeoutSeconds": 600])
            .node("done", "end", ["outcome": "done"])
            .link("start", "next", "wait").link("wait", "received", "done")
        let flows = StaticFlowSource([
            LiveFlow(flowId: "waits", version: 1, document: waits.document),
            LiveFlow(flowId: "asks", version: 1, document: PersistenceTests.conversation()),
        ])
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())

        // Another connection holds the write lock longer than the store waits for it.
        let holder = try DatabaseQueue(path: ws.directory.appendingPathComponent(Workspace.databaseFileName).path)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.inTransaction(.immediate) { _ in
                locked.signal()
                release.wait()
                return .rollback
            }
            released.signal()
        }
        locked.wait()
        var refused = 0
        for (to, from) in [("+15550200", "+15550301"), ("+15550100", "+15550111")] {
            do {
                // Refused before its send: the result carries the refusal (no session started).
                let result = try await engine.deliverInbound(channel: "sms", from: from, to: to, message: "hi")
                if result.started.isEmpty, result.refused.contains(where: \.isStorageFailure) { refused += 1 }
            } catch {
                // Refused when acknowledged: the whole trigger fails.
                #expect(error.isStorageFailure, "\(error)")
                refused += 1
            }
        }
        #expect(refused == 2, "both triggers are answered with the database's error")
        release.signal()
        released.wait()

        let store = DatabaseSessionStore(writer: pool)
        defer { store.close() }
        let deadline = Date().addingTimeInterval(10)
        var sessions: [Session] = []
        while sessions.count < 2 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            sessions = try store.sessions(flowId: nil, state: nil, limit: nil)
        }
        #expect(sessions.count == 2, "the queued saves landed once the lock was gone")
        for s in sessions {
            #expect(s.state == .failed, "\(s.flowId): \(s.state)")
            let full = try #require(try store.session(id: s.id))
            #expect(full.transcript.last?.text.contains("its trigger was refused") == true, "\(full.transcript.map(\.text))")
        }
        #expect(try store.waitingSession(channel: "sms", address: "+15550301") == nil, "no session waits for the first sender")
        #expect(try store.runningSessionIDs().isEmpty, "nothing is left to resume")
        #expect(try OutboxDelivery(writer: pool).messages().isEmpty, "the second flow never sent")

        // The sender tries again: a new session, which now gets the reply.
        let retried = try await engine.deliverInbound(channel: "sms", from: "+15550301", to: "+15550200", message: "hi")
        #expect(retried.started.count == 1)
        let answered = try await engine.deliverInbound(channel: "sms", from: "+15550301", to: "+15550200", message: "yes")
        #expect(answered.delivered?.id == retried.started.first?.id)
    }
}
