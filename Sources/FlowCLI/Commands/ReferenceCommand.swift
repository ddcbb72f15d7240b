import ArgumentParser
import FlowEditor
import FlowKit

/// Prints a reference document generated from the binary's own tables (the same text
/// as docs/*.md, which scripts/generate-docs writes with this command).
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print a reference document: the flow format, the validation findings or the editor's keys (Markdown).")

    enum Topic: String, ExpressibleByArgument, CaseIterable {
        case format, validation, keys
    }

    @Argument(help: "format (the flowcanvas/1 document and every node type), validation (every finding code) or keys (every key of the editor).")
    var topic: Topic

    func run() throws {
        switch topic {
        case .format: Output.out(FormatReference.markdown())
        case .validation: Output.out(ValidationReference.markdown())
        case .keys: Output.out(EditorHelp.markdown())
        }
    }
}
