import Foundation

/// A JSON syntax error with the place it was found, for one-line import messages.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column (column counts bytes of the line, as editors do for ASCII).
    public var line: Int
    public var column: Int

    public var description: String { "malformed JSON at line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 parser from UTF-8 bytes straight into `JSONValue`.
///
/// Written by hand rather than via `JSONSerialization` because import needs to say
/// *where* a file is broken in one line, and the store needs to load 5,000-node
/// documents in a few milliseconds; Foundation on Linux is slow at both and its
/// errors are multi-line. Duplicate object keys keep the last value, as
/// `JSONSerialization` does.
public enum JSONParser {
    /// Nesting deeper than this is refused instead of overflowing the stack.
    public static let maxDepth = 512

    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = JSONReader(bytes: bytes)
            do throws(JSONSyntaxError) {
                reader.skipWhitespace()
                if reader.atEnd { throw reader.error("the document is empty") }
                let value = try reader.value(depth: 0)
                reader.skipWhitespace()
                if !reader.atEnd { throw reader.error("unexpected \(reader.describeCurrent()) after the end of the document") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Data(text.utf8))
    }
}

/// The cursor over UTF-8 bytes that `JSONParser` and `StoredDocumentReader` share.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Editors on Windows like to start UTF-8 files with a byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    var atEnd: Bool { i >= bytes.count }

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// Parses one value starting at the current (non-whitespace) byte.
    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard i < bytes.count else { throw error("unexpected end of input (the file is truncated)") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(describeCurrent()) where a value was expected")
        }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
        i += 1 // {
        var dict: [String: JSONValue] = [:]
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(dict) }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input inside an object (the file is truncated)") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key, found \(describeCurrent())")
            }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input after key \"\(key)\" (the file is truncated)") }
            guard bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\", found \(describeCurrent())") }
            i += 1
            skipWhitespace()
            dict[key] = try value(depth: depth)
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input inside an object (the file is truncated)") }
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(dict)
            default: throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeCurrent())")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
        i += 1 // [
        var items: [JSONValue] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input inside an array (the file is truncated)") }
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return .array(items)
            default: throw error("expected ',' or ']' in an array, found \(describeCurrent())")
            }
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = i
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w -> Bool in
            guard start + count <= bytes.count else { return false }
            for k in 0..<count where bytes[start + k] != w[k] { return false }
            return true
        }
        guard matches else { throw error("unexpected \(describeCurrent()) where a value was expected") }
        i += count
    }

    mutating func number() throws(JSONSyntaxError) -> Double {
        let start = i
        var integer: Int64 = 0
        var simple = true // only digits, few enough to be exact in Int64 and Double
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: expected a digit after '-'") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            var digits = 0
            while i < bytes.count, isDigit(bytes[i]) {
                if digits < 15 { integer = integer * 10 + Int64(bytes[i] - 48) } else { simple = false }
                digits += 1
                i += 1
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            simple = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: expected a digit after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            simple = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if simple { return negative ? -Double(integer) : Double(integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            i = start
            throw error("number \(text) is out of range")
        }
        return value
    }

    /// Parses a string starting at its opening quote.
    mutating func string() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        let start = i
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                return try decodeUTF8(slice, at: open)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("control character (byte \(b)) inside a string; write it as an escape such as \\n") }
            i += 1
        }
        guard i < bytes.count else {
            i = open
            throw error("unterminated string (the file is truncated)")
        }
        // Slow path: copy runs of plain bytes and decode escapes.
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    i = open
                    throw error("a string is not valid UTF-8")
                }
                return s
            }
            if b < 0x20 { throw error("control character (byte \(b)) inside a string; write it as an escape such as \\n") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                i += 1
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by \u and a low surrogate.
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate in a string") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string")
                }
                appendUTF8(UnicodeScalar(scalar)!, to: &out)
                continue // hex4 already moved past the digits
            default:
                throw error("invalid escape \\\(describeByte(bytes[i])) in a string")
            }
            i += 1
        }
        i = open
        throw error("unterminated string (the file is truncated)")
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("unexpected end of input in a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 65...70: d = UInt32(b - 55)
            case 97...102: d = UInt32(b - 87)
            default: throw error("invalid hex digit in a \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    func decodeUTF8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError) -> String {
        // ASCII needs no validation, and most keys and ids are ASCII.
        var ascii = true
        for b in slice where b >= 0x80 { ascii = false; break }
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else {
            var copy = self
            copy.i = offset
            throw copy.error("a string is not valid UTF-8")
        }
        return s
    }

    func appendUTF8(_ scalar: UnicodeScalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    func describeByte(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return String(UnicodeScalar(b)) }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    func describeCurrent() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(String(UnicodeScalar(b)))'" }
        return describeByte(b)
    }

    /// The error at the current offset, with its 1-based line and column.
    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        let end = min(i, bytes.count)
        for k in 0..<end where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return JSONSyntaxError(message: message, line: line, column: end - lineStart + 1)
    }
}
