import Foundation
import Testing

/// The flow list as a manager in the real editor over tmux (issue 12): delete with the
/// confirmation, and a deletion by another process showing without a key pressed.
@Suite(.serialized) struct FlowManagerTmuxTests {

    func startList(_ cli: CLIHarness, _ tmux: TmuxSession) throws {
        try tmux.startEditor(cli)
    }

    func listedNames(_ cli: CLIHarness) throws -> [String] {
        let flows = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        return flows.compactMap { $0["name"] as? String }.sorted()
    }

    @Test func deleteFromTheListAfterTheConfirmation() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Gone"])
        try cli.ok(["new", "Keep"])
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try startList(cli, tmux)
        try tmux.waitFor("› Gone")  // by name: Gone first, selected
        try tmux.keys("x")
        try tmux.waitFor("Delete Gone?")
        try tmux.keys("Enter")  // Cancel has the focus: nothing happens
        try tmux.waitFor("2 flows")
        #expect(try listedNames(cli) == ["Gone", "Keep"])
        try tmux.keys("x")
        try tmux.waitFor("Delete Gone?")
        try tmux.keys("Left", "Enter")
        try tmux.waitFor("deleted 'Gone'")
        try tmux.waitFor("1 flow ")
        #expect(try listedNames(cli) == ["Keep"])
        try tmux.keys("q")
        #expect(tmux.waitForExit())
    }

    @Test func aDeleteInAnotherProcessVanishesFromTheOpenListWithinOneSecond() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Elsewhere"])
        try cli.ok(["new", "Stays"])
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try startList(cli, tmux)
        try tmux.waitFor("Elsewhere")
        try cli.ok(["delete", "Elsewhere", "--yes"])
        let deleted = Date()
        var screen = try tmux.screen()
        while screen.contains("Elsewhere"), Date().timeIntervalSince(deleted) < 5 {
            Thread.sleep(forTimeInterval: 0.02)
            screen = try tmux.screen()
        }
        let elapsed = Date().timeIntervalSince(deleted)
        #expect(!screen.contains("Elsewhere"), "the deleted flow is still listed:\n\(screen)")
        #expect(elapsed < 1.0, "shown \(elapsed) s after the delete; no key was pressed")
        #expect(screen.contains("1 flow "))
        try tmux.keys("q")
        #expect(tmux.waitForExit())
    }
}

/// `make-live --expect-revision N` refuses a draft someone saved since revision N.
@Suite struct MakeLiveExpectRevisionEndToEndTests {
    @Test func aStaleRevisionIsRefusedAndNothingGoesLive() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Orders", "--template", "order-status"])
        try cli.refused(["make-live", "Orders", "--expect-revision", "7"], status: 1, containing: "revision")
        let flows = try #require(try cli.ok(["list", "--json"]).json() as? [[String: Any]])
        #expect(flows.first?["status"] as? String == "draft")
    }
}

/// Make Live with an app made in the wizard, in the real editor over tmux.
@Suite(.serialized) struct MakeLiveNewAppTmuxTests {

    @Test func makeLiveWithANewAppCheckedByAppsListAndHistory() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Reply"])
        let doc = try cli.file("reply.json", """
            {"format": "flowcanvas/1", "name": "Reply", "kind": "messaging",
             "settings": {"outcomes": [{"kind": "success", "name": "done"}]},
             "nodes": [
               {"id": "start", "type": "start", "label": "Inbound SMS", "x": 2, "y": 2,
                "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
               {"id": "answer", "type": "send", "label": "Answer", "x": 32, "y": 2,
                "config": {"channel": "sms", "to": "$(start.from)", "message": "Thanks"}},
               {"id": "done", "type": "end", "label": "Done", "x": 32, "y": 10, "config": {"outcome": "done"}}],
             "connections": [{"from": "start", "outcome": "next", "to": "answer"},
                             {"from": "answer", "outcome": "sent", "to": "done"},
                             {"from": "answer", "outcome": "failed", "to": "done"}]}
            """)
        try cli.ok(["save", "Reply", doc])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Reply"])
        try tmux.waitFor("Working Draft")
        try tmux.keys("L")
        try tmux.waitFor("step 1 of 3: Apps")
        try tmux.keys("Left")  // outbox wraps to "New app…"
        try tmux.waitFor("New app…")
        try tmux.keys("Enter")
        try tmux.waitFor("New app for sms")
        try tmux.text("sms-gateway")
        try tmux.keys("Tab")
        try tmux.text("https://gateway.example.com/send")
        try tmux.keys("Tab")
        try tmux.text("hush-42")  // the optional signing secret, typed masked
        let masked = try tmux.waitFor("•••••••")
        #expect(!masked.contains("hush-42"), "the secret is not shown as typed")
        try tmux.keys("Enter")
        try tmux.waitFor("sms-gateway")
        try tmux.keys("Enter")
        try tmux.waitFor("step 2 of 3: Comment")
        try tmux.text("with a gateway")
        try tmux.keys("Enter")
        try tmux.waitFor("step 3 of 3: Summary")
        try tmux.waitFor("New app: sms-gateway (sms, signed) → https://gateway.example.com/")
        try tmux.waitFor("Change: first version")
        try tmux.keys("Enter")
        try tmux.waitFor("v1 is live (sms → sms-gateway)")
        try tmux.keys("q")
        #expect(tmux.waitForExit())

        let listed = try cli.ok(["apps", "list", "--json"]).stdout
        #expect(!listed.contains("hush-42"), "apps list --json says whether a secret is set, never the secret")
        let apps = try #require(try cli.ok(["apps", "list", "--json"]).json() as? [[String: Any]])
        #expect(apps.first { $0["name"] as? String == "sms-gateway" }?["signed"] as? Bool == true)
        #expect(apps.first { $0["name"] as? String == "outbox" }?["signed"] as? Bool == false)
        let gateway = try #require(apps.first { $0["name"] as? String == "sms-gateway" })
        #expect(gateway["channel"] as? String == "sms" && gateway["webhookURL"] as? String == "https://gateway.example.com/send")
        let history = try #require(try cli.ok(["history", "Reply", "--json"]).json() as? [[String: Any]])
        let v1 = try #require(history.first { ($0["version"] as? Int) == 1 })
        #expect(v1["comment"] as? String == "with a gateway" && v1["status"] as? String == "live")
    }
}

/// A test run with a stubbed http-request node, saved as a script in the editor, then
/// replayed by `flowcanvas run --script` (exit 0), over tmux.
@Suite(.serialized) struct TestRunStubTmuxTests {

    @Test func aStubbedRunSavedAsAScriptReplaysWithExitZero() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try Self.lookupFlow(cli)
        let scriptPath = cli.files.appendingPathComponent("saved-run.json").path

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try Self.openTestRun(cli, tmux)
        try tmux.keys("C-b")
        try tmux.waitFor("HTTP stubs (test runs only)")
        try tmux.keys("Tab", "Left", "Tab", "Tab", "C-u")
        try tmux.text(#"{"status": "shipped"}"#)
        try tmux.keys("Enter")
        try tmux.waitFor("lookup: stub HTTP 200")
        try tmux.keys("Tab", "Tab")
        try tmux.text("EX1")
        try tmux.keys("Enter")
        try tmux.waitFor("Your order is shipped")
        try tmux.keys("C-o")
        try tmux.waitFor("Save the run as a script")
        try tmux.keys("C-u")
        try tmux.text(scriptPath)
        try tmux.keys("Enter")
        try tmux.waitFor("steps to")
        try tmux.keys("Escape")
        try tmux.waitFor("test run closed")
        try tmux.keys("q")
        #expect(tmux.waitForExit())

        let replay = try Self.replay(cli, scriptPath)
        #expect(replay.stdout.contains("PASS"))
    }

    /// The same run with the mouse only (but for typed text): the panel's hints, the stub
    /// form's choice and footer, the trigger field, a transcript step, the save prompt.
    @Test func theSameRunByMouseClicks() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try Self.lookupFlow(cli)
        let scriptPath = cli.files.appendingPathComponent("clicked-run.json").path

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try Self.openTestRun(cli, tmux)
        try tmux.click("^B stubs")
        try tmux.waitFor("HTTP stubs (test runs only)")
        try tmux.click("real call", onRowWith: "Answer")
        try tmux.waitFor("│ real call  │")
        try tmux.click("stub", below: "Answer")
        try tmux.waitFor("Answer       stub ")
        try tmux.click("{}", onRowWith: "Body (JSON)")
        try tmux.keys("End", "C-u")
        try tmux.text(#"{"status": "shipped"}"#)
        try tmux.click("Enter keep")
        try tmux.waitFor("lookup: stub HTTP 200")
        try tmux.click("message", below: "to       +15550100")
        try tmux.text("EX1")
        try tmux.click("Enter start")
        try tmux.waitFor("Your order is shipped")
        try tmux.click("lookup:")
        try tmux.waitFor("Find order (lookup)")
        try tmux.click("^O save")
        try tmux.waitFor("Save the run as a script")
        try tmux.keys("C-u")
        try tmux.text(scriptPath)
        try tmux.click("Enter OK")
        try tmux.waitFor("steps to")
        try tmux.click("Esc close")
        try tmux.waitFor("test run closed")
        try tmux.keys("q")
        #expect(tmux.waitForExit())

        try Self.replay(cli, scriptPath)
    }

    /// The editor on "Lookup" with the test-run panel open.
    static func openTestRun(_ cli: CLIHarness, _ tmux: TmuxSession) throws {
        try tmux.startEditor(cli, ["open", "Lookup"])
        try tmux.waitFor("Working Draft")
        try tmux.keys("T")
        try tmux.waitFor("HTTP: real calls")
    }

    /// `flowcanvas run --script` on a saved run: it replays with the stub and exits 0.
    @discardableResult
    static func replay(_ cli: CLIHarness, _ scriptPath: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> CLIHarness.Result {
        let replay = try cli.run(["run", "Lookup", "--script", scriptPath])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)", sourceLocation: sourceLocation)
        #expect(replay.stdout.contains("stub lookup: HTTP 200"), sourceLocation: sourceLocation)
        return replay
    }
}

extension TmuxSession {
    /// Clicks (SGR mouse press and release, as a terminal reports them) on the first cell
    /// of `text`: on the first row that has it, or the first row with `rowText` that has
    /// it, or the first row below a row with `above` that has it.
    func click(_ text: String, onRowWith rowText: String? = nil, below above: String? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rows = try screen().split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        let needle = Array(text)
        var start = 0
        if let above, let i = rows.firstIndex(where: { String($0).contains(above) }) { start = i + 1 }
        for y in start..<rows.count {
            let row = rows[y]
            if let rowText, !String(row).contains(rowText) { continue }
            guard row.count >= needle.count else { continue }
            for x in 0...(row.count - needle.count) where Array(row[x..<x + needle.count]) == needle {
                try sendRaw("\u{1B}[<0;\(x + 1);\(y + 1)M")
                try sendRaw("\u{1B}[<0;\(x + 1);\(y + 1)m")
                return
            }
        }
        Issue.record("\"\(text)\" is not on screen:\n\(try screen())", sourceLocation: sourceLocation)
    }

    private func sendRaw(_ sequence: String) throws { try text(sequence) }
}

extension TestRunStubTmuxTests {
    /// Lookup: Start → HTTP GET of an unresolvable host → tell the status → End.
    static func lookupFlow(_ cli: CLIHarness) throws {
        try cli.ok(["new", "Lookup"])
        let doc = try cli.file("lookup.json", """
            {"format": "flowcanvas/1", "name": "Lookup", "kind": "messaging",
             "settings": {"outcomes": [{"kind": "success", "name": "resolved"}, {"kind": "failure", "name": "api-failed"}]},
             "nodes": [
               {"id": "start", "type": "start", "label": "Inbound SMS", "x": 2, "y": 2,
                "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
               {"id": "lookup", "type": "http-request", "label": "Find order", "x": 30, "y": 2,
                "config": {"method": "GET", "url": "https://shop.invalid/orders/$(start.message)", "timeoutSeconds": 5}},
               {"id": "tell", "type": "send", "label": "Tell", "x": 58, "y": 2,
                "config": {"channel": "sms", "to": "$(start.from)", "message": "Your order is $(lookup.body.status)"}},
               {"id": "done", "type": "end", "label": "Resolved", "x": 86, "y": 2, "config": {"outcome": "resolved"}},
               {"id": "broken", "type": "end", "label": "API failed", "x": 58, "y": 12, "config": {"outcome": "api-failed"}}],
             "connections": [{"from": "start", "outcome": "next", "to": "lookup"},
                             {"from": "lookup", "outcome": "success", "to": "tell"},
                             {"from": "lookup", "outcome": "error", "to": "broken"},
                             {"from": "lookup", "outcome": "timeout", "to": "broken"},
                             {"from": "tell", "outcome": "sent", "to": "done"},
                             {"from": "tell", "outcome": "failed", "to": "done"}]}
            """)
        try cli.ok(["save", "Lookup", doc])
    }
}
