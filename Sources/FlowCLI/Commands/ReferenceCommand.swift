import ArgumentParser
import FlowKit

/// Prints a reference document generated from the binary's own tables (the same text
/// as docs/*.md, which scripts/generate-docs writes with this command).
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print a reference document: the flow format or the validation findings (Markdown).")

    enum Topic: String, ExpressibleByArgument, CaseIterable {
        case format, validation
    }

    @Argument(help: "format (the flowcanvas/1 document and every node type) or validation (every finding code).")
    var topic: Topic

    func run() throws {
        switch topic {
        case .format: Output.out(FormatReference.markdown())
        case .validation: Output.out(ValidationReference.markdown())
        }
    }
}
