import Foundation
import TerminalText

/// Raised by `FlowCodec.importDocument` when a document is refused. `message` is what
/// the user sees: one line, or for unsupported nodes the DESIGN §4 text with one line
/// per offending node.
public struct FlowImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case malformedJSON, wrongFormat, invalidDocument, duplicateIDs, invalidID, unsupportedNodes
    }
    public var reason: Reason
    public var message: String
    /// Every node an `unsupportedNodes` refusal names (the message lists at most 20), so
    /// the editor can show them all in a scrollable dialog.
    public var offendingNodes: [ImportOffender] = []
    /// A Studio definition whose Trigger connects several events: the connected ones import
    /// can start on (Studio names, in the file's order), so the editor can offer the choice
    /// the CLI asks for with `--trigger`.
    public var triggerChoices: [String] = []

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// DESIGN §4's refusal, verbatim: the first line, then `  - ID (TYPE)` per node.
    public static let unsupportedNodesHeading =
        "The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account"

    /// At most this many offending nodes are listed, then "  and N more".
    public static let unsupportedNodesListed = 20

    public static func unsupportedNodes(_ nodes: [FlowNode]) -> FlowImportError {
        var lines = [unsupportedNodesHeading]
        lines += nodes.prefix(unsupportedNodesListed).map { "  - \(TerminalText.value($0.id)) (\(TerminalText.value($0.type)))" }
        if nodes.count > unsupportedNodesListed { lines.append("  and \(nodes.count - unsupportedNodesListed) more") }
        var error = FlowImportError(.unsupportedNodes, lines.joined(separator: "\n"))
        error.offendingNodes = nodes.map { ImportOffender(id: $0.id, label: $0.label, type: $0.type) }
        return error
    }
}

/// `flowcanvas/1` JSON in and out (DESIGN §3).
public enum FlowCodec {
    /// Canonical export: sorted keys, nodes by id, connections sorted, notes by id,
    /// 2-space indent, trailing newline. Byte-identical for equal documents.
    ///
    /// Written straight to bytes in canonical key order (no intermediate tree);
    /// `CodecTests` checks it equals `CanonicalJSON.encode(jsonValue(of:sorted: true))`.
    public static func exportJSON(_ document: FlowDocument) -> String {
        var writer = JSONByteWriter(pretty: true, capacity: 1024 + document.nodes.count * 320)
        DocumentWriter.write(document, nodeOrder: CanonicalSort.nodeOrder(document.nodes),
                             connectionOrder: CanonicalSort.connectionOrder(document.connections),
                             noteOrder: CanonicalSort.noteOrder(document.notes), coordinates: .asJSONNumbers, into: &writer)
        writer.byte(0x0A)
        return writer.string
    }

    /// The document as a JSON tree (what `exportJSON` writes), for callers that add keys
    /// of their own (`show --json` adds `revision` and `version`). With `sorted`, nodes
    /// and notes are ordered by id and connections by (from, outcome, to).
    public static func jsonValue(of document: FlowDocument, sorted: Bool = true) -> JSONValue {
        let s = document.settings
        let settings: JSONValue = .object([
            "preventDuplicateSessions": .bool(s.preventDuplicateSessions),
            "uniqueIdentifier": .string(s.uniqueIdentifier),
            "logbooks": .array(s.logbooks.map(JSONValue.string)),
            "outcomes": .array(s.outcomes.map { .object(["name": .string($0.name), "kind": .string($0.kind.rawValue)]) }),
            "variables": .array(s.variables.map {
                var o: [String: JSONValue] = ["name": .string($0.name), "default": .string($0.default),
                                              "externalized": .bool($0.externalized)]
                if $0.secret { o["secret"] = .bool(true) }
                return .object(o)
            }),
            "mediaFolder": s.mediaFolder.map(JSONValue.string) ?? .null,
            "languages": .array(s.languages.map { .object(["code": .string($0.code), "required": .bool($0.required)]) }),
        ])
        let nodes = sorted ? CanonicalSort.nodes(document.nodes) : document.nodes
        let connections = sorted ? CanonicalSort.connections(document.connections) : document.connections
        let notes = sorted ? CanonicalSort.notes(document.notes) : document.notes
        return .object([
            "format": .string(document.format),
            "name": .string(document.name),
            "description": .string(document.description),
            "kind": .string(document.kind.rawValue),
            "settings": settings,
            "nodes": .array(nodes.map(jsonValue(of:))),
            "connections": .array(connections.map {
                .object(["from": .string($0.from), "outcome": .string($0.outcome), "to": .string($0.to)])
            }),
            "notes": .array(notes.map {
                .object(["id": .string($0.id), "text": .string($0.text), "node": $0.node.map(JSONValue.string) ?? .null,
                         "x": .number(Double($0.x)), "y": .number(Double($0.y))])
            }),
        ])
    }

    public static func jsonValue(of node: FlowNode) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(node.id), "type": .string(node.type), "label": .string(node.label), "config": .object(node.config),
        ]
        if let x = node.x { o["x"] = .number(Double(x)) }
        if let y = node.y { o["y"] = .number(Double(y)) }
        return .object(o)
    }

    /// Connections in canonical order, compared by UTF-8 bytes like keys and ids, so
    /// the order does not depend on String's Unicode-aware comparison.
    static func canonicalLess(_ a: Connection, _ b: Connection) -> Bool {
        if a.from != b.from { return CanonicalOrder.less(a.from, b.from) }
        if a.outcome != b.outcome { return CanonicalOrder.less(a.outcome, b.outcome) }
        return CanonicalOrder.less(a.to, b.to)
    }

    /// Checks everything before anything is written: JSON syntax, `format`, required
    /// parts, node id syntax and uniqueness, unsupported node types. Documents without
    /// positions are auto-laid out (only the unplaced nodes when some have positions).
    public static func importDocument(_ data: Data, catalog: NodeCatalog = .standard) throws(FlowImportError) -> FlowDocument {
        var document = try read(data)
        if let problem = document.controlCharacterProblem() {
            throw FlowImportError(.invalidDocument, problem)
        }
        let unsupported = document.nodes.filter { !catalog.contains($0.type) }
        if !unsupported.isEmpty { throw FlowImportError.unsupportedNodes(unsupported) }

        let unplaced = document.nodes.filter { $0.x == nil || $0.y == nil }.count
        if unplaced > 0 {
            AutoLayout.apply(to: &document, onlyUnplaced: unplaced < document.nodes.count, catalog: catalog)
        }
        return document
    }

    /// Fast decode of a document the store wrote itself (already checked on the way
    /// in): the same parser and shape checks as import, without the catalog check or
    /// layout, so a stored draft comes back exactly as it was saved.
    public static func decodeStored(_ data: Data) throws -> FlowDocument {
        try read(data)
    }

    /// The fast reader when it copes, else the tree reader, which names what is wrong.
    static func read(_ data: Data) throws(FlowImportError) -> FlowDocument {
        if let document = StoredDocumentReader.read(data) { return document }
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw FlowImportError(.malformedJSON, error.description)
        }
        return try DocumentReader.read(root)
    }

    /// Compact encoding for the store: the document's own order of nodes, connections
    /// and notes (so `decodeStored` gives back an equal document), keys sorted, no
    /// whitespace. Written straight to bytes; no intermediate tree.
    public static func encodeForStorage(_ document: FlowDocument) -> Data {
        var writer = JSONByteWriter(pretty: false, capacity: 256 + document.nodes.count * 160)
        DocumentWriter.write(document, into: &writer)
        return writer.data
    }
}

/// One node an import refused: its id, label and type (a Studio widget's name stands for
/// both id and label).
public struct ImportOffender: Equatable, Sendable {
    public var id: String
    public var label: String
    public var type: String

    public init(id: String, label: String, type: String) {
        self.id = id
        self.label = label
        self.type = type
    }
}
