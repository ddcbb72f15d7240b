import Foundation

/// Mermaid and Graphviz DOT renderings of a flow, for docs and reviews.
///
/// Both list nodes by id and edges in canonical connection order, so the output is
/// deterministic. A node shows its label (its type's title when the label is empty);
/// Start and terminal nodes get a rounded shape, Branch/Evaluate a diamond. Connectors
/// that name a missing node are left out: they are a validation error, not part of the
/// graph.
public enum GraphExport {
    public static func mermaid(_ document: FlowDocument, catalog: NodeCatalog = .standard) -> String {
        let (nodes, edges) = parts(of: document)
        var lines = ["flowchart LR"]
        if !document.name.isEmpty { lines.append("  %% \(flatten(document.name))") }
        for node in nodes {
            let label = "\"\(mermaidEscape(displayLabel(node, catalog)))\""
            let id = mermaidID(node.id)
            switch shape(of: node, catalog) {
            case .rounded: lines.append("  \(id)([\(label)])")
            case .diamond: lines.append("  \(id){\(label)}")
            case .box: lines.append("  \(id)[\(label)]")
            }
        }
        for c in edges {
            lines.append("  \(mermaidID(c.from)) -->|\"\(mermaidEscape(c.outcome))\"| \(mermaidID(c.to))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dot(_ document: FlowDocument, catalog: NodeCatalog = .standard) -> String {
        let (nodes, edges) = parts(of: document)
        var lines = [
            "digraph \(dotQuote(document.name.isEmpty ? "flow" : document.name)) {",
            "  rankdir=LR;",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for node in nodes {
            var attributes = "label=\(dotQuote(displayLabel(node, catalog)))"
            switch shape(of: node, catalog) {
            case .rounded: attributes += ", shape=box, style=\"rounded,bold\""
            case .diamond: attributes += ", shape=diamond, style=solid"
            case .box: break
            }
            lines.append("  \(dotQuote(node.id)) [\(attributes)];")
        }
        for c in edges {
            lines.append("  \(dotQuote(c.from)) -> \(dotQuote(c.to)) [label=\(dotQuote(c.outcome))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Shared

    enum Shape { case box, rounded, diamond }

    static func shape(of node: FlowNode, _ catalog: NodeCatalog) -> Shape {
        if node.type == "start" || catalog.type(node.type)?.terminal == true { return .rounded }
        if node.type == "branch" || node.type == "evaluate" { return .diamond }
        return .box
    }

    static func displayLabel(_ node: FlowNode, _ catalog: NodeCatalog) -> String {
        let label = flatten(node.label).trimmingCharacters(in: .whitespaces)
        if !label.isEmpty { return label }
        return catalog.type(node.type)?.title ?? node.type
    }

    static func parts(of document: FlowDocument) -> ([FlowNode], [Connection]) {
        var seen = Set<String>()
        let nodes = document.nodes
            .filter { seen.insert($0.id).inserted }
            .sorted { CanonicalOrder.less($0.id, $1.id) }
        let edges = Set(document.connections)
            .filter { seen.contains($0.from) && seen.contains($0.to) }
            .sorted(by: FlowCodec.canonicalLess)
        return (nodes, edges)
    }

    /// Labels are one line in both formats.
    static func flatten(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    // MARK: Mermaid

    /// Node ids may contain `--` (an arrow to Mermaid) and may be `end` (a keyword), so
    /// each is prefixed and its hyphens become underscores, which ids never contain.
    static func mermaidID(_ id: String) -> String {
        String(decoding: Array("n_".utf8) + id.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }

    /// Mermaid's quoted labels take entity codes: `#quot;` for a quote, and `#` itself
    /// must be escaped so user text cannot form an entity; `<`/`>` would be read as HTML.
    static func mermaidEscape(_ text: String) -> String {
        let special: Set<UInt8> = [0x23, 0x22, 0x3C, 0x3E, 0x7C, 0x0A, 0x0D] // # " < > | newlines
        guard text.utf8.contains(where: special.contains) else { return text }
        var out = ""
        for ch in flatten(text) {
            switch ch {
            case "#": out += "#35;"
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            default: out.append(ch)
            }
        }
        return out
    }

    // MARK: DOT

    /// A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`.
    static func dotQuote(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return "\"" + text + "\""
        }
        var out = "\""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
