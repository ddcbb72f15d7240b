import FlowKit
import Foundation
import Testing
import TestSupport

/// The frames after the first are written by `XtermFrameEncoder` without ncurses; Ctrl-L
/// makes ncurses clear the screen and write every cell. After any mix of keys (moves, pans, zooms, the
/// minimap, panes, help, deleting and undoing), what tmux shows must be what that full
/// repaint shows, colours and attributes included: the encoder never leaves a cell behind.
@Suite(.serialized) struct EncodedFramesTmuxTests {

    /// The screen once two captures 120 ms apart agree (the app drew everything it had to).
    static func stableScreen(_ tmux: TmuxSession, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try tmux.styledScreen()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.12)
            let next = try tmux.styledScreen()
            if next == last { return next }
            last = next
        }
        return last
    }

    /// Docked side panes (150×45) and collapsed ones (80×24).
    @Test(arguments: [(150, 45, UInt64(10)), (80, 24, UInt64(11))])
    func anyKeysLeaveTheScreenAFullRepaintShows(width: Int, height: Int, seed: UInt64) throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("grid.json", FlowCodec.exportJSON(CanvasScrollTmuxTests.rows())), "--name", "Big grid"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.startEditor(cli, ["open", "Big grid"], width: width, height: height)
        try tmux.waitFor(" 3,3 ")
        // Keys that look around and change what is drawn, never quitting or saving.
        let keys = ["l", "l", "j", "j", "S-Down", "S-Down", "S-Up", "C-Right", "C-Left", "C-Down", "C-Up", "PageDown", "PageUp",
                    "End", "Home", "+", "-", "-", "+", "=", "=", "M", "M", "Tab", "Tab", "Tab", "x", "u", "]", "[", "C-o", "?", "Escape",
                    "a", "Escape", "/", "L", "o", "g", "Enter", "Escape"]
        var generator = SplitMix64(seed: seed)
        for round in 0..<3 {
            var sent: [String] = []
            for _ in 0..<30 {
                let key = keys[Int(generator.next() % UInt64(keys.count))]
                sent.append(key)
                try tmux.keys(key)
                if generator.next() % 4 == 0 { Thread.sleep(forTimeInterval: 0.05) }
            }
            let shown = try Self.stableScreen(tmux)
            try tmux.keys("C-l")  // ncurses clears the screen and writes every cell
            Thread.sleep(forTimeInterval: 0.2)
            let repainted = try Self.stableScreen(tmux)
            #expect(shown == repainted, "round \(round) after \(sent): the screen differs from a full repaint")
            if shown != repainted {
                let a = shown.split(separator: "\n", omittingEmptySubsequences: false)
                let b = repainted.split(separator: "\n", omittingEmptySubsequences: false)
                for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                    Issue.record("row \(i):\n  shown     \(x)\n  repainted \(y)")
                }
            }
        }
        try tmux.keys("C-c")  // leaves at once; the deletions go to the recovery slot
        #expect(tmux.waitForExit())
    }
}

