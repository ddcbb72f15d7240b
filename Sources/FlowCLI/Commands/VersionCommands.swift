import ArgumentParser
import FlowKit
import Foundation

// save, validate, make-live, edit, history, diff.

struct SaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Replace the working draft with a flowcanvas/1 file and print the findings.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Argument(help: "The document file.") var file: String
    @Option(help: "Refuse (exit 1) unless the draft is still at this revision (0: no draft).")
    var expectRevision: Int?

    func run() throws {
        let ws = try global.open()
        let result = try ws.saveDraft(flow, file: CLIArguments.fileURL(file), expectedRevision: expectRevision)
        Output.out("Saved the working draft of '\(try ws.flow(flow).name)': revision \(result.revision)\n")
        Output.out(CLIText.findings(result.report))
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a flow (or a file); exit 1 when there are errors.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String?
    @Option(help: "Check this version.") var version: Int?
    @Option(help: "Check a flowcanvas/1 file (or what import would make of a Twilio Studio definition) instead of a stored flow.")
    var file: String?
    @Option(help: ArgumentHelp("With --file on a Twilio Studio definition: the Trigger event to start on when several are connected (as import --trigger).",
                               valueName: "event"))
    var trigger: String?
    @Flag(help: "JSON output.") var json = false

    func validate() throws {
        if (flow == nil) == (file == nil) {
            throw ValidationError("give either a FLOW or --file FILE")
        }
        if file != nil && version != nil {
            throw ValidationError("--version applies to a stored flow, not --file")
        }
        if file == nil && trigger != nil {
            throw ValidationError("--trigger goes with --file on a Twilio Studio definition, not a stored flow")
        }
    }

    func run() throws {
        let report: ValidationReport
        if let file {
            let url = CLIArguments.fileURL(file)
            let data = try Workspace.readFile(url)
            if TwilioStudioImport.recognizes(data) {
                // What `import` would make of a Studio definition, checked; nothing is stored.
                let options = StudioImportOptions(fallbackName: Workspace.baseName(of: url), trigger: trigger)
                do { report = Validator().validate(try TwilioStudioImport.translate(data, options: options).document) } catch {
                    throw WorkspaceError.importRefused(error)
                }
            } else {
                if trigger != nil {
                    throw WorkspaceError.invalidArgument("\(file) is not a Twilio Studio definition: --trigger is for those")
                }
                report = Validator().validate(try Workspace.loadDocument(data: data))
            }
        } else {
            do {
                report = try global.open().validate(flow!, CLIArguments.documentRef(version: version))
            } catch WorkspaceError.noSuchFlow(let name) where FileManager.default.fileExists(atPath: name) {
                throw WorkspaceError.invalidArgument("no flow named '\(name)'; to check the file: flowcanvas validate --file \(name)")
            }
        }
        Output.out(json ? CLIJSON.validation(report) : CLIText.findings(report))
        if !report.isValid { throw Refused() }
    }
}

struct MakeLiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-live", abstract: "Turn the working draft into the next version and run it.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "What changed.") var comment = ""
    @Option(name: .customLong("set"), help: ArgumentHelp("Value of an externalized variable.", valueName: "var=value"))
    var values: [String] = []
    @Option(name: .customLong("app"), help: ArgumentHelp("App sending on a channel (default outbox).", valueName: "channel=app"))
    var apps: [String] = []
    @Option(help: "Refuse (exit 1) unless the working draft is still at this revision (nobody saved it since).")
    var expectRevision: Int?

    func run() throws {
        let ws = try global.open()
        let request = MakeLiveRequest(comment: comment,
                                      apps: try CLIArguments.keyValues(apps, option: "--app"),
                                      variables: try CLIArguments.keyValues(values, option: "--set"),
                                      expectedRevision: expectRevision)
        do {
            let version = try ws.makeLive(flow, request)
            Output.out(CLIText.madeLive(try ws.flow(flow).name, version))
        } catch let WorkspaceError.validationFailed(name, report) {
            Output.out(CLIText.findings(report))
            throw WorkspaceError.validationFailed(flow: name, report: report)
        }
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Start a working draft branched from version N.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "The version to branch from.") var from: Int
    @Flag(help: "Replace an existing working draft.") var discardDraft = false

    func run() throws {
        let stored = try global.open().editVersion(flow, version: from, discardDraft: discardDraft)
        Output.out("New working draft of '\(stored.document.name)' from v\(from): revision \(stored.draftRevision)\n")
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The working draft and every version, newest first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let ws = try global.open()
        let entries = try ws.history(flow)
        Output.out(json ? CLIJSON.history(entries) : CLIText.history(try ws.flow(flow), entries))
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "What changed between two versions or a version and the draft.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Argument(help: "A version number or 'draft'.") var a: String
    @Argument(help: "A version number or 'draft'.") var b: String
    @Flag(help: "JSON output (the same as --format json).") var json = false
    @Option(help: "text, json, unified (a patch of the canonical exports) or markdown (a review summary).")
    var format: DiffFormat = .text

    func validate() throws {
        if json && format != .text && format != .json { throw ValidationError("--json and --format \(format) disagree") }
    }

    func run() throws {
        let from = try CLIArguments.documentRef(a), to = try CLIArguments.documentRef(b)
        let ws = try global.open()
        switch json ? .json : format {
        case .text: Output.out(CLIText.diff(try ws.diff(flow, from: from, to: to), from: from, to: to))
        case .json: Output.out(CLIJSON.diff(try ws.diff(flow, from: from, to: to)))
        case .unified:
            let (old, new) = try ws.documents(flow, from, to)
            let id = try ws.flow(flow).id
            Output.out(UnifiedDiff.between(old, new, oldName: "a/\(id).json\t\(from.shortName)",
                                             newName: "b/\(id).json\t\(to.shortName)"))
        case .markdown:
            let (old, new) = try ws.documents(flow, from, to)
            Output.out(ReviewMarkdown.summary(old, new, from: from.shortName, to: to.shortName))
        }
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, unified, markdown
}
