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
        // Read the file before opening the workspace: a bad path is the first thing to report.
        let data = try Workspace.readFile(CLIArguments.fileURL(file))
        if try studio.run(data: data, file: file, name: name, global: global) { return }
        let ws = try global.open()
        let flow = try ws.importFlow(data, name: name)
        Output.out("Imported '\(flow.name)' (id \(flow.id)); working draft revision \(flow.draftRevision ?? 1)\n")
        Output.out(CLIText.findings(try ws.validate(flow.id)))
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
    @Option(help: ArgumentHelp("Only these nodes (comma-separated ids), with the connectors between them and their notes: a fragment for 'flowcanvas paste'.", valueName: "ids"))
    var nodes: String?

    func validate() throws {
        if nodes != nil && format != .json { throw ValidationError("--nodes writes a flowcanvas/1 fragment: use it with --format json") }
        if let nodes, CLIArguments.list(nodes).isEmpty { throw ValidationError("--nodes needs at least one node id") }
    }

    func run() throws {
        let ws = try global.open()
        let ref = try CLIArguments.documentRef(version: version)
        let text: String
        if let nodes {
            text = try ws.exportFragment(flow, ref, nodes: CLIArguments.list(nodes))
        } else {
            text = try ws.export(flow, ref, format: format)
        }
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

struct PasteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paste",
        abstract: "Add a flowcanvas/1 fragment (e.g. from 'export --nodes') to a flow's working draft.",
        discussion: """
            Ids that are taken get fresh ones and $(old.field) references follow; connectors to nodes \
            outside the fragment are dropped and counted; node types the flow's kind does not allow \
            refuse the paste. Nothing changes on a refusal.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Argument(help: "The fragment file (flowcanvas/1 JSON).") var file: String
    @Option(help: ArgumentHelp("Put the fragment's top-left node at this grid cell.", valueName: "x,y")) var at: String?
    @Option(help: "Refuse (exit 1) unless the draft is still at this revision (0: no draft).")
    var expectRevision: Int?

    func validate() throws {
        if let at, CLIArguments.point(at) == nil { throw ValidationError("--at takes X,Y, e.g. --at 40,12") }
    }

    func run() throws {
        let ws = try global.open()
        let text = try CLIArguments.readText(file)
        let (result, pasted) = try ws.pasteFragment(flow, text: text, at: at.flatMap(CLIArguments.point),
                                                    expectedRevision: expectRevision)
        Output.out("\(pasted.summary) into '\(try ws.flow(flow).name)': revision \(result.revision)\n")
        for (old, new) in pasted.renamed.sorted(by: { $0.key < $1.key }) { Output.out("  \(old) → \(new)\n") }
        Output.out(CLIText.findings(result.report))
    }
}
