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
            func ok(_ args: [String]) throws -> CLIHarness.Result {
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

            // Not yet on PostgreSQL: one line, exit 2, before anything runs.
            for args in [["open", "Order status"]] {
                let r = try run(args)
                #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
                #expect(r.stderrLines.count == 1 && r.stderr.contains("not yet available"), "\(args): \(r.stderr)")
                #expect(!r.stderr.contains("flowcanvas-test"))
            }
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
}
