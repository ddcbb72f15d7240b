import Foundation
import Testing

/// `serve --log-format json --log-level debug` and `GET /metrics` on the real binary.
@Suite(.serialized) struct ServeObservabilityEndToEndTests {
    @Test func jsonLogLinesShareTheRequestIdAndMetricsCountTheSessions() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Orders hook", ServeFlows.webhook)
        let serve = try ServeProcess(cli, arguments: ["--log-format", "json", "--log-level", "debug"])
        defer { serve.kill() }

        for _ in 0..<2 {
            #expect(try await serve.post("/hooks/orders", #"{"order": {"id": "EX1"}}"#).status == 200)
        }
        let metrics = try await serve.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"flowcanvas_sessions_started_total{flow="orders-hook",version="1"} 2"#), "\(metrics.text)")
        #expect(metrics.text.contains(#"flowcanvas_sessions_finished_total{flow="orders-hook",version="1"} 2"#))
        #expect(metrics.text.contains(#"flowcanvas_trigger_duration_seconds_count{trigger="hooks"} 2"#))
        #expect(serve.stop() == 0)

        let objects = serve.output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == serve.output.split(separator: "\n").count, "every line is a JSON object: \(serve.output)")
        let posts = objects.filter { $0["path"] as? String == "/hooks/orders" }
        #expect(posts.count == 2)
        for post in posts {
            let id = try #require(post["request"] as? String)
            let events = objects.filter { $0["request"] as? String == id && $0["event"] != nil }
            #expect(events.compactMap { $0["event"] as? String }.sorted() == ["done", "started"])
            #expect(events.allSatisfy { $0["flow"] as? String == "orders-hook" && $0["version"] as? Int == 1 })
        }
        #expect(objects.contains { ($0["message"] as? String)?.hasPrefix("serving on http://127.0.0.1:") == true })
        #expect(objects.last?["level"] as? String == "notice")
    }

    @Test func badLogOptionsAreRefusedInOneLine() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.refused(["serve", "--log-level", "loud"], status: 2,
                        containing: "--log-level must be trace, debug, info, notice, warning, error or critical")
        try cli.refused(["serve", "--log-format", "xml"], status: 2, containing: "'xml' is invalid for '--log-format")
    }
}
