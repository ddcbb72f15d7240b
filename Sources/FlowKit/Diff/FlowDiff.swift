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

    /// The semantic difference from `old` to `new`.
    public static func between(_ old: FlowDocument, _ new: FlowDocument) -> FlowDiff {
        // TODO(codec helper): implement, linear in the size of both documents.
        FlowDiff()
    }
}
