import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct EditorTmuxTests {

    @Test func buildAFlowByKeyboardSaveJumpToAFindingAndQuit() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Tmux flow"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = try TmuxSession.editorCommand(cli, ["open", "Tmux flow"])
        try tmux.start(command: command)
        try tmux.waitFor("Working Draft (new)")

        // Place a Send node 16 rows below Start: the ghost starts in the free row space just
        // below Start (the cursor rests on Start), at 3,6; twelve rows down is 3,18.
        try tmux.keys("a")
        try tmux.text("send")
        try tmux.keys("Enter")
        try tmux.waitFor("PLACE")
        try tmux.waitFor("3,6")
        for _ in 0..<12 { try tmux.keys("Down") }
        try tmux.waitFor("3,18")
        try tmux.keys("Enter")
        try tmux.waitFor("placed Send Message")

        // Move it three cells right.
        try tmux.keys("m")
        try tmux.waitFor("MOVE")
        try tmux.keys("Right", "Right", "Right", "Enter")
        try tmux.waitFor("7,19")

        // Connect Start.next to it, picking the target with find.
        try tmux.keys("/")
        try tmux.text("inbound")
        try tmux.keys("Enter")
        try tmux.waitFor("3,2")
        try tmux.keys("c")
        try tmux.waitFor("CONNECT")
        try tmux.keys("/")
        try tmux.text("send-message")
        try tmux.keys("Enter")
        try tmux.waitFor("outcome next")
        try tmux.keys("Enter")
        try tmux.waitFor("connected start.next")

        // Fill its form: after a join the cursor is back on the source; ] follows the new connector.
        try tmux.keys("]")
        try tmux.waitFor("followed start.next → send-message")
        try tmux.keys("Enter")
        try tmux.waitFor("Send Message · send-message")
        try tmux.keys("Tab", "Tab", "Tab", "Tab")
        try tmux.text("Hello from tmux")
        try tmux.keys("C-s")
        try tmux.waitFor("updated Send Message")

        // Save: the errors pane lists the new node's finding, named by the label the canvas
        // shows (issue 9: findings by label, the id only when the label is empty).
        try tmux.keys("s")
        let saved = try tmux.waitFor("saved (revision 2)")
        #expect(saved.contains("Send Message:"))
        #expect(!saved.contains("send-message:"))

        // Errors pane: select that finding, Enter jumps, Enter again opens the form.
        try tmux.keys("Tab")
        try tmux.waitFor("Enter jump")
        let rows = saved.split(separator: "\n").filter { $0.contains("✖ ") || $0.contains("▲ ") }
        let index = try #require(rows.firstIndex { $0.contains("Send Message:") })
        for _ in 0..<index { try tmux.keys("Down") }
        try tmux.keys("Enter")
        try tmux.waitFor("Enter opens its form")
        try tmux.keys("Enter")
        try tmux.waitFor("Send Message · send-message")
        try tmux.keys("Escape")
        try tmux.waitFor("? help")

        // Quit (nothing unsaved).
        try tmux.keys("q")
        #expect(tmux.waitForExit(), "the editor quits on q")

        let shown = try #require(try cli.ok(["show", "Tmux flow", "--json"]).json() as? [String: Any])
        #expect(shown["revision"] as? Int == 2)
        let nodes = try #require(shown["nodes"] as? [[String: Any]])
        let send = try #require(nodes.first { $0["id"] as? String == "send-message" })
        #expect(send["x"] as? Int == 6 && send["y"] as? Int == 18)
        #expect((send["config"] as? [String: Any])?["message"] as? String == "Hello from tmux")
        let connections = try #require(shown["connections"] as? [[String: Any]])
        #expect(connections.contains { $0["from"] as? String == "start" && $0["to"] as? String == "send-message" })
    }

    @Test func resizeBelowTheMinimumAndHangupKeepsUnsavedEdits() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Hangup"])
        let command = try TmuxSession.editorCommand(cli, ["open", "Hangup"])
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.start(command: command, width: 100, height: 30)
        try tmux.waitFor("Working Draft (new)")
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "40", "-y", "10"])
        try tmux.waitFor("terminal too small (need 60×16)")
        try tmux.tmux(["resize-window", "-t", tmux.name, "-x", "100", "-y", "30"])
        try tmux.waitFor("Working Draft (new)")

        // An unsaved delete, then the terminal goes away (SIGHUP).
        try tmux.keys("Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right",
                      "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right",
                      "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right", "Right",
                      "Right", "Right", "Right", "Right")
        try tmux.waitFor("37,2")
        try tmux.keys("x")
        try tmux.waitFor("deleted Done")
        tmux.kill()
        let slot = cli.workspace.appendingPathComponent("recovery/hangup.json")
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !FileManager.default.fileExists(atPath: slot.path) { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: slot.path), "SIGHUP writes the recovery slot")

        // The next open offers it; Restore brings the edit back unsaved, s saves it.
        let again = TmuxSession()
        defer { again.kill() }
        try again.start(command: command, width: 100, height: 30)
        try again.waitFor("Unsaved changes found")
        try again.keys("Enter")
        try again.waitFor("restored the unsaved changes")
        try again.keys("s")
        try again.waitFor("saved (revision 2)")
        try again.keys("q")
        #expect(again.waitForExit())
        let shown = try #require(try cli.ok(["show", "Hangup", "--json"]).json() as? [String: Any])
        let ids = (shown["nodes"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["start"])
        #expect(!FileManager.default.fileExists(atPath: slot.path))
    }

    @Test func noTerminalOrUnknownTermIsOneLineAndExit2() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "F"])
        let notty = try cli.run(["open", "F"])
        #expect(notty.status == 2 && notty.stderrLines.count == 1 && notty.stderr.contains("interactive terminal"))
        #expect(notty.stderr.hasPrefix("flowcanvas: "), "every CLI error carries the prefix: \(notty.stderr)")
        let help = try cli.run([])
        #expect(help.status == 0 && help.stdout.contains("USAGE"), "without a tty, plain flowcanvas prints the help")

        try requireTmux()  // an unknown TERM needs a terminal to be refused at
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        let tmux = TmuxSession()
        defer { tmux.kill() }
        let out = cli.root.appendingPathComponent("term.txt")
        try tmux.start(command: "env TERM=no-such-terminal \(shellQuote(exe.path)) --workspace \(shellQuote(cli.workspace.path)) open F 2>\(shellQuote(out.path)); echo \"exit=$?\" >>\(shellQuote(out.path))")
        let deadline = Date().addingTimeInterval(15)
        var text = ""
        while Date() < deadline {
            text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if text.contains("exit=") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(text == "flowcanvas: terminal type 'no-such-terminal' is not known to terminfo\nexit=2\n")
    }
}
