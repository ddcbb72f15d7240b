import Foundation
import Testing

/// The editor's test-run panel through the real binary in tmux: open a flow, T, Enter,
/// answer as the customer, see the flow's answer and "done", Esc, quit — and nothing in
/// the workspace changed.
@Suite(.serialized) struct TestRunTmuxTests {

    static let orderChat = #"""
    {
      "format": "flowcanvas/1",
      "name": "Order chat",
      "kind": "messaging",
      "settings": {"outcomes": [{"name": "resolved", "kind": "success"}, {"name": "not-found", "kind": "failure"},
                                {"name": "no-reply", "kind": "failure"}]},
      "nodes": [
        {"id": "start", "type": "start", "label": "Inbound SMS", "x": 2, "y": 2,
         "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
        {"id": "ask", "type": "send", "label": "Ask number", "x": 30, "y": 2,
         "config": {"channel": "sms", "to": "$(start.from)", "message": "Which order?"}},
        {"id": "wait", "type": "receive", "label": "Wait reply", "x": 58, "y": 2,
         "config": {"channel": "sms", "timeoutSeconds": 60}},
        {"id": "check", "type": "branch", "label": "Known?", "x": 30, "y": 12,
         "config": {"branches": [{"name": "known", "variable": "wait.message", "op": "starts-with", "value": "EX"}]}},
        {"id": "found", "type": "send", "label": "Tell status", "x": 58, "y": 12,
         "config": {"channel": "sms", "to": "$(start.from)", "message": "Order $(wait.message) ships today"}},
        {"id": "done", "type": "end", "label": "Resolved", "x": 86, "y": 12, "config": {"outcome": "resolved"}},
        {"id": "unknown", "type": "end", "label": "Not found", "x": 58, "y": 22, "config": {"outcome": "not-found"}},
        {"id": "silent", "type": "end", "label": "No reply", "x": 86, "y": 2, "config": {"outcome": "no-reply"}}
      ],
      "connections": [
        {"from": "start", "outcome": "next", "to": "ask"},
        {"from": "ask", "outcome": "sent", "to": "wait"},
        {"from": "ask", "outcome": "failed", "to": "unknown"},
        {"from": "wait", "outcome": "received", "to": "check"},
        {"from": "wait", "outcome": "timeout", "to": "silent"},
        {"from": "check", "outcome": "known", "to": "found"},
        {"from": "check", "outcome": "none", "to": "unknown"},
        {"from": "found", "outcome": "sent", "to": "done"},
        {"from": "found", "outcome": "failed", "to": "done"}
      ]
    }
    """#

    @Test func answerAsTheCustomerSeeTheReplyAndDoneThenCloseAndQuit() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order-chat.json", Self.orderChat)])
        let before = try cli.storedState()

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = try TmuxSession.editorCommand(cli, ["open", "Order chat"])
        try tmux.start(command: command)
        try tmux.waitFor("Working Draft")

        // T opens step 1, prefilled from the Start node; Enter starts the run.
        try tmux.keys("T")
        let setup = try tmux.waitFor("Step 1 · trigger")
        #expect(setup.contains("+15550123") && setup.contains("inbound sms message to +15550100"))
        try tmux.keys("Enter")
        let waiting = try tmux.waitFor("waiting for a reply from +15550123")
        #expect(waiting.contains("Which order?"))
        #expect(waiting.contains("at Wait reply (wait)"))
        #expect(waiting.contains("╔ RX Receive"), "the waiting node is drawn as the active one")

        // Answer as the customer. While the reply is typed, : is text: Alt-x (the terminal
        // sends Esc x) opens the command line without closing the panel or losing the reply.
        try tmux.text("EX77")
        try tmux.waitFor("reply › EX77")
        try tmux.keys("M-x")
        try tmux.waitFor("test-")
        try tmux.text("variables")
        try tmux.keys("Enter")
        try tmux.waitFor("start.from = '+15550123'")
        #expect(try tmux.screen().contains("reply › EX77"))
        try tmux.keys("Enter")
        let done = try tmux.waitFor("done · outcome resolved")
        #expect(done.contains("Order EX77 ships today"))
        #expect(done.contains("at Resolved (done)"))

        // Esc closes the panel; the flow is untouched, so q quits without asking.
        try tmux.keys("Escape")
        try tmux.waitFor("test run closed (the flow is unchanged)")
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "the editor quits on q")
        #expect(try cli.storedState() == before, "a test run writes nothing to the workspace")
    }
}
