import Foundation
import Testing

/// `flowcanvas import` of a Twilio Studio definition (recognized, or `--from twilio-studio`) with the built binary: an imported Studio
/// messaging flow runs (`run --script`) from trigger to its End, refusals write nothing.
@Suite struct StudioImportEndToEndTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../FlowKitTests/Fixtures/TwilioStudio/\(name).json")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func anImportedMessagingFlowRunsToItsEnd() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let studio = try cli.file("rating-survey.json", try Self.fixture("rating-survey"))
        // Checked before importing: the findings import's translation would have, nothing stored.
        let before = try cli.storedState()
        let checked = try cli.run(["validate", "--file", studio])
        #expect(!checked.stdout.isEmpty && !checked.stderr.contains("no format given"))
        #expect(try cli.storedState() == before)
        try cli.refused(["validate", studio], status: 2, containing: "to check the file: flowcanvas validate --file")
        let imported = try cli.ok(["import", "--from", "twilio-studio", studio, "--name", "Ratings"])
        #expect(imported.stdout.hasPrefix(
            "Imported 'Ratings' from Twilio Studio: 9 widgets → 13 nodes, 0 dropped, 2 templates left as text\n"))
        // What it still needs is said at once: the Start's number, which Studio keeps elsewhere.
        #expect(imported.stdout.contains(
            "  to fix: Start \"Trigger\" (start): Address (number or id) is required (Twilio Studio keeps the number in its console, not in the definition)\n"
            + "  fix it in the editor: flowcanvas open ratings\n"), "\(imported.stdout)")
        let stored = try cli.run(["validate", "Ratings"])
        #expect(stored.stdout == checked.stdout, "validate --file says what validate says of the imported flow")

        // An answer it does not understand asks again; a rating then thanks and ends.
        let script = try cli.file("script.json", """
            [{"trigger": {"from": "+15550111", "message": "hello"}},
             {"expect": {"messageSent": {"to": "+15550111", "contains": "You wrote \\"hello\\". How would you rate us"}}},
             {"reply": "great"},
             {"expect": {"messageSent": "Sorry, please answer with a number from 1 to 5."}},
             {"reply": " 5 "},
             {"expect": {"messageSent": {"contains": "Thanks for rating us  5 !"}}},
             {"expect": {"outcome": "completed"}}]
            """)
        let run = try cli.ok(["run", "Ratings", "--script", script])
        #expect(run.stdout.contains("PASS: 4 of 4 expectations held"), "\(run.stdout)")

        // The case-insensitive Studio split, and the reply timeout going to NoReply.
        let first = try cli.file("first.json", """
            [{"trigger": {"from": "+15550111", "message": "hi"}}, {"reply": "4"},
             {"expect": {"messageSent": "Thanks for rating us 4!{% if flow.variables.rating == '5' %} You made our day.{% endif %}"}},
             {"expect": {"outcome": "completed"}}]
            """)
        try cli.ok(["run", "Ratings", "--script", first])
        let silent = try cli.file("silent.json", """
            [{"trigger": {"from": "+15550111", "message": "hi"}}, {"wait": 601},
             {"expect": {"messageSent": "We did not hear back from you. Text us any time."}},
             {"expect": {"outcome": "completed"}}]
            """)
        try cli.ok(["run", "Ratings", "--script", silent])
    }

    @Test func jsonReportAndRefusalsThatWriteNothing() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let unsupported = try cli.file("agents.json", try Self.fixture("unsupported-widgets"))
        let before = try cli.storedState()
        let refused = try cli.run(["import", "--from", "twilio-studio", unsupported])
        #expect(refused.status == 1)
        #expect(refused.stderrLines == [
            "The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account",
            "  - lookup_customer (run-function)", "  - verify (run-subflow)", "  - to_agent (send-to-flex)",
            "  - queue_call (enqueue-call)", "  - take_payment (capture-payments)"])
        #expect(try cli.storedState() == before)

        let both = try cli.file("text-or-call.json", try Self.fixture("text-or-call"))
        try cli.refused(["import", "--from", "twilio-studio", both], status: 1,
                        containing: "connects several events (incomingMessage, incomingCall); choose one with --trigger EVENT")
        #expect(try cli.storedState() == before)
        try cli.refused(["import", "--from", "flowcanvas", both, "--trigger", "incomingCall"], status: 2,
                        containing: "go with --from twilio-studio")
        let plain = try cli.file("plain.json", Documents.smsFlow)
        try cli.refused(["import", plain, "--json"], status: 2, containing: "plain.json is not a Twilio Studio definition")
        #expect(try cli.storedState() == before)
        // Without --from a Studio definition is recognized by its content, as the editor does.
        let auto = try cli.ok(["import", both, "--trigger", "incomingCall", "--name", "Recognized"])
        #expect(auto.stdout.hasPrefix("Imported 'Recognized' from Twilio Studio"))

        let json = try cli.ok(["import", "--from", "twilio-studio", unsupported, "--drop-unsupported", "--json"])
        let report = try #require(try json.json() as? [String: Any])
        #expect(report["name"] as? String == "agents" && report["id"] as? String == "agents")
        #expect((report["dropped"] as? [Any])?.count == 5 && report["nodes"] as? Int == 5)
        try cli.ok(["import", "--from", "twilio-studio", both, "--trigger", "incomingCall", "--name", "Calls"])
        #expect((try cli.ok(["show", "Calls", "--json"]).json() as? [String: Any])?["kind"] as? String == "voice")
    }

    /// `validate --file` checks what import would make of a Studio definition, so it takes
    /// import's `--trigger` too; the option is refused where it means nothing.
    @Test func validateFileTakesTheTriggerImportWouldNeed() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let both = try cli.file("text-or-call.json", try Self.fixture("text-or-call"))
        let before = try cli.storedState()
        // Refused as import refuses it, and the option the message names exists on validate.
        try cli.refused(["validate", "--file", both], status: 1,
                        containing: "connects several events (incomingMessage, incomingCall); choose one with --trigger EVENT")
        let call = try cli.run(["validate", "--file", both, "--trigger", "incomingCall"])
        #expect(call.status == 0 || call.status == 1, "findings, not a refusal: \(call.stderr)")
        #expect(call.stderr.isEmpty && !call.stdout.isEmpty)
        let message = try cli.run(["validate", "--file", both, "--trigger", "inbound-message", "--json"])
        let findings = try message.json() as? [String: Any]
        #expect(message.stderr.isEmpty && findings != nil)
        try cli.refused(["validate", "--file", both, "--trigger", "incomingFax"], status: 1,
                        containing: "--trigger incomingFax: not a Trigger event")
        #expect(try cli.storedState() == before, "validate --file stores nothing")

        // The same findings as validate gives the flow import makes with the same trigger.
        try cli.ok(["import", both, "--trigger", "incomingCall", "--name", "Calls"])
        let stored = try cli.run(["validate", "Calls"])
        #expect(stored.stdout == call.stdout && stored.status == call.status)

        // Where --trigger means nothing: one line, exit 2.
        let plain = try cli.file("plain.json", Documents.smsFlow)
        try cli.refused(["validate", "--file", plain, "--trigger", "incomingCall"], status: 2,
                        containing: "plain.json is not a Twilio Studio definition: --trigger is for those")
        try cli.refused(["validate", "Calls", "--trigger", "incomingCall"], status: 2,
                        containing: "--trigger goes with --file on a Twilio Studio definition")
    }
}
