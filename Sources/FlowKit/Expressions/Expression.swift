import Foundation

/// A parsed boolean/value expression of DESIGN §10: literals, `$(refs)`, comparisons,
/// `&& || !`, parentheses, and the functions len lower upper trim number contains
/// startsWith endsWith matches. No I/O, no loops.
///
/// Semantics (see `ValueSemantics` and `JSONValue.isTruthy`):
/// - an unknown or unset reference reads as null;
/// - `==`/`!=` compare numerically when both sides are numbers or numeric strings, treat
///   null as equal to '' and booleans as equal to 'true'/'false', else compare text;
/// - `< <= > >=` compare numerically, or lexically when both sides are text; anything
///   else (null, booleans, a number against non-numeric text) is a run-time error;
/// - `&&`/`||` short-circuit and yield a boolean; `!` yields a boolean;
/// - `matches(text, pattern)` searches anywhere in the text (anchor with ^ and $).
public struct Expression: Sendable {
    public let source: String
    let root: ExpressionNode
    /// Every distinct reference, in order of first appearance.
    public let references: [Reference]

    public init(parsing source: String) throws(ExpressionError) {
        var parser = try ExpressionParser(source: source)
        self.root = try parser.parse()
        self.references = parser.references
        self.source = source
    }

    /// Evaluates to a string, number, bool or null; throws on type errors at run time.
    public func evaluate(_ lookup: ReferenceLookup) throws(ExpressionError) -> JSONValue {
        try ExpressionEvaluator.evaluate(root, lookup)
    }

    /// Evaluates and applies truthiness: what the evaluate node branches on.
    public func evaluateCondition(_ lookup: ReferenceLookup) throws(ExpressionError) -> Bool {
        try evaluate(lookup).isTruthy
    }
}

enum ExpressionEvaluator {
    static func evaluate(_ node: ExpressionNode, _ lookup: ReferenceLookup) throws(ExpressionError) -> JSONValue {
        switch node {
        case .literal(let v): return v
        case .reference(let ref): return lookup(ref) ?? .null
        case .not(let inner): return .bool(!(try evaluate(inner, lookup)).isTruthy)
        case .negate(let inner):
            let v = try evaluate(inner, lookup)
            guard let n = v.comparableNumber else {
                throw ExpressionError("cannot negate \(ValueSemantics.kindName(v)): it is not a number")
            }
            return .number(-n)
        case .and(let l, let r):
            guard try evaluate(l, lookup).isTruthy else { return .bool(false) }
            return .bool(try evaluate(r, lookup).isTruthy)
        case .or(let l, let r):
            if try evaluate(l, lookup).isTruthy { return .bool(true) }
            return .bool(try evaluate(r, lookup).isTruthy)
        case .compare(let op, let l, let r):
            return .bool(try compare(op, try evaluate(l, lookup), try evaluate(r, lookup)))
        case .call(let function, let arguments):
            var values: [JSONValue] = []
            values.reserveCapacity(arguments.count)
            for a in arguments { values.append(try evaluate(a, lookup)) }
            return try call(function, values)
        }
    }

    private static func compare(_ op: ComparisonOperator, _ a: JSONValue, _ b: JSONValue) throws(ExpressionError) -> Bool {
        switch op {
        case .equal: return ValueSemantics.equal(a, b)
        case .notEqual: return !ValueSemantics.equal(a, b)
        default:
            guard let order = ValueSemantics.order(a, b) else {
                throw ExpressionError("cannot compare \(ValueSemantics.kindName(a)) with \(ValueSemantics.kindName(b)) using \(op.rawValue)")
            }
            switch op {
            case .less: return order == .less
            case .lessOrEqual: return order != .greater
            case .greater: return order == .greater
            default: return order != .less
            }
        }
    }

    private static func call(_ function: ExpressionFunction, _ v: [JSONValue]) throws(ExpressionError) -> JSONValue {
        switch function {
        case .len:
            switch v[0] {
            case .string(let s): return .number(Double(s.count))
            case .array(let a): return .number(Double(a.count))
            case .object(let o): return .number(Double(o.count))
            case .null: return .number(0)
            case .number: return .number(Double(v[0].templateText.count))
            case .bool: throw ExpressionError("len() needs text or a list, not \(ValueSemantics.kindName(v[0]))")
            }
        case .lower: return .string(v[0].templateText.lowercased())
        case .upper: return .string(v[0].templateText.uppercased())
        case .trim: return .string(v[0].templateText.trimmingCharacters(in: .whitespacesAndNewlines))
        case .number:
            guard let n = v[0].comparableNumber else {
                throw ExpressionError("number(): \(ValueSemantics.kindName(v[0])) is not a number")
            }
            return .number(n)
        case .contains:
            switch v[0] {
            case .array(let items): return .bool(items.contains { ValueSemantics.equal($0, v[1]) })
            case .object(let o): return .bool(o[v[1].templateText] != nil)
            default: return .bool(Self.text(v[0].templateText, contains: v[1].templateText))
            }
        case .startsWith: return .bool(v[0].templateText.hasPrefix(v[1].templateText))
        case .endsWith: return .bool(v[0].templateText.hasSuffix(v[1].templateText))
        case .matches: return .bool(try ValueSemantics.regexMatches(v[0].templateText, v[1].templateText))
        }
    }

    static func text(_ haystack: String, contains needle: String) -> Bool {
        needle.isEmpty || haystack.range(of: needle) != nil
    }
}
