import FlowKit
import Foundation
import Testing

/// Issue 10, item 6: whatever the backend sends for a vertical pan (updates only, or
/// terminal scrolling when it comes), tmux applies it as a terminal does: the screen after
/// several pans down and up must be what a full repaint draws.
@Suite(.serialized) struct ScrollRegionTmuxTests {
    /// 90 columns: the side panes are strips, so whole lines move; 120: they are docked.
    @Test(arguments: [90, 120]) func panningDownAndUpLeavesTheScreenAFullRepaintWouldDraw(width: Int) throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        try cli.ok(["import", try cli.file("grid.json", FlowCodec.exportJSON(CanvasNavigationTmuxTests.grid())), "--name", "Big grid"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = "env -u FLOWCANVAS_HOME LANG=C.UTF-8 TERM=xterm-256color USER=e2e \(shellQuote(exe.path)) --workspace \(shellQuote(cli.workspace.path)) open 'Big grid'"
        try tmux.start(command: command, width: width, height: 40)
        try tmux.waitFor("Working Draft")
        // Shift-Down moves the cursor 8 rows; past the bottom margin each one pans 8 rows.
        for y in stride(from: 11, through: 91, by: 8) {
            try tmux.keys("S-Down")
            try tmux.waitFor(" 3,\(y) ")
        }
        for y in stride(from: 83, through: 43, by: -8) {  // the last two pan up
            try tmux.keys("S-Up")
            try tmux.waitFor(" 3,\(y) ")
        }
        let scrolled = try tmux.screen()
        // A resize repaints every cell; one column wider leaves the palette and the
        // canvas's first columns where they were.
        _ = try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "\(width + 1)", "-y", "40"])
        // tmux keeps the old cells at the new width until the editor draws: wait for a top
        // row that reaches the new last column.
        var repainted = try tmux.waitFor(" 3,43 ")
        let deadline = Date().addingTimeInterval(15)
        while repainted.split(separator: "\n").first.map({ $0.count }) != width + 1, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            repainted = try tmux.screen()
        }
        func left(_ screen: String) -> [String] {
            screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(38).map { String($0.prefix(width - 2)) }
        }
        let a = left(scrolled), b = left(repainted)
        #expect(a.count == 38 && a == b, "after the pans:\n\(a.joined(separator: "\n"))\nrepainted:\n\(b.joined(separator: "\n"))")
        #expect(a.contains { $0.contains("Log n") }, "the canvas shows nodes")
        try tmux.keys("q")
        #expect(tmux.waitForExit())
    }
}
