import Foundation

struct ExpressionToken: Sendable {
    enum Kind: Equatable, Sendable {
        case string(String)
        case number(Double)
        case reference(Reference)
        case identifier(String)
        /// `== != < <= > >= && || ! -`
        case symbol(String)
        case leftParen, rightParen, comma
        case end
    }
    var kind: Kind
    /// UTF-8 byte offset in the source.
    var offset: Int
}

/// Splits an expression into tokens, working on UTF-8 bytes for speed (the validator
/// parses every expression of a 10,000-node flow on each Save).
struct ExpressionLexer {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let source: String
    private var i = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
    }

    static func tokenize(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        var text = source
        let result: Result<[ExpressionToken], ExpressionError> = text.withUTF8 { buffer in
            var lexer = ExpressionLexer(bytes: buffer, source: source)
            var tokens: [ExpressionToken] = []
            do throws(ExpressionError) {
                while true {
                    let token = try lexer.next()
                    tokens.append(token)
                    if token.kind == .end { return .success(tokens) }
                }
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func error(_ message: String, at byteOffset: Int) -> ExpressionError {
        ExpressionError(message, position: ReferenceSyntax.characterOffset(byteOffset, in: source))
    }

    private func text(_ range: Range<Int>) -> String { ReferenceSyntax.string(bytes, range) }

    private func peek(_ k: Int = 0) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        while let b = peek(), b == 32 || b == 9 || b == 10 || b == 13 { i += 1 }
        let start = i
        guard let b = peek() else { return ExpressionToken(kind: .end, offset: i) }
        func symbol(_ s: String, _ length: Int) -> ExpressionToken {
            i += length
            return ExpressionToken(kind: .symbol(s), offset: start)
        }
        switch b {
        case UInt8(ascii: "("): i += 1; return ExpressionToken(kind: .leftParen, offset: start)
        case UInt8(ascii: ")"): i += 1; return ExpressionToken(kind: .rightParen, offset: start)
        case UInt8(ascii: ","): i += 1; return ExpressionToken(kind: .comma, offset: start)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return symbol("==", 2) }
            throw error("use == to compare; a single = is not allowed", at: start)
        case UInt8(ascii: "!"):
            return peek(1) == UInt8(ascii: "=") ? symbol("!=", 2) : symbol("!", 1)
        case UInt8(ascii: "<"):
            return peek(1) == UInt8(ascii: "=") ? symbol("<=", 2) : symbol("<", 1)
        case UInt8(ascii: ">"):
            return peek(1) == UInt8(ascii: "=") ? symbol(">=", 2) : symbol(">", 1)
        case UInt8(ascii: "&"):
            if peek(1) == UInt8(ascii: "&") { return symbol("&&", 2) }
            throw error("use && for 'and'", at: start)
        case UInt8(ascii: "|"):
            if peek(1) == UInt8(ascii: "|") { return symbol("||", 2) }
            throw error("use || for 'or'", at: start)
        case UInt8(ascii: "-"):
            return symbol("-", 1)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try stringLiteral(quote: b)
        case UInt8(ascii: "$"):
            return try reference()
        case 48...57, UInt8(ascii: "."):
            return try number()
        default:
            if isIdentifierStart(b) {
                while let c = peek(), isIdentifierStart(c) || (c >= 48 && c <= 57) { i += 1 }
                return ExpressionToken(kind: .identifier(text(start..<i)), offset: start)
            }
            let rest = text(start..<bytes.count)
            throw error("unexpected character \(rest.first.map { "'\($0)'" } ?? "")", at: start)
        }
    }

    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
    }

    private mutating func stringLiteral(quote: UInt8) throws(ExpressionError) -> ExpressionToken {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard let b = peek() else { throw error("unclosed string: add the closing \(Character(Unicode.Scalar(quote)))", at: start) }
            i += 1
            if b == quote { break }
            if b != UInt8(ascii: "\\") { out.append(b); continue }
            guard let e = peek() else { throw error("unclosed string: add the closing \(Character(Unicode.Scalar(quote)))", at: start) }
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "/"):
                out.append(e)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count,
                      let code = UInt32(text(i..<i + 4), radix: 16),
                      let scalar = Unicode.Scalar(code) else {
                    throw error("\\u needs four hex digits naming a character", at: i - 2)
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 4
            default:
                throw error("unknown escape \\\(Character(Unicode.Scalar(e))) in a string; use \\\\ for a backslash", at: i - 2)
            }
        }
        return ExpressionToken(kind: .string(String(decoding: out, as: UTF8.self)), offset: start)
    }

    private mutating func number() throws(ExpressionError) -> ExpressionToken {
        let start = i
        var sawDigit = false
        while let c = peek(), c >= 48 && c <= 57 { i += 1; sawDigit = true }
        if peek() == UInt8(ascii: ".") {
            i += 1
            while let c = peek(), c >= 48 && c <= 57 { i += 1; sawDigit = true }
        }
        guard sawDigit else { throw error("a number needs digits", at: start) }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            i += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
            var expDigit = false
            while let c = peek(), c >= 48 && c <= 57 { i += 1; expDigit = true }
            guard expDigit else { throw error("a number's exponent needs digits", at: start) }
        }
        if let c = peek(), isIdentifierStart(c) || c == UInt8(ascii: ".") {
            throw error("malformed number", at: start)
        }
        let text = text(start..<i)
        guard let n = Double(text), n.isFinite else { throw error("malformed number \(text)", at: start) }
        return ExpressionToken(kind: .number(n), offset: start)
    }

    private mutating func reference() throws(ExpressionError) -> ExpressionToken {
        let start = i
        guard peek(1) == UInt8(ascii: "(") else {
            throw error("a $ starts a reference such as $(name)", at: start)
        }
        var j = i + 2
        while j < bytes.count, bytes[j] != UInt8(ascii: ")") { j += 1 }
        guard j < bytes.count else { throw error("unclosed $( — add )", at: start) }
        switch ReferenceSyntax.parse(bytes, (i + 2)..<j) {
        case .success(let ref):
            i = j + 1
            return ExpressionToken(kind: .reference(ref), offset: start)
        case .failure(let e):
            throw error(e.message, at: start)
        }
    }
}
