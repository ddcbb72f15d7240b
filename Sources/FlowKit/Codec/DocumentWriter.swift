import Foundation

/// Writes a document as JSON without building a `JSONValue` tree first: the store
/// saves on every edit, and a 5,000-node tree costs more than the writing. Keys are
/// written in sorted (canonical) order by hand.
///
/// Two uses: the store's compact encoding (the document's own order; `CodecTests`
/// checks the bytes equal `CanonicalJSON` of `FlowCodec.jsonValue(of:sorted: false)`),
/// and canonical export (sorted nodes, connections and notes, pretty; checked equal to
/// `CanonicalJSON` of `FlowCodec.jsonValue(of:sorted: true)`).
enum DocumentWriter {
    /// How coordinates are written. The tree holds them as `Double`, which prints
    /// differently beyond 1e15; export must match the tree byte for byte, while the
    /// store has always written plain integers.
    enum Coordinates { case integers, asJSONNumbers }

    /// Storage: the document's order, integers as they are.
    static func write(_ doc: FlowDocument, into w: inout JSONByteWriter) {
        write(doc, nodeOrder: nil, connectionOrder: nil, noteOrder: nil, coordinates: .integers, into: &w)
    }

    /// Writes nodes, connections and notes in the given orders (positions in the
    /// document's lists; nil: as they are).
    static func write(_ doc: FlowDocument, nodeOrder: [Int]?, connectionOrder: [Int]?, noteOrder: [Int]?,
                      coordinates: Coordinates, into w: inout JSONByteWriter) {
        func coordinate(_ n: Int, _ w: inout JSONByteWriter) {
            if coordinates == .integers || n.magnitude < 1_000_000_000_000_000 {
                w.writeInt(n)
            } else {
                w.writeNumber(Double(n))
            }
        }
        w.beginObject()
        w.fixedKey("connections", first: true)
        list(doc.connections, order: connectionOrder, into: &w) { c, w in
            w.beginObject()
            w.fixedKey("from", first: true); w.writeString(c.from)
            w.fixedKey("outcome", first: false); w.writeString(c.outcome)
            w.fixedKey("to", first: false); w.writeString(c.to)
            w.endObject()
        }
        w.fixedKey("description", first: false); w.writeString(doc.description)
        w.fixedKey("format", first: false); w.writeString(doc.format)
        w.fixedKey("kind", first: false); w.writeString(doc.kind.rawValue)
        w.fixedKey("name", first: false); w.writeString(doc.name)
        w.fixedKey("nodes", first: false)
        list(doc.nodes, order: nodeOrder, into: &w) { n, w in
            w.beginObject()
            w.fixedKey("config", first: true); w.writeObject(n.config)
            w.fixedKey("id", first: false); w.writeString(n.id)
            w.fixedKey("label", first: false); w.writeString(n.label)
            w.fixedKey("type", first: false); w.writeString(n.type)
            if let x = n.x { w.fixedKey("x", first: false); coordinate(x, &w) }
            if let y = n.y { w.fixedKey("y", first: false); coordinate(y, &w) }
            w.endObject()
        }
        w.fixedKey("notes", first: false)
        list(doc.notes, order: noteOrder, into: &w) { n, w in
            w.beginObject()
            w.fixedKey("id", first: true); w.writeString(n.id)
            w.fixedKey("node", first: false)
            if let node = n.node { w.writeString(node) } else { w.append("null") }
            w.fixedKey("text", first: false); w.writeString(n.text)
            w.fixedKey("x", first: false); coordinate(n.x, &w)
            w.fixedKey("y", first: false); coordinate(n.y, &w)
            w.endObject()
        }
        w.fixedKey("settings", first: false)
        writeSettings(doc.settings, into: &w)
        w.endObject()
    }

    private static func writeSettings(_ s: FlowSettings, into w: inout JSONByteWriter) {
        w.beginObject()
        w.fixedKey("languages", first: true)
        list(s.languages, into: &w) { l, w in
            w.beginObject()
            w.fixedKey("code", first: true); w.writeString(l.code)
            w.fixedKey("required", first: false); w.append(l.required ? "true" : "false")
            w.endObject()
        }
        w.fixedKey("logbooks", first: false)
        list(s.logbooks, into: &w) { name, w in w.writeString(name) }
        w.fixedKey("mediaFolder", first: false)
        if let folder = s.mediaFolder { w.writeString(folder) } else { w.append("null") }
        w.fixedKey("outcomes", first: false)
        list(s.outcomes, into: &w) { o, w in
            w.beginObject()
            w.fixedKey("kind", first: true); w.writeString(o.kind.rawValue)
            w.fixedKey("name", first: false); w.writeString(o.name)
            w.endObject()
        }
        w.fixedKey("preventDuplicateSessions", first: false); w.append(s.preventDuplicateSessions ? "true" : "false")
        w.fixedKey("uniqueIdentifier", first: false); w.writeString(s.uniqueIdentifier)
        w.fixedKey("variables", first: false)
        list(s.variables, into: &w) { v, w in
            w.beginObject()
            w.fixedKey("default", first: true); w.writeString(v.default)
            w.fixedKey("externalized", first: false); w.append(v.externalized ? "true" : "false")
            w.fixedKey("name", first: false); w.writeString(v.name)
            if v.secret { w.fixedKey("secret", first: false); w.append("true") }
            w.endObject()
        }
        w.endObject()
    }

    private static func list<T>(_ items: [T], order: [Int]? = nil, into w: inout JSONByteWriter,
                                _ body: (borrowing T, inout JSONByteWriter) -> Void) {
        if items.isEmpty { w.append("[]"); return }
        w.beginArray()
        // Through the buffer, elements are borrowed: `items[i]` copied each node.
        items.withUnsafeBufferPointer { buffer in
            for k in buffer.indices {
                w.arrayItem(first: k == 0)
                body(buffer[order?[k] ?? k], &w)
            }
        }
        w.endArray()
    }
}
