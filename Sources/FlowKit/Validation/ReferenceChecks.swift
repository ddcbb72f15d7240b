import Foundation

/// unknown-variable: a `$(x)` must name a custom variable, a set-variables assignment,
/// or an output of an existing node (deeper paths only under the type's deep outputs).
extension ValidationRun {
    /// Templates and expressions list each reference once, so this is called once per
    /// distinct reference of a field value.
    mutating func checkReference(_ ref: Reference, node i: Int?, field: String, label: @autoclosure () -> String) {
        if tracksReferences { referencedHeads.append(Reference.baseName(ref.parts[0])) }
        guard let problem = referenceProblem(ref) else { return }
        let detail = "\(label()) uses \(ref), but \(problem)"
        if let i {
            add(.unknownVariable, node: i, field: field, detail)
        } else {
            addFlow(.unknownVariable, field: field, "Flow settings: \(detail)")
        }
    }

    /// Nil when the reference names something that exists; else why it does not.
    func referenceProblem(_ ref: Reference) -> String? {
        let first = ref.parts[0]
        let head = Reference.baseName(first)
        if ref.parts.count == 1 {
            if variableNames.contains(head) { return nil }
            if let n = indexByID.firstIndex(of: head) {
                let outputs = types[n]?.spec.outputs(for: document.nodes[n]) ?? []
                let hint = outputs.first.map { ", e.g. $(\(head).\($0))" } ?? ""
                return "\"\(head)\" is a node, not a variable; name one of its outputs\(hint)"
            }
            return "no custom variable or Set Variables assignment is named \"\(head)\""
        }
        if first == head, let n = indexByID.firstIndex(of: head) {
            guard let info = types[n] else { return nil }
            let outputPart = ref.parts[1]
            let output = Reference.baseName(outputPart)
            // outputs(for:) builds a list only for data-parser; read the rest in place.
            let known = info.spec.outputs.contains(output)
                || (info.spec.outputsFromField.flatMap { document.nodes[n].config[$0]?[output] } != nil)
            guard known else {
                let outputs = info.spec.outputs(for: document.nodes[n])
                let list = outputs.isEmpty ? "it has no outputs" : "its outputs are \(outputs.joined(separator: ", "))"
                return "\(name(n)) has no output \"\(output)\"; \(list)"
            }
            let deep = ref.parts.count > 2 || outputPart != output
            if deep && !info.spec.deepOutputs.contains(output) {
                let list = info.spec.deepOutputs.isEmpty ? "none of its outputs allows deeper paths"
                    : "only \(info.spec.deepOutputs.joined(separator: " and ")) allow deeper paths"
                return "\"\(output)\" of \(name(n)) is not JSON; \(list)"
            }
            return nil
        }
        if variableNames.contains(head) { return nil }
        if first == SystemValue.head {
            if SystemValue.named(ref.parts) != nil { return nil }
            let names = SystemValue.allCases.map(\.rawValue).joined(separator: ", ")
            return "\"\(ref.parts.dropFirst().joined(separator: "."))\" is not a system value; they are \(names)"
        }
        return "no node has the id \"\(head)\" and no variable is named \"\(head)\""
    }
}
