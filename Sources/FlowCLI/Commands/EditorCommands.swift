import ArgumentParser
import FlowEditor
import FlowKit
import Foundation
import TerminalUI

// The editor entry points: `flowcanvas` (flow list) and `flowcanvas open FLOW`.

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open a flow on the canvas: its working draft, or version N read-only.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Flow name or id.") var flow: String
    @Option(help: "Show this version, read-only.") var version: Int?

    func run() throws {
        let ws = try global.open()
        try EditorLaunch.run { try FlowEditorApp.runCanvas(workspace: ws, flow: flow, version: version) }
    }
}

enum EditorLaunch {
    /// stdin and stdout are both terminals.
    static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Runs the editor; a terminal that cannot host it is one line and exit 2.
    static func run(_ body: () throws -> Int32) throws {
        do {
            let code = try body()
            if code != 0 { throw Refused(code: code) }
        } catch let error as TerminalError {
            // One line; the preflight's own wording may already start with the program name.
            let text = error.description.hasPrefix("flowcanvas ") ? error.description : "flowcanvas: \(error.description)"
            Output.err(text + "\n")
            exit(error.exitCode)
        }
    }
}
