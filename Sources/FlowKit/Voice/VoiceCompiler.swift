import Foundation

/// Voice checks of DESIGN §12: every prompt a node names exists in every required
/// language's sub-folder of the media folder.
public enum VoiceCompiler {
    /// Findings (`missing-prompt`, plus everything `Validator` reports) for a voice flow
    /// whose media folder has been resolved to `mediaFolder` (nil: not set).
    public static func compile(_ document: FlowDocument, mediaFolder: URL?,
                               catalog: NodeCatalog = .standard) -> ValidationReport {
        // TODO(validation helper)
        Validator(catalog: catalog).validate(document)
    }

    /// The prompt × language availability table.
    public static func promptTable(_ document: FlowDocument, mediaFolder: URL?) -> PromptTable {
        // TODO(validation helper)
        PromptTable(prompts: [], languages: [], available: [:])
    }
}

public struct PromptTable: Codable, Equatable, Sendable {
    /// Prompt file names used by the flow's nodes, sorted.
    public var prompts: [String]
    public var languages: [FlowLanguage]
    /// prompt → language code → file exists.
    public var available: [String: [String: Bool]]

    public init(prompts: [String], languages: [FlowLanguage], available: [String: [String: Bool]]) {
        self.prompts = prompts
        self.languages = languages
        self.available = available
    }
}
