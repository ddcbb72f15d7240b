import FlowKit
import Foundation
import GRDB
import Testing
import TestSupport
@testable import FlowRuntime

/// The runtime over the real workspace store: live flows, pause/resume and Make Live
/// picked up per trigger, sessions pinned to their version, apps from the store.
@Suite struct WorkspaceRuntimeTests {
    /// Inbound SMS → ask → receive → thank (text `thanks`) → end.
    static func conversation(_ thanks: String) -> FlowDocument {
        var doc = PersistenceTests.conversation()
        doc.name = "Order status"
        for i in doc.nodes.indices where doc.nodes[i].id == "thanks" {
            doc.nodes[i].config["message"] = .string(thanks)
        }
        return doc
    }

    func live(_ ws: Workspace, _ doc: FlowDocument) throws -> String {
        let flow = try ws.createFlow(named: doc.name, document: doc)
        try ws.makeLive(flow.id)
        return flow.id
    }

    @Test func liveFlowsFollowMakeLivePauseAndResume() throws {
        let (ws, _) = try makeWorkspace()
        // No staleness: each read sees the change just made (serve allows 1 ms).
        let source = WorkspaceFlowSource(workspace: ws, maxStaleness: 0)
        #expect(try source.liveFlows().isEmpty)
        let id = try live(ws, Self.conversation("v1"))
        var flows = try source.liveFlows()
        #expect(flows.map(\.flowId) == [id])
        #expect(flows[0].version == 1 && flows[0].state == .running)
        #expect(flows[0].appBindings == ["sms": "outbox"])
        _ = try ws.pause(id)
        #expect(try source.liveFlows()[0].state == .paused)
        _ = try ws.resume(id)
        #expect(try source.liveFlows()[0].state == .running)
        try ws.editVersion(id, version: 1)
        try ws.saveDraft(id, document: Self.conversation("v2"))
        try ws.makeLive(id)
        flows = try source.liveFlows()
        #expect(flows.map(\.version) == [2])
        #expect(flows[0].document.nodes.first { $0.id == "thanks" }?.config["message"] == "v2")
        // Any version stays reachable for the sessions pinned to it; drafts never are.
        #expect(try source.flow(id: id, version: 1)?.document.nodes.first { $0.id == "thanks" }?.config["message"] == "v1")
        #expect(try source.flow(id: id, version: 3) == nil)
        #expect(try source.flow(id: id, version: nil) == nil)
        try ws.deleteFlow(id)
        #expect(try source.liveFlows().isEmpty)
    }

    @Test func aPinnedVersionIsReadOnceAndFollowsPauseAndARecreatedFlow() throws {
        let (ws, _) = try makeWorkspace()
        let source = WorkspaceFlowSource(workspace: ws, maxStaleness: 0)
        let id = try live(ws, Self.conversation("first"))
        let a = try #require(try source.flow(id: id, version: 1))
        // The cached copy is the stored version: same document, state from the flow.
        #expect(a.document == (try ws.pinnedVersion(flowID: id, number: 1))?.version.document)
        _ = try ws.pause(id)
        #expect(try source.flow(id: id, version: 1)?.state == .paused)
        _ = try ws.resume(id)
        #expect(try source.flow(id: id, version: 1)?.state == .running)
        // Deleted and made again under the same id: version 1 is another document now.
        try ws.deleteFlow(id)
        #expect(try source.flow(id: id, version: 1) == nil)
        Thread.sleep(forTimeInterval: 0.01)  // a new creation time (stored to the millisecond)
        let again = try live(ws, Self.conversation("second"))
        #expect(again == id)
        let b = try #require(try source.flow(id: id, version: 1))
        #expect(b.document.nodes.first { $0.id == "thanks" }?.config["message"] == "second")
    }

    @Test func aSessionFinishesOnItsVersionWhileTheNextRunsTheNewOne() async throws {
        let (ws, pool) = try makeWorkspace()
        let id = try live(ws, Self.conversation("v1 thanks"))
        let engine = try FlowEngine.persistent(workspace: ws, clock: VirtualClock())
        let a = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        #expect(a.version == 1 && a.state == .waiting)

        try ws.editVersion(id, version: 1)
        try ws.saveDraft(id, document: Self.conversation("v2 thanks"))
        try ws.makeLive(id)

        let b = try await engine.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100", message: "hi").started[0]
        #expect(b.version == 2)
        let doneA = try #require(try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100",
                                                                 message: "A").delivered)
        #expect(doneA.id == a.id && doneA.version == 1 && doneA.outcome == "answered")
        let doneB = try #require(try await engine.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100",
                                                                 message: "B").delivered)
        #expect(doneB.id == b.id && doneB.version == 2)
        let sent = try OutboxDelivery(writer: pool).messages().map(\.message)
        #expect(sent.filter { $0.contains("thanks") } == ["v1 thanks", "v2 thanks"])

        // A restarted engine (a new serve) still finds v1 for a session pinned to it.
        let c = try await engine.deliverInbound(channel: "sms", from: "+15550333", to: "+15550100", message: "hi").started[0]
        try ws.editVersion(id, version: 2)
        try ws.makeLive(id)
        let restarted = try FlowEngine.persistent(workspace: ws, clock: VirtualClock())
        let doneC = try #require(try await restarted.deliverInbound(channel: "sms", from: "+15550333", to: "+15550100",
                                                                    message: "C").delivered)
        #expect(doneC.id == c.id && doneC.version == 2 && doneC.outcome == "answered")
    }

    @Test func pausedFlowsAreRefusedAtTheNextTrigger() async throws {
        let (ws, _) = try makeWorkspace()
        let id = try live(ws, Self.conversation("x"))
        let engine = try FlowEngine.persistent(workspace: ws, flows: WorkspaceFlowSource(workspace: ws, maxStaleness: 0),
                                           clock: VirtualClock())
        _ = try ws.pause(id)
        let refused = try await engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "hi")
        #expect(refused.started.isEmpty)
        #expect(refused.refused == [.flowPaused(flowId: id, name: "Order status")])
        _ = try ws.resume(id)
        #expect(try await engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "hi").started.count == 1)
    }

    @Test func sendUsesTheAppBoundAtMakeLive() async throws {
        let received = Box<[String]>([])
        let receiver = try LoopbackHTTPServer { request in
            received.value.append(request.bodyText)
            return .init(status: 200)
        }
        defer { receiver.stop() }
        let (ws, pool) = try makeWorkspace()
        try ws.addApp(name: "gateway", channel: "sms", webhookURL: receiver.baseURL + "/sms")
        let flow = try ws.createFlow(named: "Order status", document: Self.conversation("Thanks"))
        try ws.makeLive(flow.id, MakeLiveRequest(apps: ["sms": "gateway"]))
        let engine = try FlowEngine.persistent(workspace: ws, clock: VirtualClock())
        let s = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        #expect(s.state == .waiting)
        #expect(received.value.count == 1)
        #expect(received.value.first?.contains("Order number?") == true)
        #expect(try OutboxDelivery(writer: pool).messages().isEmpty)
    }
}

/// The group commit under `DatabaseSessionStore`.
@Suite struct GroupCommitTests {
    func session(_ id: String, state: SessionState = .done) -> Session {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        return Session(id: id, flowId: "f", version: 1, state: state, currentNode: "done",
                       transcript: [TranscriptEntry(time: now, node: "start", kind: .start, text: "started"),
                                    TranscriptEntry(time: now, node: "done", kind: .end, text: "ended")],
                       createdAt: now, updatedAt: now)
    }

    @Test func savesAreVisibleAtOnceAndOnDiskAfterDurable() async throws {
        let (_, pool) = try makeWorkspace()
        let store = DatabaseSessionStore(writer: pool)
        var sessions: [Session] = []
        for i in 0..<500 {
            var s = session("s\(i)")
            try store.save(&s)
            sessions.append(s)
        }
        #expect(try store.session(id: "s7") == sessions[7])
        try await store.durable()
        let other = DatabaseSessionStore(writer: pool)
        #expect(try other.sessions(flowId: "f", state: .done, limit: nil).count == 500)
        #expect(try other.session(id: "s499") == sessions[499])
    }

    @Test func savesOfOneSessionCoalesceWithoutLosingTranscript() async throws {
        let (_, pool) = try makeWorkspace()
        let store = DatabaseSessionStore(writer: pool)
        var s = session("a", state: .running)
        s.transcript.removeLast()
        try store.save(&s)
        for n in 0..<50 {
            s.transcript.append(TranscriptEntry(time: s.createdAt, node: "n\(n)", kind: .step, text: "step \(n)"))
            try store.save(&s)
        }
        s.state = .done
        try store.save(&s)
        try await store.durable()
        let loaded = try #require(try DatabaseSessionStore(writer: pool).session(id: "a"))
        #expect(loaded.transcript == s.transcript)
        #expect(loaded.transcript.count == 51)
        #expect(loaded.state == .done)
    }

    @Test func aFailedCommitIsReportedAndRetriedNotLost() async throws {
        let (_, pool) = try makeWorkspace()
        let store = DatabaseSessionStore(writer: pool)
        try await pool.write { db in try db.execute(sql: "ALTER TABLE runtime_session RENAME TO hidden_session") }
        var s = session("kept")
        try store.save(&s)
        await #expect(throws: (any Error).self) { try await store.durable() }
        #expect(try store.session(id: "kept") == s) // still in the overlay
        try await pool.write { db in try db.execute(sql: "ALTER TABLE hidden_session RENAME TO runtime_session") }
        try await store.durable()
        #expect(try DatabaseSessionStore(writer: pool).session(id: "kept") == s)
    }

    @Test func queriesMergeQueuedAndCommittedSessions() async throws {
        let (_, pool) = try makeWorkspace()
        let store = DatabaseSessionStore(writer: pool)
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        var committed = session("old", state: .waiting)
        committed.waiting = SessionWait(kind: .message, channel: "sms", address: "+1")
        committed.timerDue = now.addingTimeInterval(60)
        try store.save(&committed)
        try await store.durable()
        #expect(try store.waitingSession(channel: "sms", address: "+1")?.id == "old")
        #expect(try store.dueTimers(upTo: now.addingTimeInterval(61)) == ["old"])
        // Queued: "old" finishes, "new" waits on the same customer.
        committed.state = .done
        committed.waiting = nil
        committed.timerDue = nil
        try store.save(&committed)
        var queued = session("new", state: .waiting)
        queued.waiting = SessionWait(kind: .message, channel: "sms", address: "+1")
        queued.timerDue = now.addingTimeInterval(30)
        try store.save(&queued)
        #expect(try store.waitingSession(channel: "sms", address: "+1")?.id == "new")
        #expect(try store.dueTimers(upTo: now.addingTimeInterval(61)) == ["new"])
        #expect(try store.nextTimerDue() == now.addingTimeInterval(30))
        try await store.durable()
        #expect(try store.waitingSession(channel: "sms", address: "+1")?.id == "new")
        #expect(try store.dueTimers(upTo: now.addingTimeInterval(61)) == ["new"])
    }
}
