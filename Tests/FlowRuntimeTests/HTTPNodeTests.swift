import FlowKit
import Foundation
import Testing
import TestSupport
@testable import FlowRuntime

/// The http-request node and webhook apps against a real HTTP server on loopback.
@Suite struct HTTPNodeTests {
    /// start → call → ok / failed / slow ends.
    func flow(_ config: [String: JSONValue]) -> FlowDocument {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("call", "http-request", config)
            .node("ok", "end", ["outcome": "ok"])
            .node("failed", "end", ["outcome": "failed"])
            .node("slow", "end", ["outcome": "slow"])
            .link("start", "next", "call").link("call", "success", "ok")
            .link("call", "error", "failed").link("call", "timeout", "slow")
        return b.document
    }

    @Test func getWithAJSONAnswerIsSuccessWithParsedBody() async throws {
        let server = try LoopbackHTTPServer { _ in
            .init(status: 200, headers: ["Content-Type": "application/json", "X-Order": "42"],
                  body: #"{"status":"shipped","items":[{"sku":"A1"}]}"#)
        }
        defer { server.stop() }
        let rig = MemoryRig(document: flow(["method": "GET", "url": .string(server.baseURL + "/orders/EX1")]))
        let s = try await rig.sms()
        #expect(s.outcome == "ok")
        let out = try #require(s.outputs["call"])
        #expect(out["status"] == 200)
        #expect(out["body"] == ["status": "shipped", "items": [["sku": "A1"]]])
        #expect(out["headers"]?["x-order"] == "42")
        #expect(server.requests.first?.method == "GET")
        #expect(server.requests.first?.path == "/orders/EX1")
    }

    @Test func postSendsMethodHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 201, body: "created") }
        defer { server.stop() }
        let rig = MemoryRig(document: flow(["method": "POST", "url": .string(server.baseURL + "/tickets"),
                                            "headers": ["X-Api-Key": "secret"],
                                            "body": #"{"subject":"help"}"#]))
        let s = try await rig.sms()
        #expect(s.outcome == "ok")
        #expect(s.outputs["call"]?["status"] == 201)
        // A body that is not JSON stays text.
        #expect(s.outputs["call"]?["body"] == "created")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["x-api-key"] == "secret")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.bodyText == #"{"subject":"help"}"#)
    }

    @Test func aNon2xxStatusIsError() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"error":"no such order"}"#, status: 404) }
        defer { server.stop() }
        let s = try await MemoryRig(document: flow(["method": "GET", "url": .string(server.baseURL + "/x")])).sms()
        #expect(s.outcome == "failed")
        #expect(s.outputs["call"]?["status"] == 404, "\(s.transcript.map(\.text))")
        #expect(s.outputs["call"]?["body"] == ["error": "no such order"])
    }

    @Test func aServerThatNeverAnswersIsTimeout() async throws {
        let server = try LoopbackHTTPServer { _ in nil }
        defer { server.stop() }
        let s = try await MemoryRig(document: flow(["method": "GET", "url": .string(server.baseURL + "/hang"),
                                                    "timeoutSeconds": 1])).sms()
        #expect(s.outcome == "slow")
        #expect(s.transcript.contains { $0.node == "call" && $0.text.hasPrefix("timeout: GET") })
    }

    @Test func aRefusedConnectionIsError() async throws {
        let server = try LoopbackHTTPServer { _ in .init() }
        let url = server.baseURL + "/gone"
        server.stop()
        let s = try await MemoryRig(document: flow(["method": "GET", "url": .string(url), "timeoutSeconds": 5])).sms()
        #expect(s.outcome == "failed")
        #expect(s.outputs["call"]?["status"] == 0)
    }

    @Test func aURLThatIsNotHTTPIsError() async throws {
        let s = try await MemoryRig(document: flow(["method": "GET", "url": "ftp://example.com/x"])).sms()
        #expect(s.outcome == "failed")
        #expect(s.transcript.contains { $0.text.contains("is not an http:// or https:// URL") })
    }

    @Test func webhookAppPostsTheMessageAndA2xxIsSent() async throws {
        let receiver = try LoopbackHTTPServer { _ in .init(status: 204) }
        defer { receiver.stop() }
        let (ws, pool) = try makeWorkspace()
        try ws.addApp(name: "sms-gateway", channel: "sms", webhookURL: receiver.baseURL + "/send")
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "+15550111", "from": "+15550100", "message": "Shipped"])
            .node("ok", "end", ["outcome": "sent"]).node("bad", "end", ["outcome": "not-sent"])
            .link("start", "next", "tell").link("tell", "sent", "ok").link("tell", "failed", "bad")
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: b.document,
                                               appBindings: ["sms": "sms-gateway"])])
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
        let result = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi")
        #expect(result.started.first?.outcome == "sent")
        let request = try #require(receiver.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/send")
        let posted = try JSONDecoder().decode(JSONValue.self, from: request.body)
        #expect(posted == ["to": "+15550111", "from": "+15550100", "message": "Shipped", "channel": "sms"])
        // A webhook app does not write to the outbox.
        #expect(try OutboxDelivery(writer: pool).messages().isEmpty)
    }

    @Test func webhookAppAnsweringAnErrorIsFailed() async throws {
        let receiver = try LoopbackHTTPServer { _ in .init(status: 500, body: "down") }
        defer { receiver.stop() }
        let delivery = WebhookDelivery(url: URL(string: receiver.baseURL + "/send")!)
        let result = await delivery.deliver(OutboundMessage(channel: "sms", to: "+1", from: "", message: "x", app: "gw",
                                                            sessionId: "s", flowId: "f", time: Date()))
        guard case .failed(let reason) = result else { Issue.record("expected failed, got \(result)"); return }
        #expect(reason.contains("HTTP 500"))
    }

    @Test func theRuntimeResolvesAppsThroughTheStoresTable() throws {
        let (ws, _) = try makeWorkspace()
        let apps = WorkspaceAppResolver(workspace: ws)
        #expect(try apps.delivery(forApp: "wa") == nil)
        try ws.addApp(name: "wa", channel: "whatsapp", webhookURL: "https://example.com/wa")
        let wa = try #require(try apps.delivery(forApp: "wa") as? WebhookDelivery)
        #expect(wa.url.absoluteString == "https://example.com/wa")
        #expect(try apps.delivery(forApp: "outbox") is OutboxDelivery)
        #expect(try apps.delivery(forApp: "OUTBOX") is OutboxDelivery)
        try ws.removeApp(named: "wa")
        #expect(try apps.delivery(forApp: "wa") == nil)
    }

    @Test func anAppWithASigningSecretSignsEachPostAsWebhookStartsCheck() async throws {
        let receiver = try LoopbackHTTPServer { _ in .init(status: 200, body: "ok") }
        defer { receiver.stop() }
        let (ws, _) = try makeWorkspace()
        try ws.addApp(name: "signed", channel: "sms", webhookURL: receiver.baseURL + "/send", signingSecret: "s3cret")
        try ws.addApp(name: "plain", channel: "sms", webhookURL: receiver.baseURL + "/plain")
        let apps = WorkspaceAppResolver(workspace: ws)
        let message = OutboundMessage(channel: "sms", to: "+1", from: "", message: "x", app: "signed",
                                      sessionId: "s", flowId: "f", time: Date())
        for name in ["signed", "plain"] {
            let delivery = try #require(try apps.delivery(forApp: name))
            guard case .sent = await delivery.deliver(message) else { Issue.record("\(name) not sent"); return }
        }
        let signed = try #require(receiver.requests.first { $0.path == "/send" })
        let header = try #require(signed.headers[WebhookSignature.headerName.lowercased()])
        // The receiver checks it the way `serve` checks a webhook Start's signature.
        #expect(WebhookSignature.refusal(header: header, body: signed.body, secret: "s3cret") == nil)
        #expect(WebhookSignature.refusal(header: header, body: signed.body, secret: "other") != nil)
        let plain = try #require(receiver.requests.first { $0.path == "/plain" })
        #expect(plain.headers[WebhookSignature.headerName.lowercased()] == nil)
    }
}
