import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// The §11 routes, in process, on the persistent engine.
@Suite struct RuntimeAPITests {
    struct Rig {
        let api: RuntimeAPI
        let flows: StaticFlowSource
        let clock = VirtualClock()

        init() throws {
            let (ws, pool) = try makeWorkspace()
            let hook = FlowBuilder()
            hook.node("start", "start", ["trigger": "webhook", "path": "orders"])
                .node("done", "end", ["outcome": "ok"]).link("start", "next", "done")
            let guarded = TriggerTests.replyFlow("bye", settings: FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "one"))
            flows = StaticFlowSource([LiveFlow(flowId: "hook", version: 1, document: hook.document),
                                      LiveFlow(flowId: "chat", version: 1, document: guarded)])
            let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: clock)
            let outbox = OutboxDelivery(writer: pool)
            api = RuntimeAPI(engine: engine, outbox: { try outbox.messages() })
        }

        func call(_ method: String, _ path: String, _ body: String = "", query: [String: String] = [:]) async -> RuntimeAPI.Response {
            await api.handle(method: method, path: path, query: query, body: Data(body.utf8))
        }
    }

    @Test func webhookStartsAFlowAndTheSessionCanBeRead() async throws {
        let rig = try Rig()
        let r = await rig.call("POST", "/hooks/orders", #"{"id": 7}"#)
        #expect(r.status == 200)
        let id = try #require(r.body["sessions"]?.arrayValue?.first?["id"]?.stringValue)
        let s = await rig.call("GET", "/sessions/\(id)")
        #expect(s.status == 200)
        #expect(s.body["state"] == "done")
        #expect(s.body["outcome"] == "ok")
        #expect(s.body["version"] == 1)
        #expect(s.body["outputs"]?["start"]?["body"] == ["id": 7])
        #expect(s.body["transcript"]?.arrayValue?.count == 2)
        let stats = await rig.call("GET", "/flows/hook/stats")
        #expect(stats.body["outcomes"] == ["ok": 1])
    }

    @Test func inboundConversationDuplicateAndPauseMapToStatuses() async throws {
        let rig = try Rig()
        let first = await rig.call("POST", "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"hi"}"#)
        #expect(first.status == 200)
        #expect(first.body["sessions"]?.arrayValue?.first?["state"] == "waiting")
        // Another customer: the guard's literal key is taken → 409.
        let dup = await rig.call("POST", "/inbound/sms", #"{"from":"+15550222","to":"+15550100","message":"hi"}"#)
        #expect(dup.status == 409)
        #expect(dup.body["error"]?.stringValue?.hasPrefix("a session with identifier 'one' is already active") == true)
        // The first customer's reply reaches its session.
        let reply = await rig.call("POST", "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"EX1"}"#)
        #expect(reply.status == 200)
        #expect(reply.body["delivered"]?["state"] == "done")
        let outbox = await rig.call("GET", "/outbox")
        #expect(outbox.body.arrayValue?.map { $0["message"] } == ["bye"])
        rig.flows.setState(.paused, flowId: "chat")
        let paused = await rig.call("POST", "/inbound/sms", #"{"from":"+15550333","to":"+15550100","message":"hi"}"#)
        #expect(paused.status == 409)
        #expect(paused.body["error"] == "flow 'Test flow' is paused: it starts no new sessions")
        let list = await rig.call("GET", "/flows/chat/sessions", query: ["state": "done"])
        #expect(list.body.arrayValue?.count == 1)
    }

    @Test func badInputIsRefusedWithAStatusNeverACrash() async throws {
        let rig = try Rig()
        #expect(await rig.call("POST", "/hooks/orders", "{not json").status == 400)
        #expect(await rig.call("POST", "/inbound/sms", #"{"from":"+1"}"#).status == 400)
        #expect(await rig.call("POST", "/inbound/sms", "[1,2]").status == 400)
        #expect(await rig.call("POST", "/hooks/unknown", "{}").status == 404)
        #expect(await rig.call("POST", "/events/nothing", "").status == 404)
        #expect(await rig.call("GET", "/sessions/nope").status == 404)
        #expect(await rig.call("GET", "/flows/chat/sessions", query: ["state": "sleeping"]).status == 400)
        #expect(await rig.call("GET", "/nowhere").status == 404)
        #expect(await rig.call("DELETE", "/outbox").status == 405)
        let big = String(repeating: "x", count: RuntimeAPI.maxBodyBytes + 1)
        #expect(await rig.call("POST", "/hooks/orders", big).status == 413)
        #expect(await rig.call("GET", "/health").body == ["status": "ok"])
    }
}
