import FlowCanvasView
import FlowKit

/// What one Apply of the settings editor changes: the flow's name and description, its
/// settings, and the renames to carry to the nodes that use the old names (End nodes'
/// flow outcome, Log nodes' logbook). Applied as ONE undoable edit.
public struct SettingsChange: Equatable, Sendable {
    public var name: String
    public var description: String
    public var settings: FlowSettings
    /// Old flow-outcome name → new name.
    public var outcomeRenames: [String: String]
    /// Old logbook name → new name.
    public var logbookRenames: [String: String]

    public init(name: String, description: String, settings: FlowSettings,
                outcomeRenames: [String: String] = [:], logbookRenames: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.settings = settings
        self.outcomeRenames = outcomeRenames.filter { $0.key != $0.value }
        self.logbookRenames = logbookRenames.filter { $0.key != $0.value }
    }

    /// The edit that turns `document` into what this change describes; nil when it
    /// changes nothing.
    public func edit(for document: FlowDocument) -> DocumentEdit? {
        var ops: [DocumentOperation] = []
        let oldHeader = DocumentHeader(document)
        var newHeader = oldHeader
        newHeader.name = name
        newHeader.description = description
        if newHeader != oldHeader { ops.append(.replaceHeader(old: oldHeader, new: newHeader)) }
        if settings != document.settings { ops.append(.replaceSettings(old: document.settings, new: settings)) }
        for (i, node) in document.nodes.enumerated() {
            var renamed = node
            if node.type == "end", let old = node.config["outcome"]?.stringValue, let new = outcomeRenames[old] {
                renamed.config["outcome"] = .string(new)
            }
            if node.type == "log", let old = node.config["logbook"]?.stringValue, let new = logbookRenames[old] {
                renamed.config["logbook"] = .string(new)
            }
            if renamed != node { ops.append(.replaceNode(index: i, old: node, new: renamed)) }
        }
        return ops.isEmpty ? nil : DocumentEdit("edit flow settings", ops)
    }

    /// End nodes whose flow outcome this change renames.
    public func renamedEndNodes(in document: FlowDocument) -> [String] {
        document.nodes.filter { $0.type == "end" && outcomeRenames[$0.config["outcome"]?.stringValue ?? ""] != nil }.map(\.id)
    }
}

/// Checks on what the settings editor holds before it is applied; each problem is one
/// line naming the tab and the row.
enum SettingsRules {
    /// Same rules as the store's flow names (one line, 1–100 characters).
    static func checkFlowName(_ name: String) -> String? {
        let t = name.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return "General: the flow needs a name" }
        if t.count > 100 { return "General: a flow name must be at most 100 characters" }
        return nil
    }

    /// The unique identifier is a template such as `$(start.from)`.
    static func checkUniqueIdentifier(_ text: String, required: Bool) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty {
            return required ? "General: duplicate sessions are prevented, so the unique identifier is needed, e.g. $(start.from)" : nil
        }
        if let problem = Template(t).problems.first { return "General: unique identifier: \(problem.message)" }
        return nil
    }

    /// A custom variable must be usable as `$(name)`.
    static func isReferenceable(_ name: String) -> Bool {
        let t = Template("$(\(name))")
        return t.problems.isEmpty && t.references.count == 1 && t.references[0].parts.count == 1 && !name.contains("[")
    }

    /// Empty or repeated names in one list; `what` is "flow outcome", "logbook" …
    static func checkNames(_ names: [String], tab: String, what: String, referenceable: Bool = false) -> (row: Int, message: String)? {
        var seen: Set<String> = []
        for (i, name) in names.enumerated() {
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                return (i, "\(tab): the \(what) in row \(i + 1) has no name")
            }
            if !seen.insert(name).inserted { return (i, "\(tab): the \(what) \"\(name)\" is listed twice") }
            if referenceable && !isReferenceable(name) {
                return (i, "\(tab): \"\(name)\" cannot be written as $(…); use letters, digits, _ and -")
            }
        }
        return nil
    }
}
