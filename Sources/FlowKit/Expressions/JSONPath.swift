import Foundation

/// Paths such as `order.items[0].sku` into JSON values (data-parser, deep references).
///
/// Syntax: an optional leading `$` or `$.`, then keys separated by dots, and indexes in
/// brackets: `items[1][0]`, `items[-1]` (last), `['key with.dot']`. A dotted part that is
/// a whole number also indexes an array (`items.0`). When a path steps into a string that
/// holds a JSON object or array (an API body kept as text), that text is parsed first.
public enum JSONPath {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public static func lookup(_ path: String, in value: JSONValue) -> JSONValue? {
        guard let components = try? parse(path) else { return nil }
        return lookup(components, in: value)
    }

    public static func lookup(_ components: [Component], in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            if case .string(let text) = current, let parsed = parsedJSONText(text) {
                current = parsed
            }
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.key(let key), .array(let array)):
                guard let i = Int(key), let next = element(array, i) else { return nil }
                current = next
            case (.index(let i), .array(let array)):
                guard let next = element(array, i) else { return nil }
                current = next
            case (.index(let i), .object(let object)):
                guard let next = object[String(i)] else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    private static func element(_ array: [JSONValue], _ i: Int) -> JSONValue? {
        let index = i < 0 ? array.count + i : i
        // Not a ternary: `cond ? value : nil` would make nil a JSONValue (.null).
        guard array.indices.contains(index) else { return nil }
        return array[index]
    }

    private static func parsedJSONText(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Splits a path into components, or says what is wrong with it and where.
    public static func parse(_ path: String) throws(ExpressionError) -> [Component] {
        let bytes = Array(path.utf8)
        var components: [Component] = []
        var i = 0
        func fail(_ message: String, _ at: Int) -> ExpressionError {
            ExpressionError("path \"\(path)\": \(message)", position: ReferenceSyntax.characterOffset(at, in: path))
        }
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        var end = bytes.count
        while end > i, bytes[end - 1] == 32 { end -= 1 }
        if i < end, bytes[i] == UInt8(ascii: "$") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: ".") { i += 1 }
        } else if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
        }
        var expectKey = i < end && bytes[i] != UInt8(ascii: "[")
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "[") {
                i += 1
                guard i < end else { throw fail("unclosed [", i - 1) }
                if bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") {
                    let quote = bytes[i]
                    let start = i + 1
                    var j = start
                    while j < end, bytes[j] != quote { j += 1 }
                    guard j + 1 < end, bytes[j + 1] == UInt8(ascii: "]") else { throw fail("unclosed quoted key", i) }
                    components.append(.key(String(decoding: bytes[start..<j], as: UTF8.self)))
                    i = j + 2
                } else {
                    let start = i
                    if bytes[i] == UInt8(ascii: "-") { i += 1 }
                    while i < end, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                    guard i < end, bytes[i] == UInt8(ascii: "]"),
                          let n = Int(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                        throw fail("an index must be a whole number in [ ]", start)
                    }
                    components.append(.index(n))
                    i += 1
                }
                expectKey = false
            } else if b == UInt8(ascii: ".") {
                if expectKey { throw fail("empty key before a dot", i) }
                i += 1
                expectKey = true
                if i >= end { throw fail("ends with a dot", i - 1) }
            } else if b == UInt8(ascii: "]") {
                throw fail("] without [", i)
            } else {
                guard expectKey else { throw fail("write a dot before a key", i) }
                let start = i
                while i < end, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "["), bytes[i] != UInt8(ascii: "]") {
                    i += 1
                }
                components.append(.key(String(decoding: bytes[start..<i], as: UTF8.self)))
                expectKey = false
            }
        }
        if expectKey && !components.isEmpty { throw fail("ends with a dot", end) }
        return components
    }
}
