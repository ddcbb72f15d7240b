import FlowKit
import Foundation
import Testing

/// Issue 10 item 6 end to end: vertical pans of the real binary at 200×60 (side panes docked)
/// scroll the terminal, and what tmux shows afterwards is what a full repaint shows.
@Suite(.serialized) struct CanvasScrollTmuxTests {

    @Test func verticalPansScrollTheTerminalAndLeaveTheScreenAFullRepaintShows() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("grid.json", FlowCodec.exportJSON(CanvasNavigationTmuxTests.grid())), "--name", "Big grid"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Big grid"], width: 200, height: 60)
        try tmux.waitFor(" 3,3 ")
        let log = cli.workspace.appendingPathComponent("pane-output.bin")
        try tmux.tmux(["pipe-pane", "-o", "-t", tmux.name, "cat >> " + shellQuote(log.path)])
        // Shift-Down moves the cursor 8 rows; past the bottom margin each one pans 8 rows.
        var y = 3
        for _ in 0..<10 {
            try tmux.keys("S-Down")
            y += 8
            try tmux.waitFor(" 3,\(y) ")
        }
        for _ in 0..<10 {
            try tmux.keys("S-Up")
            y -= 8
            try tmux.waitFor(" 3,\(y) ")
        }
        Thread.sleep(forTimeInterval: 0.3)  // let pipe-pane write the last frame
        try tmux.tmux(["pipe-pane", "-t", tmux.name])
        let bytes = try Data(contentsOf: log)
        let output = String(decoding: bytes, as: UTF8.self)
        // A scroll region narrower than the screen, then 8 lines scrolled up (SU) and down (SD).
        let regions = output.matches(of: /\x1B\[(\d+);(\d+)r/).filter { $0.1 != "1" || $0.2 != "60" }
        #expect(!regions.isEmpty, "no scroll region in \(bytes.count) bytes")
        #expect(output.contains("\u{1B}[8S") && output.contains("\u{1B}[8T"), "no 8-line scroll up and down")
        let panned = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.name], output: true).out

        // A resize there and back repaints every cell; the screen must not change.
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "190", "-y", "60"])
        try tmux.waitFor("╮")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "200", "-y", "60"])
        Thread.sleep(forTimeInterval: 0.5)
        let repainted = try tmux.tmux(["capture-pane", "-p", "-e", "-t", tmux.name], output: true).out
        #expect(panned == repainted, "the scrolled screen differs from a full repaint")
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "q leaves an unchanged flow at once")
    }
}
