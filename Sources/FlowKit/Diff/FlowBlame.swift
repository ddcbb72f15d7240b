import Foundation

/// Who last added or changed each node and the flow settings (`flowcanvas blame`).
///
/// Versions are walked in number order and each is compared with the one before it (the
/// same "own change" the history stepper shows), so a version that went back to older
/// content (a draft branched from an older version) is the one that last changed what it
/// put back. A change of position only is a move and is reported as one.
public struct FlowBlame: Equatable, Sendable {
    public enum Change: String, Codable, Equatable, Sendable {
        case added, changed, moved
    }

    public struct Line: Equatable, Sendable {
        /// A node id, or "settings" for the flow-level fields.
        public var id: String
        public var label: String
        public var type: String
        public var change: Change
        /// What the change touched ("label", "config.url", "settings.outcomes", …); empty
        /// for an addition.
        public var fields: [String]
        /// The version (or the draft) that made the change.
        public var origin: HistoryEntry
    }

    public struct Deletion: Equatable, Sendable {
        public var id: String
        public var label: String
        public var type: String
        /// The version (or the draft) without the node.
        public var removedIn: HistoryEntry
        /// The last version that still had it (nil when only a draft had it).
        public var lastSeenIn: Int?
    }

    /// The version (or the draft) the blame describes.
    public var at: HistoryEntry
    /// Every node of `at`, sorted by id.
    public var nodes: [Line]
    public var settings: Line
    /// Nodes that existed in an earlier step and are not in `at`, sorted by id.
    public var deleted: [Deletion]

    public func line(for nodeID: String) -> Line? { nodes.first { $0.id == nodeID } }

    /// The blame of the last step, steps oldest first (at least one): each step's own
    /// change (`VersionChangeSet`) against the step before it, then `compute(changes:)`.
    public static func compute(_ steps: [HistoryStep]) -> FlowBlame {
        precondition(!steps.isEmpty, "blame needs at least one version")
        var previous: FlowDocument?
        var changes: [RecordedChange] = []
        for step in steps {
            changes.append(RecordedChange(entry: step.entry, changes: VersionChangeSet.between(previous, step.document)))
            previous = step.document
        }
        return compute(changes: changes)
    }

    /// The blame of the last entry from each entry's recorded change against the one
    /// before it, oldest first (at least one). Reads no document: linear in the number of
    /// recorded node changes.
    public static func compute(changes history: [RecordedChange]) -> FlowBlame {
        precondition(!history.isEmpty, "blame needs at least one version")
        var lines: [String: Line] = [:]
        var deleted: [String: Deletion] = [:]
        var settings: Line?
        var previousVersion: Int?
        for step in history {
            for c in step.changes.nodes {
                switch c.kind {
                case .added:
                    lines[c.id] = Line(id: c.id, label: c.label, type: c.type, change: .added, fields: [], origin: step.entry)
                    deleted[c.id] = nil
                case .changed, .moved:
                    lines[c.id] = Line(id: c.id, label: c.label, type: c.type, change: c.kind == .moved ? .moved : .changed,
                                       fields: c.fields, origin: step.entry)
                case .removed:
                    guard let line = lines.removeValue(forKey: c.id) else { continue }
                    deleted[c.id] = Deletion(id: c.id, label: line.label, type: line.type, removedIn: step.entry,
                                             lastSeenIn: previousVersion)
                }
            }
            if settings == nil {
                settings = Line(id: "settings", label: "", type: "", change: .added, fields: [], origin: step.entry)
            } else if !step.changes.settings.isEmpty {
                settings = Line(id: "settings", label: "", type: "", change: .changed, fields: step.changes.settings,
                                origin: step.entry)
            }
            previousVersion = step.entry.version
        }
        return FlowBlame(at: history.last!.entry,
                         nodes: lines.values.sorted { CanonicalOrder.less($0.id, $1.id) },
                         settings: settings!,
                         deleted: deleted.values.sorted { CanonicalOrder.less($0.id, $1.id) })
    }
}

/// A version (or the working draft) with its own change against the version before it.
public struct RecordedChange: Equatable, Sendable {
    public var entry: HistoryEntry
    public var changes: VersionChangeSet

    public init(entry: HistoryEntry, changes: VersionChangeSet) {
        self.entry = entry
        self.changes = changes
    }
}

/// One version (or the working draft) with its document, for blame, log and stepping.
public struct HistoryStep: Equatable, Sendable {
    public var entry: HistoryEntry
    public var document: FlowDocument

    public init(entry: HistoryEntry, document: FlowDocument) {
        self.entry = entry
        self.document = document
    }
}

/// One line of `flowcanvas log`: a version (or the draft) and its own change, against the
/// version before it (version 1 and a draft of a never-live flow: against nothing).
public struct VersionLogEntry: Equatable, Sendable {
    public var entry: HistoryEntry
    public var diff: FlowDiff

    /// Newest first, like `history`.
    public static func log(_ steps: [HistoryStep]) -> [VersionLogEntry] {
        var previous = FlowDocument(name: "")
        var entries: [VersionLogEntry] = []
        entries.reserveCapacity(steps.count)
        for (i, step) in steps.enumerated() {
            var diff = FlowDiff.between(previous, step.document)
            // The first step's "settings changed" only says the flow came into being.
            if i == 0 { diff.settingsChanged = false; diff.changedSettings = [] }
            entries.append(VersionLogEntry(entry: step.entry, diff: diff))
            previous = step.document
        }
        return entries.reversed()
    }
}
