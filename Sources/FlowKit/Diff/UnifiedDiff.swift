/// `diff --format unified`: a unified diff (GNU format, 3 lines of context) of two
/// canonical exports. `patch` applies it to the older export and gives the newer one
/// byte for byte. Where `git diff` would put a function name after a hunk's `@@`, this
/// names the node the hunk's first change is in (`node lookup "Find order"`), or the
/// section (`settings`, `connections`, `notes`, `flow`); `patch` ignores that text.
public enum UnifiedDiff {
    public static let contextLines = 3

    public static func between(_ old: FlowDocument, _ new: FlowDocument, oldName: String, newName: String) -> String {
        text(old: FlowCodec.exportJSON(old), new: FlowCodec.exportJSON(new), oldName: oldName, newName: newName,
             oldLabels: labels(old), newLabels: labels(new))
    }

    /// The diff of two texts in canonical export layout. Empty when they are equal.
    public static func text(old: String, new: String, oldName: String, newName: String,
                            oldLabels: [String: String] = [:], newLabels: [String: String] = [:]) -> String {
        let (a, aEndsWithNewline) = lines(old), (b, bEndsWithNewline) = lines(new)
        // A last line without a newline differs from the same text with one (`patch` needs
        // the "\ No newline" marker), so it is compared with a marker of its own.
        let aKeys = keys(a, endsWithNewline: aEndsWithNewline), bKeys = keys(b, endsWithNewline: bEndsWithNewline)
        let script = LineDiff.edits(aKeys, bKeys)
        guard script.contains(where: { $0.operation != .equal }) else { return "" }
        let aOwners = ExportSections.owners(a), bOwners = ExportSections.owners(b)

        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(script) {
            let edits = script[hunk]
            let oldCount = edits.filter { $0.operation != .insert }.count
            let newCount = edits.filter { $0.operation != .delete }.count
            let first = edits.first!
            let oldStart = oldCount == 0 ? first.oldIndex : first.oldIndex + 1
            let newStart = newCount == 0 ? first.newIndex : first.newIndex + 1
            var header = "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@"
            if let change = edits.first(where: { $0.operation != .equal }) {
                let where_ = change.operation == .insert
                    ? describe(bOwners[change.newIndex], newLabels) : describe(aOwners[change.oldIndex], oldLabels)
                if !where_.isEmpty { header += " " + where_ }
            }
            out += header + "\n"
            for e in edits {
                switch e.operation {
                case .equal: out += line(" ", a, e.oldIndex, aEndsWithNewline)
                case .delete: out += line("-", a, e.oldIndex, aEndsWithNewline)
                case .insert: out += line("+", b, e.newIndex, bEndsWithNewline)
                }
            }
        }
        return out
    }

    /// Node id → label, for hunk headers.
    static func labels(_ doc: FlowDocument) -> [String: String] {
        var labels: [String: String] = [:]
        for node in doc.nodes { labels[node.id] = node.label }
        return labels
    }

    private static func lines(_ text: String) -> ([Substring], Bool) {
        if text.isEmpty { return ([], true) }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { parts.removeLast() }
        return (parts, endsWithNewline)
    }

    private static func keys(_ lines: [Substring], endsWithNewline: Bool) -> [String] {
        var keys = lines.map(String.init)
        if !endsWithNewline, !keys.isEmpty { keys[keys.count - 1] += "\u{0}no-newline" }
        return keys
    }

    private static func line(_ mark: String, _ lines: [Substring], _ i: Int, _ endsWithNewline: Bool) -> String {
        var out = mark + lines[i] + "\n"
        if i == lines.count - 1 && !endsWithNewline { out += "\\ No newline at end of file\n" }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    private static func describe(_ owner: ExportSections.Owner, _ labels: [String: String]) -> String {
        switch owner {
        case .node(let id):
            let label = labels[id] ?? ""
            return label.isEmpty ? "node \(id)" : "node \(id) \"\(label)\""
        case .section(let name): return name
        }
    }

    /// Index ranges into the script: each run of changes with up to `contextLines` equal
    /// lines around it; runs closer than twice that share a hunk.
    private static func hunks(_ script: [LineDiff.Edit]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i < script.count {
            guard script[i].operation != .equal else { i += 1; continue }
            let start = max(0, i - contextLines)
            var end = i
            var lastChange = i
            while end < script.count {
                if script[end].operation != .equal {
                    lastChange = end
                } else if end - lastChange > 2 * contextLines {
                    break
                }
                end += 1
            }
            let stop = min(script.count, lastChange + 1 + contextLines)
            result.append(start..<stop)
            i = stop
        }
        return result
    }
}

/// Which part of a canonical export each line belongs to: a node (by id) or a top-level
/// section. The export's layout is fixed (DESIGN.md §3: 2-space indent, one key per
/// line, nodes as objects at depth 2 of `"nodes"`), so a line scan is enough.
enum ExportSections {
    enum Owner: Equatable {
        case node(String)
        case section(String)
    }

    static func owners(_ lines: [Substring]) -> [Owner] {
        var owners = [Owner](repeating: .section("flow"), count: lines.count)
        var section = "flow"
        var nodeStart: Int?
        var nodeID: String?
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("  \""), !line.hasPrefix("   ") {
                // A top-level key: `  "nodes": [`, `  "name": "…",`
                let key = line.dropFirst(3).prefix { $0 != "\"" }
                section = ["nodes", "connections", "notes", "settings"].contains(String(key)) ? String(key) : "flow"
                owners[i] = .section(section)
                continue
            }
            guard section == "nodes" else { owners[i] = .section(section); continue }
            if line == "    {" {
                nodeStart = i
                nodeID = nil
            } else if line.hasPrefix("      \"id\": \""), nodeStart != nil {
                let rest = line.dropFirst("      \"id\": \"".count)
                nodeID = String(rest.prefix { $0 != "\"" })
            } else if line == "    }" || line == "    },", let start = nodeStart {
                let owner: Owner = nodeID.map(Owner.node) ?? .section("nodes")
                for j in start...i { owners[j] = owner }
                nodeStart = nil
                continue
            }
            owners[i] = .section(section)
        }
        return owners
    }
}
