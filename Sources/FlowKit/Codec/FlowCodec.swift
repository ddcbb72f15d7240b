import Foundation

/// Raised by `FlowCodec.importDocument` when a document is refused. `message` is what
/// the user sees: one line, or for unsupported nodes the DESIGN §4 text with one line
/// per offending node.
public struct FlowImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case malformedJSON, wrongFormat, invalidDocument, duplicateIDs, invalidID, unsupportedNodes
    }
    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// `flowcanvas/1` JSON in and out (DESIGN §3).
public enum FlowCodec {
    /// Canonical export: sorted keys, nodes by id, connections sorted, 2-space indent,
    /// trailing newline. Byte-identical for equal documents.
    public static func exportJSON(_ document: FlowDocument) -> String {
        // TODO(codec helper)
        CanonicalJSON.encode(.null)
    }

    /// Checks everything before anything is written: JSON syntax, `format`, required
    /// parts, node id syntax and uniqueness, unsupported node types. Documents without
    /// positions are auto-laid out.
    public static func importDocument(_ data: Data, catalog: NodeCatalog = .standard) throws(FlowImportError) -> FlowDocument {
        // TODO(codec helper)
        throw FlowImportError(.malformedJSON, "not implemented")
    }

    /// Fast decode of a document the store wrote itself (already checked on the way in).
    public static func decodeStored(_ data: Data) throws -> FlowDocument {
        try JSONDecoder().decode(FlowDocument.self, from: data)
    }

    /// Compact encoding for the store.
    public static func encodeForStorage(_ document: FlowDocument) -> Data {
        // TODO(codec helper): fast compact encoding.
        (try? JSONEncoder().encode(document)) ?? Data()
    }
}
