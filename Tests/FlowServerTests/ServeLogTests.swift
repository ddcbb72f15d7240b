import FlowKit
@testable import FlowRuntime
import FlowServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `serve`'s log lines through swift-log: the text form keeps the session-event line,
/// the JSON form is one object a line, and every line of a request carries its id.
@Suite struct ServeLogTests {
    /// An `EventLog` writing to a temporary file, read back line by line.
    final class CapturedLog: Sendable {
        let url: URL
        let fd: Int32
        let log: EventLog

        init() {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("serve-log-\(UUID().uuidString)")
            fd = open(url.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
            log = EventLog(fd: fd)
        }

        deinit {
            close(fd)
            try? FileManager.default.removeItem(at: url)
        }

        var lines: [String] {
            log.flush()
            return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    static func hookFlows() -> StaticFlowSource {
        var hook = FlowDocument(name: "Hook")
        hook.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook", "path": "orders"]),
                      FlowNode(id: "done", type: "end", config: ["outcome": "ok"])]
        hook.connections = [Connection(from: "start", outcome: "next", to: "done")]
        return StaticFlowSource([LiveFlow(flowId: "hook", version: 4, document: hook)])
    }

    /// A router as `serve` builds it, its session events and requests logged to `captured`.
    static func router(_ captured: CapturedLog, format: ServeLogFormat, level: Logger.Level) throws -> Router<ServeRequestContext> {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowlog-\(UUID().uuidString)")
        let ws = try Workspace(directory: dir, author: "test")
        let logger = Logger.serve(sink: captured.log, format: format, level: level)
        let engine = FlowEngine(store: try DatabaseSessionStore(workspace: ws), flows: hookFlows(),
                                apps: WorkspaceAppResolver(workspace: ws), clock: VirtualClock(),
                                options: EngineOptions(onEvent: { logger.session($0) }))
        return RuntimeRoutes.router(api: RuntimeAPI(engine: engine), share: nil, logger: logger)
    }

    @Test func jsonLinesCarryTheRequestIdOnEveryLineOfARequest() async throws {
        let captured = CapturedLog()
        let router = try Self.router(captured, format: .json, level: .debug)
        try await Application(router: router).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/hooks/orders", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
        }
        let objects = try captured.lines.map { line in
            try #require(try JSONParser.parse(line).objectValue, "not a JSON object: \(line)")
        }
        // Per request: started, done, the request line; then the 404's request line.
        #expect(objects.count == 7, "\(captured.lines)")
        let events = objects.filter { $0["event"] != nil }
        #expect(events.map { $0["event"]?.stringValue } == ["started", "done", "started", "done"])
        for event in events {
            #expect(event["flow"] == "hook")
            #expect(event["version"] == 4)
            #expect(event["level"] == "info")
            #expect(event["session"]?.stringValue?.isEmpty == false)
            #expect(event["time"]?.stringValue?.hasSuffix("Z") == true)
        }
        let requests = objects.filter { $0["path"] != nil }
        #expect(requests.map { $0["path"]?.stringValue } == ["/hooks/orders", "/hooks/orders", "/nowhere"])
        #expect(requests.map { $0["status"] } == [200, 200, 404])
        #expect(requests.allSatisfy { $0["level"] == "debug" && $0["method"] != nil })
        // Both session events of a request and its request line share one id; requests differ.
        let ids = objects.map { $0["request"]?.stringValue ?? "" }
        #expect(!ids.contains(""), "a line without a request id: \(captured.lines)")
        #expect(ids[0] == ids[1] && ids[1] == ids[2])
        #expect(ids[3] == ids[4] && ids[4] == ids[5])
        #expect(Set([ids[0], ids[3], ids[6]]).count == 3)
    }

    @Test func textLinesKeepTheEventLineAndInfoLeavesRequestLinesOut() async throws {
        let captured = CapturedLog()
        let router = try Self.router(captured, format: .text, level: .info)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/hooks/orders", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { _ in }
            try await client.execute(uri: "/health", method: .get) { _ in }
        }
        let lines = captured.lines
        #expect(lines.count == 2, "\(lines)")
        let first = try #require(lines.first)
        // 2026-…Z started  hook v4 SESSION at start: webhook orders request=ID
        let parts = first.split(separator: " ", omittingEmptySubsequences: true)
        #expect(parts.count > 5)
        #expect(parts[0].hasSuffix("Z") && parts[0].count == 24)
        #expect(parts[1] == "started" && parts[2] == "hook" && parts[3] == "v4")
        #expect(first.contains("  hook v4 "), "the kind is padded to 8 as before: \(first)")
        #expect(parts.last?.hasPrefix("request=") == true)
        #expect(lines[1].split(separator: " ")[1] == "done")
    }

    @Test func failedSessionsAreWarningsAndErrorLevelHidesInfo() async throws {
        let captured = CapturedLog()
        let logger = Logger.serve(sink: captured.log, format: .json, level: .warning)
        logger.session(SessionEvent(kind: .done, sessionId: "s1", flowId: "f", version: nil, node: "end", detail: "ok"))
        logger.session(SessionEvent(kind: .failed, sessionId: "s2", flowId: "f", version: nil, node: "x", detail: "boom"))
        let lines = captured.lines
        #expect(lines.count == 1, "\(lines)")
        let object = try #require(try JSONParser.parse(lines[0]).objectValue)
        #expect(object["level"] == "warning")
        #expect(object["version"] == "draft")
        #expect(object["detail"] == "boom")
        #expect(object["message"]?.stringValue?.hasPrefix("failed   f draft s2 at x: boom") == true)
    }
}
