import Foundation

/// The node types a flow may use, loaded from `Resources/catalog.json` (embedded at
/// build time, see `EmbeddedResources`). Everything the validator, the editor's palette
/// and form, and the runtime know about a node type comes from here.
public struct NodeCatalog: Sendable {
    public let categories: [String]
    public let channels: [String]
    public let types: [NodeType]
    private let byName: [String: Int]

    public init(categories: [String], channels: [String], types: [NodeType]) {
        self.categories = categories
        self.channels = channels
        self.types = types
        var index: [String: Int] = [:]
        for (i, t) in types.enumerated() { index[t.type] = i }
        self.byName = index
    }

    /// The catalog that ships with the binary.
    public static let standard: NodeCatalog = {
        do {
            return try NodeCatalog.decode(Data(EmbeddedResources.catalogJSON.utf8))
        } catch {
            // The embedded catalog is checked by tests; failing here is a build defect.
            fatalError("embedded node catalog is invalid: \(error)")
        }
    }()

    public static func decode(_ data: Data) throws -> NodeCatalog {
        struct File: Decodable {
            var categories: [String]
            var channels: [String]
            var nodes: [NodeType]
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        return NodeCatalog(categories: file.categories, channels: file.channels, types: file.nodes)
    }

    public func type(_ name: String) -> NodeType? {
        guard let i = byName[name] else { return nil }
        return types[i]
    }

    public func contains(_ name: String) -> Bool { byName[name] != nil }

    public func types(inCategory category: String) -> [NodeType] {
        types.filter { $0.category == category }
    }
}

public struct NodeType: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var abbreviation: String
    public var icon: String
    public var category: String
    public var description: String
    public var fields: [FieldSpec]
    /// Fixed outcomes. For `branch`, the branch names come first, then these.
    public var outcomes: [String]
    /// Name of a config field whose entries' `name`s are further outcomes (branch).
    public var dynamicOutcomes: String?
    /// Outputs later nodes may reference as `$(nodeId.output)`.
    public var outputs: [String]
    /// Outputs that hold JSON and so allow deeper paths (`$(start.body.customer)`).
    public var deepOutputs: [String]
    /// A map field whose keys are further outputs (data-parser).
    public var outputsFromField: String?
    /// A map field whose keys become plain `$(name)` variables (set-variables).
    public var variablesFromField: String?
    public var terminal: Bool
    public var voiceOnly: Bool

    enum CodingKeys: String, CodingKey {
        case type, title, abbreviation, icon, category, description, fields, outcomes, dynamicOutcomes
        case outputs, deepOutputs, outputsFromField, variablesFromField, terminal, voiceOnly
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(String.self, forKey: .type)
        title = try c.decode(String.self, forKey: .title)
        abbreviation = try c.decode(String.self, forKey: .abbreviation)
        icon = try c.decode(String.self, forKey: .icon)
        category = try c.decode(String.self, forKey: .category)
        description = try c.decode(String.self, forKey: .description)
        fields = try c.decodeIfPresent([FieldSpec].self, forKey: .fields) ?? []
        outcomes = try c.decodeIfPresent([String].self, forKey: .outcomes) ?? []
        dynamicOutcomes = try c.decodeIfPresent(String.self, forKey: .dynamicOutcomes)
        outputs = try c.decodeIfPresent([String].self, forKey: .outputs) ?? []
        deepOutputs = try c.decodeIfPresent([String].self, forKey: .deepOutputs) ?? []
        outputsFromField = try c.decodeIfPresent(String.self, forKey: .outputsFromField)
        variablesFromField = try c.decodeIfPresent(String.self, forKey: .variablesFromField)
        terminal = try c.decodeIfPresent(Bool.self, forKey: .terminal) ?? false
        voiceOnly = try c.decodeIfPresent(Bool.self, forKey: .voiceOnly) ?? false
    }

    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The outcomes this node has, in order: for a branch, its branch names then `none`.
    public func outcomes(for node: FlowNode) -> [String] {
        guard let dynamic = dynamicOutcomes else { return outcomes }
        var names: [String] = []
        for entry in node.config[dynamic]?.arrayValue ?? [] {
            if let name = entry["name"]?.stringValue, !name.isEmpty, !names.contains(name) {
                names.append(name)
            }
        }
        return names + outcomes.filter { !names.contains($0) }
    }

    /// Fields that apply to this node (a Start node's fields depend on its trigger).
    public func applicableFields(for node: FlowNode) -> [FieldSpec] {
        fields.filter { $0.applies(to: node.config) }
    }

    /// Outputs this node offers, including those named by its config (data-parser fields).
    public func outputs(for node: FlowNode) -> [String] {
        guard let source = outputsFromField, let map = node.config[source]?.objectValue else { return outputs }
        return outputs + map.keys.sorted()
    }

    /// The config a newly placed node starts with: every default the catalog declares.
    public func defaultConfig() -> [String: JSONValue] {
        var config: [String: JSONValue] = [:]
        for f in fields {
            if let d = f.default { config[f.name] = d }
        }
        return config
    }
}

public struct FieldSpec: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// One-line template text.
        case text
        /// Multi-line template text (message bodies); `$EDITOR` in the form.
        case longText
        case number
        /// One of `options`.
        case `enum`
        /// One of the catalog's channels.
        case channel
        /// A name from `settings.outcomes`.
        case flowOutcome
        /// A name from `settings.logbooks`.
        case logbook
        /// A boolean expression (§10).
        case expression
        /// `[{"name","variable","op","value"}]`; `options` lists the operators.
        case branches
        /// `{"key": "value"}` (assignments, headers, parser fields).
        case map
        /// A prompt file name in the voice media folder.
        case prompt
    }

    public var name: String
    public var label: String
    public var kind: Kind
    public var mandatory: Bool
    public var `default`: JSONValue?
    public var options: [String]?
    /// Short on-screen instructions per option (the Start node's triggers).
    public var optionHelp: [String: String]?
    /// The field applies only when another field has one of these values.
    public var when: [String: [String]]?
    public var min: Double?
    public var max: Double?
    /// Length limit of the text when the node's `channel` is the key (sms: 1024).
    public var maxLengthByChannel: [String: Int]?

    public func applies(to config: [String: JSONValue]) -> Bool {
        guard let when else { return true }
        for (field, values) in when {
            guard let v = config[field]?.stringValue, values.contains(v) else { return false }
        }
        return true
    }
}
