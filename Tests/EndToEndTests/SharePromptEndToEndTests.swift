import FlowKit
import Foundation
import Testing

/// `flowcanvas share` asking the password on a real terminal (tmux): twice, without echo.
@Suite struct SharePromptEndToEndTests {
    func shareCommand(_ cli: CLIHarness) throws -> String {
        let exe = try #require(CLIHarness.binary)
        return "'\(exe.path)' --workspace '\(cli.workspace.path)' share order-status; echo EXIT=$?; sleep 600"
    }

    @Test func asksTwiceWithoutEchoAndPrintsTheLink() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Order status"])
        let session = TmuxSession()
        defer { session.kill() }
        try session.start(command: try shareCommand(cli), width: 120, height: 20)

        #expect(try session.waitFor("Password for the share link of 'Order status':").contains("Password for"))
        try session.text("tmux secret 42"); try session.keys("Enter")
        #expect(try session.waitFor("Repeat the password:").contains("Repeat the password:"))
        try session.text("tmux secret 42"); try session.keys("Enter")
        let screen = try session.waitFor("EXIT=")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(screen.contains("http://127.0.0.1:8600/share/"))
        #expect(!screen.contains("tmux secret"), "the password was echoed:\n\(screen)")
        #expect(try Workspace(directory: cli.workspace).shareStatus("order-status") != nil)
    }

    @Test func differentAnswersChangeNothing() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "Order status"])
        let session = TmuxSession()
        defer { session.kill() }
        try session.start(command: try shareCommand(cli), width: 120, height: 20)

        try session.waitFor("Password for the share link")
        try session.text("first answer 1"); try session.keys("Enter")
        try session.waitFor("Repeat the password:")
        try session.text("second answer 2"); try session.keys("Enter")
        let screen = try session.waitFor("EXIT=")
        #expect(screen.contains("flowcanvas: the two passwords differ; nothing changed"), "\(screen)")
        #expect(screen.contains("EXIT=1"))
        #expect(!screen.contains("answer"))
        #expect(try Workspace(directory: cli.workspace).shareStatus("order-status") == nil)
    }
}
