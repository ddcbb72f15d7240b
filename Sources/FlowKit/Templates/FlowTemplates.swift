import Foundation

/// A starting point for a new flow, from `Resources/templates/NAME.json`.
public struct FlowTemplate: Sendable {
    public var name: String
    /// The document a new flow starts from. Its description keeps what the flow does, not
    /// the template's "Fill in: …" guidance (that is for the template list only).
    public var document: FlowDocument
    /// What it is for, and which fields the user must still fill in (the template's description).
    public let summary: String
    public var kind: FlowKind { document.kind }

    public init(name: String, document: FlowDocument) {
        self.name = name
        self.summary = document.description
        var doc = document
        doc.description = Self.withoutGuidance(document.description)
        self.document = doc
    }

    /// The description up to its guidance: "Fill in: …", or the closing "Nothing to fill in."
    /// of a template that needs nothing (as true of the template, and as out of place in
    /// the flow made from it).
    static func withoutGuidance(_ text: String) -> String {
        guard let r = text.range(of: "Fill in:") ?? text.range(of: "Nothing to fill in.") else { return text }
        return text[..<r.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public enum FlowTemplates {
    /// Every template, `blank` first, then by name. Decoded once from the embedded
    /// copies of `Resources/templates/*.json` (no `Bundle.module`, DESIGN §8).
    public static var all: [FlowTemplate] { loaded }

    public static func named(_ name: String) -> FlowTemplate? {
        loaded.first { $0.name == name }
    }

    private static let loaded: [FlowTemplate] = {
        let prefix = "templates/", suffix = ".json"
        var templates: [FlowTemplate] = []
        for (path, text) in EmbeddedResources.files where path.hasPrefix(prefix) && path.hasSuffix(suffix) {
            let name = String(path.dropFirst(prefix.count).dropLast(suffix.count))
            do {
                templates.append(FlowTemplate(name: name, document: try FlowCodec.importDocument(Data(text.utf8))))
            } catch {
                // Every template is decoded by TemplateTests; reaching this is a build defect.
                fatalError("embedded template \(name) is invalid: \(error)")
            }
        }
        return templates.sorted { a, b in
            if (a.name == "blank") != (b.name == "blank") { return a.name == "blank" }
            return a.name < b.name
        }
    }()
}
