import Foundation

/// A starting point for a new flow, from `Resources/templates/NAME.json`.
public struct FlowTemplate: Sendable {
    public var name: String
    public var document: FlowDocument
    /// What it is for, and which fields the user must still fill in.
    public var summary: String { document.description }
    public var kind: FlowKind { document.kind }
}

public enum FlowTemplates {
    /// Every template, `blank` first, then by name.
    public static var all: [FlowTemplate] {
        // TODO(codec helper): decode Resources/templates/*.json from EmbeddedResources.
        []
    }

    public static func named(_ name: String) -> FlowTemplate? {
        all.first { $0.name == name }
    }
}
