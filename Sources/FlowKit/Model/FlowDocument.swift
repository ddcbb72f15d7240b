import Foundation

/// The `flowcanvas/1` document: everything a flow is, as stored, exported and imported.
public struct FlowDocument: Equatable, Sendable {
    public static let formatIdentifier = "flowcanvas/1"

    public var format: String
    public var name: String
    public var description: String
    public var kind: FlowKind
    public var settings: FlowSettings
    public var nodes: [FlowNode]
    public var connections: [Connection]
    public var notes: [FlowNote]

    public init(
        format: String = FlowDocument.formatIdentifier,
        name: String,
        description: String = "",
        kind: FlowKind = .messaging,
        settings: FlowSettings = FlowSettings(),
        nodes: [FlowNode] = [],
        connections: [Connection] = [],
        notes: [FlowNote] = []
    ) {
        self.format = format
        self.name = name
        self.description = description
        self.kind = kind
        self.settings = settings
        self.nodes = nodes
        self.connections = connections
        self.notes = notes
    }

    public func node(withID id: String) -> FlowNode? {
        nodes.first { $0.id == id }
    }

    public func nodeIndex(withID id: String) -> Int? {
        nodes.firstIndex { $0.id == id }
    }

    /// Connectors leaving `nodeID`, in document order.
    public func connections(from nodeID: String) -> [Connection] {
        connections.filter { $0.from == nodeID }
    }

    /// An id of the form `base`, `base-2`, `base-3` … not used by any node or note.
    public func freshID(base: String) -> String {
        let used = Set(nodes.map(\.id)).union(notes.map(\.id))
        let stem = FlowNode.sanitizedID(base)
        if !used.contains(stem) { return stem }
        var n = 2
        while used.contains("\(stem)-\(n)") { n += 1 }
        return "\(stem)-\(n)"
    }
}

public enum FlowKind: String, Codable, Sendable, CaseIterable {
    case messaging
    case voice
}

public struct FlowSettings: Equatable, Sendable {
    public var preventDuplicateSessions: Bool
    public var uniqueIdentifier: String
    public var logbooks: [String]
    public var outcomes: [FlowOutcome]
    public var variables: [CustomVariable]
    public var mediaFolder: String?
    public var languages: [FlowLanguage]

    public init(
        preventDuplicateSessions: Bool = false,
        uniqueIdentifier: String = "",
        logbooks: [String] = [],
        outcomes: [FlowOutcome] = [],
        variables: [CustomVariable] = [],
        mediaFolder: String? = nil,
        languages: [FlowLanguage] = []
    ) {
        self.preventDuplicateSessions = preventDuplicateSessions
        self.uniqueIdentifier = uniqueIdentifier
        self.logbooks = logbooks
        self.outcomes = outcomes
        self.variables = variables
        self.mediaFolder = mediaFolder
        self.languages = languages
    }
}

public struct FlowOutcome: Codable, Equatable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case success, failure, incomplete
    }
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

public struct CustomVariable: Codable, Equatable, Hashable, Sendable {
    public var name: String
    public var `default`: String
    public var externalized: Bool
    /// A credential (API key, signing secret): its default and Make Live value are shown
    /// masked (share pages, `show`, `make-live`, the Make Live summary) but used as is by
    /// the runtime. Written to the document only when true.
    public var secret: Bool

    public init(name: String, default: String = "", externalized: Bool = false, secret: Bool = false) {
        self.name = name
        self.default = `default`
        self.externalized = externalized
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey { case name, `default`, externalized, secret }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        `default` = try c.decodeIfPresent(String.self, forKey: .default) ?? ""
        externalized = try c.decodeIfPresent(Bool.self, forKey: .externalized) ?? false
        secret = try c.decodeIfPresent(Bool.self, forKey: .secret) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(`default`, forKey: .default)
        try c.encode(externalized, forKey: .externalized)
        if secret { try c.encode(true, forKey: .secret) }
    }

    /// How a value of this variable is shown to people.
    public func shown(_ value: String) -> String {
        secret ? CustomVariable.masked(value) : value
    }

    /// A secret's stand-in: never its length or any of its characters.
    public static func masked(_ value: String) -> String {
        value.isEmpty ? "" : "••••••"
    }
}

public struct FlowLanguage: Codable, Equatable, Hashable, Sendable {
    public var code: String
    public var required: Bool

    public init(code: String, required: Bool) {
        self.code = code
        self.required = required
    }
}

public struct FlowNode: Equatable, Sendable, Identifiable {
    public var id: String
    public var type: String
    public var label: String
    /// Grid cell of the box's top-left corner; nil until laid out.
    public var x: Int?
    public var y: Int?
    public var config: [String: JSONValue]

    public init(id: String, type: String, label: String = "", x: Int? = nil, y: Int? = nil,
                config: [String: JSONValue] = [:]) {
        self.id = id
        self.type = type
        self.label = label
        self.x = x
        self.y = y
        self.config = config
    }

    /// Node ids are `[a-z0-9-]{1,40}`.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...40).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// Lower-cases and replaces what an id may not contain, for ids made from labels.
    public static func sanitizedID(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) }
            else if !out.hasSuffix("-") { out.append("-") }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let capped = String(trimmed.prefix(32))
        return capped.isEmpty ? "node" : capped
    }
}

/// One outcome of one node joined to another node.
public struct Connection: Codable, Hashable, Sendable, Comparable {
    public var from: String
    public var outcome: String
    public var to: String

    public init(from: String, outcome: String, to: String) {
        self.from = from
        self.outcome = outcome
        self.to = to
    }

    public static func < (a: Connection, b: Connection) -> Bool {
        (a.from, a.outcome, a.to) < (b.from, b.outcome, b.to)
    }
}

public struct FlowNote: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var text: String
    /// The node it is attached to (moves with it), or nil for a flow-level note.
    public var node: String?
    public var x: Int
    public var y: Int

    public init(id: String, text: String, node: String? = nil, x: Int = 0, y: Int = 0) {
        self.id = id
        self.text = text
        self.node = node
        self.x = x
        self.y = y
    }
}
