import Foundation
import Testing
import TestSupport

/// The built binary on a PostgreSQL workspace (`--workspace postgres://…` or
/// `$FLOWCANVAS_DATABASE_URL`): the flow-store commands work as on SQLite; what is not yet
/// on PostgreSQL says so in one line with exit 2; the password never shows.
@Suite struct PostgresEndToEndTests {
    @Test func theFlowStoreCommandsRunOnPostgreSQL() throws {
        try TestPostgres.withDatabase { url in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let home = ["FLOWCANVAS_HOME": cli.workspace.path]
            func run(_ args: [String]) throws -> CLIHarness.Result {
                try cli.run(["--workspace", url] + args, workspaceOption: false, environment: home)
            }
            @discardableResult func ok(_ args: [String]) throws -> CLIHarness.Result {
                let r = try run(args)
                #expect(r.status == 0, "flowcanvas \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
                #expect(!r.stdout.contains("flowcanvas-test") && !r.stderr.contains("flowcanvas-test"))
                return r
            }

            try ok(["new", "Order status"])
            let doc = try cli.file("order.json", Documents.smsFlow)
            #expect(try ok(["save", "Order status", doc, "--expect-revision", "1"]).stdout.contains("revision 2"))
            let conflict = try run(["save", "Order status", doc, "--expect-revision", "1"])
            #expect(conflict.status == 1 && conflict.stderr.contains("conflict"))
            try ok(["validate", "Order status"])
            try ok(["make-live", "Order status", "--comment", "first", "--set", "greeting=Hi"])
            try ok(["pause", "Order status"])
            let list = try #require(try ok(["list", "--json"]).json() as? [[String: Any]])
            #expect(list.first?["state"] as? String == "paused" && list.first?["liveVersion"] as? Int == 1)
            try ok(["resume", "Order status"])
            #expect(try ok(["history", "Order status"]).stdout.contains("first"))
            let exported = try ok(["export", "Order status"]).stdout
            let copy = try cli.file("copy.json", exported)
            try ok(["import", copy, "--name", "Order copy"])
            try ok(["apps", "add", "twilio-sms", "--channel", "sms", "--webhook", "https://example.com/hook"])
            #expect(try ok(["apps", "list"]).stdout.contains("twilio-sms"))

            // The same database through the environment, as another machine would name it.
            let viaEnvironment = try cli.run(["list"], workspaceOption: false,
                                             environment: home.merging(["FLOWCANVAS_DATABASE_URL": url]) { $1 })
            #expect(viaEnvironment.status == 0 && viaEnvironment.stdout.contains("Order copy"))

            // The runtime's read commands (issue 16): nothing ran yet, so empty lists.
            #expect(try ok(["sessions", "Order status", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
            #expect(try ok(["outbox", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
            #expect(try ok(["logs", "orders", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        }
    }

    @Test func aWrongPasswordIsOneLineThatDoesNotShowIt() throws {
        try TestPostgres.withDatabase { url in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let wrong = url.replacingOccurrences(of: ":flowcanvas-test@", with: ":not-the-password@")
            let r = try cli.run(["--workspace", wrong, "list"], workspaceOption: false,
                                environment: ["FLOWCANVAS_HOME": cli.workspace.path, "HOME": cli.root.path])
            #expect(r.status == 2)
            #expect(r.stderrLines.count == 1 && r.stderr.contains("password authentication failed"), "\(r.stderr)")
            #expect(!r.stderr.contains("not-the-password"))
        }
    }

    /// The "  TABLE  COUNT" lines `workspace copy` prints.
    static func tableCounts(_ output: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") where line.hasPrefix("  ") {
            let words = line.split(separator: " ")
            if words.count == 2, let n = Int(words[1]) { counts[String(words[0])] = n }
        }
        return counts
    }

    @Test func workspaceCopyMovesASQLiteWorkspaceIntoAnEmptyDatabaseOnce() throws {
        try TestPostgres.withDatabase { url in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            try cli.ok(["new", "Order status"])
            try cli.ok(["new", "Billing"])
            try cli.ok(["save", "Billing", try cli.file("billing.json", Documents.smsFlow)])
            try cli.ok(["make-live", "Billing", "--comment", "first", "--set", "greeting=Hi"])
            try cli.ok(["apps", "add", "twilio-sms", "--channel", "sms", "--webhook", "https://example.com/hook"])
            let sourceBefore = try cli.storedState()

            let copied = try cli.ok(["workspace", "copy", "--to", url])
            #expect(copied.stdout.contains("Copied the workspace to postgres://"), "\(copied.stdout)")
            let counts = Self.tableCounts(copied.stdout)
            #expect(counts["flows"] == 2 && counts["drafts"] == 1 && counts["versions"] == 1 && counts["apps"] == 1
                     && counts["shares"] == 0 && counts["runtime_session"] == 0, "\(copied.stdout)")
            #expect(!copied.stdout.contains("flowcanvas-test") && !copied.stderr.contains("flowcanvas-test"))
            let onPostgres = try cli.run(["--workspace", url, "list"], workspaceOption: false,
                                         environment: ["FLOWCANVAS_HOME": cli.root.appendingPathComponent("pg").path])
            #expect(onPostgres.status == 0 && onPostgres.stdout.contains("Billing") && onPostgres.stdout.contains("Order status"))

            // Again: the database has rows now. One line, exit 1, nothing written, no password.
            let again = try cli.run(["workspace", "copy", "--to", url])
            #expect(again.status == 1 && again.stderrLines.count == 1, "\(again.status) \(again.stderr)")
            #expect(again.stderr.contains("is not empty") && !again.stderr.contains("flowcanvas-test"), "\(again.stderr)")

            // The source must be a folder; a wrong password is one line without the password.
            let fromURL = try cli.run(["--workspace", url, "workspace", "copy", "--to", url], workspaceOption: false)
            #expect(fromURL.status != 0 && fromURL.stderr.contains("SQLite workspace folder"), "\(fromURL.stderr)")
            let wrong = url.replacingOccurrences(of: ":flowcanvas-test@", with: ":not-the-password@")
            let refused = try cli.run(["workspace", "copy", "--to", wrong], environment: ["HOME": cli.root.path])
            #expect(refused.status == 2 && refused.stderrLines.count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("password authentication failed") && !refused.stderr.contains("not-the-password"))
            #expect(try cli.storedState() == sourceBefore, "the source is only read")
        }
    }
}
