import Foundation
import Testing

/// Issue 13's probes, run against the real binary: control characters never reach the
/// terminal, user values are cut, non-regular files get their real reasons, and name
/// refusals on import exit 1 like every other content refusal.
@Suite struct HostileInputEndToEndTests {
    static let evil = "\u{1B}[2J\u{1B}]0;pwn\u{07}\u{00}X\nY"

    /// A document as JSON text: `nodes` after a webhook Start.
    static func document(name: String = "Probe", nodes: [[String: Any]] = [],
                         outcomes: [[String: Any]] = [["name": "done", "kind": "success"]]) throws -> String {
        let start: [String: Any] = ["id": "start", "type": "start", "config": ["trigger": "webhook"]]
        let doc: [String: Any] = ["format": "flowcanvas/1", "name": name, "settings": ["outcomes": outcomes],
                                  "nodes": [start] + nodes, "connections": []]
        return String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
    }

    static func controlBytes(_ text: String) -> Int {
        text.utf8.filter { $0 < 0x20 && $0 != 0x0A || $0 == 0x7F }.count
    }

    @Test func controlCharactersInRefusalsAreEscaped() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let cases: [(String, String)] = [
            ("type.json", try Self.document(nodes: [["id": "a", "type": "evil" + Self.evil]])),
            ("id.json", try Self.document(nodes: [["id": "bad" + Self.evil, "type": "end"]])),
            ("kind.json", try Self.document(outcomes: [["name": "done", "kind": "succ" + Self.evil]])),
        ]
        for (file, text) in cases {
            let r = try cli.run(["import", try cli.file(file, text)])
            #expect(r.status == 1, "\(file): \(r.stderr)")
            #expect(Self.controlBytes(r.stderr) == 0, "\(file): \(r.stderr.debugDescription)")
            // A type is refused for its control character; an id or a kind (checked
            // first, for their syntax) is quoted escaped.
            let named = file == "type.json" ? "\"type\" contains the control character U+001B" : "\\x1B[2J\\x1B]0;pwn\\x07\\x00X\\x0AY"
            #expect(r.stderr.contains(named), "\(file): \(r.stderr)")
        }
    }

    @Test func namesLabelsAndIdsWithControlCharactersAreRefusedNamingTheField() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.refused(["import", try cli.file("name.json", try Self.document(name: "pwn\u{1B}[2J"))],
                        status: 1, containing: "the flow name contains the control character U+001B")
        try cli.refused(["import", try cli.file("label.json", try Self.document(nodes: [
            ["id": "a", "type": "end", "label": "L\u{1B}[31mred", "config": ["outcome": "done"]]]))],
                        status: 1, containing: "node 'a': \"label\" contains the control character U+001B")
        try cli.refused(["import", try cli.file("var.json", try Self.document(nodes: [], outcomes: [["name": "d\u{07}", "kind": "success"]]))],
                        status: 1, containing: "settings.outcomes[0].name contains the control character U+0007")
        try cli.ok(["import", try cli.file("ok.json", try Self.document(name: "Fine"))])
        try cli.refused(["save", "Fine", "label.json"], status: 1, containing: "\"label\" contains the control character")
        try cli.refused(["copy", "Fine", "bad\u{1B}name"], status: 2, containing: "the flow name contains the control character U+001B")
        let list = try cli.ok(["list"])
        #expect(Self.controlBytes(list.stdout) == 0)
        #expect(list.stdout.contains("Fine") && !list.stdout.contains("pwn"))
    }

    @Test func longValuesAreCutAndLongListsShortened() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let huge = String(repeating: "T", count: 1_000_000)
        let one = try cli.run(["import", try cli.file("huge.json", try Self.document(nodes: [["id": "a", "type": huge]]))])
        #expect(one.status == 1)
        #expect(one.stderr.utf8.count < 400, "\(one.stderr.utf8.count) bytes")
        #expect(one.stderr.contains(String(repeating: "T", count: 80) + "… (1000000 bytes)"))

        let many = (0..<500).map { ["id": "x\($0)", "type": "bad\($0)"] as [String: Any] }
        let list = try cli.run(["import", try cli.file("many.json", try Self.document(nodes: many))])
        #expect(list.status == 1)
        #expect(list.stderrLines.count == 1 + 20 + 1)
        #expect(list.stderrLines.last == "  and 480 more")
        #expect(list.stderrLines[1] == "  - x0 (bad0)")
    }

    @Test func badDocumentNamesAreContentRefusals() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.refused(["import", try cli.file("empty.json", try Self.document(name: ""))], status: 1, containing: "no name")
        try cli.refused(["import", try cli.file("long.json", try Self.document(name: String(repeating: "N", count: 200)))],
                        status: 1, containing: "at most 100 characters")
        try cli.refused(["import", try cli.file("multi.json", try Self.document(name: "two\nlines"))],
                        status: 1, containing: "the flow name contains the control character U+000A")
        // A bad --name is a usage error, as before.
        try cli.refused(["import", "empty.json", "--name", " "], status: 2, containing: "must not be empty")
    }

    @Test func nonRegularFilesGetTheirRealReasons() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.refused(["import", "/dev/null"], status: 2, containing: "/dev/null: is not a regular file")
        try cli.refused(["import", "/dev/zero"], status: 2, containing: "/dev/zero: is not a regular file")
        let fifo = cli.files.appendingPathComponent("pipe.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try cli.refused(["import", "pipe.json"], status: 2, containing: "pipe.json: is not a regular file")
        let a = cli.files.appendingPathComponent("a.json"), b = cli.files.appendingPathComponent("b.json")
        try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: b.path)
        try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: a.path)
        try cli.refused(["import", "a.json"], status: 2, containing: "a.json: too many symbolic links")
        try cli.refused(["validate", "--file", "/dev/zero"], status: 2, containing: "is not a regular file")
        try cli.refused(["run", "x", "--script", "/dev/zero"], status: 2, containing: "is not a regular file")
    }
}

/// Issue 13, upgrades: a workspace written by the b23465d binary (the schema before this
/// work) opens with today's binary, migrates, and shows everything exactly as that binary
/// printed it.
@Suite struct UpgradeEndToEndTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/workspace-b23465d", isDirectory: true)

    func expected(_ name: String) throws -> String {
        try String(contentsOf: Self.fixture.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func previousSchemaMigratesWithNothingLost() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try FileManager.default.createDirectory(at: cli.workspace, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("workspace.sqlite"),
                                         to: cli.workspace.appendingPathComponent("workspace.sqlite"))
        try FileManager.default.createDirectory(at: cli.workspace.appendingPathComponent("media"),
                                                withIntermediateDirectories: true)
        let checks: [([String], String)] = [
            (["list"], "list.txt"),
            (["apps", "list"], "apps.txt"),
            (["history", "Reminders"], "history-reminders.txt"),
            (["outbox"], "outbox.txt"),
            (["sessions", "Reminders"], "sessions.txt"),
            (["session", "01a220a9-51cb-7f96-b78f-b3028b65ca55"], "session-waiting.txt"),
            (["share", "Reminders", "--status"], "share-status.txt"),
            (["export", "reminders"], "reminders-draft.json"),
            (["export", "reminders", "--version", "1"], "reminders-v1.json"),
            (["export", "order-status"], "order-status-draft.json"),
            (["export", "order-status", "--version", "1"], "order-status-v1.json"),
            (["export", "menu"], "menu-draft.json"),
        ]
        for (args, file) in checks {
            let r = try cli.ok(args)
            #expect(r.stdout == (try expected(file)), "flowcanvas \(args.joined(separator: " ")) differs from \(file)")
        }
        // The migrated workspace takes writes: a new link stores its port, a draft goes live.
        let pw = try cli.file("pw", "another-secret\n")
        try cli.ok(["share", "Reminders", "--password-file", pw, "--port", "18702"])
        #expect(try cli.ok(["share", "Reminders", "--status"]).stdout.contains("http://127.0.0.1:18702/share/"))
        try cli.ok(["make-live", "Reminders", "--comment", "after the upgrade"])
        #expect(try cli.ok(["history", "Reminders"]).stdout.contains("after the upgrade"))
    }

    @Test func shareStatusPrintsThePortTheLinkWasMadeWith() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["new", "S"])
        let pw = try cli.file("pw", "password-123\n")
        let made = try cli.ok(["share", "S", "--password-file", pw, "--port", "18701"])
        let status = try cli.ok(["share", "S", "--status"])
        #expect(status.stdout.hasSuffix(made.stdout), "\(status.stdout) vs \(made.stdout)")
        #expect(status.stdout.contains(":18701/share/"))
        // A port given with --status wins: it is where serve listens now (ShareBrowserTests
        // opens the link of a serve on a free port this way).
        let moved = try cli.ok(["share", "S", "--status", "--port", "18799"])
        #expect(moved.stdout.contains(":18799/share/") && !moved.stdout.contains(":18701/"), "\(moved.stdout)")
    }
}
