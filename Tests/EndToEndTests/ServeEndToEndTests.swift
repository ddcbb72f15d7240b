import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `flowcanvas serve` as a user runs it: the built binary on a free loopback port
/// (`--port 0`, the port read from its "serving on" line) over a temporary workspace,
/// driven with real HTTP requests while the CLI changes the store beside it.
@Suite(.serialized) struct ServeEndToEndTests {
    @Test func webhookStartsASessionThatRunsToItsEnd() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Orders hook", ServeFlows.webhook)
        let serve = try ServeProcess(cli)
        defer { serve.kill() }

        let reply = try await serve.post("/hooks/orders", #"{"order": {"id": "EX123"}}"#)
        #expect(reply.status == 200)
        let session = try #require((reply.object["sessions"] as? [[String: Any]])?.first)
        #expect(session["state"] as? String == "done")
        #expect(session["version"] as? Int == 1)
        // A trigger's answer says where the session is, not what it holds (issue 13).
        #expect(session["variables"] == nil && session["outputs"] == nil)
        let id = try #require(session["id"] as? String)

        let fetched = try await serve.get("/sessions/\(id)")
        #expect(fetched.status == 200)
        #expect(fetched.object["state"] as? String == "done")
        #expect(fetched.object["outcome"] as? String == "resolved")
        #expect((fetched.object["variables"] as? [String: Any])?["orderId"] as? String == "EX123")
        #expect((fetched.object["transcript"] as? [Any])?.isEmpty == false)
        let stats = try await serve.get("/flows/orders-hook/stats")
        #expect((stats.object["outcomes"] as? [String: Any])?["resolved"] as? Int == 1)
        let health = try await serve.get("/health")
        #expect(health.status == 200 && health.object["status"] as? String == "ok")

        // The CLI reads the same sessions from the store.
        let listed = try #require(try cli.ok(["sessions", "Orders hook", "--json"]).json() as? [[String: Any]])
        #expect(listed.map { $0["id"] as? String } == [id])
        let one = try #require(try cli.ok(["session", id, "--json"]).json() as? [String: Any])
        #expect(one["outcome"] as? String == "resolved")
        #expect(try cli.ok(["sessions", "Orders hook", "--state", "waiting", "--json"]).json() as? [Any] != nil)
        try cli.refused(["session", "no-such-session"], status: 2, containing: "no session 'no-such-session'")

        #expect(serve.stop() == 0)
        // One line per session event, with the session id.
        let lines = serve.output.split(separator: "\n").filter { $0.contains(id) }
        #expect(lines.contains { $0.contains(" started ") })
        #expect(lines.contains { $0.contains(" done ") })
        #expect(serve.output.split(separator: "\n").last?.contains(" stopped (") == true)
    }

    /// Issue 13's gap: a secret variable set at Make Live was shown as is by every session view.
    @Test func sessionViewsMaskSecretVariablesAndScrubTheirValues() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let file = try cli.file("secret.json", ServeFlows.secretHeader)
        try cli.ok(["import", file, "--name", "Secret hook"])
        let secret = "tok-7Q2xLr9"
        try cli.ok(["make-live", "Secret hook", "--set", "apiToken=\(secret)"])
        let serve = try ServeProcess(cli)
        defer { serve.kill() }

        let reply = try await serve.post("/hooks/secret", #"{"id": "A1"}"#)
        let id = try #require((reply.object["sessions"] as? [[String: Any]])?.first?["id"] as? String)
        let fetched = try await serve.get("/sessions/\(id)")
        let variables = try #require(fetched.object["variables"] as? [String: Any])
        #expect(variables["apiToken"] as? String == "••••••", "masked by name")
        #expect(variables["orderId"] as? String == "A1", "other variables shown as they are")
        #expect(variables["auth"] as? String == "Bearer ••••••", "a value built from the secret is scrubbed")
        #expect(!fetched.text.contains(secret))
        #expect(!(try await serve.get("/flows/secret-hook/sessions")).text.contains(secret))

        for args in [["session", id], ["session", id, "--json"], ["sessions", "Secret hook", "--json"]] {
            let out = try cli.ok(args)
            #expect(!out.stdout.contains(secret), "\(args.joined(separator: " ")) shows the secret")
        }
        #expect(try cli.ok(["session", id]).stdout.contains("Bearer ••••••"))
    }

    @Test func aConversationWaitsForTheReplyAndFinishes() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Order status", ServeFlows.conversation(thanks: "Thanks, looking up"))
        let serve = try ServeProcess(cli)
        defer { serve.kill() }

        let first = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "where is my order"}"#)
        #expect(first.status == 200)
        let waiting = try #require((first.object["sessions"] as? [[String: Any]])?.first)
        #expect(waiting["state"] as? String == "waiting")
        #expect(waiting["currentNode"] as? String == "wait")
        let id = try #require(waiting["id"] as? String)

        let reply = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "EX123"}"#)
        #expect(reply.status == 200)
        let delivered = try #require(reply.object["delivered"] as? [String: Any])
        #expect(delivered["id"] as? String == id)
        #expect(delivered["state"] as? String == "done")
        #expect(try await serve.get("/sessions/\(id)").object["outcome"] as? String == "answered")

        let outbox = try await serve.get("/outbox")
        let messages = try #require(outbox.json as? [[String: Any]])
        #expect(messages.map { $0["message"] as? String } == ["Order number?", "Thanks, looking up EX123"])
        #expect(messages.allSatisfy { $0["to"] as? String == "+15550111" && $0["sessionId"] as? String == id })
        let cliOutbox = try #require(try cli.ok(["outbox", "--json"]).json() as? [[String: Any]])
        #expect(cliOutbox.count == 2)
        let logs = try #require(try cli.ok(["logs", "orders", "--json"]).json() as? [[String: Any]])
        #expect(logs.map { $0["message"] as? String } == ["answered +15550111: EX123"])
        #expect(try cli.ok(["logs", "orders"]).stdout.contains("answered +15550111: EX123"))

        let waitingList = try await serve.get("/flows/order-status/sessions?state=waiting")
        #expect((waitingList.json as? [Any])?.isEmpty == true)
        let doneList = try await serve.get("/flows/order-status/sessions?state=done")
        #expect((doneList.json as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        #expect(serve.stop() == 0)
    }

    @Test func refusalsCarryTheirStatusAndAnError() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Orders hook", ServeFlows.webhook)
        try cli.makeLive("Guarded", ServeFlows.guarded)
        let serve = try ServeProcess(cli)
        defer { serve.kill() }

        // Unknown paths, flows, sessions.
        for (method, path) in [("POST", "/hooks/nope"), ("GET", "/nope"), ("GET", "/sessions/nope"), ("POST", "/events/nothing")] {
            let r = try await serve.request(method, path, method == "POST" ? "{}" : nil)
            #expect(r.status == 404, "\(method) \(path)")
            #expect(r.object["error"] is String, "\(method) \(path)")
        }
        // Malformed bodies.
        let malformed = try await serve.post("/hooks/orders", "{not json")
        #expect(malformed.status == 400)
        #expect(malformed.object["error"] as? String == "the body is not JSON")
        let inbound = try await serve.post("/inbound/sms", #"{"message": "no sender"}"#)
        #expect(inbound.status == 400)
        // Oversized bodies are refused before they are read whole.
        let big = "{\"pad\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"
        let oversized = try await serve.post("/hooks/orders", big)
        #expect(oversized.status == 413)
        #expect((oversized.object["error"] as? String)?.contains("larger than") == true)

        // The duplicate guard: a second active session with the same identifier.
        let a = try await serve.post("/hooks/guarded", #"{"customer": "c1"}"#)
        #expect(a.status == 200)
        #expect((a.object["sessions"] as? [[String: Any]])?.first?["state"] as? String == "waiting")
        let again = try await serve.post("/hooks/guarded", #"{"customer": "c1"}"#)
        #expect(again.status == 409)
        #expect((again.object["error"] as? String)?.contains("'c1' is already active") == true)
        let other = try await serve.post("/hooks/guarded", #"{"customer": "c2"}"#)
        #expect(other.status == 200)

        // Pause and resume from the CLI apply to the next request, no restart.
        try cli.ok(["pause", "Orders hook"])
        let paused = try await serve.post("/hooks/orders", "{}")
        #expect(paused.status == 409)
        #expect(paused.object["error"] as? String == "flow 'Orders hook' is paused: it starts no new sessions")
        try cli.ok(["resume", "Orders hook"])
        #expect(try await serve.post("/hooks/orders", "{}").status == 200)

        // The server is still healthy after all of it.
        #expect(try await serve.get("/health").status == 200)
        #expect(serve.stop() == 0)
    }

    @Test func aWaitingSessionSurvivesARestartOfServe() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Order status", ServeFlows.conversation(thanks: "Thanks"))
        var serve = try ServeProcess(cli)
        defer { serve.kill() }
        let first = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "hi"}"#)
        let id = try #require((first.object["sessions"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(serve.stop() == 0)

        serve = try ServeProcess(cli)
        let waiting = try await serve.get("/sessions/\(id)")
        #expect(waiting.object["state"] as? String == "waiting")
        let reply = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "EX9"}"#)
        let delivered = try #require(reply.object["delivered"] as? [String: Any])
        #expect(delivered["id"] as? String == id)
        #expect(try await serve.get("/sessions/\(id)").object["outcome"] as? String == "answered")
        #expect(serve.stop() == 0)
    }

    @Test func sessionsStayOnTheirVersionWhileANewOneGoesLive() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Order status", ServeFlows.conversation(thanks: "v1 thanks"))
        let serve = try ServeProcess(cli)
        defer { serve.kill() }

        let a = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "hi"}"#)
        let sessionA = try #require((a.object["sessions"] as? [[String: Any]])?.first)
        #expect(sessionA["version"] as? Int == 1)

        // Version 2 goes live while A waits; serve picks it up without a restart.
        try cli.ok(["edit", "Order status", "--from", "1"])
        try cli.ok(["save", "Order status", try cli.file("v2.json", ServeFlows.conversation(thanks: "v2 thanks"))])
        try cli.ok(["make-live", "Order status", "--comment", "new wording"])

        let b = try await serve.post("/inbound/sms", #"{"from": "+15550222", "to": "+15550100", "message": "hi"}"#)
        let sessionB = try #require((b.object["sessions"] as? [[String: Any]])?.first)
        #expect(sessionB["version"] as? Int == 2)

        let doneA = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "A1"}"#)
        let finishedA = try #require(doneA.object["delivered"] as? [String: Any])
        #expect(finishedA["id"] as? String == sessionA["id"] as? String)
        #expect(finishedA["version"] as? Int == 1)
        #expect(finishedA["state"] as? String == "done")
        let idA = try #require(sessionA["id"] as? String)
        #expect(try await serve.get("/sessions/\(idA)").object["outcome"] as? String == "answered")
        let doneB = try await serve.post("/inbound/sms", #"{"from": "+15550222", "to": "+15550100", "message": "B1"}"#)
        #expect((doneB.object["delivered"] as? [String: Any])?["version"] as? Int == 2)

        let messages = try #require(try await serve.get("/outbox").json as? [[String: Any]]).compactMap { $0["message"] as? String }
        #expect(messages.contains("v1 thanks A1"))
        #expect(messages.contains("v2 thanks B1"))
        #expect(serve.stop() == 0)
    }

    @Test func aPortInUseIsOneLineAndExit2() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli)
        defer { serve.kill() }
        let r = try cli.refused(["serve", "--port", String(serve.port)], status: 2, containing: "already in use")
        #expect(r.stdout.isEmpty)
        #expect(serve.stop() == 0)
    }
}

/// Flows the serve tests make live.
enum ServeFlows {
    static let webhook = """
        {"format": "flowcanvas/1", "name": "Orders hook", "kind": "messaging",
         "settings": {"outcomes": [{"name": "resolved", "kind": "success"}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "orders"}},
           {"id": "remember", "type": "set-variables", "config": {"assignments": {"orderId": "$(start.body.order.id)"}}},
           {"id": "done", "type": "end", "config": {"outcome": "resolved"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "remember"},
                         {"from": "remember", "outcome": "next", "to": "done"}]}
        """

    /// A webhook flow that builds an Authorization value from a secret, externalized variable.
    static let secretHeader = """
        {"format": "flowcanvas/1", "name": "Secret hook", "kind": "messaging",
         "settings": {"outcomes": [{"name": "resolved", "kind": "success"}],
                      "variables": [{"name": "apiToken", "default": "", "externalized": true, "secret": true}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "secret"}},
           {"id": "remember", "type": "set-variables",
            "config": {"assignments": {"orderId": "$(start.body.id)", "auth": "Bearer $(apiToken)"}}},
           {"id": "done", "type": "end", "config": {"outcome": "resolved"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "remember"},
                         {"from": "remember", "outcome": "next", "to": "done"}]}
        """

    /// A webhook flow guarded by `start.body.customer` that waits ten minutes.
    static let guarded = """
        {"format": "flowcanvas/1", "name": "Guarded", "kind": "messaging",
         "settings": {"preventDuplicateSessions": true, "uniqueIdentifier": "$(start.body.customer)",
                      "outcomes": [{"name": "done", "kind": "success"}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "guarded"}},
           {"id": "pause", "type": "delay", "config": {"seconds": 600}},
           {"id": "done", "type": "end", "config": {"outcome": "done"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "pause"},
                         {"from": "pause", "outcome": "next", "to": "done"}]}
        """

    /// Inbound SMS → ask → wait for the reply → thank (`thanks` + the reply) → log → end.
    static func conversation(thanks: String) -> String {
        """
        {"format": "flowcanvas/1", "name": "Order status", "kind": "messaging",
         "settings": {"logbooks": ["orders"],
                      "outcomes": [{"name": "answered", "kind": "success"}, {"name": "no-answer", "kind": "failure"}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
           {"id": "ask", "type": "send", "config": {"channel": "sms", "to": "$(start.from)", "message": "Order number?"}},
           {"id": "wait", "type": "receive", "config": {"channel": "sms", "timeoutSeconds": 600}},
           {"id": "thank", "type": "send", "config": {"channel": "sms", "to": "$(start.from)", "message": "\(thanks) $(wait.message)"}},
           {"id": "note", "type": "log", "config": {"logbook": "orders", "message": "answered $(start.from): $(wait.message)"}},
           {"id": "done", "type": "end", "config": {"outcome": "answered"}},
           {"id": "late", "type": "end", "config": {"outcome": "no-answer"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "ask"},
                         {"from": "ask", "outcome": "sent", "to": "wait"},
                         {"from": "wait", "outcome": "received", "to": "thank"},
                         {"from": "wait", "outcome": "timeout", "to": "late"},
                         {"from": "thank", "outcome": "sent", "to": "note"},
                         {"from": "note", "outcome": "next", "to": "done"}]}
        """
    }
}

extension CLIHarness {
    /// Imports `document` as a new flow named `name` and makes it live.
    func makeLive(_ name: String, _ document: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = try self.file("\(UUID().uuidString).json", document)
        try ok(["import", file, "--name", name], sourceLocation: sourceLocation)
        try ok(["make-live", name], sourceLocation: sourceLocation)
    }
}

/// A running `flowcanvas serve --port 0`.
final class ServeProcess: @unchecked Sendable {
    struct Reply {
        var status: Int
        var json: Any?
        var text = ""
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    let process = Process()
    let outFile: URL
    let port: Int
    private var stopped = false

    /// `host`: what serve listens on (the marker line names it); "https" with `--tls-cert`.
    /// `workspace`: a folder or postgres:// URL other than the harness's folder.
    init(_ cli: CLIHarness, arguments extra: [String] = [], host: String = "127.0.0.1", scheme: String = "http",
         workspace: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found; run swift build",
                               sourceLocation: sourceLocation)
        outFile = cli.root.appendingPathComponent("serve-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        process.executableURL = exe
        process.arguments = ["--workspace", workspace ?? cli.workspace.path, "serve", "--host", host, "--port", "0"] + extra
        var env = ProcessInfo.processInfo.environment
        env["FLOWCANVAS_HOME"] = nil
        env["USER"] = "e2e"
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Wait for "serving on http://127.0.0.1:PORT".
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            let text = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
            // A text line ends with the address; a JSON line has it inside its message.
            let marker = "serving on \(scheme)://\(host):"
            if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }),
               let range = line.range(of: marker) {
                found = Int(line[range.upperBound...].prefix { $0.isNumber })
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw ServeStartFailure(output: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "")
        }
        port = found
    }

    struct ServeStartFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "serve did not report its port; it printed: \(output)" }
    }

    var output: String { (try? String(contentsOf: outFile, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        if !stopped {
            stopped = true
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// For `defer`: stops it if a test ended early.
    func kill() {
        _ = stop()
    }

    func get(_ path: String) async throws -> Reply { try await request("GET", path, nil) }
    func post(_ path: String, _ body: String) async throws -> Reply { try await request("POST", path, body) }

    func request(_ method: String, _ path: String, _ body: String?) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Reply(status: status, json: try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                     text: String(decoding: data, as: UTF8.self))
    }
}
