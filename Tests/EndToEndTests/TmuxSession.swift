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
    /// The screen as text, line-drawing cells as their glyphs (see `TmuxScreenText`).
    func screen() throws -> String { TmuxScreenText.plain(try styledScreen(raw: true)) }
    /// `capture-pane -p -e`: the screen with its SGR sequences; `raw` false reads the
    /// graphics-set cells back as their glyphs.
    func styledScreen(raw: Bool = false) throws -> String {
        let out = try tmux(["capture-pane", "-p", "-e", "-t", name], output: true).out
        return raw ? out : TmuxScreenText.styled(out)
    }
    var isRunning: Bool { ((try? tmux(["has-session", "-t", name]))?.status ?? 1) == 0 }

    /// Waits until the screen contains `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return try settled(last, containing: text) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // Thrown, not recorded: swift-testing shows a thrown error's description where the
        // test failed, and a CancellationError could read as a cancelled test. A program
        // that quit leaves a blank capture: the error says so.
        throw ScreenWaitTimeout(text: text, screen: last, exited: !isRunning, sourceLocation: sourceLocation)
    }

    /// The screen once it stops changing, so a caller's further checks do not read a frame
    /// caught half-written (a scrolled frame goes out as the scroll, then the new rows).
    /// A few more captures at most; if the screen keeps changing, the newest one that still
    /// shows `text`, as a text that comes and goes was seen.
    private func settled(_ first: String, containing text: String) throws -> String {
        var shown = first
        for _ in 0..<6 {
            Thread.sleep(forTimeInterval: 0.03)
            let next = try screen()
            if next == shown { return next }
            guard next.contains(text) else { return shown }
            shown = next
        }
        return shown
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

extension TmuxSession {
    /// The editor's command line as the tmux tests run it: the real binary on `cli`'s
    /// workspace, with a pinned terminal, a UTF-8 locale, a fixed user and no
    /// FLOWCANVAS_HOME from the test runner's environment. `arguments` follow
    /// `--workspace` (e.g. `["open", "Orders"]`; none opens the flow list); `environment`
    /// holds extra `NAME=value` words (each shell-quoted here).
    static func editorCommand(_ cli: CLIHarness, _ arguments: [String] = [], environment: [String] = [],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build",
                               sourceLocation: sourceLocation)
        let words = ["env", "-u", "FLOWCANVAS_HOME", "LANG=C.UTF-8", "TERM=xterm-256color", "USER=e2e"] + environment
            + [exe.path, "--workspace", cli.workspace.path] + arguments
        return words.map(shellQuote).joined(separator: " ")
    }

    /// Starts the editor (see `editorCommand`) in this session's pane.
    func startEditor(_ cli: CLIHarness, _ arguments: [String] = [], environment: [String] = [],
                     width: Int = 120, height: Int = 40, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try start(command: TmuxSession.editorCommand(cli, arguments, environment: environment, sourceLocation: sourceLocation),
                  width: width, height: height)
    }
}

/// A tmux test's wait that timed out: what it waited for, where, and the screen it saw.
struct ScreenWaitTimeout: Error, CustomStringConvertible {
    let text: String
    let screen: String
    let exited: Bool
    let sourceLocation: SourceLocation

    var description: String {
        let gone = exited ? " (the program has exited: its tmux session is gone, so the screen is blank)" : ""
        return "\(sourceLocation.fileName):\(sourceLocation.line): timed out waiting for \"\(text)\"\(gone); screen:\n\(screen)"
    }
}
