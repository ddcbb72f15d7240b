import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// Triggers, pausing, the duplicate-session guard and version pinning (DESIGN §6, §11).
@Suite struct TriggerTests {
    static func replyFlow(_ text: String, settings: FlowSettings = FlowSettings()) -> FlowDocument {
        let b = FlowBuilder(settings: settings)
        b.node("start", "start", FlowBuilder.smsStart)
            .node("wait", "receive", ["channel": "sms", "timeoutSeconds": 600])
            .node("tell", "send", ["channel": "sms", "to": "+15550111", "message": .string(text)])
            .node("done", "end", ["outcome": "done"])
            .link("start", "next", "wait").link("wait", "received", "tell").link("tell", "sent", "done")
        return b.document
    }

    @Test func inboundStartsOnlyFlowsOnThatChannelAndAddress() async throws {
        let other = FlowBuilder()
        other.node("start", "start", ["trigger": "inbound-message", "channel": "whatsapp", "address": "+15550100"])
        let rig = MemoryRig([LiveFlow(flowId: "sms-flow", version: 1, document: Self.replyFlow("x")),
                             LiveFlow(flowId: "wa-flow", version: 1, document: other.document)])
        let result = try await rig.engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "hi")
        #expect(result.started.map(\.flowId) == ["sms-flow"])
        #expect(result.started.first?.outputs["start"] == ["channel": "sms", "from": "+1", "to": "+15550100", "message": "hi"])
        await #expect(throws: RuntimeError.noMatchingFlow("sms messages to +15559999")) {
            try await rig.engine.deliverInbound(channel: "sms", from: "+9", to: "+15559999", message: "hi")
        }
    }

    @Test func webhookAndEventStartTheirFlowsWithTheBody() async throws {
        let hook = FlowBuilder()
        hook.node("start", "start", ["trigger": "webhook", "path": "orders/new"]).node("done", "end", ["outcome": "ok"])
            .link("start", "next", "done")
        let unnamed = FlowBuilder()
        unnamed.node("start", "start", ["trigger": "webhook"]).node("done", "end", ["outcome": "ok"])
            .link("start", "next", "done")
        let event = FlowBuilder()
        event.node("start", "start", ["trigger": "custom-event", "event": "signup"]).node("done", "end", ["outcome": "ok"])
            .link("start", "next", "done")
        let rig = MemoryRig([LiveFlow(flowId: "hook", version: 1, document: hook.document),
                             LiveFlow(flowId: "plain", version: 2, document: unnamed.document),
                             LiveFlow(flowId: "ev", version: 1, document: event.document)])
        let h = try await rig.engine.triggerWebhook(path: "orders/new", body: ["id": 7])
        #expect(h.started.map(\.flowId) == ["hook"])
        #expect(h.started.first?.outputs["start"]?["body"] == ["id": 7])
        #expect(try await rig.engine.triggerWebhook(path: "plain", body: [:]).started.map(\.flowId) == ["plain"])
        let e = try await rig.engine.triggerEvent(name: "signup", body: ["email": "a@b.c"])
        #expect(e.started.first?.outcome == "ok")
        #expect(e.started.first?.outputs["start"]?["body"] == ["email": "a@b.c"])
        await #expect(throws: RuntimeError.noMatchingFlow("event 'other'")) {
            try await rig.engine.triggerEvent(name: "other", body: [:])
        }
    }

    @Test func aPausedFlowRefusesNewSessionsButFinishesRunningOnes() async throws {
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: Self.replyFlow("bye"))])
        let a = try await rig.sms(from: "+15550111")
        rig.flows.setState(.paused, flowId: "f")
        let refused = try await rig.engine.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100", message: "hi")
        #expect(refused.started.isEmpty)
        #expect(refused.refused == [.flowPaused(flowId: "f", name: "Test flow")])
        #expect(refused.refused.first?.httpStatus == 409)
        #expect(refused.refused.first?.description == "flow 'Test flow' is paused: it starts no new sessions")
        // The session that was already waiting still gets its reply.
        let reply = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "x")
        #expect(reply.delivered?.id == a.id)
        #expect(reply.delivered?.state == .done)
        rig.flows.setState(.running, flowId: "f")
        #expect(try await rig.engine.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100", message: "hi").started.count == 1)
    }

    @Test func theDuplicateGuardRefusesASecondActiveSessionWithTheSameKey() async throws {
        // A literal identifier: every trigger has the same key.
        let settings = FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "the-one")
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: Self.replyFlow("x", settings: settings))])
        let a = try await rig.sms(from: "+15550111")
        #expect(a.uniqueKey == "the-one")
        await #expect(throws: RuntimeError.duplicateSession(flowId: "f", key: "the-one", existingSession: a.id)) {
            try await rig.sms(from: "+15550222")
        }
        #expect(RuntimeError.duplicateSession(flowId: "f", key: "k", existingSession: "s").httpStatus == 409)
        // Once A is done, the key is free again.
        _ = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "x")
        #expect(try rig.store.session(id: a.id)?.state == .done)
        let b = try await rig.sms(from: "+15550222")
        #expect(b.state == .waiting)
    }

    @Test func theDuplicateGuardIsOffWithoutTheSetting() async throws {
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: Self.replyFlow("x", settings: FlowSettings(uniqueIdentifier: "k")))])
        _ = try await rig.sms(from: "+1")
        let second = try await rig.sms(from: "+2")
        #expect(second.uniqueKey == nil)
    }

    @Test func aSessionFinishesOnTheVersionItStartedOn() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: Self.replyFlow("from v1"))])
        let clock = VirtualClock()
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let a = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        #expect(a.version == 1)

        flows.add(LiveFlow(flowId: "f", version: 2, document: Self.replyFlow("from v2"))) // Make Live v2
        let b = try await engine.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100", message: "hi").started[0]
        #expect(b.version == 2)

        // A restart in between: the new engine must load v1 for A, not the live v2.
        let restarted = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
        let aDone = try #require(try await restarted.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "1").delivered)
        let bDone = try #require(try await restarted.deliverInbound(channel: "sms", from: "+15550222", to: "+15550100", message: "2").delivered)
        #expect(aDone.id == a.id && aDone.version == 1 && aDone.state == .done)
        #expect(bDone.id == b.id && bDone.version == 2 && bDone.state == .done)
        let sent = try OutboxDelivery(writer: pool).messages()
        #expect(sent.map(\.message) == ["from v1", "from v2"])
        #expect(sent.map(\.sessionId) == [a.id, b.id])
    }

    @Test func replyToASessionThatIsNotWaitingIsRefused() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart).node("done", "end", ["outcome": "ok"]).link("start", "next", "done")
        let rig = MemoryRig(document: b.document)
        let s = try await rig.sms()
        await #expect(throws: RuntimeError.sessionNotWaiting(s.id)) {
            try await rig.engine.reply(toSession: s.id, message: "x")
        }
        await #expect(throws: RuntimeError.unknownSession("nope")) {
            try await rig.engine.reply(toSession: "nope", message: "x")
        }
    }

    @Test func sessionEventsAreReported() async throws {
        let events = Box<[String]>([])
        let options = EngineOptions(persistEveryStep: false, sessionIDs: .sequential(prefix: "s"),
                                    onEvent: { e in events.value.append("\(e.kind.rawValue) \(e.sessionId)") })
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: Self.replyFlow("x"))], options: options)
        _ = try await rig.sms(from: "+15550111")
        _ = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "x")
        #expect(events.value == ["started s1", "waiting s1", "resumed s1", "done s1"])
    }
}
