import Foundation

/// The branch node's operators (DESIGN §4).
///
/// `value` is the variable's current value (nil: unset), `operand` the rendered branch
/// value. equals/not-equals use the expression language's `==`. contains looks for an
/// element in a list, else for the text. greater-than/less-than compare numerically when
/// the operand is a number (a value that is not a number then never holds), otherwise
/// lexically. is-empty ignores the operand. matches searches with a regular expression;
/// an invalid one never holds (the validator reports literal patterns at Save).
public enum BranchOperator: String, Sendable, CaseIterable {
    case equals, notEquals = "not-equals", contains, startsWith = "starts-with"
    case greaterThan = "greater-than", lessThan = "less-than", isEmpty = "is-empty", matches

    public func holds(_ value: JSONValue?, _ operand: String) -> Bool {
        let v = value ?? .null
        switch self {
        case .equals: return ValueSemantics.equal(v, .string(operand))
        case .notEquals: return !ValueSemantics.equal(v, .string(operand))
        case .contains:
            if case .array(let items) = v { return items.contains { ValueSemantics.equal($0, .string(operand)) } }
            if case .null = v { return false }
            return ExpressionEvaluator.text(v.templateText, contains: operand)
        case .startsWith:
            if case .null = v { return operand.isEmpty }
            return v.templateText.hasPrefix(operand)
        case .greaterThan, .lessThan:
            let order: ValueSemantics.Order?
            if let right = ValueSemantics.decimalNumber(operand) {
                guard let left = v.comparableNumber else { return false }
                order = left < right ? .less : (left > right ? .greater : .equal)
            } else {
                guard case .string(let s) = v else { return false }
                order = ValueSemantics.order(.string(s), .string(operand))
            }
            return order == (self == .greaterThan ? .greater : .less)
        case .isEmpty: return v.isEmpty
        case .matches:
            if case .null = v { return false }
            return (try? ValueSemantics.regexMatches(v.templateText, operand)) ?? false
        }
    }
}
