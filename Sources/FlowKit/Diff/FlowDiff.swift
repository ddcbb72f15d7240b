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
    }

    public var addedNodes: [String]
    public var removedNodes: [String]
    public var changedNodes: [ChangedNode]
    public var addedConnections: [Connection]
    public var removedConnections: [Connection]
    public var settingsChanged: Bool

    public init(addedNodes: [String] = [], removedNodes: [String] = [], changedNodes: [ChangedNode] = [],
                addedConnections: [Connection] = [], removedConnections: [Connection] = [],
                settingsChanged: Bool = false) {
        self.addedNodes = addedNodes
        self.removedNodes = removedNodes
        self.changedNodes = changedNodes
        self.addedConnections = addedConnections
        self.removedConnections = removedConnections
        self.settingsChanged = settingsChanged
    }

    public var isEmpty: Bool {
        addedNodes.isEmpty && removedNodes.isEmpty && changedNodes.isEmpty && addedConnections.isEmpty
            && removedConnections.isEmpty && !settingsChanged
    }

    /// The semantic difference from `old` to `new`, linear in the size of both.
    ///
    /// - Node ids, connections and changed fields are sorted (UTF-8 order) so the result
    ///   is deterministic. A node's fields are "type", "label", "position" (x or y) and
    ///   "config.KEY" for each config key added, removed or changed.
    /// - `settingsChanged` covers everything outside nodes and connections that a Make
    ///   Live reviewer cares about: the flow's name, description, kind and settings.
    ///   Notes are documentation and are not part of the diff.
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

        diff.settingsChanged = old.settings != new.settings || old.name != new.name
            || old.description != new.description || old.kind != new.kind
        return diff
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
