import ArgumentParser
import FlowKit
import Foundation

// log, blame (issue 17: reviewing a flow's history).

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "One line per version, newest first, with its node counts (+added -removed ~changed).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let entries = try global.open().versionLog(flow)
        Output.out(json ? CLIJSON.log(entries) : CLIText.log(entries))
    }
}

struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame", abstract: "Which version last added or changed each node, by whom and why.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "A version number or 'draft' (default: the newest version).") var version: String?
    @Flag(help: "Also list nodes deleted earlier, with the version that removed them.") var deleted = false
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let ref = try version.map { try CLIArguments.documentRef($0) }
        let blame = try global.open().blame(flow, at: ref)
        Output.out(json ? CLIJSON.blame(blame, deleted: deleted) : CLIText.blame(blame, deleted: deleted))
    }
}
