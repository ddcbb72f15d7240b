import Foundation
import Testing

/// One full life cycle in the real editor over tmux: open → fix the error Make Live
/// refuses on → make live → edit → make v2 live → history → edit v1 → diff v1 ↔ v2,
/// then `flowcanvas history --json` shows what the editor did.
@Suite(.serialized) struct LifecycleEditorTmuxTests {

    /// Waits until the screen no longer shows `text` (a closed layer).
    func waitUntilGone(_ text: String, _ tmux: TmuxSession, timeout: TimeInterval = 15,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try tmux.screen()
            if !last.contains(text) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("\"\(text)\" is still on screen:\n\(last)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    @Test func openFixMakeLiveHistoryEditDiff() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Cycle"])  // blank template: the Start has no address yet

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Cycle"])
        try tmux.waitFor("Working Draft (new)")

        // L saves, then refuses: the errors pane lists the missing address.
        try tmux.keys("L")
        try tmux.waitFor("Make Live refused")
        try tmux.waitFor("1 error blocks Make Live")  // a capture can catch a frame half drawn: wait for each part
        try tmux.waitFor("Inbound SMS: ")  // the finding names the node by its label
        try tmux.keys("Enter")  // Show errors
        try tmux.waitFor("Enter jump")
        try tmux.keys("Enter")  // jump to the finding's node
        try tmux.waitFor("Enter opens its form")
        try tmux.keys("Enter")  // its form, at the address field
        try tmux.waitFor("Start · start")
        try tmux.text("+15550100")
        try tmux.keys("C-s")
        try tmux.waitFor("updated Inbound SMS")

        // Make Live: apps (sms → outbox), comment, summary, confirm.
        try tmux.keys("L")
        try tmux.waitFor("step 1 of 3: Apps")
        try tmux.keys("Enter")
        try tmux.waitFor("step 2 of 3: Comment")
        try tmux.text("first from tmux")
        try tmux.keys("Enter")
        try tmux.waitFor("step 3 of 3: Summary")
        try tmux.waitFor("sms → outbox")
        try tmux.waitFor("Comment: first from tmux")
        try tmux.keys("Enter")
        try tmux.waitFor("v1 is live (sms → outbox)")
        try tmux.waitFor("v1 · Live · read-only")

        // E branches a draft from v1; rename the Start; make that v2.
        try tmux.keys("E")
        try tmux.waitFor("Working Draft (based on v1)")
        try tmux.keys("Enter")
        try tmux.waitFor("Start · start")
        try tmux.keys("C-u")
        try tmux.text("SMS in")
        try tmux.keys("C-s")
        try tmux.waitFor("updated SMS in")
        // The draft differs from the live v1: L opens the review first, L there goes on.
        try tmux.keys("L")
        try tmux.waitFor("Review · 0/1 reviewed")
        try tmux.waitFor("[ ] ~ node start")
        try tmux.keys("L")
        try tmux.waitFor("step 1 of 3: Apps")
        try tmux.keys("Enter")
        try tmux.text("renamed start")
        try tmux.keys("Enter", "Enter")
        try tmux.waitFor("v2 · Live · read-only")

        // History: v2 live, v1 previous; e on v1 branches a draft based on v1.
        try tmux.keys("H")
        try tmux.waitFor("History · Cycle")
        try tmux.waitFor("renamed start")
        try tmux.waitFor("first from tmux")
        try tmux.keys("Down", "e")
        try tmux.waitFor("editing a new working draft based on v1")
        try tmux.waitFor("Working Draft (based on v1)")

        // Diff v1 ↔ v2 from the history: d on v1, d on v2.
        try tmux.keys("H")
        try tmux.waitFor("History · Cycle")
        try tmux.keys("Down", "Down", "d")
        try tmux.waitFor("d on another entry")
        try tmux.keys("Up", "d")
        try tmux.waitFor("Changes v1 → v2")
        try tmux.waitFor("~ node start: label")
        try tmux.waitFor("Diff v1 → v2 · read-only")
        try tmux.keys("Escape")
        try tmux.waitFor("History · Cycle")
        try tmux.keys("Escape")
        try waitUntilGone("History · Cycle", tmux)  // (an Esc followed at once by q reads as Alt-q)
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "nothing unsaved: q quits")

        let entries = try #require(try cli.ok(["history", "Cycle", "--json"]).json() as? [[String: Any]])
        #expect(entries.count == 3)
        #expect(entries[0]["status"] as? String == "draft" && entries[0]["basedOn"] as? Int == 1)
        #expect(entries[1]["version"] as? Int == 2 && entries[1]["status"] as? String == "live")
        #expect(entries[1]["comment"] as? String == "renamed start" && entries[1]["author"] as? String == "e2e")
        #expect(entries[1]["basedOn"] as? Int == 1)
        #expect(entries[2]["version"] as? Int == 1 && entries[2]["status"] as? String == "previous")
        #expect(entries[2]["comment"] as? String == "first from tmux")
        let diffJSON = try #require(try cli.ok(["diff", "Cycle", "1", "2", "--json"]).json() as? [String: Any])
        let changed = try #require(diffJSON["changedNodes"] as? [[String: Any]])
        #expect(changed.count == 1 && changed[0]["id"] as? String == "start")
    }
}
