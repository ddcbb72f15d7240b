import FlowKit
import Foundation
import Testing

/// Issue 10 end to end: the real binary at 80×24 on a 500-node generated flow. Fit the
/// whole flow, zoom in on a node, follow two outcomes, jump back with Ctrl-O, and check the
/// side panes leave the canvas at least 64 columns; forward again with Ctrl-I and Alt-I.
@Suite(.serialized) struct CanvasNavigationTmuxTests {

    /// 20 rows × 25 Log nodes, 36 columns and 8 rows apart (as the auto-layout spaces
    /// them), each joined to its right neighbour: 900 columns wide.
    static func grid() -> FlowDocument {
        var nodes: [FlowNode] = [], links: [Connection] = []
        for row in 0..<20 {
            for col in 0..<25 {
                nodes.append(FlowNode(id: "n\(row)-\(col)", type: "log", label: "Log n\(row)-\(col)", x: col * 36 + 2, y: row * 8 + 2,
                                      config: ["logbook": "audit", "message": "m"]))
                if col > 0 { links.append(Connection(from: "n\(row)-\(col - 1)", outcome: "next", to: "n\(row)-\(col)")) }
            }
        }
        var settings = FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)])
        settings.logbooks = ["audit"]
        return FlowDocument(name: "Big grid", settings: settings, nodes: nodes, connections: links)
    }

    @Test func fitZoomInFollowTwoOutcomesAndJumpBackAt80x24() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("grid.json", FlowCodec.exportJSON(Self.grid())), "--name", "Big grid"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = try TmuxSession.editorCommand(cli, ["open", "Big grid"])
        try tmux.start(command: command, width: 80, height: 24)
        let first = try tmux.waitFor("Working Draft")
        // The side panes are one-column strips: the canvas pane spans columns 1…78.
        let top = Array(first.split(separator: "\n", omittingEmptySubsequences: false)[0])
        #expect(top.count == 80 && top.first == "▸" && top.last == "◂", "top row: \(String(top))")
        let canvasWidth = (top.lastIndex { "┓╮".contains($0) } ?? 0) - (top.firstIndex { "┏╭".contains($0) } ?? 0) + 1
        #expect(canvasWidth >= 64, "the canvas is \(canvasWidth) columns at 80×24")

        try tmux.keys("=")
        try tmux.waitFor("overview")
        try tmux.keys("Enter")  // zoom in on the node under the cursor
        try tmux.waitFor("zoom: full, on n0-0")
        try tmux.keys("]")
        try tmux.waitFor("followed n0-0.next → n0-1")
        try tmux.keys("]")
        try tmux.waitFor("followed n0-1.next → n0-2")
        try tmux.waitFor(" 75,3 ")
        try tmux.keys("C-o")
        try tmux.waitFor(" 39,3 ")
        try tmux.keys("C-o")
        try tmux.waitFor(" 3,3 ")
        // Forward again: Ctrl-I as xterm sends it once asked to tell it from Tab
        // (modifyOtherKeys; tmux's send-keys turns C-i into Tab), then Alt-I, which works
        // where the terminal cannot.
        try tmux.tmux(["send-keys", "-t", tmux.name, "-l", "\u{1B}[27;5;105~"])
        try tmux.waitFor(" 39,3 ")
        try tmux.keys("M-i")
        try tmux.waitFor(" 75,3 ")
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "q leaves an unchanged flow at once")
    }
}
