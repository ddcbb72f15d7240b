import Foundation

/// The text inside `$( … )`, shared by templates and expressions.
///
/// A reference is dot-separated parts; each part is a name optionally followed by
/// indexes: `name`, `lookup.status`, `lookup.body.items[0].sku`, `rows[1][0]`. A name is
/// any run of characters other than `. [ ] ( ) $`, quotes and white space, so JSON keys
/// such as `e-mail` or `@id` can be read.
enum ReferenceSyntax {
    /// Parses the bytes between `$(` and `)`. Returns the reference or a description of
    /// what is wrong with it (without position; callers know where it started).
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<Reference, ExpressionError> {
        let raw = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) {
            return .failure(ExpressionError("empty reference $(\(raw)): write a variable name or node.output inside"))
        }
        var partStart = true
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "."):
                if partStart {
                    return .failure(ExpressionError("reference $(\(raw)) has an empty part around a dot"))
                }
                partStart = true
            case UInt8(ascii: "["):
                if partStart {
                    return .failure(ExpressionError("reference $(\(raw)) needs a name before [ ]"))
                }
                var j = i + 1
                if j < bytes.endIndex, bytes[j] == UInt8(ascii: "-") { j += 1 }
                let digitsStart = j
                while j < bytes.endIndex, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                guard j > digitsStart, j < bytes.endIndex, bytes[j] == UInt8(ascii: "]") else {
                    return .failure(ExpressionError("reference $(\(raw)) has a malformed index; write [0], [1] …"))
                }
                i = j
            case UInt8(ascii: "]"):
                return .failure(ExpressionError("reference $(\(raw)) has a ] without ["))
            case 32, 9, 10, 13:
                return .failure(ExpressionError("reference $(\(raw)) contains white space"))
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                return .failure(ExpressionError("reference $(\(raw)) contains the character \(Character(Unicode.Scalar(b)))"))
            default:
                partStart = false
            }
            i += 1
        }
        if partStart {
            return .failure(ExpressionError("reference $(\(raw)) ends with a dot"))
        }
        return .success(Reference(raw))
    }

    /// Character offset of a UTF-8 byte offset in `bytes`, for error positions.
    static func characterOffset(_ byteOffset: Int, in bytes: [UInt8]) -> Int {
        String(decoding: bytes[0..<min(byteOffset, bytes.count)], as: UTF8.self).count
    }
}

extension Reference {
    /// The first part without indexes: the variable name or the node id.
    public var head: String { Reference.baseName(parts.first ?? "") }

    /// `items[0]` → `items`.
    static func baseName(_ part: String) -> String {
        if let bracket = part.firstIndex(of: "[") { return String(part[..<bracket]) }
        return part
    }

    /// Parses the raw text of a reference (what sits between `$(` and `)`), or nil when
    /// it is not a well-formed reference.
    public init?(validating raw: String) {
        guard case .success(let ref) = ReferenceSyntax.parse(Array(raw.utf8)[...]) else { return nil }
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
