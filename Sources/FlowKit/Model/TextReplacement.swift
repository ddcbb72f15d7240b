import Foundation

/// `:replace OLD NEW` (issue 11): every occurrence of OLD (exact, case-sensitive) in node
/// labels, in the text of node config fields (strings at any depth; keys and numbers stay)
/// and in notes. Worked out first as a list of changes, so the editor can show each one
/// before it applies them all as one edit.
public struct TextReplacement: Sendable {
    /// One changed text: where, and what it reads before and after.
    public struct Change: Equatable, Sendable {
        /// "lookup · label", "lookup · url", "note-2".
        public var place: String
        public var before: String
        public var after: String
    }

    public var old: String
    public var new: String
    /// The nodes and notes as they will be, only those that change.
    public private(set) var nodes: [FlowNode] = []
    public private(set) var notes: [FlowNote] = []
    public private(set) var changes: [Change] = []

    public init(_ old: String, with new: String, in doc: FlowDocument) {
        self.old = old
        self.new = new
        guard !old.isEmpty else { return }
        for node in doc.nodes {
            var n = node
            if n.label.contains(old) {
                n.label = n.label.replacingOccurrences(of: old, with: new)
                changes.append(Change(place: "\(node.id) · label", before: node.label, after: n.label))
            }
            for key in node.config.keys.sorted() {
                guard let value = node.config[key] else { continue }
                var found: [(String, String)] = []
                let replaced = Self.replace(value, old, new, &found)
                guard !found.isEmpty else { continue }
                n.config[key] = replaced
                for (b, a) in found { changes.append(Change(place: "\(node.id) · \(key)", before: b, after: a)) }
            }
            if n != node { nodes.append(n) }
        }
        for note in doc.notes where note.text.contains(old) {
            var n = note
            n.text = note.text.replacingOccurrences(of: old, with: new)
            notes.append(n)
            changes.append(Change(place: note.node.map { "\(note.id) (on \($0))" } ?? note.id, before: note.text, after: n.text))
        }
    }

    static func replace(_ value: JSONValue, _ old: String, _ new: String, _ found: inout [(String, String)]) -> JSONValue {
        switch value {
        case .string(let s) where s.contains(old):
            let r = s.replacingOccurrences(of: old, with: new)
            found.append((s, r))
            return .string(r)
        case .array(let items): return .array(items.map { replace($0, old, new, &found) })
        case .object(let fields):
            var o: [String: JSONValue] = [:]
            for k in fields.keys.sorted() { o[k] = replace(fields[k]!, old, new, &found) }
            return .object(o)
        default: return value
        }
    }
}
