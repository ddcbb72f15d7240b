import FlowKit

/// A version diff as the canvas draws it over the NEWER document: added nodes and
/// connectors in the "added" colour, changed nodes with a ~ badge, and what the older
/// document had that is gone (nodes and connectors) as ghosts where they stood.
public struct DiffMarks: Sendable, Equatable {
    /// The mark a node box carries in a diff.
    public enum Mark: Sendable, Equatable { case added, changed, removed }

    public let diff: FlowDiff
    /// The older document: where the ghosts come from.
    public let old: FlowDocument
    public let added: Set<String>
    /// Changed node id → its changed fields ("label", "position", "config.url" …).
    public let changed: [String: [String]]
    /// Removed nodes as they were in the older document, in its order.
    public let ghosts: [FlowNode]
    public let addedConnections: Set<Connection>
    public let removedConnections: [Connection]

    public init(old: FlowDocument, new: FlowDocument) {
        self.init(old: old, diff: FlowDiff.between(old, new))
    }

    public init(old: FlowDocument, diff: FlowDiff) {
        self.diff = diff
        self.old = old
        added = Set(diff.addedNodes)
        changed = Dictionary(diff.changedNodes.map { ($0.id, $0.fields) }, uniquingKeysWith: { a, _ in a })
        let removed = Set(diff.removedNodes)
        ghosts = old.nodes.filter { removed.contains($0.id) }
        addedConnections = Set(diff.addedConnections)
        removedConnections = diff.removedConnections
    }

    /// The mark of a node of the newer document (nil: unchanged).
    public func mark(for id: String) -> Mark? {
        if added.contains(id) { return .added }
        if changed[id] != nil { return .changed }
        return nil
    }

    /// Where a removed node stood (its box's top-left), for jumping to its ghost.
    public func ghostOrigin(_ id: String) -> GridPoint? {
        ghosts.first { $0.id == id }.map { GridPoint($0.x ?? 0, $0.y ?? 0) }
    }
}

/// One line of the diff's change list: what changed and where the canvas jumps for it.
public struct DiffChange: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case addedNode, removedNode, changedNode, addedConnection, removedConnection, settings
        case addedNote, removedNote, changedNote
    }

    public var kind: Kind
    /// The node Enter jumps to (for a connector, its source), nil for settings.
    public var node: String?
    /// One line: "+ node reply · Send Message", "~ node lookup: label, config.url".
    public var text: String
    /// What exactly changed (old → new per field), shown under the list when selected.
    public var details: [String]
    /// The note a note change is about (Enter goes to where it stands, or stood).
    public var note: String? = nil

    public var sign: String {
        switch kind {
        case .addedNode, .addedConnection, .addedNote: return "+"
        case .removedNode, .removedConnection, .removedNote: return "-"
        case .changedNode, .settings, .changedNote: return "~"
        }
    }

    /// Names the change across recomputations of the same diff (the review's marks).
    public var key: String { "\(kind)|\(node ?? "")|\(note ?? "")|\(text)" }
}

extension DiffMarks {
    /// The change list, in a stable order: added, removed and changed nodes, then added
    /// and removed connectors, then settings, then added, removed and changed notes.
    public func changes(new: FlowDocument, catalog: NodeCatalog) -> [DiffChange] {
        func title(_ node: FlowNode?) -> String {
            guard let node else { return "" }
            let type = catalog.type(node.type)?.title ?? node.type
            return node.label.isEmpty || node.label == type ? " · \(type)" : " · \(node.label) (\(type))"
        }
        var list: [DiffChange] = []
        for id in diff.addedNodes {
            let n = new.node(withID: id)
            list.append(DiffChange(kind: .addedNode, node: id, text: "+ node \(id)\(title(n))",
                                   details: ["added in the newer document"]))
        }
        for id in diff.removedNodes {
            let n = old.node(withID: id)
            list.append(DiffChange(kind: .removedNode, node: id, text: "- node \(id)\(title(n))",
                                   details: ["removed: shown as a ghost where it stood"]))
        }
        for c in diff.changedNodes {
            let before = old.node(withID: c.id), after = new.node(withID: c.id)
            list.append(DiffChange(kind: .changedNode, node: c.id, text: "~ node \(c.id): \(c.fields.joined(separator: ", "))",
                                   details: c.fields.map { Self.fieldChange($0, before, after) }))
        }
        for c in diff.addedConnections {
            list.append(DiffChange(kind: .addedConnection, node: c.from, text: "+ \(c.from).\(c.outcome) → \(c.to)",
                                   details: ["connector added"]))
        }
        for c in diff.removedConnections {
            list.append(DiffChange(kind: .removedConnection, node: c.from, text: "- \(c.from).\(c.outcome) → \(c.to)",
                                   details: ["connector removed: shown as a ghost line"]))
        }
        if diff.settingsChanged {
            list.append(DiffChange(kind: .settings, node: nil, text: "~ flow settings",
                                   details: Self.settingsDetails(old, new)))
        }
        func noteText(_ n: FlowNote?) -> String {
            guard let n else { return "(none)" }
            let first = n.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return Self.quoted(first.count > 40 ? String(first.prefix(39)) + "…" : first)
        }
        for id in diff.addedNotes {
            let n = new.notes.first { $0.id == id }
            list.append(DiffChange(kind: .addedNote, node: nil, text: "+ note \(id): \(noteText(n))",
                                   details: ["note added"], note: id))
        }
        for id in diff.removedNotes {
            let n = old.notes.first { $0.id == id }
            list.append(DiffChange(kind: .removedNote, node: nil, text: "- note \(id): \(noteText(n))",
                                   details: ["note removed"], note: id))
        }
        for c in diff.changedNotes {
            let a = old.notes.first { $0.id == c.id }, b = new.notes.first { $0.id == c.id }
            let details = c.fields.map { field -> String in
                switch field {
                case "text": return "text: \(noteText(a)) → \(noteText(b))"
                case "node": return "attached to: \(a?.node ?? "(flow)") → \(b?.node ?? "(flow)")"
                default: return "position: (\(a?.x ?? 0),\(a?.y ?? 0)) → (\(b?.x ?? 0),\(b?.y ?? 0))"
                }
            }
            list.append(DiffChange(kind: .changedNote, node: nil, text: "~ note \(c.id): \(c.fields.joined(separator: ", "))",
                                   details: details, note: c.id))
        }
        return list
    }

    /// "label: "Find order" → "Look up order"".
    static func fieldChange(_ field: String, _ a: FlowNode?, _ b: FlowNode?) -> String {
        func value(_ n: FlowNode?) -> String {
            guard let n else { return "(none)" }
            switch field {
            case "label": return quoted(n.label)
            case "type": return n.type
            case "position": return "(\(n.x ?? 0),\(n.y ?? 0))"
            default:
                let key = field.hasPrefix("config.") ? String(field.dropFirst("config.".count)) : field
                return n.config[key].map { quoted($0.displayText) } ?? "(none)"
            }
        }
        return "\(field): \(value(a)) → \(value(b))"
    }

    static func quoted(_ s: String) -> String { "\"\(s)\"" }

    static func settingsDetails(_ a: FlowDocument, _ b: FlowDocument) -> [String] {
        var out: [String] = []
        if a.name != b.name { out.append("name: \(quoted(a.name)) → \(quoted(b.name))") }
        if a.description != b.description { out.append("description changed") }
        if a.kind != b.kind { out.append("kind: \(a.kind.rawValue) → \(b.kind.rawValue)") }
        let s = a.settings, t = b.settings
        if s.preventDuplicateSessions != t.preventDuplicateSessions || s.uniqueIdentifier != t.uniqueIdentifier {
            out.append("duplicate sessions / unique identifier changed")
        }
        if s.logbooks != t.logbooks { out.append("logbooks: \(s.logbooks.joined(separator: ", ")) → \(t.logbooks.joined(separator: ", "))") }
        if s.outcomes != t.outcomes {
            out.append("flow outcomes: \(s.outcomes.map(\.name).joined(separator: ", ")) → \(t.outcomes.map(\.name).joined(separator: ", "))")
        }
        if s.variables != t.variables {
            out.append("variables: \(s.variables.map(\.name).joined(separator: ", ")) → \(t.variables.map(\.name).joined(separator: ", "))")
        }
        if s.mediaFolder != t.mediaFolder || s.languages != t.languages { out.append("voice media / languages changed") }
        return out.isEmpty ? ["settings changed"] : out
    }
}
