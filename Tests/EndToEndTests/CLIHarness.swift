import Foundation
import Testing
import TestSupport

/// Runs the built `flowcanvas` binary against a temporary workspace.
struct CLIHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var stderrLines: [String] {
            stderr.split(separator: "\n").map(String.init)
        }

        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }
    }

    let root: URL
    let workspace: URL
    /// Where test files (documents, exports) go: the commands' current directory.
    let files: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-e2e-\(UUID().uuidString)", isDirectory: true)
        workspace = root.appendingPathComponent("ws", isDirectory: true)
        files = root.appendingPathComponent("files", isDirectory: true)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The `flowcanvas` executable SwiftPM built next to this test bundle.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let arg0 = ProcessInfo.processInfo.arguments.first {
            let url = URL(fileURLWithPath: arg0)
            candidates.append(url.deletingLastPathComponent())
            // macOS: …/debug/X.xctest/Contents/MacOS/X
            candidates.append(url.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug"))
        for dir in candidates {
            let exe = dir.appendingPathComponent("flowcanvas")
            if FileManager.default.isExecutableFile(atPath: exe.path) { return exe }
        }
        return nil
    }()

    /// `flowcanvas --workspace WS args…` with `USER=e2e` and no `$FLOWCANVAS_HOME`.
    @discardableResult
    func run(_ args: [String], workspaceOption: Bool = true, environment extra: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build",
                               sourceLocation: sourceLocation)
        var env = ProcessInfo.processInfo.environment
        env["FLOWCANVAS_HOME"] = nil
        env["USER"] = "e2e"
        for (k, v) in extra { env[k] = v }
        return try program(exe, (workspaceOption ? ["--workspace", workspace.path] : []) + args, environment: env)
    }

    /// Runs any program (`executable` with `arguments`) in `files` with `environment`
    /// (default: this process's) and collects its output.
    func program(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let r = try ProgramOutput.runSeparately(executable, arguments,
                                                environment: environment ?? ProcessInfo.processInfo.environment,
                                                directory: files)
        return Result(status: r.status, stdout: String(decoding: r.output, as: UTF8.self),
                      stderr: String(decoding: r.error, as: UTF8.self))
    }

    /// Runs and expects exit 0, showing stderr when not.
    @discardableResult
    func ok(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let r = try run(args, sourceLocation: sourceLocation)
        #expect(r.status == 0, "flowcanvas \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)",
                sourceLocation: sourceLocation)
        return r
    }

    /// Runs and expects `status` with exactly one stderr line, `flowcanvas: …`, containing `text`.
    @discardableResult
    func refused(_ args: [String], status: Int32, containing text: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let r = try run(args, sourceLocation: sourceLocation)
        #expect(r.status == status,
                "flowcanvas \(args.joined(separator: " ")) exited \(r.status), expected \(status): \(r.stderr)",
                sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "expected one stderr line, got: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.first?.hasPrefix("flowcanvas: ") == true, sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "stderr lacks '\(text)': \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    /// Writes a test file and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = files.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A snapshot of the stored flows as the CLI shows them, to compare before and after
    /// a refusal: the list plus every flow's canonical export and history.
    func storedState() throws -> String {
        var out = try run(["list", "--json"]).stdout
        let list = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
        for flow in list {
            let id = flow["id"] as? String ?? ""
            out += try run(["show", id, "--json"]).stdout
            out += try run(["history", id, "--json"]).stdout
        }
        return out
    }
}

/// Hand-written `flowcanvas/1` documents (what a user would keep in git).
enum Documents {
    /// Webhook `path` → ask (send to the customer, `start.body.from`) → wait `timeoutSeconds`
    /// for a reply → thanks → done (answered); no reply in time: late (the timer).
    static func askAndWait(name: String, path: String, timeoutSeconds: Int) -> String {
        """
        {"format": "flowcanvas/1", "name": "\(name)", "kind": "messaging",
         "settings": {"outcomes": [{"name": "answered", "kind": "success"}, {"name": "late", "kind": "incomplete"}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "\(path)"}},
           {"id": "ask", "type": "send", "config": {"channel": "sms", "to": "$(start.body.from)", "message": "Order number?"}},
           {"id": "wait", "type": "receive", "config": {"channel": "sms", "timeoutSeconds": \(timeoutSeconds)}},
           {"id": "thanks", "type": "send", "config": {"channel": "sms", "to": "$(start.body.from)", "message": "Thanks"}},
           {"id": "done", "type": "end", "config": {"outcome": "answered"}},
           {"id": "late", "type": "end", "config": {"outcome": "late"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "ask"},
                         {"from": "ask", "outcome": "sent", "to": "wait"},
                         {"from": "wait", "outcome": "received", "to": "thanks"},
                         {"from": "wait", "outcome": "timeout", "to": "late"},
                         {"from": "thanks", "outcome": "sent", "to": "done"}]}
        """
    }

    static let smsFlow = """
        {
          "format": "flowcanvas/1",
          "name": "Name in the file",
          "description": "Answers by SMS",
          "kind": "messaging",
          "settings": {
            "outcomes": [{"name": "resolved", "kind": "success"}],
            "variables": [{"name": "greeting", "default": "Hello", "externalized": true}]
          },
          "nodes": [
            {"id": "start", "type": "start", "label": "Inbound SMS", "x": 2, "y": 2,
             "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
            {"id": "reply", "type": "send", "label": "Reply", "x": 30, "y": 2,
             "config": {"channel": "sms", "to": "$(start.from)", "message": "$(greeting)!"}},
            {"id": "done", "type": "end", "label": "Resolved", "x": 60, "y": 2, "config": {"outcome": "resolved"}}
          ],
          "connections": [
            {"from": "start", "outcome": "next", "to": "reply"},
            {"from": "reply", "outcome": "sent", "to": "done"}
          ]
        }
        """

    /// The SMS flow with a log step between reply and done.
    static let smsFlowWithLog = """
        {
          "format": "flowcanvas/1",
          "name": "Order status",
          "kind": "messaging",
          "settings": {
            "logbooks": ["orders"],
            "outcomes": [{"name": "resolved", "kind": "success"}],
            "variables": [{"name": "greeting", "default": "Hello", "externalized": true}]
          },
          "nodes": [
            {"id": "start", "type": "start", "label": "Inbound SMS", "x": 2, "y": 2,
             "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
            {"id": "reply", "type": "send", "label": "Reply", "x": 30, "y": 2,
             "config": {"channel": "sms", "to": "$(start.from)", "message": "$(greeting)!"}},
            {"id": "note-it", "type": "log", "label": "Log", "x": 45, "y": 2,
             "config": {"logbook": "orders", "message": "replied to $(start.from)"}},
            {"id": "done", "type": "end", "label": "Resolved", "x": 60, "y": 2, "config": {"outcome": "resolved"}}
          ],
          "connections": [
            {"from": "start", "outcome": "next", "to": "reply"},
            {"from": "reply", "outcome": "sent", "to": "note-it"},
            {"from": "note-it", "outcome": "next", "to": "done"}
          ]
        }
        """

    /// No Start node: `no-start` is an error.
    static let noStart = """
        {"format": "flowcanvas/1", "name": "Broken", "kind": "messaging",
         "settings": {"outcomes": [{"name": "resolved", "kind": "success"}]},
         "nodes": [{"id": "done", "type": "end", "x": 2, "y": 2, "config": {"outcome": "resolved"}}],
         "connections": []}
        """

    static let unsupported = """
        {"format": "flowcanvas/1", "name": "CRM sync", "kind": "messaging",
         "nodes": [{"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "crm"}},
                   {"id": "crm", "type": "integration:salesforce", "config": {}}],
         "connections": [{"from": "start", "outcome": "next", "to": "crm"}]}
        """
}
