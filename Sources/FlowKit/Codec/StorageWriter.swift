import Foundation

/// Writes a document as compact JSON without building a `JSONValue` tree first: the
/// store saves on every edit, and a 5,000-node tree costs more than the writing.
/// Keys are written in sorted (canonical) order by hand; `CodecTests` checks the bytes
/// equal `CanonicalJSON` of `FlowCodec.jsonValue(of:sorted: false)`.
enum StorageWriter {
    static func write(_ doc: FlowDocument, into w: inout JSONByteWriter) {
        w.beginObject()
        w.key("connections", first: true)
        list(doc.connections, into: &w) { c, w in
            w.beginObject()
            w.key("from", first: true); w.writeString(c.from)
            w.key("outcome", first: false); w.writeString(c.outcome)
            w.key("to", first: false); w.writeString(c.to)
            w.endObject()
        }
        w.key("description", first: false); w.writeString(doc.description)
        w.key("format", first: false); w.writeString(doc.format)
        w.key("kind", first: false); w.writeString(doc.kind.rawValue)
        w.key("name", first: false); w.writeString(doc.name)
        w.key("nodes", first: false)
        list(doc.nodes, into: &w) { n, w in
            w.beginObject()
            w.key("config", first: true); w.write(.object(n.config))
            w.key("id", first: false); w.writeString(n.id)
            w.key("label", first: false); w.writeString(n.label)
            w.key("type", first: false); w.writeString(n.type)
            if let x = n.x { w.key("x", first: false); w.writeInt(x) }
            if let y = n.y { w.key("y", first: false); w.writeInt(y) }
            w.endObject()
        }
        w.key("notes", first: false)
        list(doc.notes, into: &w) { n, w in
            w.beginObject()
            w.key("id", first: true); w.writeString(n.id)
            w.key("node", first: false)
            if let node = n.node { w.writeString(node) } else { w.append("null") }
            w.key("text", first: false); w.writeString(n.text)
            w.key("x", first: false); w.writeInt(n.x)
            w.key("y", first: false); w.writeInt(n.y)
            w.endObject()
        }
        w.key("settings", first: false)
        writeSettings(doc.settings, into: &w)
        w.endObject()
    }

    private static func writeSettings(_ s: FlowSettings, into w: inout JSONByteWriter) {
        w.beginObject()
        w.key("languages", first: true)
        list(s.languages, into: &w) { l, w in
            w.beginObject()
            w.key("code", first: true); w.writeString(l.code)
            w.key("required", first: false); w.append(l.required ? "true" : "false")
            w.endObject()
        }
        w.key("logbooks", first: false)
        list(s.logbooks, into: &w) { name, w in w.writeString(name) }
        w.key("mediaFolder", first: false)
        if let folder = s.mediaFolder { w.writeString(folder) } else { w.append("null") }
        w.key("outcomes", first: false)
        list(s.outcomes, into: &w) { o, w in
            w.beginObject()
            w.key("kind", first: true); w.writeString(o.kind.rawValue)
            w.key("name", first: false); w.writeString(o.name)
            w.endObject()
        }
        w.key("preventDuplicateSessions", first: false); w.append(s.preventDuplicateSessions ? "true" : "false")
        w.key("uniqueIdentifier", first: false); w.writeString(s.uniqueIdentifier)
        w.key("variables", first: false)
        list(s.variables, into: &w) { v, w in
            w.beginObject()
            w.key("default", first: true); w.writeString(v.default)
            w.key("externalized", first: false); w.append(v.externalized ? "true" : "false")
            w.key("name", first: false); w.writeString(v.name)
            w.endObject()
        }
        w.endObject()
    }

    private static func list<T>(_ items: [T], into w: inout JSONByteWriter,
                                _ body: (T, inout JSONByteWriter) -> Void) {
        if items.isEmpty { w.append("[]"); return }
        w.beginArray()
        for (i, item) in items.enumerated() {
            w.arrayItem(first: i == 0)
            body(item, &w)
        }
        w.endArray()
    }
}
