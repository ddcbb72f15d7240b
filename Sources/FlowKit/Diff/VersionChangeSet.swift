import Foundation

/// What one version changed against the version before it (version 1: against nothing),
/// node by node, plus which flow-level fields changed. Recorded beside the version when it
/// is made (the `version_changes` table), so blame reads one small row per version instead
/// of decoding and diffing every document (DECISIONS "History review (issue 17)").
///
/// Each node change carries the node's label and type as they were in that version (for a
/// removal: as they were before it), so blame needs no document at all.
public struct VersionChangeSet: Equatable, Sendable {
    public struct NodeChange: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case added, changed, moved, removed
        }

        public var id: String
        public var kind: Kind
        public var label: String
        public var type: String
        /// What a change touched ("label", "config.url", …); ["position"] for a move;
        /// empty for an addition or removal.
        public var fields: [String]

        public init(id: String, kind: Kind, label: String, type: String, fields: [String] = []) {
            self.id = id
            self.kind = kind
            self.label = label
            self.type = type
            self.fields = fields
        }
    }

    /// Sorted by id (canonical order).
    public var nodes: [NodeChange]
    /// The flow-level fields that changed ("name", "settings.outcomes", …), empty when none.
    public var settings: [String]

    public init(nodes: [NodeChange] = [], settings: [String] = []) {
        self.nodes = nodes
        self.settings = settings
    }

    /// The change from `old` (nil: nothing before) to `new`.
    public static func between(_ old: FlowDocument?, _ new: FlowDocument) -> VersionChangeSet {
        let before = old ?? FlowDocument(name: "")
        let diff = FlowDiff.between(before, new)
        var newByID: [String: FlowNode] = [:]
        newByID.reserveCapacity(new.nodes.count)
        for node in new.nodes where newByID[node.id] == nil { newByID[node.id] = node }
        var changes: [NodeChange] = []
        changes.reserveCapacity(diff.addedNodes.count + diff.changedNodes.count + diff.removedNodes.count)
        for id in diff.addedNodes {
            let n = newByID[id]!
            changes.append(NodeChange(id: id, kind: .added, label: n.label, type: n.type))
        }
        for c in diff.changedNodes {
            let n = newByID[c.id]!
            changes.append(NodeChange(id: c.id, kind: c.isMoveOnly ? .moved : .changed, label: n.label, type: n.type,
                                      fields: c.fields))
        }
        if !diff.removedNodes.isEmpty {
            let removed = Set(diff.removedNodes)
            var seen = Set<String>()
            for n in before.nodes where removed.contains(n.id) && seen.insert(n.id).inserted {
                changes.append(NodeChange(id: n.id, kind: .removed, label: n.label, type: n.type))
            }
        }
        changes.sort { CanonicalOrder.less($0.id, $1.id) }
        return VersionChangeSet(nodes: changes, settings: old == nil ? [] : diff.changedSettings)
    }

    // MARK: - Stored form

    /// One line per change, tab-separated, with `\\`, `\t`, `\n` and `\r` escaped:
    /// a header line, "S" and the changed settings fields, then "A|C|M|R id type label
    /// fields…". A line format rather than JSON: it parses in a few milliseconds for a
    /// 5,000-node first version, even in a debug build.
    public func encoded() -> Data {
        var out = Self.header + "\n"
        if !settings.isEmpty { out += (["S"] + settings.map(Self.escape)).joined(separator: "\t") + "\n" }
        for c in nodes {
            let code: String
            switch c.kind {
            case .added: code = "A"
            case .changed: code = "C"
            case .moved: code = "M"
            case .removed: code = "R"
            }
            out += ([code, Self.escape(c.id), Self.escape(c.type), Self.escape(c.label)] + c.fields.map(Self.escape))
                .joined(separator: "\t") + "\n"
        }
        return Data(out.utf8)
    }

    static let header = "flowcanvas-changes/1"

    public struct Unreadable: Error {}

    /// The change set `encoded()` wrote; `Unreadable` for anything else.
    public static func decode(_ data: Data) throws -> VersionChangeSet {
        var set = VersionChangeSet()
        var first = true
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var columns: [String] = []
            columns.reserveCapacity(6)
            while lineStart < bytes.count {
                var end = lineStart
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                columns.removeAll(keepingCapacity: true)
                var start = lineStart
                var escaped = false
                for i in lineStart...end {
                    if i == end || bytes[i] == 0x09 {
                        let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                        let text = String(decoding: slice, as: UTF8.self)
                        columns.append(escaped ? unescape(text) : text)
                        start = i + 1
                        escaped = false
                    } else if bytes[i] == 0x5C {
                        escaped = true
                    }
                }
                lineStart = end + 1
                if first {
                    guard columns == [header] else { throw Unreadable() }
                    first = false
                    continue
                }
                guard let code = columns.first else { throw Unreadable() }
                if code == "S" { set.settings = Array(columns.dropFirst()); continue }
                guard columns.count >= 4 else { throw Unreadable() }
                let kind: NodeChange.Kind
                switch code {
                case "A": kind = .added
                case "C": kind = .changed
                case "M": kind = .moved
                case "R": kind = .removed
                default: throw Unreadable()
                }
                set.nodes.append(NodeChange(id: columns[1], kind: kind, label: columns[3], type: columns[2],
                                            fields: Array(columns.dropFirst(4))))
            }
        }
        if first { throw Unreadable() }
        return set
    }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var pending = false
        for c in s.unicodeScalars {
            if pending {
                switch c {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(c)
                }
                pending = false
            } else if c == "\\" {
                pending = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
