import Foundation
import Testing
import TestSupport

/// The editor on a PostgreSQL workspace, as two machines would run it: each process has a
/// workspace folder of its own (`FLOWCANVAS_HOME`, where recovery files stay) and names
/// the same database. Another process's delete and create show in an open flow list
/// within a second with no key pressed; two editors saving one draft get the same
/// conflict dialog as on SQLite.
@Suite(.serialized) struct PostgresEditorTmuxTests {
    /// The editor on `url`, with a folder of its own under `cli.root`.
    func startEditor(_ tmux: TmuxSession, _ cli: CLIHarness, url: String, machine: String, arguments: String = "") throws {
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        let home = cli.root.appendingPathComponent(machine).path
        try tmux.start(command: """
            env FLOWCANVAS_HOME=\(shellQuote(home)) LANG=C.UTF-8 TERM=xterm-256color USER=\(machine) \
            \(shellQuote(exe.path)) --workspace \(shellQuote(url)) \(arguments)
            """)
    }

    /// The CLI on `url` from a third folder (a third machine).
    func cli(_ cli: CLIHarness, _ url: String, _ args: [String]) throws -> CLIHarness.Result {
        let r = try cli.run(["--workspace", url] + args, workspaceOption: false,
                            environment: ["FLOWCANVAS_HOME": cli.workspace.path])
        #expect(r.status == 0, "flowcanvas \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// Polls the screen until `condition` holds; returns the seconds it took (nil: never, in 5 s).
    func secondsUntil(_ tmux: TmuxSession, _ condition: (String) -> Bool) throws -> (TimeInterval?, String) {
        let start = Date()
        var screen = try tmux.screen()
        while !condition(screen) {
            if Date().timeIntervalSince(start) > 5 { return (nil, screen) }
            Thread.sleep(forTimeInterval: 0.02)
            screen = try tmux.screen()
        }
        return (Date().timeIntervalSince(start), screen)
    }

    @Test func anotherMachinesDeleteAndCreateShowInTheOpenListWithinOneSecond() throws {
        try requireTmux()
        try TestPostgres.withDatabase { url in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            _ = try self.cli(cli, url, ["new", "Elsewhere"])
            _ = try self.cli(cli, url, ["new", "Stays"])
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try startEditor(tmux, cli, url: url, machine: "ann")
            let first = try tmux.waitFor("Elsewhere")
            #expect(first.contains("2 flows"))
            #expect(!first.contains("flowcanvas-test"), "the password never shows")

            _ = try self.cli(cli, url, ["delete", "Elsewhere", "--yes"])
            let (gone, afterDelete) = try secondsUntil(tmux) { !$0.contains("Elsewhere") }
            #expect(gone != nil && gone! < 1.0, "delete shown after \(gone.map { "\($0) s" } ?? "never"):\n\(afterDelete)")
            #expect(afterDelete.contains("1 flow "))

            _ = try self.cli(cli, url, ["new", "Arrived"])
            let (arrived, afterNew) = try secondsUntil(tmux) { $0.contains("Arrived") }
            #expect(arrived != nil && arrived! < 1.0, "new flow shown after \(arrived.map { "\($0) s" } ?? "never"):\n\(afterNew)")
            try tmux.keys("q")
            #expect(tmux.waitForExit())
        }
    }

    @Test func twoEditorsSavingOneDraftGetTheConflictDialog() throws {
        try requireTmux()
        try TestPostgres.withDatabase { url in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            _ = try self.cli(cli, url, ["new", "Shared"])
            let ann = TmuxSession(), bob = TmuxSession()
            defer {
                ann.kill()
                bob.kill()
            }
            try startEditor(ann, cli, url: url, machine: "ann", arguments: "open Shared")
            try startEditor(bob, cli, url: url, machine: "bob", arguments: "open Shared")
            try ann.waitFor("Working Draft")
            try bob.waitFor("Working Draft")

            try ann.keys("s")
            try ann.waitFor("saved (revision 2)")
            try bob.keys("s")
            let dialog = try bob.waitFor("Save conflict")
            #expect(dialog.contains("2, not 1; someone else saved it"), "\(dialog)")

            // Reload takes ann's draft; bob's next save is based on it and passes.
            try bob.keys("Left", "Left", "Left", "Enter")  // Cancel → Differences → Save as copy → Reload
            try bob.waitFor("reloaded")
            try bob.keys("s")
            try bob.waitFor("saved (revision 3)")
            let shown = try #require(try self.cli(cli, url, ["show", "Shared", "--json"]).json() as? [String: Any])
            #expect(shown["revision"] as? Int == 3)
            try ann.keys("q")
            try bob.keys("q")
            #expect(ann.waitForExit() && bob.waitForExit())
        }
    }
}
