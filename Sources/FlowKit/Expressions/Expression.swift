import Foundation

/// A parsed boolean/value expression of DESIGN §10: literals, `$(refs)`, comparisons,
/// `&& || !`, parentheses, and the functions len lower upper trim number contains
/// startsWith endsWith matches. No I/O, no loops.
public struct Expression: Sendable {
    public let source: String

    public init(parsing source: String) throws(ExpressionError) {
        // TODO(validation helper): parse into an AST held by this struct.
        self.source = source
    }

    /// Every `$(…)` the expression reads.
    public var references: [Reference] { [] }

    /// Evaluates to a string, number, bool or null; throws on type errors at run time.
    public func evaluate(_ lookup: ReferenceLookup) throws(ExpressionError) -> JSONValue {
        // TODO(validation helper)
        .null
    }
}

/// Text with `$(name)` / `$(node.field)` substitutions (messages, URLs, assignments).
public struct Template: Sendable {
    public let source: String

    public init(_ source: String) {
        self.source = source
    }

    /// Syntax problems (an unclosed `$(`, an empty reference), empty if well-formed.
    public var problems: [ExpressionError] { [] }

    public var references: [Reference] { [] }

    /// Substitutes every reference; unknown references become the empty string, JSON
    /// values are written as compact JSON.
    public func render(_ lookup: ReferenceLookup) -> String {
        // TODO(validation helper)
        source
    }
}

/// The branch node's operators (DESIGN §4).
public enum BranchOperator: String, Sendable, CaseIterable {
    case equals, notEquals = "not-equals", contains, startsWith = "starts-with"
    case greaterThan = "greater-than", lessThan = "less-than", isEmpty = "is-empty", matches

    /// Whether `value` (the variable's current value) satisfies the operator against
    /// `operand` (the rendered branch value).
    public func holds(_ value: JSONValue?, _ operand: String) -> Bool {
        // TODO(validation helper)
        false
    }
}

/// Paths such as `order.items[0].sku` into JSON values (data-parser, deep references).
public enum JSONPath {
    public static func lookup(_ path: String, in value: JSONValue) -> JSONValue? {
        // TODO(validation helper)
        nil
    }
}
