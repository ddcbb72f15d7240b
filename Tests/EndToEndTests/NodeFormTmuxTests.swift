import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The node form at a real terminal (issue 9): `$EDITOR` owning the terminal, bracketed
/// paste, findings before any save and `NO_COLOR`, with the real binary under tmux.
@Suite(.serialized) struct NodeFormTmuxTests {
    static let document = """
    {"format": "flowcanvas/1", "name": "Form e2e",
     "nodes": [
      {"id": "start", "type": "start", "label": "Incoming", "x": 2, "y": 2,
       "config": {"trigger": "inbound-message", "channel": "sms", "address": "+15550100"}},
      {"id": "lookup", "type": "http-request", "label": "Lookup parcel", "x": 2, "y": 10, "config": {"method": "GET"}},
      {"id": "reply", "type": "send", "label": "Reply", "x": 30, "y": 10,
       "config": {"channel": "sms", "to": "$(start.from)", "message": "Hello world"}}
     ],
     "connections": [{"from": "start", "outcome": "next", "to": "lookup"},
                     {"from": "lookup", "outcome": "success", "to": "reply"}]}
    """


    /// Imports the document and opens the editor on it in a tmux pane, with `environment`
    /// (e.g. `EDITOR=…`) on the command line.
    func openEditor(_ cli: CLIHarness, _ tmux: TmuxSession, environment: String = "") throws {
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        try cli.ok(["import", try cli.file("form.json", Self.document)])
        let home = cli.root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let command = "env -u FLOWCANVAS_HOME -u VISUAL -u NO_COLOR HOME=\(shellQuote(home)) LANG=C.UTF-8 TERM=xterm-256color USER=e2e \(environment) "
            + "\(shellQuote(exe.path)) --workspace \(shellQuote(cli.workspace.path)) open 'Form e2e'"
        try tmux.start(command: command)
        try tmux.waitFor("Working Draft")
    }

    /// Jumps to the Reply node, opens its form and puts the focus on Message.
    func openReplyMessage(_ tmux: TmuxSession) throws {
        try tmux.keys(":")
        try tmux.text("goto reply")
        try tmux.keys("Enter")
        try tmux.waitFor("31,11")
        try tmux.keys("Enter")
        try tmux.waitFor("Send Message · reply")
        try tmux.keys("Tab", "Tab", "Tab", "Tab")
    }

    func storedMessage(_ cli: CLIHarness) throws -> String? {
        let shown = try #require(try cli.ok(["show", "Form e2e", "--json"]).json() as? [String: Any])
        let nodes = try #require(shown["nodes"] as? [[String: Any]])
        return (nodes.first { $0["id"] as? String == "reply" }?["config"] as? [String: Any])?["message"] as? String
    }

    @Test func viEditsTheMessageWithRealKeysAndTheExactTextLands() throws {
        try requireTmux()
        let vi = try #require(["/usr/bin/vim.tiny", "/usr/bin/vi", "/usr/bin/vim"].first { FileManager.default.isExecutableFile(atPath: $0) },
                              "vi is not installed (.ci/run installs vim-tiny)")
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try openEditor(cli, tmux, environment: "EDITOR=\(vi)")
        try openReplyMessage(tmux)
        try tmux.keys("C-x", "C-e")
        // vi owns the screen: its empty-line markers replace the editor's drawing.
        try tmux.waitFor("~")
        try tmux.text(":s/world/from vi/")
        try tmux.keys("Enter")
        try tmux.waitFor("Hello from vi")
        try tmux.text(":wq")
        try tmux.keys("Enter")
        // Back in the form, redrawn, with the text vi wrote and nothing typed by terminal replies.
        let form = try tmux.waitFor("Send Message · reply")
        #expect(form.contains("Hello from vi"))
        try tmux.keys("C-s")
        try tmux.waitFor("updated Reply")
        try tmux.keys("s")
        try tmux.waitFor("saved (revision 2)")
        #expect(try storedMessage(cli) == "Hello from vi", "exactly the text vi wrote, without its trailing newline")
        try tmux.keys("q")
        #expect(tmux.waitForExit())
    }

    @Test func theEditorRunsAsTheTerminalsForegroundJob() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        // The script writes what it finds into the file it edits: its process group against
        // the terminal's foreground group (from /proc, no ps needed), and whether its
        // stdin and stdout are a terminal.
        let script = try cli.file("check-foreground.sh", """
        #!/bin/sh
        set -- "$1" $(cat /proc/$$/stat | sed 's/^.*) //')
        file=$1; pgrp=$4; tpgid=$7
        if [ "$pgrp" = "$tpgid" ] && [ -t 0 ] && [ -t 1 ]; then verdict=foreground-tty; else verdict="background pgrp=$pgrp tpgid=$tpgid"; fi
        printf '%s\\n' "$verdict" > "$file"
        """)
        chmod(script, 0o755)
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try openEditor(cli, tmux, environment: "VISUAL=\(shellQuote(script))")
        try openReplyMessage(tmux)
        try tmux.keys("C-x", "C-e")
        let screen = try tmux.waitFor("ground", timeout: 20)
        #expect(screen.contains("foreground-tty"), "the editor ran in the terminal's foreground process group on the tty:\n\(screen)")
        #expect(screen.contains("Send Message · reply"))
    }

    @Test func aBracketedPasteIsTextNeverKeys() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try openEditor(cli, tmux)
        try openReplyMessage(tmux)
        // Two lines with an Escape and a Ctrl-S inside: as keys they would cancel or apply.
        try tmux.tmux(["set-buffer", "-b", "p", "Line one\u{1B}\u{13}\nLine two"])
        try tmux.keys("C-e")
        try tmux.tmux(["paste-buffer", "-p", "-b", "p", "-t", tmux.name])
        let pasted = try tmux.waitFor("Line two")
        #expect(pasted.contains("Send Message · reply"), "the form is still open: the pasted Esc and ^S were not keys")
        #expect(pasted.contains("Hello worldLine one"))
        // In the one-line Label field a pasted newline is a space and does not apply the form.
        try tmux.keys("BTab", "BTab", "BTab", "BTab")
        try tmux.keys("C-e")
        try tmux.tmux(["set-buffer", "-b", "q", " A\nB"])
        try tmux.tmux(["paste-buffer", "-p", "-b", "q", "-t", tmux.name])
        let label = try tmux.waitFor("Reply A B")
        #expect(label.contains("Send Message · reply"))
        try tmux.keys("C-s")
        try tmux.waitFor("updated Reply")
        try tmux.keys("s")
        try tmux.waitFor("saved (revision 2)")
        #expect(try storedMessage(cli) == "Hello worldLine one\nLine two", "control characters in a paste are dropped")
    }

    @Test func aKnownErrorShowsInThePaneBeforeAnySave() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try openEditor(cli, tmux)
        // No key pressed: the flow's findings are there from the start, named by label.
        let screen = try tmux.waitFor("✖ Lookup parcel: URL is req")
        #expect(!screen.contains("Save (s) to check"))
    }

    /// Every SGR sequence's parameters in a `capture-pane -e` screen.
    static func sgrParameters(_ screen: String) -> [[Int]] {
        var out: [[Int]] = []
        var rest = Substring(screen)
        while let esc = rest.range(of: "\u{1B}[") {
            rest = rest[esc.upperBound...]
            guard let m = rest.firstIndex(where: { !"0123456789;:".contains($0) }) else { break }
            if rest[m] == "m" {
                out.append(rest[..<m].split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) })
            }
            rest = rest[m...]
        }
        return out
    }

    static func hasColour(_ params: [Int]) -> Bool {
        // 39 and 49 reset to the terminal's own colours: not colour.
        params.contains { ((30...49).contains($0) && $0 != 39 && $0 != 49) || (90...107).contains($0) }
    }

    @Test func noColorWritesNoColourCodes() throws {
        try requireTmux()
        for noColor in [false, true] {
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try openEditor(cli, tmux, environment: noColor ? "NO_COLOR=1" : "")
            try tmux.waitFor("URL is req")
            let styled = try tmux.styledScreen()
            let sgr = Self.sgrParameters(styled)
            if noColor {
                #expect(!sgr.contains(where: Self.hasColour), "NO_COLOR=1 wrote colour: \(sgr.filter(Self.hasColour).prefix(5))")
                #expect(sgr.contains { $0.contains(1) || $0.contains(7) }, "bold and reverse still mark things")
            } else {
                #expect(sgr.contains(where: Self.hasColour), "without NO_COLOR the same screen has colour (the check can fail)")
            }
        }
    }
}
