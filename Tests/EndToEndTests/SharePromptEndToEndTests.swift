import FlowKit
import Foundation
import Testing

/// `flowcanvas share` asking the password on a real terminal (tmux): twice, without echo.
@Suite struct SharePromptEndToEndTests {
    /// A private tmux server running one command in a detached session.
    final class TmuxSession {
        let socket = "fc-share-\(UUID().uuidString.prefix(8))"

        init(command: String) throws {
            try tmux(["new-session", "-d", "-x", "120", "-y", "20", "-s", "main", command])
        }

        /// Runs tmux with posix_spawn and waitpid: Foundation's Process waits for a pipe the
        /// daemonized tmux server inherits, so it would never see the client exit.
        @discardableResult
        func tmux(_ args: [String]) throws -> String {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // The test runner's threads block signals; tmux (and the shells it starts) must
            // get the default mask, or kill-server cannot end the session.
            var attr = posix_spawnattr_t()
            posix_spawnattr_init(&attr)
            defer { posix_spawnattr_destroy(&attr) }
            var empty = sigset_t(), all = sigset_t()
            sigemptyset(&empty)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attr, &empty)
            posix_spawnattr_setsigdefault(&attr, &all)
            posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawnp(&pid, "tmux", &actions, &attr, argv, environ) == 0 else { throw POSIXError(.ENOENT) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        }

        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

        /// Polls the screen until it shows `text` (or gives up after 20 s and returns it anyway).
        @discardableResult
        func waitFor(_ text: String) throws -> String {
            let deadline = Date().addingTimeInterval(20)
            var shown = try screen()
            while !shown.contains(text) && Date() < deadline {
                usleep(50_000)
                shown = try screen()
            }
            return shown
        }

        func type(_ text: String) throws {
            try tmux(["send-keys", "-t", "main", "-l", text])
            try tmux(["send-keys", "-t", "main", "Enter"])
        }

        func stop() {
            _ = try? tmux(["kill-server"])
            let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
            unlink("\(dir)/tmux-\(getuid())/\(socket)")
        }
    }

    static var tmuxAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    func shareCommand(_ cli: CLIHarness) throws -> String {
        let exe = try #require(CLIHarness.binary)
        return "'\(exe.path)' --workspace '\(cli.workspace.path)' share order-status; echo EXIT=$?; sleep 600"
    }

    @Test func asksTwiceWithoutEchoAndPrintsTheLink() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed (.ci/run installs it)")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Order status"])
        let session = try TmuxSession(command: try shareCommand(cli))
        defer { session.stop() }

        #expect(try session.waitFor("Password for the share link of 'Order status':").contains("Password for"))
        try session.type("tmux secret 42")
        #expect(try session.waitFor("Repeat the password:").contains("Repeat the password:"))
        try session.type("tmux secret 42")
        let screen = try session.waitFor("EXIT=")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(screen.contains("http://127.0.0.1:8600/share/"))
        #expect(!screen.contains("tmux secret"), "the password was echoed:\n\(screen)")
        #expect(try Workspace(directory: cli.workspace).shareStatus("order-status") != nil)
    }

    @Test func differentAnswersChangeNothing() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed (.ci/run installs it)")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Order status"])
        let session = try TmuxSession(command: try shareCommand(cli))
        defer { session.stop() }

        try session.waitFor("Password for the share link")
        try session.type("first answer 1")
        try session.waitFor("Repeat the password:")
        try session.type("second answer 2")
        let screen = try session.waitFor("EXIT=")
        #expect(screen.contains("flowcanvas: the two passwords differ; nothing changed"), "\(screen)")
        #expect(screen.contains("EXIT=1"))
        #expect(!screen.contains("answer"))
        #expect(try Workspace(directory: cli.workspace).shareStatus("order-status") == nil)
    }
}
