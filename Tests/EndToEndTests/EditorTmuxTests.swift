import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `flowcanvas` binary in a tmux pane: keys in with `send-keys`, the
/// screen out with `capture-pane`, waiting for text with a deadline (never fixed sleeps).
final class TmuxSession {
    let socket = "flowcanvas-e2e-\(UUID().uuidString.prefix(8))"
    let name = "editor"

    static var tmuxPath: String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"] {
            let p = dir + "/tmux"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process can wait forever on a
    /// client whose forked server keeps its descriptors, and its children inherit the test
    /// runner's blocked signals (the editor would then ignore SIGTERM). Output goes to a
    /// file, never a pipe the daemonized server could hold open.
    @discardableResult
    func tmux(_ args: [String], output: Bool = false) throws -> (status: Int32, out: String) {
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outFile) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ? outFile.path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        SpawnedDescriptors.closeAllAbove2(&actions)  // the tmux server lives on
        var attr: posix_spawnattr_t = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([TmuxSession.tmuxPath!, "-L", socket] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, TmuxSession.tmuxPath!, &actions, &attr, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = output ? ((try? String(contentsOf: outFile, encoding: .utf8)) ?? "") : ""
        return ((status >> 8) & 0xFF, out)
    }

    func start(command: String, width: Int = 120, height: Int = 40) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
    func text(_ literal: String) throws { try tmux(["send-keys", "-t", name, "-l", literal]) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name], output: true).out }
    var isRunning: Bool { ((try? tmux(["has-session", "-t", name]))?.status ?? 1) == 0 }

    /// Waits until the screen contains `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // A program that quit closes its pane and leaves a blank capture: say so, so the
        // failure does not read as a drawing problem.
        let gone = isRunning ? "" : " (the program has exited: its tmux session is gone)"
        Issue.record("timed out waiting for \"\(text)\"\(gone); screen:\n\(last)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    func waitForExit(timeout: TimeInterval = 15) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isRunning { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    func kill() { _ = try? tmux(["kill-server"]) }
}

/// `s` as one single-quoted shell word (the tmux tests build the editor's command line).
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Fails the calling test when tmux is missing: a terminal test that printed "skipped" and
/// passed would hide that the editor was never driven (.ci/run installs tmux).
func requireTmux(sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(TmuxSession.tmuxPath != nil, "tmux is not installed (.ci/run installs it)", sourceLocation: sourceLocation)
}

@Suite(.serialized) struct EditorTmuxTests {

    @Test func buildAFlowByKeyboardSaveJumpToAFindingAndQuit() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        try cli.ok(["new", "Tmux flow"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = "env -u FLOWCANVAS_HOME LANG=C.UTF-8 TERM=xterm-256color USER=e2e \(shellQuote(exe.path)) --workspace \(shellQuote(cli.workspace.path)) open 'Tmux flow'"
        try tmux.start(command: command)
        try tmux.waitFor("Working Draft (new)")

        // Place a Send node 16 rows below Start.
        try tmux.keys("a")
        try tmux.text("send")
        try tmux.keys("Enter")
        try tmux.waitFor("PLACE")
        for _ in 0..<16 { try tmux.keys("Down") }
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
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        try cli.ok(["new", "Hangup"])
        let command = "env -u FLOWCANVAS_HOME LANG=C.UTF-8 TERM=xterm-256color USER=e2e \(shellQuote(exe.path)) --workspace \(shellQuote(cli.workspace.path)) open Hangup"
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

        guard TmuxSession.tmuxPath != nil, let exe = CLIHarness.binary else { return }
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
