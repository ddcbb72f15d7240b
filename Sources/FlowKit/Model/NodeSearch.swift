/// The canvas's `/` search (issue 11): free text over labels, ids, types, config values and
/// note text, with filters that combine. A query is parsed once (`NodeSearch(parsing:)`) and
/// then run over a document (`matches(in:catalog:severities:)`), so the editor, its tests and
/// the benchmark share one matcher and no terminal is needed to test it.
///
///     order type:http-request is:invalid      every invalid HTTP node mentioning "order"
///     is:unconnected                          nodes with an outcome that goes nowhere
///     uses:lookup                             nodes with a `$(lookup…)` reference
///     note:                                   nodes with an attached note; `note:vip` whose note says vip
///
/// Every term must hold (AND), except several `type:` terms, which are alternatives.
/// No Foundation here on purpose: the standard library's `contains` and `firstRange(of:)`
/// are several times faster than Foundation's, and a search runs on every typed character.
///
/// Results are ids in document order: nodes, then flow-level notes (free text and `note:`
/// find those too; an attached note's text finds its node).
public struct NodeSearch: Equatable, Sendable {
    /// A node state `is:` asks for.
    public enum State: String, CaseIterable, Sendable {
        case invalid, warning, unconnected, unreachable
    }

    /// Lowercased free words; each must occur somewhere in the node (or the note).
    public private(set) var words: [String] = []
    /// `type:` values (lowercased): the node's type id or title equals, or the type id starts with, one of them.
    public private(set) var types: [String] = []
    public private(set) var states: [State] = []
    /// `uses:` names: a `$(NAME…)` reference in some config string.
    public private(set) var uses: [String] = []
    /// `note:` terms: "" means "has a note", else the note's text contains it (lowercased).
    public private(set) var notes: [String] = []

    /// Why a query cannot run, as one line for the status bar.
    public struct ParseError: Error, Equatable, Sendable {
        public var message: String
    }

    /// Nothing to look for: an empty query matches nothing (as the plain find did).
    public var isEmpty: Bool { words.isEmpty && types.isEmpty && states.isEmpty && uses.isEmpty && notes.isEmpty }

    /// Only node properties: no note can match.
    var nodesOnly: Bool { !types.isEmpty || !states.isEmpty || !uses.isEmpty }

    public init(parsing query: String) throws(ParseError) {
        for token in Self.tokens(query) where !token.isEmpty {
            let lower = token.lowercased()
            guard let colon = lower.firstIndex(of: ":"), let key = Filter(rawValue: String(lower[..<colon])) else {
                words.append(lower)
                continue
            }
            let value = String(token[token.index(after: colon)...])
            switch key {
            case .type:
                guard !value.isEmpty else { throw ParseError(message: "type: needs a node type, e.g. type:http-request") }
                types.append(value.lowercased())
            case .is:
                guard let s = State(rawValue: value.lowercased()) else {
                    let known = State.allCases.map { "is:\($0.rawValue)" }.joined(separator: ", ")
                    throw ParseError(message: value.isEmpty ? "is: needs a state: \(known)"
                                     : "is:\(value) is not a filter; there are \(known)")
                }
                states.append(s)
            case .uses:
                guard !value.isEmpty else { throw ParseError(message: "uses: needs a name, e.g. uses:lookup") }
                uses.append(value)
            case .note:
                notes.append(value.lowercased())
            }
        }
    }

    enum Filter: String { case type, `is`, uses, note }

    /// Words split on spaces; "double quotes" keep spaces inside one word (and `""` is an
    /// empty word, e.g. the NEW of `:replace OLD ""`).
    public static func tokens(_ query: String) -> [String] {
        var out: [String] = [], current = "", quoted = false, started = false
        for ch in query {
            if ch == "\"" { quoted.toggle(); started = true; continue }
            if ch.isWhitespace && !quoted {
                if started || !current.isEmpty { out.append(current); current = ""; started = false }
            } else {
                current.append(ch)
            }
        }
        if started || !current.isEmpty { out.append(current) }
        return out
    }

    // MARK: - Matching

    /// The ids of the nodes (document order), then of the flow-level notes, that match.
    /// `severities` is the worst finding per node id (the editor's last validation), for
    /// `is:invalid` and `is:warning`; `is:unconnected` and `is:unreachable` are worked out
    /// from the document itself, so they are current even before a validation.
    public func matches(in doc: FlowDocument, catalog: NodeCatalog = .standard,
                        severities: [String: Severity] = [:]) -> [String] {
        guard !isEmpty else { return [] }
        var noteTexts: [String: [String]] = [:]
        if !words.isEmpty || !notes.isEmpty {
            for note in doc.notes { if let owner = note.node { noteTexts[owner, default: []].append(note.text.lowercased()) } }
        }
        let reachable = states.contains(.unreachable) ? Self.reachable(doc) : []
        var connected: [String: Set<String>] = [:]
        if states.contains(.unconnected) {
            for c in doc.connections { connected[c.from, default: []].insert(c.outcome) }
        }
        var result: [String] = []
        for node in doc.nodes where matches(node, catalog: catalog, severities: severities, notes: noteTexts[node.id] ?? [],
                                           reachable: reachable, connected: connected) {
            result.append(node.id)
        }
        if !nodesOnly {
            for note in doc.notes where note.node == nil {
                let text = note.text.lowercased()
                if words.allSatisfy({ text.contains($0) || note.id.contains($0) }) && notes.allSatisfy({ $0.isEmpty || text.contains($0) }) {
                    result.append(note.id)
                }
            }
        }
        return result
    }

    private func matches(_ node: FlowNode, catalog: NodeCatalog, severities: [String: Severity], notes noteTexts: [String],
                         reachable: Set<String>, connected: [String: Set<String>]) -> Bool {
        if !types.isEmpty {
            guard types.contains(where: { node.type == $0 || node.type.hasPrefix($0) })
                || types.contains(where: { catalog.type(node.type)?.title.lowercased() == $0 }) else { return false }
        }
        for state in states {
            switch state {
            case .invalid: guard severities[node.id] == .error else { return false }
            case .warning: guard severities[node.id] == .warning else { return false }
            case .unreachable: guard node.type != "start", !reachable.contains(node.id) else { return false }
            case .unconnected:
                guard let type = catalog.type(node.type) else { return false }
                let done = connected[node.id] ?? []
                guard type.outcomes(for: node).contains(where: { !done.contains($0) }) else { return false }
            }
        }
        for name in uses where !node.config.values.contains(where: { Self.references($0, name) }) { return false }
        for n in notes {
            guard n.isEmpty ? !noteTexts.isEmpty : noteTexts.contains(where: { $0.contains(n) }) else { return false }
        }
        for w in words {
            let found = CaseInsensitiveText.contains(node.label, lowercasedNeedle: w)
                || CaseInsensitiveText.containsExactly(node.id, w) || CaseInsensitiveText.containsExactly(node.type, w)
                || node.config.values.contains { Self.mentions($0, w) }
                || noteTexts.contains { $0.contains(w) }
            if !found { return false }
        }
        return true
    }

    /// Whether a config value mentions `word` (lowercased): a string, number or boolean as
    /// typed in the form, or, inside lists and objects, any key or leaf. Lists and objects
    /// are walked rather than encoded as JSON per node and keystroke, so a word no longer
    /// matches JSON punctuation (`":`), which nobody searches for.
    static func mentions(_ value: JSONValue, _ word: String) -> Bool {
        switch value {
        case .string(let s): return CaseInsensitiveText.contains(s, lowercasedNeedle: word)
        case .number, .bool: return value.displayText.contains(word)
        case .null: return word.isEmpty
        case .array(let items): return items.contains { mentions($0, word) }
        case .object(let fields):
            return fields.contains { CaseInsensitiveText.contains($0.key, lowercasedNeedle: word) || mentions($0.value, word) }
        }
    }

    /// Whether `value` holds a `$(name…)` reference: the name followed by `.`, `[` or `)`.
    static func references(_ value: JSONValue, _ name: String) -> Bool {
        switch value {
        case .string(let s):
            var rest = Substring(s)
            while let open = rest.firstRange(of: "$(") {
                rest = rest[open.upperBound...]
                let trimmed = rest.drop { $0 == " " }
                if trimmed.hasPrefix(name) {
                    let after = trimmed.dropFirst(name.count)
                    if let c = after.first, ".[) ".contains(c) { return true }
                }
            }
            return false
        case .array(let items): return items.contains { references($0, name) }
        case .object(let fields): return fields.values.contains { references($0, name) }
        default: return false
        }
    }

    /// Node ids Start reaches along connectors (empty when there is no Start).
    static func reachable(_ doc: FlowDocument) -> Set<String> {
        var next: [String: [String]] = [:]
        for c in doc.connections { next[c.from, default: []].append(c.to) }
        var seen = Set(doc.nodes.filter { $0.type == "start" }.map(\.id))
        var stack = Array(seen)
        while let id = stack.popLast() {
            for to in next[id] ?? [] where seen.insert(to).inserted { stack.append(to) }
        }
        return seen
    }
}
