import FlowKit
import Foundation
import Testing

/// Stepping through a flow's history in the real editor over tmux (issue 17): three
/// versions made live from the command line, then `s` in the history and `n` twice, each
/// step showing its version's comment in the header and its changes marked.
@Suite(.serialized) struct HistoryStepTmuxTests {

    static func flow(reply: String = "Reply", doneX: Int = 60) -> FlowDocument {
        FlowDocument(
            name: "Steps", kind: .messaging,
            settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "reply", type: "send", label: reply, x: 30, y: 2,
                         config: ["channel": "sms", "to": "$(start.from)", "message": "Hello"]),
                FlowNode(id: "done", type: "end", label: "Resolved", x: doneX, y: 2, config: ["outcome": "resolved"]),
            ],
            connections: [Connection(from: "start", outcome: "next", to: "reply"),
                          Connection(from: "reply", outcome: "sent", to: "done"),
                          Connection(from: "reply", outcome: "failed", to: "done")])
    }

    @Test func stepThroughThreeVersions() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let file = cli.files.appendingPathComponent("steps.json")
        try FlowCodec.exportJSON(Self.flow()).write(to: file, atomically: true, encoding: .utf8)
        try cli.ok(["import", file.path])
        try cli.ok(["make-live", "Steps", "--comment", "first cut"])
        try FlowCodec.exportJSON(Self.flow(reply: "Answer")).write(to: file, atomically: true, encoding: .utf8)
        try cli.ok(["save", "Steps", file.path])
        try cli.ok(["make-live", "Steps", "--comment", "friendlier answer"])
        try FlowCodec.exportJSON(Self.flow(reply: "Answer", doneX: 90)).write(to: file, atomically: true, encoding: .utf8)
        try cli.ok(["save", "Steps", file.path])
        try cli.ok(["make-live", "Steps", "--comment", "tidy layout"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Steps"])
        try tmux.waitFor("Working Draft (based on v3)")

        // The history, newest first: End picks v1, s starts stepping there.
        try tmux.keys("H")
        try tmux.waitFor("History · Steps")
        try tmux.keys("End", "s")
        try tmux.waitFor("\"first cut\"")
        try tmux.waitFor("+3 -0 ~0 nodes · +3 -0 connectors · step 1 of 3")
        try tmux.waitFor("+ node reply")   // the change list
        try tmux.waitFor("Diff empty → v1")

        try tmux.keys("n")
        try tmux.waitFor("\"friendlier answer\"")
        try tmux.waitFor("+0 -0 ~1 nodes · step 2 of 3")
        try tmux.waitFor("~ node reply: label")
        try tmux.waitFor("Diff v1 → v2")

        try tmux.keys("n")
        try tmux.waitFor("\"tidy layout\"")
        try tmux.waitFor("~1 nodes (1 moved) · step 3 of 3")
        try tmux.waitFor("~ node done: position")
        let screen = try tmux.waitFor("Diff v2 → v3")
        #expect(screen.contains("~"), "the moved node carries the changed mark")

        // p goes back one version; Esc back to the history, Esc again to the canvas.
        try tmux.keys("p")
        try tmux.waitFor("step 2 of 3")
        try tmux.keys("Escape")
        try tmux.waitFor("History · Steps")
        try tmux.keys("Escape")
        try tmux.waitFor("Working Draft (based on v3)")
        let deadline = Date().addingTimeInterval(5)
        while (try tmux.screen()).contains("History · Steps"), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "nothing unsaved: q quits")
    }
}
