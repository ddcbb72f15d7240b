import Foundation
import TerminalText

/// Turns a parsed JSON tree into a `FlowDocument`, checking every shape on the way and
/// naming the part that is wrong in one line. Lenient only where DESIGN §3 allows a part
/// to be left out (description, kind, settings, notes, labels, positions).
struct DocumentReader {
    typealias Failure = FlowImportError

    static func read(_ root: JSONValue) throws(FlowImportError) -> FlowDocument {
        guard case .object(let top) = root else {
            throw invalid("the document must be a JSON object, not \(describe(root))")
        }
        switch top["format"] {
        case .string(FlowDocument.formatIdentifier): break
        case nil, .null?:
            if top["states"] != nil && top["initial_state"] != nil {
                throw FlowImportError(.wrongFormat, "a Twilio Studio definition, not \(FlowDocument.formatIdentifier): 'flowcanvas import FILE' translates it")
            }
            throw FlowImportError(.wrongFormat, "no format given (expected \(FlowDocument.formatIdentifier))")
        case .string(let other)?:
            throw FlowImportError(.wrongFormat, "unsupported format '\(oneLine(other))' (expected \(FlowDocument.formatIdentifier))")
        case let other?:
            throw FlowImportError(.wrongFormat, "unsupported format: \"format\" must be the string \(FlowDocument.formatIdentifier), not \(describe(other))")
        }
        var doc = FlowDocument(name: try optionalString(top["name"], "\"name\"") ?? "")
        doc.description = try optionalString(top["description"], "\"description\"") ?? ""
        if let kind = try optionalString(top["kind"], "\"kind\"") {
            guard let k = FlowKind(rawValue: kind) else {
                throw invalid("unknown kind '\(oneLine(kind))' (expected messaging or voice)")
            }
            doc.kind = k
        }
        if let settings = top["settings"], settings != .null {
            doc.settings = try readSettings(settings)
        }
        doc.nodes = try readNodes(top["nodes"])
        doc.connections = try readConnections(top["connections"])
        doc.notes = try readNotes(top["notes"])
        return doc
    }

    // MARK: Settings

    static func readSettings(_ value: JSONValue) throws(FlowImportError) -> FlowSettings {
        guard case .object(let s) = value else { throw invalid("\"settings\" must be an object, not \(describe(value))") }
        var settings = FlowSettings()
        if let v = s["preventDuplicateSessions"], v != .null {
            guard case .bool(let b) = v else {
                throw invalid("settings.preventDuplicateSessions must be true or false, not \(describe(v))")
            }
            settings.preventDuplicateSessions = b
        }
        settings.uniqueIdentifier = try optionalString(s["uniqueIdentifier"], "settings.uniqueIdentifier") ?? ""
        settings.logbooks = try array(s["logbooks"], "settings.logbooks").enumerated().map { (i, v) throws(Failure) in
            guard case .string(let name) = v else { throw invalid("settings.logbooks[\(i)] must be a string, not \(describe(v))") }
            return name
        }
        settings.outcomes = try array(s["outcomes"], "settings.outcomes").enumerated().map { (i, v) throws(Failure) in
            let path = "settings.outcomes[\(i)]"
            let o = try object(v, path)
            let name = try requiredString(o["name"], "\(path).name")
            let kindText = try requiredString(o["kind"], "\(path).kind")
            guard let kind = FlowOutcome.Kind(rawValue: kindText) else {
                throw invalid("\(path).kind '\(oneLine(kindText))' must be one of success, failure, incomplete")
            }
            return FlowOutcome(name: name, kind: kind)
        }
        settings.variables = try array(s["variables"], "settings.variables").enumerated().map { (i, v) throws(Failure) in
            let path = "settings.variables[\(i)]"
            let o = try object(v, path)
            let name = try requiredString(o["name"], "\(path).name")
            let def = try optionalString(o["default"], "\(path).default") ?? ""
            let externalized = try optionalBool(o["externalized"], "\(path).externalized") ?? false
            let secret = try optionalBool(o["secret"], "\(path).secret") ?? false
            return CustomVariable(name: name, default: def, externalized: externalized, secret: secret)
        }
        settings.mediaFolder = try optionalString(s["mediaFolder"], "settings.mediaFolder")
        settings.languages = try array(s["languages"], "settings.languages").enumerated().map { (i, v) throws(Failure) in
            let path = "settings.languages[\(i)]"
            let o = try object(v, path)
            let code = try requiredString(o["code"], "\(path).code")
            let required = try optionalBool(o["required"], "\(path).required") ?? false
            return FlowLanguage(code: code, required: required)
        }
        return settings
    }

    // MARK: Nodes

    static func readNodes(_ value: JSONValue?) throws(FlowImportError) -> [FlowNode] {
        let items = try array(value, "\"nodes\"")
        var nodes: [FlowNode] = []
        nodes.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw invalid("node \(i + 1) must be an object, not \(describe(item))") }
            guard let idValue = o["id"], idValue != .null else { throw invalid("node \(i + 1) has no \"id\"") }
            guard case .string(let id) = idValue else { throw invalid("node \(i + 1): \"id\" must be a string, not \(describe(idValue))") }
            guard FlowNode.isValidID(id) else {
                throw FlowImportError(.invalidID, "invalid node id '\(oneLine(id))' (node \(i + 1)): ids are 1 to 40 characters of a-z, 0-9 and -")
            }
            let name = "node '\(id)'"
            guard let typeValue = o["type"], typeValue != .null else { throw invalid("\(name) has no \"type\"") }
            guard case .string(let type) = typeValue, !type.isEmpty else {
                throw invalid("\(name): \"type\" must be a non-empty string, not \(describe(typeValue))")
            }
            let label = try optionalString(o["label"], "\(name): \"label\"") ?? ""
            let x = try optionalCoordinate(o["x"], "\(name): \"x\"")
            let y = try optionalCoordinate(o["y"], "\(name): \"y\"")
            var config: [String: JSONValue] = [:]
            if let c = o["config"], c != .null {
                guard case .object(let dict) = c else { throw invalid("\(name): \"config\" must be an object, not \(describe(c))") }
                config = dict
            }
            nodes.append(FlowNode(id: id, type: type, label: label, x: x, y: y, config: config))
        }
        try checkUnique(nodes)
        return nodes
    }

    static func checkUnique(_ nodes: [FlowNode]) throws(FlowImportError) {
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(nodes.count)
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        for (i, node) in nodes.enumerated() {
            if let first = firstIndex[node.id] {
                if positions[node.id] == nil { positions[node.id] = [first + 1]; order.append(node.id) }
                positions[node.id]!.append(i + 1)
            } else {
                firstIndex[node.id] = i
            }
        }
        guard !order.isEmpty else { return }
        order.sort { firstIndex[$0]! < firstIndex[$1]! } // in order of first appearance
        let parts = order.map { id in "'\(id)' (nodes \(positions[id]!.map(String.init).joined(separator: ", ")))" }
        let noun = order.count == 1 ? "duplicate node id" : "duplicate node ids"
        throw FlowImportError(.duplicateIDs, "\(noun) \(parts.joined(separator: ", ")): each node needs its own id")
    }

    // MARK: Connections and notes

    static func readConnections(_ value: JSONValue?) throws(FlowImportError) -> [Connection] {
        try array(value, "\"connections\"").enumerated().map { (i, v) throws(Failure) in
            let path = "connection \(i + 1)"
            let o = try object(v, path)
            return Connection(from: try requiredString(o["from"], "\(path): \"from\""),
                              outcome: try requiredString(o["outcome"], "\(path): \"outcome\""),
                              to: try requiredString(o["to"], "\(path): \"to\""))
        }
    }

    static func readNotes(_ value: JSONValue?) throws(FlowImportError) -> [FlowNote] {
        var seen = Set<String>()
        return try array(value, "\"notes\"").enumerated().map { (i, v) throws(Failure) in
            let path = "note \(i + 1)"
            let o = try object(v, path)
            let id = try requiredString(o["id"], "\(path): \"id\"")
            guard !id.isEmpty else { throw invalid("\(path) has an empty \"id\"") }
            guard seen.insert(id).inserted else { throw invalid("duplicate note id '\(oneLine(id))': each note needs its own id") }
            let text = try optionalString(o["text"], "note '\(oneLine(id))': \"text\"") ?? ""
            let node = try optionalString(o["node"], "note '\(oneLine(id))': \"node\"")
            let x = try optionalCoordinate(o["x"], "note '\(oneLine(id))': \"x\"") ?? 0
            let y = try optionalCoordinate(o["y"], "note '\(oneLine(id))': \"y\"") ?? 0
            return FlowNote(id: id, text: text, node: node, x: x, y: y)
        }
    }

    // MARK: Typed access with one-line errors

    static func invalid(_ message: String) -> FlowImportError {
        FlowImportError(.invalidDocument, message)
    }

    static func array(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(FlowImportError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let a)?: return a
        case let other?: throw invalid("\(path()) must be an array, not \(describe(other))")
        }
    }

    static func object(_ value: JSONValue, _ path: @autoclosure () -> String) throws(FlowImportError) -> [String: JSONValue] {
        guard case .object(let o) = value else { throw invalid("\(path()) must be an object, not \(describe(value))") }
        return o
    }

    static func requiredString(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(FlowImportError) -> String {
        switch value {
        case .string(let s)?: return s
        case nil, .null?: throw invalid("\(path()) is missing")
        case let other?: throw invalid("\(path()) must be a string, not \(describe(other))")
        }
    }

    static func optionalString(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(FlowImportError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw invalid("\(path()) must be a string, not \(describe(other))")
        }
    }

    static func optionalBool(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(FlowImportError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw invalid("\(path()) must be true or false, not \(describe(other))")
        }
    }

    /// Grid cells are whole numbers; the bound keeps `Int` arithmetic in layout safe.
    static func optionalCoordinate(_ value: JSONValue?, _ path: @autoclosure () -> String) throws(FlowImportError) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let n)? where n.rounded() == n && abs(n) <= 1_000_000_000: return Int(n)
        case let other?: throw invalid("\(path()) must be a whole number (a grid cell), not \(describe(other))")
        }
    }

    /// "a string ('abc')", "an array", … for error messages.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return "the number \(CanonicalJSON.formatNumber(n))"
        case .string(let s): return "the string '\(oneLine(s))'"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// User text quoted in a one-line message: control characters escaped, long text
    /// cut with its size (`TerminalText.value`).
    static func oneLine(_ text: String) -> String {
        TerminalText.value(text)
    }
}
