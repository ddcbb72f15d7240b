import FlowKit
import FlowRuntime
import FlowServer
import FlowShare
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The §11 routes through `serve`'s router, in process (HummingbirdTesting's router
/// framework: no socket), on the persistent engine.
@Suite struct RuntimeRoutesTests {
    struct Answer {
        var status: Int
        var body: JSONValue
        var contentType: String?
    }

    struct Rig {
        let router: Router<ServeRequestContext>
        let flows: StaticFlowSource

        static let hookSecret = "It's a secret to everybody"

        init(allowedOrigins: [String] = []) throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowserver-\(UUID().uuidString)")
            let ws = try Workspace(directory: dir, author: "test")
            var hook = FlowDocument(name: "Test flow")
            hook.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook", "path": "orders"]),
                          FlowNode(id: "done", type: "end", config: ["outcome": "ok"])]
            hook.connections = [Connection(from: "start", outcome: "next", to: "done")]
            var chat = FlowDocument(name: "Test flow", settings: FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "one"))
            chat.nodes = [
                FlowNode(id: "start", type: "start", config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "wait", type: "receive", config: ["channel": "sms", "timeoutSeconds": 600]),
                FlowNode(id: "tell", type: "send", config: ["channel": "sms", "to": "+15550111", "message": "bye"]),
                FlowNode(id: "done", type: "end", config: ["outcome": "done"]),
            ]
            chat.connections = [Connection(from: "start", outcome: "next", to: "wait"),
                                Connection(from: "wait", outcome: "received", to: "tell"),
                                Connection(from: "tell", outcome: "sent", to: "done")]
            // A webhook Start with a signing secret from a secret variable set at Make Live.
            var signed = FlowDocument(name: "Signed flow")
            signed.settings.variables = [CustomVariable(name: "hookSecret", default: "", externalized: true, secret: true)]
            signed.nodes = [FlowNode(id: "start", type: "start",
                                     config: ["trigger": "webhook", "path": "signed", "signingSecret": "$(hookSecret)"]),
                            FlowNode(id: "done", type: "end", config: ["outcome": "ok"])]
            signed.connections = [Connection(from: "start", outcome: "next", to: "done")]
            flows = StaticFlowSource([LiveFlow(flowId: "hook", version: 1, document: hook),
                                      LiveFlow(flowId: "chat", version: 1, document: chat),
                                      LiveFlow(flowId: "signed", version: 1, document: signed,
                                               variableValues: ["hookSecret": Rig.hookSecret])])
            let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
            let outbox = try OutboxDelivery(workspace: ws)
            let api = RuntimeAPI(engine: engine, outbox: { try outbox.messages() })
            router = RuntimeRoutes.router(api: api, share: ShareAccess(workspace: ws), allowedOrigins: allowedOrigins)
        }

        /// Runs `body` with a client on this router.
        func test(_ body: @escaping @Sendable (Client) async throws -> Void) async throws {
            try await Application(router: router).test(.router) { client in try await body(Client(client: client)) }
        }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol

        /// A body goes as `application/json` unless `headers` names another Content-Type.
        func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String = "",
                  headers: HTTPFields = [:]) async throws -> Answer {
            var headers = headers
            if !body.isEmpty, headers[.contentType] == nil { headers[.contentType] = "application/json" }
            return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
                let text = String(buffer: response.body)
                return Answer(status: Int(response.status.code),
                              body: (try? JSONParser.parse(text)) ?? .string(text),
                              contentType: response.headers[.contentType])
            }
        }
    }

    @Test func webhookStartsAFlowAndTheSessionCanBeRead() async throws {
        try await Rig().test { c in
            let r = try await c.call(.post, "/hooks/orders", #"{"id": 7}"#)
            #expect(r.status == 200)
            #expect(r.contentType == "application/json; charset=utf-8")
            let id = try #require(r.body["sessions"]?.arrayValue?.first?["id"]?.stringValue)
            let s = try await c.call(.get, "/sessions/\(id)")
            #expect(s.status == 200)
            #expect(s.body["state"] == "done")
            #expect(s.body["outcome"] == "ok")
            #expect(s.body["version"] == 1)
            #expect(s.body["outputs"]?["start"]?["body"] == ["id": 7])
            #expect(s.body["transcript"]?.arrayValue?.count == 2)
            let stats = try await c.call(.get, "/flows/hook/stats")
            #expect(stats.body["outcomes"] == ["ok": 1])
        }
    }

    @Test func inboundConversationDuplicateAndPauseMapToStatuses() async throws {
        let rig = try Rig()
        let flows = rig.flows
        try await rig.test { c in
            let first = try await c.call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"hi"}"#)
            #expect(first.status == 200)
            #expect(first.body["sessions"]?.arrayValue?.first?["state"] == "waiting")
            // Another customer: the guard's literal key is taken → 409.
            let dup = try await c.call(.post, "/inbound/sms", #"{"from":"+15550222","to":"+15550100","message":"hi"}"#)
            #expect(dup.status == 409)
            #expect(dup.body["error"]?.stringValue?.hasPrefix("a session with identifier 'one' is already active") == true)
            // The first customer's reply reaches its session.
            let reply = try await c.call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"EX1"}"#)
            #expect(reply.status == 200)
            #expect(reply.body["delivered"]?["state"] == "done")
            let outbox = try await c.call(.get, "/outbox")
            #expect(outbox.body.arrayValue?.map { $0["message"] } == ["bye"])
            flows.setState(.paused, flowId: "chat")
            let paused = try await c.call(.post, "/inbound/sms", #"{"from":"+15550333","to":"+15550100","message":"hi"}"#)
            #expect(paused.status == 409)
            #expect(paused.body["error"] == "flow 'Test flow' is paused: it starts no new sessions")
            let list = try await c.call(.get, "/flows/chat/sessions?state=done")
            #expect(list.body.arrayValue?.count == 1)
        }
    }

    @Test func badInputIsRefusedWithAStatusNeverACrash() async throws {
        try await Rig().test { c in
            #expect(try await c.call(.post, "/hooks/orders", "{not json").status == 400)
            #expect(try await c.call(.post, "/inbound/sms", #"{"from":"+1"}"#).status == 400)
            #expect(try await c.call(.post, "/inbound/sms", "[1,2]").status == 400)
            #expect(try await c.call(.post, "/hooks/unknown", "{}").status == 404)
            #expect(try await c.call(.post, "/events/nothing", "").status == 404)
            #expect(try await c.call(.get, "/sessions/nope").status == 404)
            #expect(try await c.call(.get, "/flows/chat/sessions?state=sleeping").status == 400)
            let big = String(repeating: "x", count: RuntimeAPI.maxBodyBytes + 1)
            let tooLarge = try await c.call(.post, "/hooks/orders", big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.body == ["error": .string("the request body is larger than \(RuntimeAPI.maxBodyBytes) bytes")])
            #expect(try await c.call(.get, "/health").body == ["status": "ok"])
        }
    }

    @Test func unknownRoutesAreJSON404AndOtherMethodsOnKnownPaths405() async throws {
        try await Rig().test { c in
            let nowhere = try await c.call(.get, "/nowhere")
            #expect(nowhere.status == 404)
            #expect(nowhere.body == ["error": "no route GET /nowhere"])
            #expect(nowhere.contentType == "application/json; charset=utf-8")
            #expect(try await c.call(.get, "/").body == ["error": "no route GET /"])
            let delete = try await c.call(.delete, "/outbox")
            #expect(delete.status == 405)
            #expect(delete.body == ["error": "no route DELETE /outbox"])
            #expect(try await c.call(.put, "/health").status == 405)
            #expect(try await c.call(.get, "/hooks/orders").status == 404)
            #expect(try await c.call(.post, "/hooks").status == 404)
            #expect(try await c.call(.post, "/health").status == 404)
            #expect(try await c.call(.get, "/sessions").status == 404)
            #expect(try await c.call(.get, "/share").body == ["error": "no route GET /share"])
        }
    }

    @Test func pathPartsArePercentDecodedAndHookPathsKeepTheirSlashes() async throws {
        try await Rig().test { c in
            let missing = try await c.call(.get, "/sessions/no%20such")
            #expect(missing.body == ["error": "no session 'no such'"])
            #expect(try await c.call(.post, "/hooks/ord%65rs", "{}").status == 200)
            #expect(try await c.call(.post, "/hooks/orders/extra", "{}").status == 404)
        }
    }

    @Test func shareLinksAreServedUnderTheirGroup() async throws {
        try await Rig().test { c in
            let unknown = try await c.call(.get, "/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(unknown.status == 404)
            #expect(unknown.contentType?.hasPrefix("text/html") == true)
        }
    }
}
