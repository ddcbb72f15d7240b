import Foundation

/// A piece of a flow on its way to another place: copied nodes in the editor, `flowcanvas
/// export --nodes`, `flowcanvas paste`. On the wire it is a `flowcanvas/1` document (so a
/// whole flow file pastes too): the nodes, the connectors between them and their notes.
public enum FlowFragment {
    /// The nodes `ids` (in document order), the connectors with both ends among them, and
    /// the notes attached to them, as a document of `document`'s kind. Unknown ids are
    /// left out; `leftOut` counts the connectors to nodes outside.
    /// `notes`: notes chosen besides (flow-level ones, or ones attached to a node left
    /// behind, which travel unattached); the notes attached to copied nodes always come.
    public static func extract(_ ids: [String], notes noteIDs: [String] = [],
                               from document: FlowDocument) -> (fragment: FlowDocument, leftOut: Int) {
        let wanted = Set(ids)
        let nodes = document.nodes.filter { wanted.contains($0.id) }
        let inside = Set(nodes.map(\.id))
        var kept: [Connection] = []
        var leftOut = 0
        for c in document.connections where inside.contains(c.from) || inside.contains(c.to) {
            if inside.contains(c.from) && inside.contains(c.to) { kept.append(c) } else { leftOut += 1 }
        }
        let chosen = Set(noteIDs)
        let notes = document.notes.compactMap { note -> FlowNote? in
            if note.node.map(inside.contains) == true { return note }
            guard chosen.contains(note.id) else { return nil }
            var free = note
            free.node = nil
            return free
        }
        let fragment = FlowDocument(name: document.name, kind: document.kind, nodes: nodes, connections: kept, notes: notes)
        return (fragment, leftOut)
    }

    /// What a paste did.
    public struct Pasted: Equatable, Sendable {
        /// The document with the fragment in it.
        public var document: FlowDocument
        /// The pasted nodes' ids in the document, in the fragment's order.
        public var nodeIDs: [String]
        /// Fragment id → new id, for the nodes whose id was taken.
        public var renamed: [String: String]
        /// Connectors of the fragment to nodes it does not contain, left out.
        public var droppedConnectors: Int
        /// The pasted notes that are not attached to a node, as ids in the document.
        public var noteIDs: [String] = []

        /// "pasted 3 nodes (2 renamed, 1 connector to a node outside dropped)".
        public var summary: String {
            let n = nodeIDs.count
            var parts: [String] = []
            if !renamed.isEmpty { parts.append("\(renamed.count) renamed") }
            if droppedConnectors > 0 {
                parts.append("\(droppedConnectors) connector\(droppedConnectors == 1 ? "" : "s") to a node outside dropped")
            }
            return "pasted \(n) node\(n == 1 ? "" : "s")" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
        }
    }

    /// Parses `text` as a fragment and pastes it (see `paste(_:into:at:catalog:)`). Text
    /// that is not `flowcanvas/1` JSON is refused with the importer's one-line reason.
    public static func paste(text: String, into document: FlowDocument, at origin: (x: Int, y: Int)?,
                             catalog: NodeCatalog = .standard) throws(FlowImportError) -> Pasted {
        let fragment: FlowDocument
        do {
            fragment = try FlowCodec.importDocument(Data(text.utf8), catalog: catalog)
        } catch {
            if error.reason == .unsupportedNodes { throw error }
            throw FlowImportError(error.reason, "not a flowcanvas/1 fragment: \(error.message)")
        }
        return try paste(fragment, into: document, at: origin, catalog: catalog)
    }

    /// Adds `fragment`'s nodes to `document`: ids that are taken get fresh ones (and every
    /// `$(old…)` reference and branch variable inside the fragment follows), connectors
    /// inside the fragment are kept, connectors to nodes it lacks are dropped and counted,
    /// notes attached to pasted nodes come along. With `origin`, the fragment's top-left
    /// node lands there. Node types the catalog lacks, or voice nodes in a messaging flow,
    /// refuse the whole paste with the import message; nothing changes then.
    public static func paste(_ fragment: FlowDocument, into document: FlowDocument, at origin: (x: Int, y: Int)?,
                             catalog: NodeCatalog = .standard) throws(FlowImportError) -> Pasted {
        let refused = fragment.nodes.filter { node in
            guard let spec = catalog.type(node.type) else { return true }
            return spec.voiceOnly && document.kind != .voice
        }
        if !refused.isEmpty { throw FlowImportError.unsupportedNodes(refused) }

        var result = document
        var renamed: [String: String] = [:]
        var newIDs: [String] = []
        // Every id taken so far (nodes and notes share one namespace), kept as a set so a
        // paste of thousands of nodes does not rescan the document per node.
        var used = Set(document.nodes.map(\.id)).union(document.notes.map(\.id))
        func fresh(_ base: String) -> String {
            let stem = FlowNode.sanitizedID(base)
            var id = stem, n = 2
            while used.contains(id) { id = "\(stem)-\(n)"; n += 1 }
            return id
        }
        for node in fragment.nodes {
            let id = used.contains(node.id) ? fresh(node.id) : node.id
            if id != node.id { renamed[node.id] = id }
            newIDs.append(id)
            used.insert(id)  // reserved at once, so two fragment nodes never get the same fresh one
        }

        let placed = fragment.nodes.compactMap { n in n.x.flatMap { x in n.y.map { (x, $0) } } }
        let dx = origin.map { o in o.x - (placed.map(\.0).min() ?? o.x) } ?? 0
        let dy = origin.map { o in o.y - (placed.map(\.1).min() ?? o.y) } ?? 0
        for (i, node) in fragment.nodes.enumerated() {
            var n = node
            n.id = newIDs[i]
            n.x = node.x.map { $0 + dx }
            n.y = node.y.map { $0 + dy }
            n.config = n.config.mapValues { rewrite($0, renamed) }
            result.nodes.append(n)
        }
        let inside = Set(fragment.nodes.map(\.id))
        var dropped = 0
        for c in fragment.connections {
            guard inside.contains(c.from), inside.contains(c.to) else { dropped += 1; continue }
            result.connections.append(Connection(from: renamed[c.from] ?? c.from, outcome: c.outcome, to: renamed[c.to] ?? c.to))
        }
        var noteIDs: [String] = []
        for note in fragment.notes {
            // A note attached to a node the fragment lacks has nothing to follow: left out.
            if let owner = note.node, !inside.contains(owner) { continue }
            var n = note
            n.id = fresh(note.id)
            used.insert(n.id)
            n.node = note.node.map { renamed[$0] ?? $0 }
            if n.node == nil { noteIDs.append(n.id) }
            n.x += dx
            n.y += dy
            result.notes.append(n)
        }
        return Pasted(document: result, nodeIDs: newIDs, renamed: renamed, droppedConnectors: dropped, noteIDs: noteIDs)
    }

    /// `$(old.field)` → `$(new.field)` in every string, and a branch's bare `variable`
    /// (`old.field`) likewise.
    static func rewrite(_ value: JSONValue, _ renamed: [String: String], key: String? = nil) -> JSONValue {
        guard !renamed.isEmpty else { return value }
        switch value {
        case .string(let s):
            var out = rewriteTemplate(s, renamed)
            if key == "variable" { out = rewriteBare(out, renamed) }
            return .string(out)
        case .array(let items):
            return .array(items.map { rewrite($0, renamed) })
        case .object(let fields):
            var o: [String: JSONValue] = [:]
            for (k, v) in fields { o[k] = rewrite(v, renamed, key: k) }
            return .object(o)
        default:
            return value
        }
    }

    /// Rewrites the first part of each `$( … )` reference whose node was renamed.
    static func rewriteTemplate(_ text: String, _ renamed: [String: String]) -> String {
        guard text.contains("$(") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "$(") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            let nameEnd = rest.firstIndex { ".[)".contains($0) || $0.isWhitespace } ?? rest.endIndex
            let name = String(rest[..<nameEnd])
            if let new = renamed[name], nameEnd < rest.endIndex, ".[)".contains(rest[nameEnd]) {
                out += new
                rest = rest[nameEnd...]
            }
        }
        return out + rest
    }

    static func rewriteBare(_ text: String, _ renamed: [String: String]) -> String {
        let end = text.firstIndex { $0 == "." || $0 == "[" } ?? text.endIndex
        guard let new = renamed[String(text[..<end])] else { return text }
        return new + text[end...]
    }
}
