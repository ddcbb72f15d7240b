import Foundation
import Testing

/// `scripts/install --prefix DIR` with the binary the tests built: what it puts where, and
/// that the installed binary still works after the whole prefix is moved (its catalog,
/// templates and help text are compiled in; nothing is looked up beside the build folder).
@Suite struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func installsBinaryManPageAndCompletionsAndTheBinaryRunsFromAMovedPrefix() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let built = try #require(CLIHarness.binary, "flowcanvas binary not found next to the tests; run swift build")
        let script = Self.repository.appendingPathComponent("scripts/install")
        let first = cli.root.appendingPathComponent("prefix")
        let bash = URL(fileURLWithPath: "/bin/bash")

        let install = try cli.program(script, ["--prefix", first.path, "--binary", built.path])
        #expect(install.status == 0, "scripts/install exited \(install.status): \(install.stderr)")
        #expect(install.stdout.hasPrefix("installed flowcanvas "), "\(install.stdout)")
        let files = ["bin/flowcanvas", "share/man/man1/flowcanvas.1", "share/bash-completion/completions/flowcanvas",
                     "share/zsh/site-functions/_flowcanvas", "share/fish/vendor_completions.d/flowcanvas.fish"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: first.appendingPathComponent(file).path), "\(file) was not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: first.appendingPathComponent("bin/flowcanvas").path))
        let manPage = try Data(contentsOf: first.appendingPathComponent("share/man/man1/flowcanvas.1"))
        #expect(manPage == (try Data(contentsOf: Self.repository.appendingPathComponent("docs/flowcanvas.1"))))
        // The completions are the binary's own and valid shell.
        let bashCompletion = first.appendingPathComponent("share/bash-completion/completions/flowcanvas")
        #expect(try String(contentsOf: bashCompletion, encoding: .utf8).contains("make-live"))
        #expect(try cli.program(bash, ["-n", bashCompletion.path]).status == 0)
        // bash runs the completion function, and it offers the subcommands.
        let complete = try cli.program(bash, ["-c", """
            source '\(bashCompletion.path)'
            COMP_WORDS=(flowcanvas ser); COMP_CWORD=1; COMP_LINE='flowcanvas ser'; COMP_POINT=${#COMP_LINE}
            _flowcanvas; printf '%s\\n' "${COMPREPLY[@]}"
            """])
        #expect(complete.stdout.split(separator: "\n").contains("serve"), "bash completion offered: \(complete.stdout) \(complete.stderr)")

        // Again into the same prefix: idempotent.
        #expect(try cli.program(script, ["--prefix", first.path, "--binary", built.path]).status == 0)

        // Move the whole prefix; the binary keeps working, resources included.
        let moved = cli.root.appendingPathComponent("elsewhere/moved")
        try FileManager.default.createDirectory(at: moved.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: first, to: moved)
        let exe = moved.appendingPathComponent("bin/flowcanvas")
        var env = ProcessInfo.processInfo.environment
        env["FLOWCANVAS_HOME"] = nil
        env["USER"] = "e2e"
        let ws = cli.root.appendingPathComponent("ws-installed").path
        let version = try cli.program(exe, ["--version"], environment: env)
        #expect(version.status == 0 && version.stdout.hasPrefix("flowcanvas ") && version.stdout.contains("node catalog: "),
                "\(version.stdout) \(version.stderr)")
        let templates = try cli.program(exe, ["templates"], environment: env)
        #expect(templates.status == 0 && templates.stdout.contains("order-status"), "\(templates.stdout) \(templates.stderr)")
        let new = try cli.program(exe, ["--workspace", ws, "new", "Orders", "--template", "order-status"], environment: env)
        #expect(new.status == 0, "\(new.stderr)")
        let show = try cli.program(exe, ["--workspace", ws, "show", "Orders", "--json"], environment: env)
        #expect(show.status == 0 && show.stdout.contains("\"http-request\""), "\(show.stderr)")
        let format = try cli.program(exe, ["reference", "format"], environment: env)
        let committed = try String(contentsOf: Self.repository.appendingPathComponent("docs/format.md"), encoding: .utf8)
        #expect(format.status == 0 && format.stdout == committed, "the moved binary's catalog differs from docs/format.md")
    }

    @Test func badArgumentsAndAnUnwritablePrefixAreRefusedWithNothingInstalled() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let script = Self.repository.appendingPathComponent("scripts/install")
        let noPrefix = try cli.program(script, [])
        #expect(noPrefix.status == 2 && noPrefix.stderr.contains("usage: scripts/install --prefix DIR"))
        let notExecutable = try cli.program(script, ["--prefix", cli.root.appendingPathComponent("p").path,
                                                     "--binary", Self.repository.appendingPathComponent("README.md").path])
        #expect(notExecutable.status == 2 && notExecutable.stderr.contains("is not an executable file"), "\(notExecutable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.root.appendingPathComponent("p").path))
        // A prefix under a regular file cannot be made.
        let file = try cli.file("plain", "x")
        let built = try #require(CLIHarness.binary)
        let blocked = try cli.program(script, ["--prefix", file + "/sub", "--binary", built.path])
        #expect(blocked.status == 2 && blocked.stderr.contains("cannot write to"), "\(blocked.stderr)")
    }
}
