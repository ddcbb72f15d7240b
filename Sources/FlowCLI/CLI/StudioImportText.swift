import FlowKit
import Foundation

// The report of `import --from twilio-studio`, as text and as `--json`.
extension CLIText {
    /// "Imported 'NAME' from Twilio Studio: 16 widgets → 29 nodes, 0 dropped, 2 templates
    /// left as text", then one line per dropped widget (or split condition) and per warning.
    public static func studioImport(_ report: StudioImportReport) -> String {
        var lines = ["Imported '\(report.flowName)' from Twilio Studio: \(plural(report.widgetCount, "widget")) → "
            + "\(plural(report.nodeCount, "node")), \(report.dropped.count) dropped, "
            + "\(plural(report.templatesLeftAsText, "template")) left as text"]
        for d in report.dropped {
            if let condition = d.condition {
                lines.append("  dropped: condition \(condition) of \(d.widget) (\(d.type)); rebuild it in the editor")
            } else {
                lines.append("  dropped: \(d.widget) (\(d.type)); rebuild it in the editor")
            }
        }
        for w in report.warnings {
            lines.append("  warning: node '\(w.node)' field '\(w.field)': \(w.message)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The imported flow's errors, the first five as "  to fix: …" lines and a pointer to
    /// `validate` for the rest; nothing when it has none.
    public static func toFixAfterImport(_ report: ValidationReport, of document: FlowDocument, flowID: String) -> String {
        let errors = report.errors
        guard !errors.isEmpty else { return "" }
        var lines = errors.prefix(5).map { f -> String in
            var line = "  to fix: \(f.message)"
            if f.code == .missingParameter, f.field == "address",
               let node = f.node, document.node(withID: node)?.type == "start" {
                line += " (Twilio Studio keeps the number in its console, not in the definition)"
            }
            return line
        }
        if errors.count > 5 { lines.append("  … and \(errors.count - 5) more: flowcanvas validate \(flowID)") }
        lines.append("  fix it in the editor: flowcanvas open \(flowID)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CLIJSON {
    /// `import --from twilio-studio --json`: the stored flow's id, name and draft revision,
    /// the trigger event chosen, the counts, and every dropped item and warning.
    public static func studioImport(_ report: StudioImportReport, flow: FlowSummary) -> String {
        CanonicalJSON.encode(.object([
            "id": .string(flow.id),
            "name": .string(flow.name),
            "revision": .number(Double(flow.draftRevision ?? 1)),
            "trigger": .string(report.triggerEvent),
            "widgets": .number(Double(report.widgetCount)),
            "nodes": .number(Double(report.nodeCount)),
            "dropped": .array(report.dropped.map { d in
                .object(["widget": .string(d.widget), "type": .string(d.type),
                         "condition": d.condition.map(JSONValue.string) ?? .null])
            }),
            "templatesLeftAsText": .number(Double(report.templatesLeftAsText)),
            "warnings": .array(report.warnings.map { w in
                .object(["kind": .string(w.kind.rawValue), "node": .string(w.node), "field": .string(w.field),
                         "message": .string(w.message)])
            }),
        ]))
    }
}
