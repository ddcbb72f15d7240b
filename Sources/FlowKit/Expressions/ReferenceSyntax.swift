import Foundation

/// The text inside `$( … )`, shared by templates and expressions.
///
/// A reference is dot-separated parts; each part is a name optionally followed by
/// indexes: `name`, `lookup.status`, `lookup.body.items[0].sku`, `rows[1][0]`. A name is
/// any run of characters other than `. [ ] ( ) $`, quotes and white space, so JSON keys
/// such as `e-mail` or `@id` can be read.
///
/// Works on UTF-8 bytes: the validator reads every template of a 10,000-node flow on
/// each Save, and Character-based string handling is several times slower.
enum ReferenceSyntax {
    /// Parses `buffer[range]`, the bytes between `$(` and `)`. Returns the reference or
    /// what is wrong with it (without position; callers know where it started).
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result<Reference, ExpressionError> {
        func failure(_ describe: (String) -> String) -> Result<Reference, ExpressionError> {
            .failure(ExpressionError(describe(string(buffer, range))))
        }
        var blank = true
        for i in range where buffer[i] != 32 && buffer[i] != 9 { blank = false; break }
        if blank {
            return failure { "empty reference $(\($0)): write a variable name or node.output inside" }
        }
        var parts: [String] = []
        var partStart = range.lowerBound
        var atPartStart = true
        var i = range.lowerBound
        while i < range.upperBound {
            let b = buffer[i]
            switch b {
            case UInt8(ascii: "."):
                if atPartStart { return failure { "reference $(\($0)) has an empty part around a dot" } }
                parts.append(string(buffer, partStart..<i))
                partStart = i + 1
                atPartStart = true
            case UInt8(ascii: "["):
                if atPartStart { return failure { "reference $(\($0)) needs a name before [ ]" } }
                var j = i + 1
                if j < range.upperBound, buffer[j] == UInt8(ascii: "-") { j += 1 }
                let digitsStart = j
                while j < range.upperBound, buffer[j] >= 48, buffer[j] <= 57 { j += 1 }
                guard j > digitsStart, j < range.upperBound, buffer[j] == UInt8(ascii: "]") else {
                    return failure { "reference $(\($0)) has a malformed index; write [0], [1] …" }
                }
                i = j
            case UInt8(ascii: "]"):
                return failure { "reference $(\($0)) has a ] without [" }
            case 32, 9, 10, 13:
                return failure { "reference $(\($0)) contains white space" }
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                return failure { "reference $(\($0)) contains the character \(Character(Unicode.Scalar(b)))" }
            default:
                atPartStart = false
            }
            i += 1
        }
        if atPartStart { return failure { "reference $(\($0)) ends with a dot" } }
        parts.append(string(buffer, partStart..<range.upperBound))
        return .success(Reference(parts: parts))
    }

    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// Character offset of a UTF-8 byte offset in `source`, for error positions.
    static func characterOffset(_ byteOffset: Int, in source: String) -> Int {
        String(decoding: Array(source.utf8.prefix(byteOffset)), as: UTF8.self).count
    }
}

extension Reference {
    /// The first part without indexes: the variable name or the node id.
    public var head: String { Reference.baseName(parts.first ?? "") }

    /// `items[0]` → `items`.
    static func baseName(_ part: String) -> String {
        guard let bracket = part.utf8.firstIndex(of: UInt8(ascii: "[")) else { return part }
        return String(part[..<bracket])
    }

    /// Parses the raw text of a reference (what sits between `$(` and `)`), or nil when
    /// it is not a well-formed reference.
    public init?(validating raw: String) {
        var text = raw
        let result = text.withUTF8 { ReferenceSyntax.parse($0, 0..<$0.count) }
        guard case .success(let ref) = result else { return nil }
        self = ref
    }

    /// Resolves the reference against session state, as the runtime does:
    /// - one part (`$(name)`, `$(list[0])`): a variable, then the JSON path after it;
    /// - more parts whose head is a node id in `nodeOutputs` (`$(lookup.body.items[0])`):
    ///   that node's output, then the JSON path of the remaining parts;
    /// - otherwise a variable holding JSON, read by the remaining path.
    public func resolve(variables: [String: JSONValue], nodeOutputs: [String: [String: JSONValue]]) -> JSONValue? {
        guard let first = parts.first else { return nil }
        let head = Reference.baseName(first)
        if parts.count >= 2, let outputs = nodeOutputs[head], first == head {
            let outputPart = parts[1]
            let outputName = Reference.baseName(outputPart)
            guard let value = outputs[outputName] else { return nil }
            let rest = String(outputPart.dropFirst(outputName.count)) + parts.dropFirst(2).map { "." + $0 }.joined()
            return rest.isEmpty ? value : JSONPath.lookup(rest, in: value)
        }
        guard let value = variables[head] else { return nil }
        let rest = String(first.dropFirst(head.count)) + parts.dropFirst(1).map { "." + $0 }.joined()
        return rest.isEmpty ? value : JSONPath.lookup(rest, in: value)
    }
}
