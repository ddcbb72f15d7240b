import FlowKit
import TerminalUI

/// A template as the choosers show it: what it does, then what to fill in before it can
/// go live (the description's "Fill in:" part, else the validator's errors on it) and the
/// variables Make Live asks for.
enum TemplateDescription {
    static func parts(_ t: FlowTemplate) -> (summary: String, fillIn: [String]) {
        var summary = t.summary
        var fillIn: [String] = []
        if let r = summary.range(of: "Fill in:") {
            fillIn.append(summary[r.upperBound...].trimmingCharacters(in: .whitespaces))
            summary = summary[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        } else {
            let errors = Validator().validate(t.document).errors
            fillIn += errors.prefix(4).map { "\($0.node.map { $0 + ": " } ?? "")\(FindingText.short($0))" }
        }
        let variables = t.document.settings.variables.filter(\.externalized).map(\.name)
        if !variables.isEmpty { fillIn.append("Make Live asks for: " + variables.joined(separator: ", ")) }
        return (summary, fillIn)
    }

    static func render(_ t: FlowTemplate, into b: inout CellBuffer, in r: Rect, theme: Theme) {
        guard r.width > 0 else { return }
        let (summary, fillIn) = parts(t)
        var y = r.y
        for line in TextLayout.wrap(summary, width: r.width) where y < r.maxY {
            b.put(line, x: r.x, y: y, style: theme.dimText); y += 1
        }
        guard !fillIn.isEmpty, y + 1 < r.maxY else { return }
        y += 1
        b.put("To fill in:", x: r.x, y: y, style: theme.paneTitle); y += 1
        for item in fillIn {
            for (k, line) in TextLayout.wrap(item, width: max(1, r.width - 2)).enumerated() where y < r.maxY {
                b.put((k == 0 ? "- " : "  ") + line, x: r.x, y: y, style: theme.text); y += 1
            }
        }
    }
}
