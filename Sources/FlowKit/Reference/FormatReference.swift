/// docs/format.md: the `flowcanvas/1` document, generated from the document field table
/// and the node catalog (`Resources/catalog.json`) so the reference cannot drift from
/// what the binary reads. `flowcanvas reference format` prints it; scripts/generate-docs
/// writes it; FormatReferenceTests fails when the committed file differs.
public enum FormatReference {
    public static func markdown(catalog: NodeCatalog = .standard) -> String {
        var out = MarkdownText()
        out.line("# The `\(FlowDocument.formatIdentifier)` document")
        out.line()
        out.line(MarkdownText.generatedNotice(command: "flowcanvas reference format",
                                              sources: "Resources/catalog.json and FlowKit's document field table"))
        out.line()
        out.paragraph("""
            A flow is one JSON document. `export`, `import`, `save FLOW FILE` and the workspace \
            store all use it. Export is canonical: keys sorted, nodes sorted by id, connections \
            sorted, 2-space indent, trailing newline, so two exports of the same flow are \
            byte-identical and `git diff` reads well. Import checks everything before it writes \
            anything; a part that is wrong is named in one line.
            """)
        out.line("## Document fields")
        out.line()
        out.paragraph("★ = import refuses the document without it. Everything else may be left out.")
        out.table(header: ["field", "type", "required", "meaning"], rows: DocumentFieldReference.fields.map {
            ["`\($0.path)`", $0.type, $0.required ? "★" : "", $0.meaning]
        })
        out.line("## References and templates")
        out.line()
        out.paragraph("""
            Text fields marked *template* substitute `$(name)` (a custom variable of \
            `settings.variables`, or one a Set Variables node assigns) and `$(nodeId.output)` \
            (an output of an earlier node, listed per node type below). Outputs marked *(JSON)* \
            hold JSON and allow deeper paths, e.g. `$(start.body.customer.id)`. An *expression* \
            is a boolean over references: string and number literals, `== != < <= > >=`, \
            `&& || !`, parentheses, and `len() lower() upper() trim() number() contains() \
            startsWith() endsWith() matches()`.
            """)
        out.paragraph("""
            System values every session has are read as `$(system.NAME)` in any template or \
            expression (a node whose id is `system`, or a variable named so, shadows them):
            """)
        out.table(header: ["reference", "value", "example"], rows: SystemValue.allCases.map {
            ["`$(\($0.reference))`", $0.meaning, "`\($0.example)`"]
        })
        out.line("## Channels")
        out.line()
        out.paragraph(catalog.channels.map { "`\($0)`" }.joined(separator: ", ") + ".")
        out.line("## Node types")
        out.line()
        out.paragraph("""
            ★ = mandatory: an empty value is a `missing-parameter` error (see \
            [validation.md](validation.md)). \
            A field with *when* applies only while another field has one of the values given. \
            Any `type` not listed here is unsupported: import refuses the whole document and \
            names each such node.
            """)
        out.table(header: ["type", "title", "category", "outcomes"], rows: catalog.types.map { t in
            ["[`\(t.type)`](#\(t.type))", t.title + (t.voiceOnly ? " (voice)" : ""), t.category, outcomesText(t)]
        })
        for t in catalog.types {
            nodeSection(t, into: &out)
        }
        if let example = FlowTemplates.named(exampleTemplate) {
            out.line("## Example")
            out.line()
            out.paragraph("The `\(exampleTemplate)` template (`flowcanvas new NAME --template \(exampleTemplate)`), as `export` writes it:")
            out.line("```json")
            out.text(FlowCodec.exportJSON(example.document))
            out.line("```")
        }
        return out.text
    }

    static let exampleTemplate = "order-status"

    static func nodeSection(_ t: NodeType, into out: inout MarkdownText) {
        out.line("### \(t.type)")
        out.line()
        var heading = "**\(t.title)** \(t.icon) · \(t.category) · box label `\(t.abbreviation)`"
        if t.voiceOnly { heading += " · voice flows only" }
        out.paragraph(heading + "\n\n" + t.description)
        if t.fields.isEmpty {
            out.paragraph("Fields: none.")
        } else {
            out.table(header: ["field", "★", "kind", "default", "values", "when"], rows: t.fields.map { f in
                ["`\(f.name)`", f.mandatory ? "★" : "", kindText(f), f.default.map { "`\(CanonicalJSON.encode($0, indent: false))`" } ?? "",
                 valuesText(f), whenText(f)]
            })
        }
        for f in t.fields {
            guard let help = f.optionHelp, let options = f.options else { continue }
            for option in options {
                if let text = help[option] { out.line("- `\(f.name)` `\(option)`: \(text)") }
            }
            out.line()
        }
        out.paragraph("Outcomes: " + outcomesText(t) + ".")
        out.paragraph("Outputs: " + outputsText(t) + ".")
    }

    static func outcomesText(_ t: NodeType) -> String {
        if t.terminal { return "none (ends the session)" }
        var parts: [String] = []
        if let dynamic = t.dynamicOutcomes { parts.append("each entry's `name` in `\(dynamic)`, in order") }
        parts += t.outcomes.map { "`\($0)`" }
        return parts.joined(separator: ", ")
    }

    static func outputsText(_ t: NodeType) -> String {
        var parts = t.outputs.map { t.deepOutputs.contains($0) ? "`\($0)` (JSON)" : "`\($0)`" }
        if let field = t.outputsFromField { parts.append("one per key of `\(field)`") }
        if let field = t.variablesFromField { parts.append("each key of `\(field)` as a plain `$(name)` variable") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    static func kindText(_ f: FieldSpec) -> String {
        switch f.kind {
        case .text: return "template"
        case .longText: return "template (multi-line)"
        case .number: return "number"
        case .enum: return "one of the values"
        case .channel: return "channel"
        case .flowOutcome: return "a name in `settings.outcomes`"
        case .logbook: return "a name in `settings.logbooks`"
        case .expression: return "expression"
        case .branches: return "array of `{\"name\", \"variable\", \"op\", \"value\"}`, checked in order"
        case .map: return "object of strings"
        case .prompt: return "prompt file name in the media folder"
        }
    }

    static func valuesText(_ f: FieldSpec) -> String {
        var parts: [String] = []
        if let options = f.options {
            let label = f.kind == .branches ? "op: " : ""
            parts.append(label + options.map { "`\($0)`" }.joined(separator: " "))
        }
        if f.min != nil || f.max != nil {
            let lo = f.min.map(CanonicalJSON.formatNumber) ?? "…"
            let hi = f.max.map(CanonicalJSON.formatNumber) ?? "…"
            parts.append("\(lo) to \(hi)")
        }
        if let limits = f.maxLengthByChannel {
            for (channel, limit) in limits.sorted(by: { $0.key < $1.key }) {
                parts.append("at most \(limit) characters for \(channel)")
            }
        }
        return parts.joined(separator: "; ")
    }

    static func whenText(_ f: FieldSpec) -> String {
        guard let when = f.when else { return "" }
        return when.sorted { $0.key < $1.key }
            .map { "`\($0.key)` is " + $0.value.map { "`\($0)`" }.joined(separator: " or ") }
            .joined(separator: "; ")
    }
}
