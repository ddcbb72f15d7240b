import Foundation

/// A node's configuration is free-form JSON whose shape the catalog describes, so it is
/// kept as a JSON tree rather than one Swift type per node: unknown keys survive a round
/// trip and the catalog, not the compiler, decides what is valid.
public enum JSONValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberValue: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(JSONValue.trimmingSpaces(s))
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// True for the values a person would call "not filled in".
    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .string(let s): return JSONValue.isBlank(s)
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .number, .bool: return false
        }
    }

    /// The value as a person would type it in a form field.
    public var displayText: String {
        switch self {
        case .string(let s): return s
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object:
            return CanonicalJSON.encode(self, indent: false)
        }
    }
}

extension JSONValue {
    /// `s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`, deciding ASCII text
    /// by a byte scan: Foundation's trimming dominated validating a large flow. Text
    /// with other characters is still asked of Foundation, which knows Unicode's spaces.
    static func isBlank(_ s: String) -> Bool {
        for b in s.utf8 {
            switch b {
            case 9...13, 32: continue
            case 0..<128: return false
            default: return s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }
        }
        return true
    }

    /// `s.trimmingCharacters(in: .whitespaces)`: ASCII spaces and tabs are trimmed by
    /// bytes; when a non-ASCII character is left at either end (it may be a Unicode
    /// space), Foundation trims instead.
    static func trimmingSpaces(_ s: String) -> Substring {
        let u = s.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 32 || u[start] == 9 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 32 || u[u.index(before: end)] == 9 { end = u.index(before: end) }
        if start < end, u[start] >= 0x80 || u[u.index(before: end)] >= 0x80 {
            return Substring(s.trimmingCharacters(in: .whitespaces))
        }
        return s[start..<end]
    }
}

extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
    public init(nilLiteral: ()) { self = .null }
}
