import ArgumentParser
import FlowKit
import Foundation

/// `import --from twilio-studio FILE [--name NAME] [--drop-unsupported] [--trigger EVENT] [--json]`:
/// the options of a Studio import, kept apart from the plain import's.
struct StudioImportArguments: ParsableArguments {
    enum Source: String, ExpressibleByArgument, CaseIterable {
        case flowcanvas
        case twilioStudio = "twilio-studio"
    }

    @Option(help: "Format of FILE: flowcanvas or twilio-studio (default: recognized from its content, as the editor's import does).")
    var from: Source?
    @Flag(help: "Twilio Studio: leave out widgets that have no equivalent (and the transitions into and out of them) instead of refusing.")
    var dropUnsupported = false
    @Option(help: ArgumentHelp("Twilio Studio: the Trigger event to start on when several are connected (incomingMessage, incomingCall, incomingRequest, ...).",
                               valueName: "event"))
    var trigger: String?
    @Flag(help: "Twilio Studio: print the import report as JSON.") var json = false

    /// Runs a Studio import of `data` (read from `file`) and returns true, or returns false
    /// for a flowcanvas/1 import (refusing Studio-only options there).
    func run(data: Data, file: String, name: String?, global: GlobalOptions) throws -> Bool {
        let studioOptions = dropUnsupported || trigger != nil || json
        let isStudio: Bool
        switch from {
        case .twilioStudio?:
            isStudio = true
        case .flowcanvas?:
            if studioOptions {
                throw WorkspaceError.invalidArgument("--drop-unsupported, --trigger and --json go with --from twilio-studio")
            }
            isStudio = false
        case nil:
            // A Studio definition (top-level states and initial_state) needs no --from.
            isStudio = TwilioStudioImport.recognizes(data)
            if !isStudio && studioOptions {
                throw WorkspaceError.invalidArgument("\(file) is not a Twilio Studio definition: --drop-unsupported, --trigger and --json are for those")
            }
        }
        guard isStudio else { return false }
        let url = CLIArguments.fileURL(file)
        let options = StudioImportOptions(name: name, fallbackName: Workspace.baseName(of: url),
                                          dropUnsupported: dropUnsupported, trigger: trigger)
        let workspace = try global.open()
        let (flow, report) = try workspace.importStudioFlow(data, options: options)
        if json {
            Output.out(CLIJSON.studioImport(report, flow: flow))
        } else {
            // What the imported flow still needs before Make Live, where it is said at once
            // (e.g. the number a Start answers on: Studio keeps it in the Twilio console).
            let toFix = (try? workspace.document(flow.id, .draft)).map {
                CLIText.toFixAfterImport(Validator().validate($0.document), of: $0.document, flowID: flow.id)
            }
            Output.out(CLIText.studioImport(report) + (toFix ?? ""))
        }
        return true
    }
}
