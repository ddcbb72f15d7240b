/// `diff --format markdown`: a review summary to paste into a ticket or a pull request.
/// Counts first, then per node what changed with old → new values (compact JSON).
public enum ReviewMarkdown {
    public static func summary(_ old: FlowDocument, _ new: FlowDocument, from: String, to: String) -> String {
        let d = FlowDiff.between(old, new)
        var out = "## \(new.name): \(from) → \(to)\n\n"
        let moved = d.movedNodes.count
        out += "**Nodes** +\(d.addedNodes.count) −\(d.removedNodes.count) ~\(d.changedNodes.count)"
        if moved > 0 { out += " (\(moved) moved only)" }
        out += " · **Connectors** +\(d.addedConnections.count) −\(d.removedConnections.count)"
        out += " · **Notes** +\(d.addedNotes.count) −\(d.removedNotes.count) ~\(d.changedNotes.count)"
        out += " · **Settings** " + (d.settingsChanged ? "changed" : "unchanged") + "\n"
        if d.isEmpty { return out + "\nNo changes.\n" }

        let oldNodes = Dictionary(old.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newNodes = Dictionary(new.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if !d.addedNodes.isEmpty {
            out += "\n### Added nodes\n\n"
            for id in d.addedNodes { out += "- " + title(newNodes[id], id) + "\n" }
        }
        if !d.removedNodes.isEmpty {
            out += "\n### Removed nodes\n\n"
            for id in d.removedNodes { out += "- " + title(oldNodes[id], id) + "\n" }
        }
        if !d.changedNodes.isEmpty {
            out += "\n### Changed nodes\n"
            for change in d.changedNodes {
                guard let a = oldNodes[change.id], let b = newNodes[change.id] else { continue }
                out += "\n#### " + title(b, b.id) + "\n\n"
                for field in change.fields { out += "- " + fieldLine(field, a, b) + "\n" }
            }
        }
        if !d.addedConnections.isEmpty || !d.removedConnections.isEmpty {
            out += "\n### Connectors\n\n"
            for c in d.addedConnections { out += "- added " + code("\(c.from).\(c.outcome) → \(c.to)") + "\n" }
            for c in d.removedConnections { out += "- removed " + code("\(c.from).\(c.outcome) → \(c.to)") + "\n" }
        }
        if d.settingsChanged {
            out += "\n### Settings\n\n"
            let a = FlowCodec.jsonValue(of: old), b = FlowCodec.jsonValue(of: new)
            for field in d.changedSettings {
                out += "- \(code(field)): \(code(value(a, field))) → \(code(value(b, field)))\n"
            }
        }
        if !d.notesUnchanged {
            out += "\n### Notes\n\n"
            let oldNotes = Dictionary(old.notes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let newNotes = Dictionary(new.notes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for id in d.addedNotes { out += "- added \(code(id)): \(code(quoted(newNotes[id]?.text ?? "")))\n" }
            for id in d.removedNotes { out += "- removed \(code(id)): \(code(quoted(oldNotes[id]?.text ?? "")))\n" }
            for change in d.changedNotes {
                guard let a = oldNotes[change.id], let b = newNotes[change.id] else { continue }
                for field in change.fields {
                    let (before, after): (String, String)
                    switch field {
                    case "text": (before, after) = (quoted(a.text), quoted(b.text))
                    case "node": (before, after) = (a.node ?? "(flow)", b.node ?? "(flow)")
                    default: (before, after) = ("(\(a.x), \(a.y))", "(\(b.x), \(b.y))")
                    }
                    out += "- \(code(change.id)) \(field): \(code(before)) → \(code(after))\n"
                }
            }
        }
        return out
    }

    static func title(_ node: FlowNode?, _ id: String) -> String {
        guard let node else { return code(id) }
        let label = node.label.isEmpty ? "" : " \(quoted(node.label))"
        return "\(code(id))\(label) (\(node.type))"
    }

    static func fieldLine(_ field: String, _ a: FlowNode, _ b: FlowNode) -> String {
        switch field {
        case "position":
            return "moved: \(code(position(a))) → \(code(position(b)))"
        case "label":
            return "label: \(code(quoted(a.label))) → \(code(quoted(b.label)))"
        case "type":
            return "type: \(code(a.type)) → \(code(b.type))"
        default:
            let key = String(field.dropFirst("config.".count))
            return "\(code(field)): \(code(json(a.config[key]))) → \(code(json(b.config[key])))"
        }
    }

    static func position(_ n: FlowNode) -> String {
        "(\(n.x.map(String.init) ?? "-"), \(n.y.map(String.init) ?? "-"))"
    }

    static func json(_ value: JSONValue?) -> String {
        value.map { CanonicalJSON.encode($0, indent: false) } ?? "(none)"
    }

    static func quoted(_ s: String) -> String { CanonicalJSON.encode(.string(s), indent: false) }

    /// A top-level field ("name") or a settings field ("settings.outcomes") of the export.
    static func value(_ doc: JSONValue, _ field: String) -> String {
        let path = field.split(separator: ".").map(String.init)
        var current: JSONValue? = doc
        for key in path { current = current?.objectValue?[key] }
        return json(current)
    }

    /// Inline code that survives backticks in the value (a longer fence around it).
    static func code(_ s: String) -> String {
        var fence = "`"
        while s.contains(fence) { fence += "`" }
        let pad = fence.count > 1 || s.hasPrefix("`") || s.hasSuffix("`") ? " " : ""
        return fence + pad + s + pad + fence
    }
}
