import ArgumentParser
import FlowKit
import Foundation

// import, export, compile, prompts.

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Create a flow from a flowcanvas/1 file or a Twilio Studio definition (refused whole if any part is not supported).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The document file.") var file: String
    @Option(help: "Name of the new flow (default: the document's name).") var name: String?
    @OptionGroup var studio: StudioImportArguments

    func run() throws {
        if try studio.run(file: file, name: name, global: global) { return }
        let url = CLIArguments.fileURL(file)
        // Read the file before opening the workspace: a bad path is the first thing to report.
        let data = try Workspace.readFile(url)
        let flow = try global.open().importFlow(data, name: name)
        Output.out("Imported '\(flow.name)' (id \(flow.id)); working draft revision \(flow.draftRevision ?? 1)\n")
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a flow's draft (or version N) as JSON, Mermaid or DOT.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Export this version.") var version: Int?
    @Option(help: "json, mermaid or dot.") var format: ExportFormat = .json
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let text = try global.open().export(flow, CLIArguments.documentRef(version: version), format: format)
        if let output {
            try CLIArguments.write(text, to: output)
        } else {
            Output.out(text)
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Voice: check every prompt in every required language.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Compile this version.") var version: Int?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let report = try global.open().compile(flow, CLIArguments.documentRef(version: version))
        Output.out(json ? CLIJSON.validation(report) : CLIText.findings(report))
        if !report.isValid { throw Refused() }
    }
}

struct PromptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts", abstract: "Voice: which prompt exists in which language.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Use this version.") var version: Int?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let table = try global.open().promptTable(flow, CLIArguments.documentRef(version: version))
        Output.out(json ? CLIJSON.prompts(table) : CLIText.prompts(table))
    }
}
