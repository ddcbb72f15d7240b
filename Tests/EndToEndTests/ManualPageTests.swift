import Foundation
import Testing

/// docs/flowcanvas.1 (swift-argument-parser's generate-manual plugin, `scripts/generate-docs`)
/// against the built binary's own command tree (`--experimental-dump-help`, what the plugin
/// reads), and rendered by `man`.
@Suite struct ManualPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var page: URL { repository.appendingPathComponent("docs/flowcanvas.1") }

    /// What the binary says about itself: every (sub)command's name and abstract, every
    /// shown option's long names and help.
    struct CommandTree {
        var commands: [(name: String, abstract: String)] = []
        var longNames: Set<String> = []
        var help: [String] = []

        init(dump: Any) throws {
            let root = try #require((dump as? [String: Any])?["command"] as? [String: Any])
            walk(root, isRoot: true)
        }

        private mutating func walk(_ command: [String: Any], isRoot: Bool) {
            if !isRoot {
                commands.append((command["commandName"] as? String ?? "", command["abstract"] as? String ?? ""))
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool ?? true {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    longNames.insert(name["name"] as? String ?? "")
                }
                if let abstract = argument["abstract"] as? String, !abstract.isEmpty { help.append(abstract) }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, isRoot: false) }
        }
    }

    @Test func theManPageHasEveryCommandOptionAndHelpTextOfTheBinaryAndNoOthers() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let dump = try cli.run(["--experimental-dump-help"], workspaceOption: false)
        #expect(dump.status == 0, "\(dump.stderr)")
        let tree = try CommandTree(dump: try dump.json())
        #expect(tree.commands.count > 25)
        let page = try String(contentsOf: Self.page, encoding: .utf8)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let stale = "docs/flowcanvas.1 is stale: run scripts/generate-docs"

        // Commands: `.It Em NAME`, followed by the abstract.
        let pageCommands = lines.filter { $0.hasPrefix(".It Em ") }.map { String($0.dropFirst(".It Em ".count)) }
        #expect(pageCommands.sorted() == tree.commands.map(\.name).sorted(), "\(stale)")
        for command in tree.commands where !command.abstract.isEmpty {
            let followed = zip(lines, lines.dropFirst()).contains { $0 == ".It Em \(command.name)" && $1 == command.abstract }
            // generate-manual drops every non-ASCII character, so help texts stay ASCII.
            #expect(followed, "\(command.name): '\(command.abstract)' is not in the page (\(stale); help must be ASCII)")
        }
        // Options: `.It Fl o , -output Ar output` names `--output`.
        let pageOptions = Set(lines.filter { $0.hasPrefix(".It Fl ") }.flatMap { line in
            line.split(separator: " ").filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) }
        })
        #expect(pageOptions == tree.longNames,
                "\(stale): only in the page \(pageOptions.subtracting(tree.longNames).sorted()), only in the binary \(tree.longNames.subtracting(pageOptions).sorted())")
        for help in tree.help {
            #expect(lines.contains(help), "help '\(help)' is not in the page (\(stale); help must be ASCII)")
        }
    }

    @Test func manRendersThePage() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let man = try #require(["/usr/bin/man", "/bin/man"].first { FileManager.default.isExecutableFile(atPath: $0) },
                               "man is not installed (scripts/test installs man-db)")
        var env = ProcessInfo.processInfo.environment
        env["MANWIDTH"] = "80"
        env["LANG"] = "C.UTF-8"
        // -l: the file, not the database; -P cat: no pager; groff's warnings go to stderr.
        let r = try cli.program(URL(fileURLWithPath: man), ["-l", "-P", "cat", Self.page.path], environment: env)
        #expect(r.status == 0, "man exited \(r.status): \(r.stderr)")
        #expect(r.stderr.isEmpty, "man warned: \(r.stderr)")
        #expect(r.stdout.hasPrefix("FLOWCANVAS(1)"))
        #expect(r.stdout.contains("flowcanvas — Build, version and run customer-interaction flows."))
        #expect(r.stdout.contains("--workspace dir"))
        #expect(r.stdout.contains("serve   Run every live flow of the workspace"))
    }
}
