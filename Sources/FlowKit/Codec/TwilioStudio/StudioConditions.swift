import Foundation

/// Values a split needs that are not one reference (a composite input such as
/// `{{a}}-{{b}}`, a value mixing text and references) are first assigned to variables
/// by a set-variables node in front of the split; the conditions then read those.
final class StudioHoist {
    let base: String
    private(set) var assignments: [(name: String, template: String)] = []

    init(base: String) { self.base = base }

    /// The variable holding `template`, assigning a new one when it is new.
    func variable(for template: String, role: String) -> String {
        if let existing = assignments.first(where: { $0.template == template }) { return existing.name }
        var name = "\(base)-\(role)"
        var n = 2
        while assignments.contains(where: { $0.name == name }) { name = "\(base)-\(role)-\(n)"; n += 1 }
        assignments.append((name, template))
        return name
    }
}

/// One Studio split condition as FlowCanvas logic.
///
/// Studio compares case-insensitively and trims the values (its documentation says so),
/// so a literal text `equal_to "yes"` must also hold for "YES " — it becomes the branch
/// operator `matches` with `(?i)^\s*yes\s*$`. Where no branch operator says it (a
/// negation, a value that is a reference) the condition is an expression for an
/// `evaluate` node: `lower(trim($(x))) != "yes"`. Dates and times have no equivalent.
struct StudioConditionTranslation {
    /// The branch entry, when one branch operator says it.
    var branch: (op: BranchOperator, value: String)?
    /// The same test as an expression (always available when the condition is supported).
    var expression: String
}

struct StudioConditionTranslator {
    let liquid: StudioLiquid
    let hoist: StudioHoist
    /// The reference (without `$( )`) the conditions test.
    let subject: String

    static let supportedTypes: Set<String> = [
        "equal_to", "not_equal_to", "matches_any_of", "does_not_match_any_of", "is_blank", "is_not_blank",
        "regex", "contains", "does_not_contain", "starts_with", "does_not_start_with", "less_than", "greater_than",
    ]

    /// An operand: a literal (trimmed, as Studio trims) or a reference.
    enum Operand {
        case literal(String)
        case reference(String)
    }

    /// The Liquid `value` as an operand; Liquid left as text is reported through `left`.
    func operand(_ source: String, left: inout [String]) -> Operand {
        let t = liquid.translate(source)
        left += t.leftAsText
        if t.references.isEmpty { return .literal(t.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let sole = t.soleReference { return .reference(sole) }
        return .reference(hoist.variable(for: t.text, role: "value"))
    }

    /// nil when the condition type has no equivalent.
    func translate(_ c: StudioCondition, left: inout [String]) -> StudioConditionTranslation? {
        let s = "$(\(subject))"
        let folded = "lower(trim(\(s)))"
        func foldedOperand(_ o: Operand) -> String {
            switch o {
            case .literal(let v): return Self.quote(v.lowercased())
            case .reference(let r): return "lower(trim($(\(r))))"
            }
        }
        switch c.type {
        case "equal_to", "not_equal_to":
            let o = operand(c.value, left: &left)
            let negate = c.type == "not_equal_to"
            let expression = "\(folded) \(negate ? "!=" : "==") \(foldedOperand(o))"
            if case .literal(let v) = o {
                if ValueSemantics.decimalNumber(v) != nil {
                    return .init(branch: (negate ? .notEquals : .equals, v), expression: "\(s) \(negate ? "!=" : "==") \(v)")
                }
                if !negate { return .init(branch: (.matches, "(?i)^\\s*\(Self.escape(v))\\s*$"), expression: expression) }
            }
            return .init(branch: nil, expression: expression)
        case "matches_any_of", "does_not_match_any_of":
            let items = c.value.split(separator: ",").map { String($0) }
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            let operands = items.map { operand($0, left: &left) }
            let negate = c.type == "does_not_match_any_of"
            let parts = operands.map { "\(folded) \(negate ? "!=" : "==") \(foldedOperand($0))" }
            let expression = parts.isEmpty ? (negate ? "true" : "false") : parts.joined(separator: negate ? " && " : " || ")
            let literals = operands.compactMap { o -> String? in if case .literal(let v) = o { return v } else { return nil } }
            if !negate, !literals.isEmpty, literals.count == operands.count {
                let alternatives = literals.map(Self.escape).joined(separator: "|")
                return .init(branch: (.matches, "(?i)^\\s*(?:\(alternatives))\\s*$"), expression: expression)
            }
            return .init(branch: nil, expression: expression)
        case "is_blank":
            return .init(branch: (.isEmpty, ""), expression: "trim(\(s)) == \"\"")
        case "is_not_blank":
            return .init(branch: nil, expression: "trim(\(s)) != \"\"")
        case "regex":
            let t = liquid.translate(c.value)
            left += t.leftAsText
            let pattern = "(?i)" + t.text
            let patternExpression = t.references.isEmpty ? Self.quote(pattern) : "$(\(hoist.variable(for: pattern, role: "pattern")))"
            return .init(branch: (.matches, pattern), expression: "matches(\(s), \(patternExpression))")
        case "contains", "does_not_contain":
            let o = operand(c.value, left: &left)
            let negate = c.type == "does_not_contain"
            let expression = "\(negate ? "!" : "")contains(lower(\(s)), \(foldedOperand(o)))"
            if !negate, case .literal(let v) = o {
                if v.lowercased() == v.uppercased() { return .init(branch: (.contains, v), expression: expression) }
                return .init(branch: (.matches, "(?i)\(Self.escape(v))"), expression: expression)
            }
            return .init(branch: nil, expression: expression)
        case "starts_with", "does_not_start_with":
            let o = operand(c.value, left: &left)
            let negate = c.type == "does_not_start_with"
            let expression = "\(negate ? "!" : "")startsWith(\(folded), \(foldedOperand(o)))"
            if !negate, case .literal(let v) = o {
                return .init(branch: (.matches, "(?i)^\\s*\(Self.escape(v))"), expression: expression)
            }
            return .init(branch: nil, expression: expression)
        case "less_than", "greater_than":
            let o = operand(c.value, left: &left)
            let op: BranchOperator = c.type == "less_than" ? .lessThan : .greaterThan
            let symbol = op == .lessThan ? "<" : ">"
            switch o {
            case .literal(let v):
                let right = ValueSemantics.decimalNumber(v) != nil ? v : Self.quote(v)
                return .init(branch: (op, v), expression: "\(s) \(symbol) \(right)")
            case .reference(let r):
                return .init(branch: (op, "$(\(r))"), expression: "\(s) \(symbol) $(\(r))")
            }
        default:
            return nil
        }
    }

    /// A string literal of the expression language.
    static func quote(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// `text` as a regular expression that matches exactly it.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\^$.|?*+()[]{}".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
