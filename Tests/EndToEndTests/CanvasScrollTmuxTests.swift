import FlowKit
import Foundation
import Testing

/// Issue 10 item 6 end to end: vertical pans of the real binary at 200×60 (side panes docked)
/// scroll the terminal, each frame goes out whole (one synchronized update), an 8-row pan
/// costs under 2 KB, and what tmux shows afterwards is what a full repaint shows.
@Suite(.serialized) struct CanvasScrollTmuxTests {

    /// A valid flow (no findings: the Errors pane stays short) of log nodes in rows 10 rows
    /// apart, chained from a Start to an End: an 8-row pan changes most canvas rows (a grid
    /// whose rows repeat every 8 rows looks the same after a pan, and nothing needs scrolling).
    static func rows() -> FlowDocument {
        var nodes: [FlowNode] = [], links: [Connection] = []
        let count = 500
        for i in 0..<count {
            let x = (i % 25) * 36 + 2, y = (i / 25) * 10 + 2
            if i == 0 {
                nodes.append(FlowNode(id: "n0", type: "start", label: "Inbound SMS", x: x, y: y,
                                      config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]))
            } else if i == count - 1 {
                nodes.append(FlowNode(id: "n\(i)", type: "end", label: "Done", x: x, y: y, config: ["outcome": "resolved"]))
            } else {
                nodes.append(FlowNode(id: "n\(i)", type: "log", label: "Log \(i)", x: x, y: y,
                                      config: ["logbook": "audit", "message": "m"]))
            }
            if i > 0 { links.append(Connection(from: "n\(i - 1)", outcome: "next", to: "n\(i)")) }
        }
        var settings = FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)])
        settings.logbooks = ["audit"]
        return FlowDocument(name: "Big grid", settings: settings, nodes: nodes, connections: links)
    }

    /// The frames in `output`: what comes between ESC[?2026h and ESC[?2026l, and what does not.
    static func synchronizedFrames(_ output: Data) -> (frames: [Data], outside: Int) {
        let begin = Data("\u{1B}[?2026h".utf8), end = Data("\u{1B}[?2026l".utf8)
        var frames: [Data] = [], outside = 0
        var i = output.startIndex
        while i < output.endIndex {
            guard let b = output.range(of: begin, in: i..<output.endIndex) else { outside += output.endIndex - i; break }
            outside += b.lowerBound - i
            guard let e = output.range(of: end, in: b.upperBound..<output.endIndex) else { outside += output.endIndex - b.lowerBound; break }
            frames.append(output[b.lowerBound..<e.upperBound])
            i = e.upperBound
        }
        return (frames, outside)
    }

    @Test func verticalPansScrollTheTerminalAndLeaveTheScreenAFullRepaintShows() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("grid.json", FlowCodec.exportJSON(Self.rows())), "--name", "Big grid"])

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
        let scrolls = output.matches(of: /\x1B\[\d*[STLM]/).map { String($0.0.dropFirst()) }
        #expect(output.contains("\u{1B}[8S") && output.contains("\u{1B}[8T"), "no 8-line scroll up and down: \(scrolls)")
        // Every frame is one synchronized update, the scroll and the new rows together, and
        // a pan that scrolls costs the new rows: under 2 KB here (ncurses sent about 3 KB).
        let (frames, outside) = Self.synchronizedFrames(bytes)
        #expect(outside == 0, "\(outside) bytes outside synchronized updates")
        #expect(frames.count >= 20, "\(frames.count) frames for 20 keys")
        let scrolled = frames.filter { f in
            let s = String(decoding: f, as: UTF8.self)
            return s.contains("\u{1B}[8S") || s.contains("\u{1B}[8T")
        }
        #expect(scrolled.count >= 4, "\(scrolled.count) frames scrolled")
        for f in scrolled { #expect(f.count <= 2048, "an 8-row pan sent \(f.count) bytes; frames: \(frames.map(\.count))") }
        let panned = try tmux.styledScreen()

        // A resize there and back repaints every cell; the screen must not change.
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "190", "-y", "60"])
        try tmux.waitFor("╮")
        Thread.sleep(forTimeInterval: 0.3)
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "200", "-y", "60"])
        Thread.sleep(forTimeInterval: 0.5)
        let repainted = try tmux.styledScreen()
        #expect(panned == repainted, "the scrolled screen differs from a full repaint")
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "q leaves an unchanged flow at once")
    }
}
