import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// Node semantics that need no expression language: literal texts render as themselves
/// whatever `Template.render` does with references.
@Suite struct NodeExecutionTests {
    @Test func sendStoresTheMessageInTheOutboxAndEnds() async throws {
        let b = FlowBuilder(settings: FlowSettings(outcomes: [FlowOutcome(name: "told", kind: .success)]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "+15550111", "message": "Your order shipped"])
            .node("done", "end", ["outcome": "told"])
            .link("start", "next", "tell").link("tell", "sent", "done")
        let rig = MemoryRig(document: b.document)
        let session = try await rig.sms()
        #expect(session.state == .done)
        #expect(session.outcome == "told")
        #expect(session.currentNode == "done")
        #expect(session.visitedNodes == ["start", "tell", "done"])
        let sent = rig.outbox.messages
        #expect(sent.count == 1)
        #expect(sent.first?.to == "+15550111")
        #expect(sent.first?.message == "Your order shipped")
        #expect(sent.first?.channel == "sms")
        #expect(sent.first?.sessionId == session.id)
        // The stored copy equals what the call returned.
        #expect(try rig.store.session(id: session.id) == session)
    }

    @Test func sendThroughAnUnknownAppTakesFailed() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "+15550111", "message": "hi"])
            .node("oops", "end", ["outcome": "x"])
            .link("start", "next", "tell").link("tell", "failed", "oops")
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: b.document,
                                               appBindings: ["sms": "no-such-app"])])
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
        let result = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "x")
        let session = try #require(result.started.first)
        #expect(session.outcome == "x")
        #expect(session.transcript.contains { $0.node == "tell" && $0.text.contains("no app named 'no-such-app'") })
        #expect(try OutboxDelivery(writer: pool).messages().isEmpty)
    }

    @Test func smsLongerThan1024CharactersFails() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "+1", "message": .string(String(repeating: "a", count: 1025))])
            .node("oops", "end", ["outcome": "too-long"])
            .link("start", "next", "tell").link("tell", "failed", "oops")
        let rig = MemoryRig(document: b.document)
        let session = try await rig.sms()
        #expect(session.outcome == "too-long")
        #expect(rig.outbox.messages.isEmpty)
    }

    @Test func receiveWaitsForTheCustomerAndRecordsTheReply() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("ask", "receive", ["channel": "sms", "timeoutSeconds": 60])
            .node("got", "end", ["outcome": "answered"])
            .node("late", "end", ["outcome": "timed-out"])
            .link("start", "next", "ask").link("ask", "received", "got").link("ask", "timeout", "late")
        let rig = MemoryRig(document: b.document)
        let waiting = try await rig.sms(from: "+15550111")
        #expect(waiting.state == .waiting)
        #expect(waiting.currentNode == "ask")
        #expect(waiting.waiting == SessionWait(kind: .message, channel: "sms", address: "+15550111"))
        #expect(waiting.timerDue == rig.clock.now.addingTimeInterval(60))

        // Another customer's message does not reach it (it would start a new session).
        let other = try await rig.engine.deliverInbound(channel: "sms", from: "+15550999", to: "+15550100", message: "x")
        #expect(other.delivered == nil)
        #expect(other.started.count == 1)

        let reply = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "EX123")
        let done = try #require(reply.delivered)
        #expect(done.id == waiting.id)
        #expect(done.state == .done)
        #expect(done.outcome == "answered")
        #expect(done.outputs["ask"]?["message"] == "EX123")
        #expect(done.outputs["ask"]?["from"] == "+15550111")
        #expect(done.timerDue == nil)
    }

    @Test func receiveTimesOutOnTheVirtualClock() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("ask", "receive", ["channel": "sms", "timeoutSeconds": 20])
            .node("late", "end", ["outcome": "timed-out"])
            .link("start", "next", "ask").link("ask", "timeout", "late")
        let rig = MemoryRig(document: b.document)
        let s = try await rig.sms()
        try await rig.engine.advanceClock(by: 19)
        #expect(try rig.store.session(id: s.id)?.state == .waiting)
        try await rig.engine.advanceClock(by: 1)
        let after = try #require(try rig.store.session(id: s.id))
        #expect(after.state == .done)
        #expect(after.outcome == "timed-out")
        // The timeout was taken at its due time, not at the end of the wait.
        #expect(after.updatedAt == s.createdAt.addingTimeInterval(20))
        // A late reply starts a new session instead of reaching the finished one.
        let late = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi")
        #expect(late.delivered == nil)
    }

    @Test func delayWaitsOnTimersInDueOrder() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("pause", "delay", ["seconds": 60])
            .node("mark", "set-variables", ["assignments": ["stage": "after-delay"]])
            .node("pause2", "delay", ["seconds": 30])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "pause").link("pause", "next", "mark")
            .link("mark", "next", "pause2").link("pause2", "next", "done")
        let rig = MemoryRig(document: b.document)
        let s = try await rig.sms()
        #expect(s.state == .waiting)
        #expect(s.waiting?.kind == .timer)
        #expect(await rig.engine.nextTimerDue() == s.createdAt.addingTimeInterval(60))
        try await rig.engine.advanceClock(by: 59)
        #expect(try rig.store.session(id: s.id)?.currentNode == "pause")
        // One wait crossing both timers fires the first at +60, the second at +90.
        try await rig.engine.advanceClock(by: 100)
        let after = try #require(try rig.store.session(id: s.id))
        #expect(after.state == .done)
        #expect(after.variables["stage"] == "after-delay")
        let timerLines = after.transcript.filter { $0.kind == .timer }
        #expect(timerLines.map(\.text) == ["next: waited 60 s", "next: waited 30 s"])
        #expect(timerLines.map { $0.time.timeIntervalSince(s.createdAt) } == [60, 90])
    }

    @Test func zeroDelayContinuesAtOnce() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart).node("pause", "delay", ["seconds": 0])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "pause").link("pause", "next", "done")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .done)
    }

    @Test func setVariablesAssignsTextAndKeepsJSONOfASoleReference() async throws {
        let b = FlowBuilder(settings: FlowSettings(variables: [CustomVariable(name: "apiBase", default: "http://x"),
                                                               CustomVariable(name: "region", default: "eu")]))
        b.node("start", "start", ["trigger": "webhook", "path": "orders"])
            .node("vars", "set-variables", ["assignments": ["greeting": "hello", "payload": "$(start.body)"]])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "vars").link("vars", "next", "done")
        let live = LiveFlow(flowId: "f", version: 3, document: b.document, variableValues: ["region": "us"])
        let rig = MemoryRig([live])
        let result = try await rig.engine.triggerWebhook(path: "/orders/", body: ["customer": "Ada", "items": [1, 2]])
        let s = try #require(result.started.first)
        #expect(s.variables["greeting"] == "hello")
        #expect(s.variables["payload"] == ["customer": "Ada", "items": [1, 2]])
        // Custom variables start at their defaults, overridden by Make Live's values.
        #expect(s.variables["apiBase"] == "http://x")
        #expect(s.variables["region"] == "us")
        #expect(s.version == 3)
    }

    @Test func logAppendsToTheLogbookWithSessionAndTime() async throws {
        let b = FlowBuilder(settings: FlowSettings(logbooks: ["orders"]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("note", "log", ["logbook": "orders", "message": "order looked up"])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "note").link("note", "next", "done")
        let (ws, pool) = try makeWorkspace()
        let clock = VirtualClock()
        let engine = try FlowEngine.persistent(workspace: ws, flows: StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: b.document)]), clock: clock)
        let result = try await engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "x")
        let s = try #require(result.started.first)
        let lines = try DatabaseSessionStore(writer: pool).logs(logbook: "orders")
        #expect(lines.count == 1)
        #expect(lines.first?.message == "order looked up")
        #expect(lines.first?.sessionId == s.id)
        #expect(lines.first?.flowId == "f")
        #expect(lines.first?.node == "note")
        #expect(lines.first?.time == clock.now)
        #expect(try DatabaseSessionStore(writer: pool).logs(logbook: "other").isEmpty)
    }

    @Test func anUnconnectedOutcomeEndsTheSessionWithoutAFlowOutcome() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("ask", "receive", ["channel": "sms", "timeoutSeconds": 5])
            .node("got", "end", ["outcome": "answered"])
            .link("start", "next", "ask").link("ask", "received", "got")
        let rig = MemoryRig(document: b.document)
        let s = try await rig.sms()
        try await rig.engine.advanceClock(by: 5)
        let after = try #require(try rig.store.session(id: s.id))
        #expect(after.state == .done)
        #expect(after.outcome == nil)
        #expect(after.transcript.last?.text == "ended: outcome 'timeout' has no connector")
    }

    @Test func anUnconnectedErrorOutcomeFailsTheSessionWithTheReason() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("parse", "data-parser", ["source": "this is not json", "fields": ["sku": "items[0].sku"]])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "parse").link("parse", "success", "done")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .failed)
        #expect(s.failureReason?.contains("node 'parse' failed") == true)
        #expect(s.failureReason?.contains("the source is not JSON") == true)
        #expect(s.transcript.last?.kind == .error)
    }

    @Test func anUnconnectedFailedSendFailsTheSession() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "", "message": "hi"])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "tell").link("tell", "sent", "done")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .failed)
        #expect(s.failureReason == "node 'tell' failed and its 'failed' outcome has no connector: no recipient: 'to' is empty")
    }

    @Test func dataParserTakesErrorForTextThatIsNotJSON() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("parse", "data-parser", ["source": "{not json", "fields": ["sku": "sku"]])
            .node("bad", "end", ["outcome": "unparsable"])
            .link("start", "next", "parse").link("parse", "error", "bad")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .done)
        #expect(s.outcome == "unparsable")
    }

    @Test func branchWithAnUnknownOperatorFailsTheSession() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("check", "branch", ["branches": [["name": "yes", "variable": "start.message", "op": "resembles", "value": "x"]]])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "check").link("check", "yes", "done").link("check", "none", "done")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .failed)
        #expect(s.failureReason == "branch 'yes' of node 'check' has the unknown operator 'resembles'")
    }

    @Test func evaluateThatCannotGiveABooleanTakesError() async throws {
        // Malformed: with the real parser it does not parse; either way the node's
        // `error` outcome is taken, never true/false.
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("eval", "evaluate", ["expression": "$(start.message) >"])
            .node("bad", "end", ["outcome": "broken"])
            .node("good", "end", ["outcome": "fine"])
            .link("start", "next", "eval").link("eval", "error", "bad")
            .link("eval", "true", "good").link("eval", "false", "good")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.outcome == "broken")
        #expect(s.transcript.contains { $0.node == "eval" && $0.text.hasPrefix("error: ") })
    }

    @Test func aLoopWithoutAWaitFailsAtTheStepBudget() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("a", "set-variables", ["assignments": ["x": "1"]])
            .node("b", "set-variables", ["assignments": ["y": "2"]])
            .link("start", "next", "a").link("a", "next", "b").link("b", "next", "a")
        let rig = MemoryRig(document: b.document, options: EngineOptions(stepBudget: 50, persistEveryStep: false))
        let s = try await rig.sms()
        #expect(s.state == .failed)
        #expect(s.steps == 50)
        #expect(s.failureReason == "stopped after 50 steps without waiting: the flow loops")
    }

    @Test func aFlowWithoutStartCannotRun() async throws {
        let b = FlowBuilder()
        b.node("done", "end", ["outcome": "ok"])
        let rig = MemoryRig(document: b.document)
        await #expect(throws: RuntimeError.invalidFlow("it has no Start node")) {
            try await rig.engine.startSession(flow: rig.flow, trigger: .webhook(body: [:]))
        }
    }

    @Test func anUnsupportedNodeTypeFailsTheSession() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart).node("crm", "integration:salesforce")
            .link("start", "next", "crm")
        let s = try await MemoryRig(document: b.document).sms()
        #expect(s.state == .failed)
        #expect(s.failureReason?.contains("integration:salesforce") == true)
    }
}
