import Foundation
import TerminalText

/// How expressions, templates and branch operators see JSON values. One place, so a
/// branch `equals` and an expression `==` never disagree.
extension JSONValue {
    /// Truthiness for `&&`, `||`, `!` and the evaluate node's result.
    /// Falsy: `false`, `null`, `0`, NaN, the empty string, the strings `"false"` and
    /// `"0"` (any case, surrounding spaces ignored; variables set by templates are text,
    /// so `$(flag)` set to "false" must not count as true), and empty arrays/objects.
    /// Everything else is truthy.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return !(t.isEmpty || t == "0" || t.caseInsensitiveCompare("false") == .orderedSame)
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        }
    }

    /// The value as it is written into a message: strings as they are, numbers without a
    /// needless fraction, booleans as true/false, null as nothing, JSON compactly.
    public var templateText: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return CanonicalJSON.formatNumber(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object: return CanonicalJSON.encode(self, indent: false)
        }
    }

    /// The number a value stands for when compared: a JSON number, or a string that is
    /// entirely a decimal number (spaces around allowed). Never hex, `inf` or `nan`.
    public var comparableNumber: Double? {
        switch self {
        case .number(let n): return n.isNaN ? nil : n
        case .string(let s): return ValueSemantics.decimalNumber(s)
        default: return nil
        }
    }
}

enum ValueSemantics {
    /// Parses `-12`, `3.5`, `.5`, `1e3`; nil for anything else.
    static func decimalNumber(_ text: String) -> Double? {
        let t = JSONValue.trimmingSpaces(text)
        var sawDigit = false
        var i = t.utf8.startIndex
        let u = t.utf8
        if i < u.endIndex, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i = u.index(after: i) }
        while i < u.endIndex, u[i] >= 48, u[i] <= 57 { sawDigit = true; i = u.index(after: i) }
        if i < u.endIndex, u[i] == UInt8(ascii: ".") {
            i = u.index(after: i)
            while i < u.endIndex, u[i] >= 48, u[i] <= 57 { sawDigit = true; i = u.index(after: i) }
        }
        guard sawDigit else { return nil }
        if i < u.endIndex, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i = u.index(after: i)
            if i < u.endIndex, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i = u.index(after: i) }
            var expDigit = false
            while i < u.endIndex, u[i] >= 48, u[i] <= 57 { expDigit = true; i = u.index(after: i) }
            guard expDigit else { return nil }
        }
        guard i == u.endIndex, let n = Double(t), n.isFinite else { return nil }
        return n
    }

    /// Equality for `==`, `!=` and the branch operators:
    /// - both sides numbers or numeric strings: numerically (`"007" == 7`);
    /// - null equals null and the empty string (an unset variable reads as empty);
    /// - a boolean equals the same boolean or the string "true"/"false" (any case);
    /// - arrays and objects: structurally;
    /// - otherwise: the texts are compared exactly (case matters).
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.comparableNumber, let y = b.comparableNumber { return x == y }
        switch (a, b) {
        case (.null, .null): return true
        case (.null, .string(let s)), (.string(let s), .null): return s.isEmpty
        case (.null, _), (_, .null): return false
        case (.bool(let x), .bool(let y)): return x == y
        case (.bool(let x), .string(let s)), (.string(let s), .bool(let x)):
            return s.trimmingCharacters(in: .whitespaces).lowercased() == (x ? "true" : "false")
        case (.array, _), (.object, _), (_, .array), (_, .object): return a == b
        default: return a.templateText == b.templateText
        }
    }

    enum Order { case less, equal, greater }

    /// Ordering for `< <= > >=`: numerically when both sides are numbers or numeric
    /// strings, lexically when both are strings; anything else cannot be ordered.
    static func order(_ a: JSONValue, _ b: JSONValue) -> Order? {
        if let x = a.comparableNumber, let y = b.comparableNumber {
            return x < y ? .less : (x > y ? .greater : .equal)
        }
        if case .string(let x) = a, case .string(let y) = b {
            return x < y ? .less : (x > y ? .greater : .equal)
        }
        return nil
    }

    static func kindName(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "the text '\(s.count > 30 ? String(s.prefix(30)) + "…" : s)'"
        case .number(let n): return "the number \(CanonicalJSON.formatNumber(n))"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null (an unset value)"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// Whether `pattern` finds a match anywhere in `text` (anchor with ^ and $). A pattern
    /// that is not valid, too long, or needs more than the step budget on this text is an
    /// error (the evaluate node's `error` outcome), never a stuck core.
    static func regexMatches(_ text: String, _ pattern: String) throws(ExpressionError) -> Bool {
        let regex: SafeRegex
        switch RegexCache.compiled(pattern) {
        case .success(let r): regex = r
        case .failure(let f): throw ExpressionError("matches(): \(RegexCache.describe(pattern, f))")
        }
        do {
            return try regex.firstMatch(in: text)
        } catch {
            throw ExpressionError("matches(): '\(TerminalText.value(pattern))' \(error.message)")
        }
    }

}

/// Compiled patterns by their text: a flow repeats the same few patterns, and the
/// validator checks literal ones on every Save. Bounded; cleared when full.
final class RegexCache: @unchecked Sendable {
    private static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: Result<SafeRegex, SafeRegex.Failure>] = [:]

    static func compiled(_ pattern: String) -> Result<SafeRegex, SafeRegex.Failure> {
        if let known = shared.lock.withLock({ shared.compiled[pattern] }) { return known }
        let result: Result<SafeRegex, SafeRegex.Failure>
        do { result = .success(try SafeRegex(pattern)) } catch { result = .failure(error) }
        shared.lock.withLock {
            if shared.compiled.count > 4096 { shared.compiled.removeAll() }
            shared.compiled[pattern] = result
        }
        return result
    }

    static func isValid(_ pattern: String) -> Bool {
        if case .success = compiled(pattern) { return true }
        return false
    }

    /// "'(a' is not a valid regular expression: it has an unclosed (".
    static func describe(_ pattern: String, _ failure: SafeRegex.Failure) -> String {
        "'\(TerminalText.value(pattern))' is not a valid regular expression: it \(failure.message)"
    }
}
