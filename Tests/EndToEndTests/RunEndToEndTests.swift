import Foundation
import Testing

/// `flowcanvas run FLOW --script FILE`: test runs of drafts and versions, in process,
/// on a virtual clock; exit 0 when every expectation holds, 1 when one fails.
@Suite struct RunEndToEndTests {
    static let passing = """
        [{"trigger": {"from": "+15550111", "message": "where is my order"}},
         {"expect": {"at": "wait", "state": "waiting", "messageSent": "Order number?"}},
         {"reply": "EX123"},
         {"expect": {"node": "thank", "outcome": "answered", "variable": "wait.message", "equals": "EX123"}},
         {"expect": {"messageSent": {"to": "+15550111", "contains": "Thanks EX123"}}}]
        """

    @Test func aScriptWhoseExpectationsHoldExitsZero() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", ServeFlows.conversation(thanks: "Thanks")), "--name", "Order status"])
        let script = try cli.file("pass.json", Self.passing)

        let run = try cli.ok(["run", "Order status", "--script", script])
        #expect(run.stdout.contains("PASS: 3 of 3 expectations held"))
        #expect(run.stdout.contains("Order number?"))

        let json = try #require(try cli.ok(["run", "Order status", "--draft", "--script", script, "--json"]).json() as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        #expect(json["version"] is NSNull)
        #expect((json["steps"] as? [Any])?.count == 5)
        #expect((json["outbox"] as? [[String: Any]])?.map { $0["message"] as? String } == ["Order number?", "Thanks EX123"])
        // A test run writes nothing to the workspace.
        try cli.ok(["make-live", "Order status"])
        #expect(try cli.ok(["outbox", "--json"]).json() as? [Any] != nil)
        #expect((try cli.ok(["outbox", "--json"]).json() as? [Any])?.isEmpty == true)
        #expect((try cli.ok(["sessions", "Order status", "--json"]).json() as? [Any])?.isEmpty == true)
        // Version 1, now live, runs the same.
        try cli.ok(["run", "Order status", "--version", "1", "--script", script])
        try cli.ok(["run", "Order status", "--script", script])
    }

    @Test func aFailedExpectationExitsOneAndSaysWhy() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", ServeFlows.conversation(thanks: "Thanks")), "--name", "Order status"])
        let script = try cli.file("fail.json", """
            [{"trigger": {"from": "+15550111", "message": "hi"}},
             {"wait": 601},
             {"expect": {"outcome": "answered"}}]
            """)
        let run = try cli.run(["run", "Order status", "--script", script])
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ expect outcome answered"))
        #expect(run.stdout.contains("the outcome is no-answer"))
        #expect(run.stdout.contains("FAIL: 0 of 1 expectations held"))
        #expect(run.stderr.isEmpty)
        let json = try cli.run(["run", "Order status", "--script", script, "--json"])
        #expect(json.status == 1)
        #expect((try json.json() as? [String: Any])?["passed"] as? Bool == false)
    }

    @Test func malformedScriptsAndBadChoicesAreOneLineErrors() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", ServeFlows.conversation(thanks: "Thanks")), "--name", "Order status"])
        try cli.refused(["run", "Order status", "--script", try cli.file("bad.json", "[{")], status: 2,
                        containing: "the script bad.json is malformed: the script is not valid JSON")
        try cli.refused(["run", "Order status", "--script", try cli.file("step.json", #"[{"jump": 1}]"#)], status: 2,
                        containing: "step 1: unknown action 'jump'")
        try cli.refused(["run", "Order status", "--script", "missing.json"], status: 2, containing: "cannot read the script")
        let ok = try cli.file("ok.json", "[]")
        try cli.refused(["run", "Order status", "--version", "3", "--script", ok], status: 2, containing: "no version 3")
        try cli.refused(["run", "Nope", "--script", ok], status: 2, containing: "no flow named 'Nope'")
        try cli.refused(["run", "Order status", "--draft", "--version", "1", "--script", ok], status: 2,
                        containing: "not both")
    }
}
