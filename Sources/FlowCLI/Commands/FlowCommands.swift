import ArgumentParser
import FlowKit
import Foundation

// new, templates, list, show, copy, delete, pause, resume.

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a flow from a template.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Name of the new flow.") var name: String
    @Option(help: "Template to start from (see 'flowcanvas templates'); default blank.") var template: String?
    @Flag(help: "A voice flow.") var voice = false

    func run() throws {
        let ws = try global.open()
        let flow = try ws.createFlow(named: name, template: template, voice: voice)
        Output.out("Created \(flow.kind.rawValue) flow '\(flow.name)' (id \(flow.id)); working draft revision \(flow.draftRevision ?? 1)\n")
        // What the template leaves to fill in, as `save` prints it: the next step is in sight.
        // A voice flow gets the voice compile, so a template's media folder that does not
        // exist yet says the `media create` command that makes it.
        Output.out(CLIText.findings(flow.kind == .voice ? try ws.compile(flow.id) : try ws.validate(flow.id)))
    }
}

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "List the flow templates.")
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        Output.out(json ? CLIJSON.templates(FlowTemplates.all) : CLIText.templates(FlowTemplates.all))
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the flows.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let flows = try global.open().flows()
        Output.out(json ? CLIJSON.list(flows) : CLIText.list(flows))
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a flow: its working draft, else its live version, or version N.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Show this version.") var version: Int?
    @Flag(help: "JSON output: the document plus revision and version.") var json = false

    func run() throws {
        let ws = try global.open()
        let stored = try ws.document(flow, CLIArguments.documentRef(version: version))
        Output.out(json ? CLIJSON.show(stored) : CLIText.show(try ws.flow(flow), stored))
    }
}

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy a flow's draft (or newest version) into a new flow.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Argument(help: "Name of the copy.") var newName: String

    func run() throws {
        let copy = try global.open().copyFlow(flow, to: newName)
        Output.out("Copied to '\(copy.name)' (id \(copy.id)); working draft revision \(copy.draftRevision ?? 1)\n")
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a flow with its draft and every version.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Flag(help: "Confirm the deletion.") var yes = false

    func run() throws {
        guard yes else {
            throw WorkspaceError.invalidArgument("deleting '\(flow)' cannot be undone; confirm with --yes")
        }
        let ws = try global.open()
        let summary = try ws.flow(flow)
        try ws.deleteFlow(summary.id)
        Output.out("Deleted '\(summary.name)'\n")
    }
}

struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Stop a live flow starting new sessions.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String

    func run() throws {
        let f = try global.open().pause(flow)
        Output.out("'\(f.name)' is paused (live v\(f.liveVersion ?? 0))\n")
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Let a paused live flow start sessions again.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String

    func run() throws {
        let f = try global.open().resume(flow)
        Output.out("'\(f.name)' is running (live v\(f.liveVersion ?? 0))\n")
    }
}
