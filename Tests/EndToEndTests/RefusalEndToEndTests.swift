import Foundation
import Testing

/// Exit codes and stderr lines of refusals, usage errors and environment problems; after
/// each refusal the stored flows are as they were.
@Suite struct RefusalEndToEndTests {
    @Test func importRefusalsKeepTheWorkspaceAsItWas() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order.json", Documents.smsFlow), "--name", "Order status"])
        let before = try cli.storedState()

        // Unsupported nodes: DESIGN §4's first line, then one line per node; exit 1.
        let unsupported = try cli.run(["import", try cli.file("crm.json", Documents.unsupported)])
        #expect(unsupported.status == 1)
        #expect(unsupported.stderrLines == [
            "The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account",
            "  - crm (integration:salesforce)",
        ])
        #expect(unsupported.stdout.isEmpty)

        // Malformed JSON: exit 1, one line.
        try cli.refused(["import", try cli.file("bad.json", "{\"format\": \"flowcanvas/1\", \"nodes\": [")],
                        status: 1, containing: "JSON")
        // A name that is taken: exit 1.
        try cli.refused(["import", "order.json", "--name", "ORDER STATUS"], status: 1, containing: "already exists")
        // Missing and unreadable files: exit 2.
        try cli.refused(["import", "missing.json"], status: 2, containing: "missing.json: no such file")
        try cli.refused(["import", cli.files.path], status: 2, containing: "is a directory")
        try cli.refused(["save", "Order status", "missing.json"], status: 2, containing: "no such file")
        try cli.refused(["validate", "--file", "missing.json"], status: 2, containing: "no such file")
        // An unsupported document cannot be saved as a draft either.
        let save = try cli.run(["save", "Order status", "crm.json"])
        #expect(save.status == 1 && save.stderr.contains("integration:salesforce"))

        #expect(try cli.storedState() == before)
    }

    @Test func unknownFlowsAndUsageErrorsExitTwo() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        for args in [["show", "ghost"], ["history", "ghost"], ["make-live", "ghost"], ["pause", "ghost"],
                     ["delete", "ghost", "--yes"], ["export", "ghost"], ["diff", "ghost", "1", "draft"],
                     ["copy", "ghost", "other"], ["edit", "ghost", "--from", "1"], ["validate", "ghost"]] {
            try cli.refused(args, status: 2, containing: "no flow named 'ghost'")
        }
        // argument-parser's usage errors are mapped from 64 to 2, on one line.
        try cli.refused(["show"], status: 2, containing: "<flow>")
        try cli.refused(["frobnicate"], status: 2, containing: "frobnicate")
        try cli.refused(["edit", "x", "--from", "one"], status: 2, containing: "one")
        try cli.refused(["validate"], status: 2, containing: "FLOW or --file")
        try cli.refused(["list", "--bogus"], status: 2, containing: "--bogus")
    }

    @Test func helpAndCompletions() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let bare = try cli.ok([])
        #expect(bare.stdout.contains("USAGE") && bare.stdout.contains("make-live"))
        #expect(try cli.ok(["--help"]).stdout.contains("SUBCOMMANDS"))
        #expect(try cli.ok(["help", "save"]).stdout.contains("--expect-revision"))
        let bash = try cli.run(["--generate-completion-script", "bash"], workspaceOption: false)
        #expect(bash.status == 0 && bash.stdout.contains("flowcanvas"))
        let zsh = try cli.run(["--generate-completion-script", "zsh"], workspaceOption: false)
        #expect(zsh.status == 0 && zsh.stdout.contains("#compdef flowcanvas"))
    }

    @Test func theWorkspaceComesFromTheEnvironmentWithoutTheOption() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let home = cli.root.appendingPathComponent("home-ws").path
        let created = try cli.run(["new", "From env", "--template", "blank"], workspaceOption: false,
                                  environment: ["FLOWCANVAS_HOME": home])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/workspace.sqlite"))
        let xdg = cli.root.appendingPathComponent("xdg").path
        let listed = try cli.run(["list", "--json"], workspaceOption: false, environment: ["XDG_DATA_HOME": xdg])
        #expect(listed.status == 0 && listed.stdout == "[]\n")
        #expect(FileManager.default.fileExists(atPath: xdg + "/flowcanvas/workspace.sqlite"))
        // --workspace after the subcommand works too.
        let after = try cli.run(["list", "--json", "--workspace", home], workspaceOption: false)
        #expect(after.status == 0 && after.stdout.contains("from-env"))
    }

    @Test func aLockedDatabaseIsAClearErrorNotACrash() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                     "the sqlite3 shell is not installed (.ci/run installs it)")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order.json", Documents.smsFlow), "--name", "Order status"])
        let before = try cli.storedState()

        // Another process takes the write lock and holds it while we try to write.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [cli.workspace.appendingPathComponent("workspace.sqlite").path]
        // A FIFO for its input and a file for its output, never a Pipe: a Pipe's end is
        // closed by Process and again by its FileHandle, and the second close can hit a
        // descriptor a parallel test has opened since.
        let fifo = cli.root.appendingPathComponent("sqlite3-input")
        try #require(mkfifo(fifo.path, 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        let outFile = cli.root.appendingPathComponent("sqlite3-output")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        let input = try #require(FileHandle(forUpdatingAtPath: fifo.path))  // read-write: open never waits
        let output = try FileHandle(forWritingTo: outFile)
        holder.standardInput = input
        holder.standardOutput = output
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        try output.close()
        defer {
            try? input.write(contentsOf: Data("ROLLBACK;\n.quit\n".utf8))
            holder.waitUntilExit()
            try? input.close()
        }
        try input.write(contentsOf: Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        var seen = ""
        let deadline = Date().addingTimeInterval(15)
        while !seen.contains("locked") && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            seen = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        }
        try #require(seen.contains("locked"), "sqlite3 did not take the lock")

        try cli.refused(["save", "Order status", "order.json"], status: 2, containing: "is locked by another process")
        try cli.refused(["make-live", "Order status"], status: 2, containing: "locked")
        // Reading is not blocked (WAL).
        #expect(try cli.ok(["list", "--json"]).stdout.contains("order-status"))

        try input.write(contentsOf: Data("ROLLBACK;\n".utf8))
        #expect(try cli.storedState() == before)
    }

    @Test func anAppsSigningSecretComesFromAFileAndIsNeverPrinted() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.refused(["apps", "add", "a", "--channel", "sms", "--webhook", "http://x.example",
                         "--signing-secret-file", cli.workspace.appendingPathComponent("none").path],
                        status: 2, containing: "cannot read the signing secret file")
        try cli.refused(["apps", "add", "a", "--channel", "sms", "--webhook", "http://x.example",
                         "--signing-secret-file", try cli.file("empty.txt", "\n")],
                        status: 2, containing: "is empty")
        #expect(try cli.ok(["apps", "add", "a", "--channel", "sms", "--webhook", "http://x.example",
                            "--signing-secret-file", try cli.file("secret.txt", "t0p-secret\n")]).stdout
                    .contains("posts signed"))
        let text = try cli.ok(["apps", "list"]).stdout
        let json = try cli.ok(["apps", "list", "--json"]).stdout
        #expect(!text.contains("t0p-secret") && !json.contains("t0p-secret"))
        #expect(text.contains("SIGNED"))
        let apps = try #require(try cli.ok(["apps", "list", "--json"]).json() as? [[String: Any]])
        #expect(apps.first { $0["name"] as? String == "a" }?["signed"] as? Bool == true)
    }

    @Test func aReadOnlyDatabaseIsAClearError() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("order.json", Documents.smsFlow), "--name", "Order status"])
        let before = try cli.storedState()
        let db = cli.workspace.appendingPathComponent("workspace.sqlite")
        try #require(setReadOnly(db, true), "could not make the database read-only")
        defer { _ = setReadOnly(db, false) }
        try cli.refused(["save", "Order status", "order.json"], status: 2, containing: "is read-only")
        try cli.refused(["make-live", "Order status"], status: 2, containing: "is read-only")
        try cli.refused(["apps", "add", "a", "--channel", "sms", "--webhook", "http://x.example"],
                        status: 2, containing: "is read-only")
        // Reading still works.
        #expect(try cli.ok(["list", "--json"]).stdout.contains("order-status"))
        try #require(setReadOnly(db, false))
        #expect(try cli.storedState() == before)
    }

    /// `chmod` for ordinary users; root ignores permission bits, so `chattr +i` as root.
    func setReadOnly(_ url: URL, _ readOnly: Bool) -> Bool {
        if getuid() != 0 {
            let mode: Int16 = readOnly ? 0o444 : 0o644
            return (try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)) != nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        p.arguments = [readOnly ? "+i" : "-i", url.path]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
