import Foundation

/// Reads a `flowcanvas/1` document straight from bytes, without the intermediate
/// `JSONValue` tree for the document's own structure (only node configs become trees).
///
/// This is the fast path behind `decodeStored` and `importDocument`: with 5,000 nodes,
/// building and hashing a dictionary per node cost more than all the rest. It accepts
/// exactly the documents `DocumentReader` accepts and builds the same `FlowDocument`;
/// on anything unexpected it gives up (`nil`) and the caller takes the slow path, which
/// either succeeds the same way or produces the precise one-line error.
struct StoredDocumentReader {
    struct Miss: Error {}

    private var r: JSONReader

    static func read(_ data: Data) -> FlowDocument? {
        data.withUnsafeBytes { raw -> FlowDocument? in
            var reader = StoredDocumentReader(r: JSONReader(bytes: raw.bindMemory(to: UInt8.self)))
            return try? reader.document()
        }
    }

    private init(r: JSONReader) { self.r = r }

    // MARK: Document

    private mutating func document() throws -> FlowDocument {
        var doc = FlowDocument(name: "")
        var sawFormat = false
        try members { this, key in
            switch key {
            case "format":
                guard try this.string() == FlowDocument.formatIdentifier else { throw Miss() }
                sawFormat = true
            case "name": doc.name = try this.optionalString() ?? ""
            case "description": doc.description = try this.optionalString() ?? ""
            case "kind":
                if let text = try this.optionalString() {
                    guard let kind = FlowKind(rawValue: text) else { throw Miss() }
                    doc.kind = kind
                } else {
                    doc.kind = .messaging
                }
            case "settings": doc.settings = try this.isNull() ? FlowSettings() : this.settings()
            case "nodes": doc.nodes = try this.nodes()
            case "connections": doc.connections = try this.connections()
            case "notes": doc.notes = try this.notes()
            default: try this.skipValue()
            }
        }
        r.skipWhitespace()
        guard sawFormat, r.atEnd else { throw Miss() }
        return doc
    }

    private mutating func settings() throws -> FlowSettings {
        var s = FlowSettings()
        try members { this, key in
            switch key {
            case "preventDuplicateSessions": s.preventDuplicateSessions = try this.optionalBool() ?? false
            case "uniqueIdentifier": s.uniqueIdentifier = try this.optionalString() ?? ""
            case "logbooks": s.logbooks = try this.list { try $0.string() }
            case "outcomes":
                s.outcomes = try this.list { this in
                    var name: String?, kind: FlowOutcome.Kind?
                    try this.members { this, key in
                        switch key {
                        case "name": name = try this.optionalString()
                        case "kind":
                            guard let text = try this.optionalString() else { kind = nil; return }
                            guard let k = FlowOutcome.Kind(rawValue: text) else { throw Miss() }
                            kind = k
                        default: try this.skipValue()
                        }
                    }
                    guard let name, let kind else { throw Miss() }
                    return FlowOutcome(name: name, kind: kind)
                }
            case "variables":
                s.variables = try this.list { this in
                    var name: String?, def = "", externalized = false, secret = false
                    try this.members { this, key in
                        switch key {
                        case "name": name = try this.optionalString()
                        case "default": def = try this.optionalString() ?? ""
                        case "externalized": externalized = try this.optionalBool() ?? false
                        case "secret": secret = try this.optionalBool() ?? false
                        default: try this.skipValue()
                        }
                    }
                    guard let name else { throw Miss() }
                    return CustomVariable(name: name, default: def, externalized: externalized, secret: secret)
                }
            case "mediaFolder": s.mediaFolder = try this.optionalString()
            case "languages":
                s.languages = try this.list { this in
                    var code: String?, required = false
                    try this.members { this, key in
                        switch key {
                        case "code": code = try this.optionalString()
                        case "required": required = try this.optionalBool() ?? false
                        default: try this.skipValue()
                        }
                    }
                    guard let code else { throw Miss() }
                    return FlowLanguage(code: code, required: required)
                }
            default: try this.skipValue()
            }
        }
        return s
    }

    private mutating func nodes() throws -> [FlowNode] {
        var seen = Set<String>()
        return try list { this in
            var id: String?, type: String?, label = "", x: Int?, y: Int?
            var config: [String: JSONValue] = [:]
            try this.members { this, key in
                switch key {
                case "id": id = try this.optionalString()
                case "type": type = try this.optionalString()
                case "label": label = try this.optionalString() ?? ""
                case "x": x = try this.optionalCoordinate()
                case "y": y = try this.optionalCoordinate()
                case "config":
                    if try this.isNull() { config = [:]; return }
                    guard this.peek == UInt8(ascii: "{"), case .object(let dict) = try this.r.value(depth: 0) else { throw Miss() }
                    config = dict
                default: try this.skipValue()
                }
            }
            guard let id, FlowNode.isValidID(id), seen.insert(id).inserted, let type, !type.isEmpty else { throw Miss() }
            return FlowNode(id: id, type: type, label: label, x: x, y: y, config: config)
        }
    }

    private mutating func connections() throws -> [Connection] {
        try list { this in
            var from: String?, outcome: String?, to: String?
            try this.members { this, key in
                switch key {
                case "from": from = try this.optionalString()
                case "outcome": outcome = try this.optionalString()
                case "to": to = try this.optionalString()
                default: try this.skipValue()
                }
            }
            guard let from, let outcome, let to else { throw Miss() }
            return Connection(from: from, outcome: outcome, to: to)
        }
    }

    private mutating func notes() throws -> [FlowNote] {
        var seen = Set<String>()
        return try list { this in
            var id: String?, text = "", node: String?, x = 0, y = 0
            try this.members { this, key in
                switch key {
                case "id": id = try this.optionalString()
                case "text": text = try this.optionalString() ?? ""
                case "node": node = try this.optionalString()
                case "x": x = try this.optionalCoordinate() ?? 0
                case "y": y = try this.optionalCoordinate() ?? 0
                default: try this.skipValue()
                }
            }
            guard let id, !id.isEmpty, seen.insert(id).inserted else { throw Miss() }
            return FlowNote(id: id, text: text, node: node, x: x, y: y)
        }
    }

    // MARK: Structure

    /// Calls `body` with each member's key (the value is next); the body must consume
    /// the value. Keys with escapes are not expected in documents this code wrote.
    private mutating func members(_ body: (inout StoredDocumentReader, Key) throws -> Void) throws {
        r.skipWhitespace()
        guard peek == UInt8(ascii: "{") else { throw Miss() }
        r.i += 1
        var first = true
        while true {
            r.skipWhitespace()
            if peek == UInt8(ascii: "}") {
                // `{}` or the end after a value; `{"a": 1,}` is caught below.
                r.i += 1
                return
            }
            if !first {
                guard peek == UInt8(ascii: ",") else { throw Miss() }
                r.i += 1
                r.skipWhitespace()
            }
            first = false
            guard peek == UInt8(ascii: "\"") else { throw Miss() }
            let start = r.i + 1
            var end = start
            while end < r.bytes.count, r.bytes[end] != UInt8(ascii: "\""), r.bytes[end] != UInt8(ascii: "\\") { end += 1 }
            guard end < r.bytes.count, r.bytes[end] == UInt8(ascii: "\"") else { throw Miss() }
            r.i = end + 1
            r.skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw Miss() }
            r.i += 1
            r.skipWhitespace()
            try body(&self, Key(bytes: UnsafeBufferPointer(rebasing: r.bytes[start..<end])))
        }
    }

    private mutating func list<T>(_ element: (inout StoredDocumentReader) throws -> T) throws -> [T] {
        r.skipWhitespace()
        if try isNull() { return [] }
        guard peek == UInt8(ascii: "[") else { throw Miss() }
        r.i += 1
        var items: [T] = []
        r.skipWhitespace()
        if peek == UInt8(ascii: "]") { r.i += 1; return items }
        while true {
            r.skipWhitespace()
            items.append(try element(&self))
            r.skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): r.i += 1
            case UInt8(ascii: "]"): r.i += 1; return items
            default: throw Miss()
            }
        }
    }

    // MARK: Scalars

    private var peek: UInt8 { r.i < r.bytes.count ? r.bytes[r.i] : 0 }

    /// Consumes a `null` if there is one.
    private mutating func isNull() throws -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try r.literal("null")
        return true
    }

    private mutating func string() throws -> String {
        guard peek == UInt8(ascii: "\"") else { throw Miss() }
        return try r.string()
    }

    private mutating func optionalString() throws -> String? {
        try isNull() ? nil : string()
    }

    private mutating func optionalBool() throws -> Bool? {
        switch peek {
        case UInt8(ascii: "t"): try r.literal("true"); return true
        case UInt8(ascii: "f"): try r.literal("false"); return false
        case UInt8(ascii: "n"): try r.literal("null"); return nil
        default: throw Miss()
        }
    }

    private mutating func optionalCoordinate() throws -> Int? {
        if try isNull() { return nil }
        guard peek == UInt8(ascii: "-") || (peek >= 48 && peek <= 57) else { throw Miss() }
        let n = try r.number()
        guard n.rounded() == n, abs(n) <= 1_000_000_000 else { throw Miss() }
        return Int(n)
    }

    private mutating func skipValue() throws {
        _ = try r.value(depth: 0)
    }
}

/// An object key as the bytes between its quotes, matched against string literals
/// without making a `String`.
private struct Key {
    let bytes: UnsafeBufferPointer<UInt8>

    static func ~= (pattern: StaticString, key: Key) -> Bool {
        pattern.withUTF8Buffer { p in
            p.count == key.bytes.count && (p.count == 0 || memcmp(p.baseAddress!, key.bytes.baseAddress!, p.count) == 0)
        }
    }
}
