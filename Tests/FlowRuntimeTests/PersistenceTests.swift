import FlowKit
import Foundation
import GRDB
import Testing
import TestSupport
@testable import FlowRuntime

/// Sessions in the workspace database: saved after every step, reloaded by a new
/// engine (a restart of `serve`), timers included.
@Suite struct PersistenceTests {
    /// start → ask (send) → wait (receive 60 s) → thanks (send) → done, timeout → late.
    static func conversation() -> FlowDocument {
        let b = FlowBuilder(settings: FlowSettings(outcomes: [FlowOutcome(name: "answered", kind: .success),
                                                              FlowOutcome(name: "no-answer", kind: .incomplete)]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("ask", "send", ["channel": "sms", "to": "+15550111", "message": "Order number?"])
            .node("wait", "receive", ["channel": "sms", "timeoutSeconds": 60])
            .node("thanks", "send", ["channel": "sms", "to": "+15550111", "message": "Thanks"])
            .node("done", "end", ["outcome": "answered"])
            .node("late", "end", ["outcome": "no-answer"])
            .link("start", "next", "ask").link("ask", "sent", "wait")
            .link("wait", "received", "thanks").link("wait", "timeout", "late")
            .link("thanks", "sent", "done")
        return b.document
    }

    @Test func aSessionRoundTripsThroughTheDatabase() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
        let s = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        let loaded = try #require(try DatabaseSessionStore(writer: pool).session(id: s.id))
        #expect(loaded == s)
        #expect(loaded.state == .waiting)
        #expect(loaded.waiting == SessionWait(kind: .message, channel: "sms", address: "+15550111"))
        #expect(loaded.outputs["start"]?["message"] == "hi")
        #expect(loaded.transcript.map(\.node) == ["start", "ask", "wait"])
        #expect(try OutboxDelivery(writer: pool).messages().map(\.message) == ["Order number?"])
    }

    @Test func everyStepIsSavedBeforeTheNextRuns() async throws {
        // A server that records what the database held when the http-request node ran.
        let (ws, pool) = try makeWorkspace()
        let seen = Box<[String?]>([])
        let server = try LoopbackHTTPServer { _ in
            let node = try? pool.read { db in
                try String.fetchOne(db, sql: "SELECT current_node FROM runtime_session")
            }
            seen.value.append(node ?? nil)
            return .init(status: 200)
        }
        defer { server.stop() }
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("vars", "set-variables", ["assignments": ["a": "1"]])
            .node("call", "http-request", ["method": "GET", "url": .string(server.baseURL)])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "vars").link("vars", "next", "call").link("call", "success", "done")
        let engine = try FlowEngine.persistent(workspace: ws, flows: StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: b.document)]))
        _ = try await engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "x")
        #expect(seen.value == ["call"])
    }

    @Test func aWaitingSessionSurvivesARestartAndCompletes() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let clock = VirtualClock()
        var first: FlowEngine? = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let s = try await first!.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        first = nil // "serve" stops

        let second = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let resumed = await second.resumeAll()
        #expect(resumed.resumed == 0)
        #expect(resumed.timersFired == 0)
        let reply = try await second.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "EX123")
        let done = try #require(reply.delivered)
        #expect(done.id == s.id)
        #expect(done.outcome == "answered")
        #expect(done.outputs["wait"]?["message"] == "EX123")
        let stored = try #require(try DatabaseSessionStore(writer: pool).session(id: s.id))
        #expect(stored.transcript.map(\.node) == ["start", "ask", "wait", "wait", "thanks", "done"])
        #expect(try OutboxDelivery(writer: pool).messages().map(\.message) == ["Order number?", "Thanks"])
    }

    @Test func aTimerThatFellDueWhileStoppedFiresOnResume() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let clock = VirtualClock()
        let first = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let s = try await first.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        clock.advance(by: 300) // down for five minutes, past the 60 s timeout

        let second = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let resumed = await second.resumeAll()
        #expect(resumed.timersFired == 1)
        let after = try #require(try DatabaseSessionStore(writer: pool).session(id: s.id))
        #expect(after.state == .done)
        #expect(after.outcome == "no-answer")
    }

    @Test func aSessionLeftRunningContinuesFromItsCurrentNode() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let store = DatabaseSessionStore(writer: pool)
        // What a crash between two steps leaves: running, about to run "thanks".
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        var crashed = Session(id: "crashed", flowId: "f", version: 1, state: .running, currentNode: "thanks",
                              outputs: ["start": ["from": "+15550111"]], customer: "+15550111",
                              createdAt: now, updatedAt: now)
        try store.save(&crashed)
        try await store.durable()
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock(start: now))
        #expect(await engine.resumeAll().resumed == 1)
        let after = try #require(try store.session(id: "crashed"))
        #expect(after.state == .done)
        #expect(after.outcome == "answered")
        #expect(after.transcript.first?.text == "resumed after a restart")
    }

    @Test func aSessionWhoseVersionIsGoneFailsInsteadOfVanishing() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let clock = VirtualClock()
        let s = try await FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
            .deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        clock.advance(by: 61)
        let restarted = try FlowEngine.persistent(workspace: ws, flows: StaticFlowSource([]), clock: clock)
        await restarted.fireDueTimers()
        let after = try #require(try DatabaseSessionStore(writer: pool).session(id: s.id))
        #expect(after.state == .failed)
        #expect(after.failureReason == "flow 'f' version 1 no longer exists")
    }

    @Test func listsAndStatsComeFromTheDatabase() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.conversation())])
        let clock = VirtualClock()
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        for customer in ["+1", "+2", "+3"] {
            _ = try await engine.deliverInbound(channel: "sms", from: customer, to: "+15550100", message: "hi")
            clock.advance(by: 1)
        }
        _ = try await engine.deliverInbound(channel: "sms", from: "+2", to: "+15550100", message: "EX1")
        try await engine.advanceClock(by: 60) // +1 and +3 time out
        let store = DatabaseSessionStore(writer: pool)
        let all = try store.sessions(flowId: "f", state: nil, limit: nil)
        #expect(all.map(\.customer) == ["+3", "+2", "+1"]) // newest first
        #expect(try store.sessions(flowId: "f", state: .done, limit: 1).count == 1)
        #expect(try store.sessions(flowId: "g", state: nil, limit: nil).isEmpty)
        #expect(try store.stats(flowId: "f") == SessionStats(outcomes: ["answered": 1, "no-answer": 2]))
    }
}

/// A mutable box a @Sendable test handler can write to.
final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
