import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// `stub` steps in `flowcanvas run --script` (issue 12): a stubbed http-request node
/// answers without a call, and a script written back out reads the same.
@Suite struct HTTPStubRunTests {
    /// Fails the test if anything reaches the network.
    struct NoNetwork: HTTPClient {
        func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
            Issue.record("a call reached the network: \(request.method) \(request.url)")
            throw HTTPCallError.failed("no network in this test")
        }
    }

    static func lookupFlow() -> LiveFlow {
        let doc = FlowDocument(
            name: "Lookup",
            settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success), FlowOutcome(name: "api-failed", kind: .failure)]),
            nodes: [
                FlowNode(id: "start", type: "start", config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "lookup", type: "http-request", label: "Find order",
                         config: ["method": "GET", "url": "https://shop.invalid/orders/$(start.message)", "timeoutSeconds": 5]),
                FlowNode(id: "tell", type: "send", config: ["channel": "sms", "to": "$(start.from)", "message": "Your order is $(lookup.body.status)"]),
                FlowNode(id: "done", type: "end", config: ["outcome": "resolved"]),
                FlowNode(id: "broken", type: "end", config: ["outcome": "api-failed"]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "tell"),
                Connection(from: "lookup", outcome: "error", to: "broken"),
                Connection(from: "lookup", outcome: "timeout", to: "broken"),
                Connection(from: "tell", outcome: "sent", to: "done"),
                Connection(from: "tell", outcome: "failed", to: "done"),
            ])
        return LiveFlow(flowId: "lookup", version: nil, document: doc)
    }

    func run(_ json: String) async throws -> RunReport {
        try await TestRunner(flow: Self.lookupFlow(), http: NoNetwork()).run(RunScript(json: Data(json.utf8)))
    }

    @Test func aStubbedNodeAnswersWithoutTheNetwork() async throws {
        let report = try await run("""
            [{"stub": {"node": "lookup", "status": 200, "headers": {"X-Shop": "test"}, "body": {"status": "shipped"}}},
             {"trigger": {"from": "+15550111", "message": "EX1"}},
             {"expect": {"node": "done", "outcome": "resolved", "messageSent": "Your order is shipped"}},
             {"expect": {"variable": "lookup.headers.x-shop", "equals": "test"}}]
            """)
        #expect(report.passed, "\(report.text)")
    }

    @Test func aStubbedNodeAnswersEvenWhenItsURLIsNotUsableYet() async throws {
        // The order-status template's URL is "$(apiBase)/orders/…", and apiBase is set at
        // Make Live: in a test run it is empty.
        var flow = Self.lookupFlow()
        let i = try #require(flow.document.nodes.firstIndex { $0.id == "lookup" })
        flow.document.nodes[i].config["url"] = "$(apiBase)/orders/$(start.message)"
        flow.document.settings.variables = [CustomVariable(name: "apiBase", externalized: true)]
        let stubbed = try await TestRunner(flow: flow, http: NoNetwork()).run(RunScript(json: Data("""
            [{"stub": {"node": "lookup", "status": 200, "body": {"status": "shipped"}}},
             {"trigger": {"message": "EX1"}},
             {"expect": {"node": "done", "outcome": "resolved", "messageSent": "Your order is shipped"}}]
            """.utf8)))
        #expect(stubbed.passed, "\(stubbed.text)")
        // Without a stub the URL is still refused, as before.
        let real = try await TestRunner(flow: flow, http: NoNetwork()).run(RunScript(json: Data("""
            [{"trigger": {"message": "EX1"}}, {"expect": {"outcome": "api-failed"}}]
            """.utf8)))
        #expect(real.passed, "\(real.text)")
        #expect(real.text.contains("is not an http:// or https:// URL"))
    }

    @Test func statusLatencyAndBadStubs() async throws {
        var report = try await run("""
            [{"stub": {"node": "lookup", "status": 503, "body": "down"}},
             {"trigger": {"message": "EX1"}},
             {"expect": {"outcome": "api-failed", "variable": "lookup.status", "equals": 503}}]
            """)
        #expect(report.passed, "\(report.text)")
        report = try await run("""
            [{"stub": {"node": "lookup", "latency": 5}},
             {"trigger": {"message": "EX1"}},
             {"expect": {"outcome": "api-failed"}}]
            """)
        #expect(report.passed, "a latency at the timeout takes the timeout path: \(report.text)")
        report = try await run("""
            [{"stub": {"node": "tell", "status": 200}}]
            """)
        #expect(!report.passed && report.text.contains("no http-request node 'tell'"))
        #expect(throws: RunScriptError.self) { try RunScript(json: Data(#"[{"stub": {"status": 200}}]"#.utf8)) }
        #expect(throws: RunScriptError.self) { try RunScript(json: Data(#"[{"stub": {"node": "x", "status": 42}}]"#.utf8)) }
        #expect(throws: RunScriptError.self) { try RunScript(json: Data(#"[{"stub": {"node": "x", "colour": 1}}]"#.utf8)) }
    }

    @Test func aWrittenScriptReadsBackTheSame() throws {
        let script = RunScript(steps: [
            .stub(node: "lookup", HTTPStub(status: 201, headers: ["A": "b"], body: ["status": "shipped"], latency: 0.5)),
            .trigger(RunTrigger(from: "+1555", to: "+1666", message: "hi", channel: "sms")),
            .reply("EX1"), .wait(30),
            .expect(RunExpectation(node: "done", state: .done, outcome: .some("resolved"))),
            .expect(RunExpectation(at: "wait", state: .waiting, outcome: .some(nil))),
        ])
        let again = try RunScript(json: Data(script.json.utf8))
        #expect(again.steps == script.steps)
    }
}
