import FlowKit
import Foundation

// `log` and `blame` output (text and JSON).
extension CLIText {
    /// One line per version, newest first: version, author, time, `+a -r ~c` node counts
    /// (as `git log --stat` counts files), comment.
    public static func log(_ entries: [VersionLogEntry]) -> String {
        let rows = entries.map { e -> [String] in
            let d = e.diff
            return [e.entry.version.map { "v\($0)" } ?? "draft", e.entry.author, LocalTime.text(e.entry.createdAt),
                    "+\(d.addedNodes.count) -\(d.removedNodes.count) ~\(d.changedNodes.count)", extras(d),
                    e.entry.comment]
        }
        return table(header: nil, rows: rows)
    }

    /// What a log line's node counts leave out: connectors, settings, notes.
    static func extras(_ d: FlowDiff) -> String {
        var parts: [String] = []
        let connectors = d.addedConnections.count + d.removedConnections.count
        if connectors > 0 { parts.append("\(connectors) connector\(connectors == 1 ? "" : "s")") }
        if d.settingsChanged { parts.append("settings") }
        let notes = d.addedNotes.count + d.removedNotes.count + d.changedNotes.count
        if notes > 0 { parts.append("\(notes) note\(notes == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }

    /// One line per node (and the settings): version, author, time, what changed, comment.
    public static func blame(_ b: FlowBlame, deleted: Bool) -> String {
        func stamp(_ e: HistoryEntry) -> [String] {
            [e.version.map { "v\($0)" } ?? "draft", e.author, LocalTime.text(e.createdAt)]
        }
        func what(_ line: FlowBlame.Line) -> String {
            switch line.change {
            case .added: return "added"
            case .moved: return "moved"
            case .changed: return "changed " + line.fields.joined(separator: ", ")
            }
        }
        var rows = b.nodes.map { line in
            [line.id] + stamp(line.origin) + [what(line), line.origin.comment]
        }
        rows.append(["(settings)"] + stamp(b.settings.origin) + [what(b.settings), b.settings.origin.comment])
        var out = table(header: ["NODE", "VERSION", "AUTHOR", "TIME", "CHANGE", "COMMENT"], rows: rows)
        if deleted {
            out += b.deleted.isEmpty ? "\nNo deleted nodes.\n" : "\nDeleted nodes:\n"
            out += table(header: nil, rows: b.deleted.map { d in
                [d.id] + stamp(d.removedIn) + ["removed" + (d.lastSeenIn.map { " (last in v\($0))" } ?? ""),
                                               d.removedIn.comment]
            }, indent: "  ")
        }
        return out
    }
}

extension CLIJSON {
    static func entry(_ e: HistoryEntry) -> [String: JSONValue] {
        [
            "version": e.version.map { .number(Double($0)) } ?? .null,
            "status": .string(e.status.rawValue),
            "author": .string(e.author),
            "createdAt": .string(timestamp(e.createdAt)),
            "comment": .string(e.comment),
        ]
    }

    /// `log --json`: `[{"version","status","author","createdAt","comment","added","removed","changed","moved",
    /// "connectors","settingsChanged","notes"}]`, newest first.
    public static func log(_ entries: [VersionLogEntry]) -> String {
        CanonicalJSON.encode(.array(entries.map { e in
            var object = entry(e.entry)
            let d = e.diff
            object["added"] = .number(Double(d.addedNodes.count))
            object["removed"] = .number(Double(d.removedNodes.count))
            object["changed"] = .number(Double(d.changedNodes.count))
            object["moved"] = .number(Double(d.movedNodes.count))
            object["connectors"] = .number(Double(d.addedConnections.count + d.removedConnections.count))
            object["settingsChanged"] = .bool(d.settingsChanged)
            object["notes"] = .number(Double(d.addedNotes.count + d.removedNotes.count + d.changedNotes.count))
            return .object(object)
        }))
    }

    /// `blame --json`: `{"at":{version…},"nodes":[{"id","label","type","change","fields","version","author",
    /// "createdAt","comment"}],"settings":{…},"deleted":[{"id","label","type","removedIn","lastSeenIn",…}]}`
    /// (`deleted` only with `--deleted`).
    public static func blame(_ b: FlowBlame, deleted: Bool) -> String {
        func line(_ l: FlowBlame.Line) -> JSONValue {
            var object = entry(l.origin)
            object["id"] = .string(l.id)
            object["label"] = .string(l.label)
            object["type"] = .string(l.type)
            object["change"] = .string(l.change.rawValue)
            object["fields"] = .array(l.fields.map(JSONValue.string))
            return .object(object)
        }
        var top: [String: JSONValue] = [
            "at": .object(entry(b.at)),
            "nodes": .array(b.nodes.map(line)),
            "settings": line(b.settings),
        ]
        if deleted {
            top["deleted"] = .array(b.deleted.map { d in
                var object = entry(d.removedIn)
                object["id"] = .string(d.id)
                object["label"] = .string(d.label)
                object["type"] = .string(d.type)
                object["removedIn"] = d.removedIn.version.map { .number(Double($0)) } ?? .string("draft")
                object["lastSeenIn"] = d.lastSeenIn.map { .number(Double($0)) } ?? .null
                return .object(object)
            })
        }
        return CanonicalJSON.encode(.object(top))
    }
}
