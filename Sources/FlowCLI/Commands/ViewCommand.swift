import ArgumentParser
import FlowEditor
import FlowKit
import FlowShare
import Foundation

struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Open a shared flow (a 'flowcanvas share' link) read-only in the terminal.")
    @Argument(help: "The share link, http://HOST:PORT/share/TOKEN.") var url: String
    @Option(name: .customLong("password-file"), help: ArgumentHelp(
        "Read the password from this file instead of asking.", valueName: "file"))
    var passwordFile: String?
    @Flag(help: "Print the shared flow's document (canonical JSON) instead of opening it.") var json = false

    func run() throws {
        try reportingShareErrors {
            let link = try ShareLink(parsing: url)
            // Fail before asking anything when there is nowhere to show the flow.
            if !json && (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) { throw ShareError.viewerNeedsTerminal }
            let password = try passwordFile.map { path throws(ShareError) in try PasswordInput.read(fromFile: path) }
                ?? PasswordInput.prompt("Password: ", hint: "use --password-file FILE")
            let document = try blockingAsync { () async throws(ShareError) -> FlowDocument in
                try await ShareClient().fetch(link, password: password)
            }
            if json {
                Output.out(FlowCodec.exportJSON(document))
            } else {
                try ViewCommand.openReadOnly(document: document)
            }
        }
    }

    /// Opens `document` in the editor's canvas, read-only, until the user quits.
    static func openReadOnly(document: FlowDocument) throws {
        try EditorLaunch.run { try FlowEditorApp.runShared(document: document) }
    }
}
