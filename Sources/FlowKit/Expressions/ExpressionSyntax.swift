import Foundation

/// The parsed form of an expression.
indirect enum ExpressionNode: Sendable {
    case literal(JSONValue)
    case reference(Reference)
    case not(ExpressionNode)
    case negate(ExpressionNode)
    case and(ExpressionNode, ExpressionNode)
    case or(ExpressionNode, ExpressionNode)
    case compare(ComparisonOperator, ExpressionNode, ExpressionNode)
    case call(ExpressionFunction, [ExpressionNode])
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// The functions of DESIGN §10 and how many arguments each takes.
public enum ExpressionFunction: String, Sendable, CaseIterable {
    case len, lower, upper, trim, number, contains, startsWith, endsWith, matches

    public var arity: Int {
        switch self {
        case .len, .lower, .upper, .trim, .number: return 1
        case .contains, .startsWith, .endsWith, .matches: return 2
        }
    }
}

/// Recursive descent over the tokens. Precedence, loosest first:
/// `||`, `&&`, one comparison (`a < b < c` is refused), unary `!` and `-`, primaries.
struct ExpressionParser {
    private let source: String
    private let tokens: [ExpressionToken]
    private var position = 0
    private var depth = 0
    private(set) var references: [Reference] = []
    private static let maxDepth = 100

    init(source: String) throws(ExpressionError) {
        self.tokens = try ExpressionLexer.tokenize(source)
        self.source = source
    }

    mutating func parse() throws(ExpressionError) -> ExpressionNode {
        if tokens.first?.kind == .end { throw ExpressionError("the expression is empty", position: 0) }
        let node = try parseOr()
        let token = tokens[position]
        guard token.kind == .end else {
            throw error("did not expect \(describe(token)) after a complete expression; join conditions with && or ||", token)
        }
        return node
    }

    private func error(_ message: String, _ token: ExpressionToken) -> ExpressionError {
        ExpressionError(message, position: ReferenceSyntax.characterOffset(token.offset, in: source))
    }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() -> ExpressionToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    private mutating func parseOr() throws(ExpressionError) -> ExpressionNode {
        var left = try parseAnd()
        while isSymbol("||") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExpressionNode {
        var left = try parseComparison()
        while isSymbol("&&") {
            _ = advance()
            left = .and(left, try parseComparison())
        }
        return left
    }

    private func comparisonOperator() -> ComparisonOperator? {
        if case .symbol(let s) = current.kind { return ComparisonOperator(rawValue: s) }
        return nil
    }

    private mutating func parseComparison() throws(ExpressionError) -> ExpressionNode {
        let left = try parseUnary()
        guard let op = comparisonOperator() else { return left }
        _ = advance()
        let right = try parseUnary()
        if comparisonOperator() != nil {
            throw error("comparisons cannot be chained; join them with && (a < b && b < c)", current)
        }
        return .compare(op, left, right)
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExpressionNode {
        if isSymbol("!") {
            _ = advance()
            return .not(try nested { (p) throws(ExpressionError) in try p.parseUnary() })
        }
        if isSymbol("-") {
            let minus = advance()
            if case .number(let n) = current.kind {
                _ = advance()
                return .literal(.number(-n))
            }
            if current.kind == .end { throw error("a - must be followed by a number", minus) }
            return .negate(try nested { (p) throws(ExpressionError) in try p.parseUnary() })
        }
        return try parsePrimary()
    }

    private mutating func nested(_ body: (inout ExpressionParser) throws(ExpressionError) -> ExpressionNode) throws(ExpressionError) -> ExpressionNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("the expression is nested too deeply", current) }
        return try body(&self)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> ExpressionNode {
        let token = advance()
        switch token.kind {
        case .string(let s): return .literal(.string(s))
        case .number(let n): return .literal(.number(n))
        case .reference(let ref):
            if !references.contains(ref) { references.append(ref) }
            return .reference(ref)
        case .leftParen:
            let inner = try nested { (p) throws(ExpressionError) in try p.parseOr() }
            guard current.kind == .rightParen else {
                throw error("missing ) to close the ( here", token)
            }
            _ = advance()
            return inner
        case .identifier(let name):
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            guard current.kind == .leftParen else {
                throw error("'\(name)' is not a value: write $(\(name)) to read a variable, or '\(name)' for text", token)
            }
            guard let function = ExpressionFunction(rawValue: name) else {
                let known = ExpressionFunction.allCases.map { $0.rawValue + "()" }.joined(separator: " ")
                throw error("unknown function \(name)(); the functions are \(known)", token)
            }
            return try parseCall(function, token)
        case .end:
            throw error("the expression ends too early; a value is missing", token)
        default:
            throw error("expected a value but found \(describe(token))", token)
        }
    }

    private mutating func parseCall(_ function: ExpressionFunction, _ nameToken: ExpressionToken) throws(ExpressionError) -> ExpressionNode {
        _ = advance() // (
        var arguments: [ExpressionNode] = []
        if current.kind != .rightParen {
            while true {
                arguments.append(try nested { (p) throws(ExpressionError) in try p.parseOr() })
                if current.kind == .comma { _ = advance(); continue }
                break
            }
        }
        guard current.kind == .rightParen else {
            throw error("missing ) or , in the call of \(function.rawValue)()", current)
        }
        _ = advance()
        guard arguments.count == function.arity else {
            let wanted = function.arity == 1 ? "1 argument" : "\(function.arity) arguments"
            throw error("\(function.rawValue)() takes \(wanted), not \(arguments.count)", nameToken)
        }
        // A literal pattern is checked now so Save reports it, not the first session.
        if function == .matches, case .literal(.string(let pattern)) = arguments[1],
           case .failure(let failure) = RegexCache.compiled(pattern) {
            throw error("matches(): \(RegexCache.describe(pattern, failure))", nameToken)
        }
        return .call(function, arguments)
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .string(let s): return "the text '\(s)'"
        case .number(let n): return "the number \(CanonicalJSON.formatNumber(n))"
        case .reference(let r): return r.description
        case .identifier(let s): return "'\(s)'"
        case .symbol(let s): return "'\(s)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "the end"
        }
    }
}
