/// What a `$(…)` reference may name at one node of a flow, for completion while typing a
/// template: the flow's custom variables, every Set Variables assignment, the outputs of
/// the nodes that can run before this one (the nearest first), then the system values
/// every session has (`SystemValue`).
public struct ReferenceCandidate: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case variable
        case assignment
        case output
        case system
    }

    /// What goes between `$(` and `)`.
    public var name: String
    public var kind: Kind
    /// A short description: the default value, the node that sets it, the output's node label.
    public var detail: String

    public init(name: String, kind: Kind, detail: String) {
        self.name = name; self.kind = kind; self.detail = detail
    }
}

public enum ReferenceCompletion {
    /// Everything a template of node `nodeID` may name, in the order completion offers it.
    public static func candidates(in document: FlowDocument, for nodeID: String?,
                                  catalog: NodeCatalog = .standard) -> [ReferenceCandidate] {
        candidates(in: document, earlier: predecessors(of: nodeID, in: document), assignments: true, catalog: catalog)
    }

    /// What the flow's unique identifier may name: it is rendered as a session starts, when
    /// only the custom variables, the Start node's outputs and the system values exist.
    public static func candidatesAtStart(in document: FlowDocument, catalog: NodeCatalog = .standard) -> [ReferenceCandidate] {
        candidates(in: document, earlier: document.nodes.filter { $0.type == "start" }, assignments: false, catalog: catalog)
    }

    private static func candidates(in document: FlowDocument, earlier: [FlowNode], assignments: Bool,
                                   catalog: NodeCatalog) -> [ReferenceCandidate] {
        var out: [ReferenceCandidate] = []
        var seen: Set<String> = []
        func add(_ c: ReferenceCandidate) { if seen.insert(c.name).inserted { out.append(c) } }

        for v in document.settings.variables {
            add(ReferenceCandidate(name: v.name, kind: .variable,
                                   detail: v.default.isEmpty ? "variable" : "variable = \(v.default)"))
        }
        for node in document.nodes where assignments {
            guard let field = catalog.type(node.type)?.variablesFromField,
                  let map = node.config[field]?.objectValue else { continue }
            for name in map.keys.sorted() {
                add(ReferenceCandidate(name: name, kind: .assignment, detail: "set by \(display(node))"))
            }
        }
        for node in earlier {
            guard let type = catalog.type(node.type) else { continue }
            for output in type.outputs(for: node) {
                add(ReferenceCandidate(name: "\(node.id).\(output)", kind: .output, detail: display(node)))
            }
        }
        // A node or variable named `system` shadows them, as in the validator and runtime.
        if !document.nodes.contains(where: { $0.id == SystemValue.head }),
           !document.settings.variables.contains(where: { $0.name == SystemValue.head }) {
            for v in SystemValue.allCases { add(ReferenceCandidate(name: v.reference, kind: .system, detail: v.meaning)) }
        }
        return out
    }

    /// The nodes from which `nodeID` can be reached by connectors, nearest first (breadth
    /// first). The node itself is included only when it lies on a loop.
    static func predecessors(of nodeID: String?, in document: FlowDocument) -> [FlowNode] {
        guard let nodeID else { return [] }
        var incoming: [String: [String]] = [:]
        for c in document.connections { incoming[c.to, default: []].append(c.from) }
        var order: [String] = []
        var seen: Set<String> = []
        var queue = incoming[nodeID] ?? []
        var i = 0
        while i < queue.count {
            let id = queue[i]; i += 1
            guard seen.insert(id).inserted else { continue }
            order.append(id)
            queue += incoming[id] ?? []
        }
        var byID: [String: FlowNode] = [:]
        for n in document.nodes where byID[n.id] == nil { byID[n.id] = n }
        return order.compactMap { byID[$0] }
    }

    private static func display(_ node: FlowNode) -> String {
        node.label.isEmpty ? node.id : node.label
    }

    /// The reference being typed at `cursor`: the text after the last `$(` before the
    /// cursor, when no `)` or line break closes it first. `start` is the index of the first
    /// character after `$(`.
    public static func openReference(in characters: [Character], cursor: Int) -> (start: Int, prefix: String)? {
        var i = min(cursor, characters.count) - 1
        while i >= 1 {
            let c = characters[i]
            if c == ")" || c == "\n" || c == " " { return nil }
            if c == "(" && characters[i - 1] == "$" {
                return (i + 1, String(characters[(i + 1)..<cursor]))
            }
            i -= 1
        }
        return nil
    }

    /// Candidates matching what was typed: names starting with it first, then names that
    /// contain it (case is ignored); all of them for an empty prefix.
    public static func filter(_ candidates: [ReferenceCandidate], prefix: String) -> [ReferenceCandidate] {
        guard !prefix.isEmpty else { return candidates }
        let p = prefix.lowercased()
        let starts = candidates.filter { $0.name.lowercased().hasPrefix(p) }
        let contains = candidates.filter { !$0.name.lowercased().hasPrefix(p) && $0.name.lowercased().contains(p) }
        return starts + contains
    }
}
