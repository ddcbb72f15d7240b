import Foundation

// Decoding is lenient about what a hand-written or older document may leave out
// (description, settings, notes, positions, labels); the codec checks what matters.

extension FlowDocument: Codable {
    enum CodingKeys: String, CodingKey {
        case format, name, description, kind, settings, nodes, connections, notes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        kind = try c.decodeIfPresent(FlowKind.self, forKey: .kind) ?? .messaging
        settings = try c.decodeIfPresent(FlowSettings.self, forKey: .settings) ?? FlowSettings()
        nodes = try c.decodeIfPresent([FlowNode].self, forKey: .nodes) ?? []
        connections = try c.decodeIfPresent([Connection].self, forKey: .connections) ?? []
        notes = try c.decodeIfPresent([FlowNote].self, forKey: .notes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(kind, forKey: .kind)
        try c.encode(settings, forKey: .settings)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(connections, forKey: .connections)
        try c.encode(notes, forKey: .notes)
    }
}

extension FlowSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case preventDuplicateSessions, uniqueIdentifier, logbooks, outcomes, variables, mediaFolder, languages
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        preventDuplicateSessions = try c.decodeIfPresent(Bool.self, forKey: .preventDuplicateSessions) ?? false
        uniqueIdentifier = try c.decodeIfPresent(String.self, forKey: .uniqueIdentifier) ?? ""
        logbooks = try c.decodeIfPresent([String].self, forKey: .logbooks) ?? []
        outcomes = try c.decodeIfPresent([FlowOutcome].self, forKey: .outcomes) ?? []
        variables = try c.decodeIfPresent([CustomVariable].self, forKey: .variables) ?? []
        mediaFolder = try c.decodeIfPresent(String.self, forKey: .mediaFolder)
        languages = try c.decodeIfPresent([FlowLanguage].self, forKey: .languages) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(preventDuplicateSessions, forKey: .preventDuplicateSessions)
        try c.encode(uniqueIdentifier, forKey: .uniqueIdentifier)
        try c.encode(logbooks, forKey: .logbooks)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(variables, forKey: .variables)
        try c.encode(mediaFolder, forKey: .mediaFolder)
        try c.encode(languages, forKey: .languages)
    }
}

extension FlowNode: Codable {
    enum CodingKeys: String, CodingKey {
        case id, type, label, x, y, config
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(String.self, forKey: .type)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
        x = try c.decodeIfPresent(Int.self, forKey: .x)
        y = try c.decodeIfPresent(Int.self, forKey: .y)
        config = try c.decodeIfPresent([String: JSONValue].self, forKey: .config) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(x, forKey: .x)
        try c.encodeIfPresent(y, forKey: .y)
        try c.encode(config, forKey: .config)
    }
}
