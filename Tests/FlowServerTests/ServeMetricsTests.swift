import FlowKit
import FlowRuntime
import FlowServer
@testable import FlowShare
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /metrics` after real sessions through serve's router: the engine's events, the
/// channel apps' deliveries, the trigger timings, the waiting gauge and share sign-ins.
@Suite struct ServeMetricsTests {
    /// The Prometheus text as `name{labels}` → value (labels as written, sorted by the registry).
    struct Scrape {
        var values: [String: Double] = [:]
        var text: String

        init(_ text: String) {
            self.text = text
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
                values[String(line[..<space])] = value
            }
        }

        /// The sample `name` whose labels are exactly `labels` (any order), or nil.
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            for (key, value) in values {
                let open = key.firstIndex(of: "{")
                let keyName = open.map { String(key[..<$0]) } ?? key
                guard keyName == name else { continue }
                var found: [String: String] = [:]
                if let open {
                    let inner = key[key.index(after: open)..<key.index(before: key.endIndex)]
                    for pair in inner.split(separator: ",") {
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        found[String(parts[0])] = String(parts[1].dropFirst().dropLast())
                    }
                }
                if found == labels { return value }
            }
            return nil
        }
    }

    @Test func metricsCountSessionsDeliveriesTriggersWaitingAndShareSignIns() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowmetrics-\(UUID().uuidString)")
        let ws = try Workspace(directory: dir, author: "test")
        defer { try? FileManager.default.removeItem(at: dir) }

        var hook = FlowDocument(name: "Hook")
        hook.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook", "path": "orders"]),
                      FlowNode(id: "done", type: "end", config: ["outcome": "ok"])]
        hook.connections = [Connection(from: "start", outcome: "next", to: "done")]
        // A webhook has no sender, so the receive cannot wait: the session fails.
        var broken = FlowDocument(name: "Broken")
        broken.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook", "path": "broken"]),
                        FlowNode(id: "wait", type: "receive", config: ["channel": "sms", "timeoutSeconds": 60]),
                        FlowNode(id: "done", type: "end", config: ["outcome": "ok"])]
        broken.connections = [Connection(from: "start", outcome: "next", to: "wait"),
                              Connection(from: "wait", outcome: "received", to: "done")]
        // Sends through a webhook app nobody listens to: the delivery fails.
        var notify = FlowDocument(name: "Notify")
        notify.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook", "path": "notify"]),
                        FlowNode(id: "tell", type: "send", config: ["channel": "whatsapp", "to": "+15550111", "message": "hi"]),
                        FlowNode(id: "done", type: "end", config: ["outcome": "told"])]
        notify.connections = [Connection(from: "start", outcome: "next", to: "tell"),
                              Connection(from: "tell", outcome: "sent", to: "done"),
                              Connection(from: "tell", outcome: "failed", to: "done")]
        _ = try ws.addApp(name: "hooky", channel: "whatsapp", webhookURL: "http://127.0.0.1:9/unreachable")
        var chat = FlowDocument(name: "Chat")
        chat.nodes = [
            FlowNode(id: "start", type: "start", config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "wait", type: "receive", config: ["channel": "sms", "timeoutSeconds": 600]),
            FlowNode(id: "tell", type: "send", config: ["channel": "sms", "to": "+15550111", "message": "bye"]),
            FlowNode(id: "done", type: "end", config: ["outcome": "done"]),
        ]
        chat.connections = [Connection(from: "start", outcome: "next", to: "wait"),
                            Connection(from: "wait", outcome: "received", to: "tell"),
                            Connection(from: "tell", outcome: "sent", to: "done")]
        let flows = StaticFlowSource([
            LiveFlow(flowId: "hook", version: 3, document: hook),
            LiveFlow(flowId: "broken", version: 1, document: broken),
            LiveFlow(flowId: "notify", version: 1, document: notify, appBindings: ["whatsapp": "hooky"]),
            LiveFlow(flowId: "chat", version: 2, document: chat),
        ])

        _ = try ws.createFlow(named: "Shared", document: hook)
        let token = try ShareService(workspace: ws).enable("shared", password: "correct horse battery", iterations: 1_000).token
        let share = ShareAccess(workspace: ws, configuration: .init(failureDelay: .zero))

        let metrics = ServeMetrics()
        let engine = FlowEngine(
            store: try DatabaseSessionStore(workspace: ws), flows: flows,
            apps: MeasuredAppResolver(WorkspaceAppResolver(workspace: ws), metrics: metrics), clock: VirtualClock(),
            options: EngineOptions(onEvent: { metrics.record($0) }))
        let outbox = try OutboxDelivery(workspace: ws)
        let router = RuntimeRoutes.router(api: RuntimeAPI(engine: engine, outbox: { try outbox.messages() }),
                                          share: share, metrics: metrics)

        try await Application(router: router).test(.router) { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String = "") async throws -> Int {
                let headers: HTTPFields = uri.hasPrefix("/share") || body.isEmpty ? [:] : [.contentType: "application/json"]
                return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { Int($0.status.code) }
            }
            func scrape() async throws -> Scrape {
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                    return Scrape(String(buffer: response.body))
                }
            }
            let empty = try await scrape()
            #expect(empty.value(ServeMetrics.Name.sessionsStarted, ["flow": "hook", "version": "3"]) == nil)

            for _ in 0..<3 { #expect(try await call(.post, "/hooks/orders", "{}") == 200) }
            #expect(try await call(.post, "/hooks/broken", "{}") == 200)
            #expect(try await call(.post, "/hooks/notify", "{}") == 200)
            #expect(try await call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"hi"}"#) == 200)
            #expect(try await call(.post, "/hooks/nothing-here", "{}") == 404)

            let first = try await scrape()
            let N = ServeMetrics.Name.self
            #expect(first.value(N.sessionsStarted, ["flow": "hook", "version": "3"]) == 3)
            #expect(first.value(N.sessionsFinished, ["flow": "hook", "version": "3"]) == 3)
            #expect(first.value(N.sessionsStarted, ["flow": "broken", "version": "1"]) == 1)
            #expect(first.value(N.sessionsFailed, ["flow": "broken", "version": "1"]) == 1)
            #expect(first.value(N.sessionsFinished, ["flow": "broken", "version": "1"]) == nil)
            #expect(first.value(N.sessionsFinished, ["flow": "notify", "version": "1"]) == 1)
            #expect(first.value(N.deliveries, ["app": "hooky", "kind": "webhook", "result": "failed"]) == 1)
            #expect(first.value(N.sessionsStarted, ["flow": "chat", "version": "2"]) == 1)
            #expect(first.value(N.sessionsWaiting, ["flow": "chat", "version": "2"]) == 1)
            // Six hook requests (the 404 included) and one inbound, each timed once.
            #expect(first.value(N.triggerSeconds + "_count", ["trigger": "hooks"]) == 6)
            #expect(first.value(N.triggerSeconds + "_count", ["trigger": "inbound"]) == 1)
            #expect(first.value(N.triggerSeconds + "_bucket", ["trigger": "hooks", "le": "+Inf"]) == 6)
            #expect((first.value(N.triggerSeconds + "_sum", ["trigger": "hooks"]) ?? 0) > 0)

            // The customer answers: the chat finishes through the outbox, nobody waits any more.
            #expect(try await call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"EX1"}"#) == 200)
            // Share sign-ins: one wrong password, one right, one unknown link.
            #expect(try await call(.post, "/share/\(token)?format=json", "password=wrong+guess+here") == 401)
            #expect(try await call(.post, "/share/\(token)?format=json", "password=correct+horse+battery") == 200)
            #expect(try await call(.post, "/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "password=x") == 404)

            let second = try await scrape()
            #expect(second.value(N.sessionsFinished, ["flow": "chat", "version": "2"]) == 1)
            #expect(second.value(N.sessionsWaiting, ["flow": "chat", "version": "2"]) == 0)
            #expect(second.value(N.deliveries, ["app": "outbox", "kind": "outbox", "result": "sent"]) == 1)
            #expect(second.value(N.triggerSeconds + "_count", ["trigger": "inbound"]) == 2)
            #expect(second.value(N.sessionsStarted, ["flow": "hook", "version": "3"]) == 3)
            #expect(second.value(N.shareSignIns) == 1)
            #expect(second.value(N.shareRefusals, ["reason": "wrong-password"]) == 1)
            #expect(second.value(N.shareRefusals, ["reason": "unknown-link"]) == 1)
            #expect(second.text.contains("# TYPE \(N.triggerSeconds) histogram"), "\(second.text)")
        }
    }
}
