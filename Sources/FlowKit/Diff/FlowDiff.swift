import Foundation

/// What changed from one document to another (DESIGN.md §7 `diff --json`).
public struct FlowDiff: Codable, Equatable, Sendable {
    public struct ChangedNode: Codable, Equatable, Sendable {
        public var id: String
        /// Changed parts: "label", "type", "position", "config.url", …
        public var fields: [String]

        public init(id: String, fields: [String]) {
            self.id = id
            self.fields = fields
        }

        /// Only the position changed.
        public var isMoveOnly: Bool { fields == ["position"] }
    }

    public var addedNodes: [String]
    public var removedNodes: [String]
    public var changedNodes: [ChangedNode]
    public var addedConnections: [Connection]
    public var removedConnections: [Connection]
    public var settingsChanged: Bool
    /// Which parts of the flow-level fields changed: "name", "description", "kind",
    /// "settings.outcomes", … (empty exactly when `settingsChanged` is false).
    public var changedSettings: [String]
    public var addedNotes: [String]
    public var removedNotes: [String]
    /// Changed note parts: "text", "node" (attachment), "position".
    public var changedNotes: [ChangedNode]

    public init(addedNodes: [String] = [], removedNodes: [String] = [], changedNodes: [ChangedNode] = [],
                addedConnections: [Connection] = [], removedConnections: [Connection] = [],
                settingsChanged: Bool = false, changedSettings: [String] = [],
                addedNotes: [String] = [], removedNotes: [String] = [], changedNotes: [ChangedNode] = []) {
        self.addedNodes = addedNodes
        self.removedNodes = removedNodes
        self.changedNodes = changedNodes
        self.addedConnections = addedConnections
        self.removedConnections = removedConnections
        self.settingsChanged = settingsChanged
        self.changedSettings = changedSettings
        self.addedNotes = addedNotes
        self.removedNotes = removedNotes
        self.changedNotes = changedNotes
    }

    public var isEmpty: Bool {
        addedNodes.isEmpty && removedNodes.isEmpty && changedNodes.isEmpty && addedConnections.isEmpty
            && removedConnections.isEmpty && !settingsChanged && notesUnchanged
    }

    public var notesUnchanged: Bool { addedNotes.isEmpty && removedNotes.isEmpty && changedNotes.isEmpty }

    /// Nodes whose only change is their position (a move, reported as such).
    public var movedNodes: [String] { changedNodes.filter(\.isMoveOnly).map(\.id) }

    /// The semantic difference from `old` to `new`, linear in the size of both.
    ///
    /// - Node ids, connections and changed fields are sorted (UTF-8 order) so the result
    ///   is deterministic. A node's fields are "type", "label", "position" (x or y) and
    ///   "config.KEY" for each config key added, removed or changed.
    /// - `settingsChanged` covers everything outside nodes and connections that a Make
    ///   Live reviewer cares about: the flow's name, description, kind and settings.
    /// - Notes are compared by id like nodes (text, attached node, position).
    public static func between(_ old: FlowDocument, _ new: FlowDocument) -> FlowDiff {
        var oldByID: [String: FlowNode] = [:]
        oldByID.reserveCapacity(old.nodes.count)
        for node in old.nodes where oldByID[node.id] == nil { oldByID[node.id] = node }
        var newIDs = Set<String>()
        newIDs.reserveCapacity(new.nodes.count)

        var diff = FlowDiff()
        for node in new.nodes where newIDs.insert(node.id).inserted {
            guard let before = oldByID[node.id] else {
                diff.addedNodes.append(node.id)
                continue
            }
            let fields = changedFields(before, node)
            if !fields.isEmpty { diff.changedNodes.append(ChangedNode(id: node.id, fields: fields)) }
        }
        diff.removedNodes = oldByID.keys.filter { !newIDs.contains($0) }
        diff.addedNodes.sort(by: CanonicalOrder.less)
        diff.removedNodes.sort(by: CanonicalOrder.less)
        diff.changedNodes.sort { CanonicalOrder.less($0.id, $1.id) }

        let oldConnections = Set(old.connections)
        let newConnections = Set(new.connections)
        diff.addedConnections = newConnections.subtracting(oldConnections).sorted(by: FlowCodec.canonicalLess)
        diff.removedConnections = oldConnections.subtracting(newConnections).sorted(by: FlowCodec.canonicalLess)

        diff.changedSettings = settingsFields(old, new)
        diff.settingsChanged = !diff.changedSettings.isEmpty
        diffNotes(old.notes, new.notes, into: &diff)
        return diff
    }

    static func settingsFields(_ old: FlowDocument, _ new: FlowDocument) -> [String] {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.description != new.description { fields.append("description") }
        if old.kind != new.kind { fields.append("kind") }
        let a = old.settings, b = new.settings
        if a != b {
            if a.preventDuplicateSessions != b.preventDuplicateSessions { fields.append("settings.preventDuplicateSessions") }
            if a.uniqueIdentifier != b.uniqueIdentifier { fields.append("settings.uniqueIdentifier") }
            if a.logbooks != b.logbooks { fields.append("settings.logbooks") }
            if a.outcomes != b.outcomes { fields.append("settings.outcomes") }
            if a.variables != b.variables { fields.append("settings.variables") }
            if a.mediaFolder != b.mediaFolder { fields.append("settings.mediaFolder") }
            if a.languages != b.languages { fields.append("settings.languages") }
        }
        return fields.sorted(by: CanonicalOrder.less)
    }

    static func diffNotes(_ old: [FlowNote], _ new: [FlowNote], into diff: inout FlowDiff) {
        var oldByID: [String: FlowNote] = [:]
        for note in old where oldByID[note.id] == nil { oldByID[note.id] = note }
        var newIDs = Set<String>()
        for note in new where newIDs.insert(note.id).inserted {
            guard let before = oldByID[note.id] else {
                diff.addedNotes.append(note.id)
                continue
            }
            var fields: [String] = []
            if before.node != note.node { fields.append("node") }
            if before.x != note.x || before.y != note.y { fields.append("position") }
            if before.text != note.text { fields.append("text") }
            if !fields.isEmpty { diff.changedNotes.append(ChangedNode(id: note.id, fields: fields)) }
        }
        diff.removedNotes = oldByID.keys.filter { !newIDs.contains($0) }.sorted(by: CanonicalOrder.less)
        diff.addedNotes.sort(by: CanonicalOrder.less)
        diff.changedNotes.sort { CanonicalOrder.less($0.id, $1.id) }
    }

    static func changedFields(_ a: FlowNode, _ b: FlowNode) -> [String] {
        var fields: [String] = []
        if a.type != b.type { fields.append("type") }
        if a.label != b.label { fields.append("label") }
        if a.x != b.x || a.y != b.y { fields.append("position") }
        if a.config != b.config {
            for (key, value) in a.config where b.config[key] != value { fields.append("config." + key) }
            for key in b.config.keys where a.config[key] == nil { fields.append("config." + key) }
        }
        return fields.sorted(by: CanonicalOrder.less)
    }
}
