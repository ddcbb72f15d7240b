import FlowKit
import Foundation

/// The CLI's human-readable outputs. Plain text, no colour: the CLI's output is often
/// piped; the editor has its own rendering.
public enum CLIText {
    public static func list(_ flows: [FlowSummary]) -> String {
        if flows.isEmpty { return "No flows yet. Create one with 'flowcanvas new NAME'.\n" }
        let rows = flows.map { f in
            [f.name, f.id, f.kind.rawValue, f.status.rawValue, f.state?.rawValue ?? "-",
             f.liveVersion.map { "v\($0)" } ?? "-", f.draftRevision.map { "rev \($0)" } ?? "-"]
        }
        return table(header: ["NAME", "ID", "KIND", "STATUS", "STATE", "LIVE", "DRAFT"], rows: rows)
    }

    /// "2 errors, 1 warning" then one line per finding, errors first.
    public static func findings(_ report: ValidationReport) -> String {
        let e = report.errors.count, w = report.warnings.count
        if e == 0 && w == 0 { return "No findings: the flow is valid.\n" }
        var out = "\(plural(e, "error")), \(plural(w, "warning"))\n"
        let rows = (report.errors + report.warnings).map { f in
            [f.severity.rawValue, f.code.rawValue, location(f), f.message]
        }
        out += table(header: nil, rows: rows, indent: "  ")
        return out
    }

    public static func history(_ flow: FlowSummary, _ entries: [HistoryEntry]) -> String {
        var out = "History of \(flow.name) (\(flow.id)), newest first\n"
        let rows = entries.map { e -> [String] in
            let what = e.version.map { "v\($0)" } ?? "draft"
            let status = e.status == .draft ? "draft rev \(e.revision ?? 0)" : e.status.rawValue
            let based = e.basedOn.map { "from v\($0)" } ?? ""
            return [what, status, based, LocalTime.text(e.createdAt), e.author, e.comment]
        }
        out += table(header: ["VERSION", "STATUS", "BASED ON", "TIME", "AUTHOR", "COMMENT"], rows: rows, indent: "  ")
        return out
    }

    public static func diff(_ d: FlowDiff, from a: DocumentRef, to b: DocumentRef) -> String {
        var out = "Changes from \(a) to \(b):\n"
        if d.isEmpty { return out + "  none\n" }
        for id in d.addedNodes { out += "  + node \(id)\n" }
        for id in d.removedNodes { out += "  - node \(id)\n" }
        for c in d.changedNodes {
            out += c.isMoveOnly ? "  > node \(c.id): moved\n" : "  ~ node \(c.id): \(c.fields.joined(separator: ", "))\n"
        }
        for c in d.addedConnections { out += "  + connector \(c.from).\(c.outcome) -> \(c.to)\n" }
        for c in d.removedConnections { out += "  - connector \(c.from).\(c.outcome) -> \(c.to)\n" }
        if d.settingsChanged { out += "  ~ settings: \(d.changedSettings.joined(separator: ", "))\n" }
        for id in d.addedNotes { out += "  + note \(id)\n" }
        for id in d.removedNotes { out += "  - note \(id)\n" }
        for c in d.changedNotes { out += "  ~ note \(c.id): \(c.fields.joined(separator: ", "))\n" }
        return out
    }

    public static func show(_ flow: FlowSummary, _ stored: StoredDocument) -> String {
        let doc = stored.document
        var out = "\(flow.name) (\(flow.id)): \(doc.kind.rawValue) flow, "
        if let live = flow.liveVersion {
            out += "live v\(live), \(flow.state?.rawValue ?? "running")\n"
        } else {
            out += "draft only\n"
        }
        switch stored.ref {
        case .draft:
            out += "Showing the working draft, revision \(stored.draftRevision)"
            out += stored.basedOn.map { " (based on v\($0))\n" } ?? "\n"
        case .version(let n):
            out += "Showing version \(n)" + (n == flow.liveVersion ? " (live)\n" : "\n")
        }
        if !doc.description.isEmpty { out += doc.description + "\n" }
        out += "\nNodes (\(doc.nodes.count)):\n"
        let rows = doc.nodes.sorted { $0.id < $1.id }.map { node -> [String] in
            let exits = doc.connections(from: node.id).map { "\($0.outcome) -> \($0.to)" }.joined(separator: ", ")
            return [node.id, node.type, node.label, exits]
        }
        out += table(header: nil, rows: rows, indent: "  ")
        if !doc.settings.variables.isEmpty {
            out += "\nVariables (\(doc.settings.variables.count)):\n"
            out += table(header: nil, rows: doc.settings.variables.map { v in
                [v.name, v.default.isEmpty ? "(empty)" : v.shown(v.default),
                 [v.externalized ? "externalized" : "", v.secret ? "secret" : ""].filter { !$0.isEmpty }.joined(separator: ", ")]
            }, indent: "  ")
        }
        if !doc.notes.isEmpty { out += "Notes: \(doc.notes.count)\n" }
        return out
    }

    public static func apps(_ apps: [WorkspaceApp]) -> String {
        table(header: ["NAME", "CHANNEL", "WEBHOOK", "SIGNED"], rows: apps.map {
            [$0.name, $0.channel ?? "(every channel, built in)", $0.webhookURL ?? "-",
             $0.isBuiltIn ? "-" : ($0.hasSigningSecret ? "yes" : "no")]
        })
    }

    public static func templates(_ templates: [FlowTemplate]) -> String {
        if templates.isEmpty { return "No templates.\n" }
        return table(header: ["NAME", "KIND", "SUMMARY"], rows: templates.map { [$0.name, $0.kind.rawValue, $0.summary] })
    }

    public static func prompts(_ t: PromptTable) -> String {
        if t.prompts.isEmpty { return "The flow uses no prompts.\n" }
        let header = ["PROMPT"] + t.languages.map { $0.code + ($0.required ? "*" : "") }
        // As `media check` words it: the duration of a readable WAV, else why not.
        let rows = t.prompts.map { p in
            [p] + t.languages.map { language -> String in
                if let seconds = t.durations[p]?[language.code] { return WAVInfo.seconds(seconds) }
                return (t.available[p]?[language.code] ?? false) ? "UNREADABLE" : "MISSING"
            }
        }
        return table(header: header, rows: rows) + "(* required language)\n"
    }

    public static func madeLive(_ flow: String, _ v: FlowVersion) -> String {
        var out = "\(flow) is live: version \(v.number), running\n"
        for (channel, app) in v.apps.sorted(by: { $0.key < $1.key }) { out += "  \(channel) -> \(app)\n" }
        let declared = v.document.settings.variables
        for (name, value) in v.variables.sorted(by: { $0.key < $1.key }) {
            let shown = declared.first { $0.name == name }?.shown(value) ?? value
            out += "  $(\(name)) = \(shown)\n"
        }
        return out
    }

    // MARK: helpers

    static func location(_ f: Finding) -> String {
        switch (f.node, f.field) {
        case let (node?, field?): return "\(node).\(field)"
        case let (node?, nil): return node
        case let (nil, field?): return "settings.\(field)"
        default: return "flow"
        }
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Columns padded to their widest cell; the last column is not padded. A line break
    /// inside a cell is shown as a space so every row stays one line.
    public static func table(header: [String]?, rows: [[String]], indent: String = "") -> String {
        let all = (header.map { [$0] } ?? []) + rows
        guard let columns = all.map(\.count).max(), columns > 0 else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in all {
            var line = indent
            for (i, cell) in row.enumerated() {
                let flat = cell.replacingOccurrences(of: "\n", with: " ")
                line += i == row.count - 1 ? flat : flat.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
