import Foundation

/// Writes JSON byte-identically for equal values: keys sorted by their UTF-8 bytes,
/// 2-space indentation, integers without a fraction, `/` and non-ASCII left as they are.
/// Foundation's encoders differ across platforms in spacing and number output, so the
/// canonical form is written here.
public enum CanonicalJSON {
    public static func encode(_ value: JSONValue, indent: Bool = true) -> String {
        String(decoding: encodeBytes(value, indent: indent), as: UTF8.self)
    }

    /// The same text as `encode`, as UTF-8 bytes (what files and the store want).
    public static func encodeBytes(_ value: JSONValue, indent: Bool = true) -> [UInt8] {
        var writer = JSONByteWriter(pretty: indent)
        writer.write(value)
        if indent { writer.out.append(0x0A) }
        return writer.out
    }

    static func write(_ value: JSONValue, into out: inout String, level: Int, pretty: Bool) {
        var writer = JSONByteWriter(pretty: pretty, level: level)
        writer.write(value)
        out.append(String(decoding: writer.out, as: UTF8.self))
    }

    public static func formatNumber(_ n: Double) -> String {
        if !n.isFinite { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, into out: inout String) {
        var writer = JSONByteWriter(pretty: false)
        writer.writeString(s)
        out.append(String(decoding: writer.out, as: UTF8.self))
    }
}

/// The byte-level writer behind `CanonicalJSON` and the store's compact encoding.
struct JSONByteWriter {
    var out: [UInt8] = []
    let pretty: Bool
    var level: Int

    init(pretty: Bool, level: Int = 0, capacity: Int = 256) {
        self.pretty = pretty
        self.level = level
        out.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): writeNumber(n)
        case .string(let s): writeString(s)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            beginArray()
            for (i, item) in items.enumerated() {
                arrayItem(first: i == 0)
                write(item)
            }
            endArray()
        case .object(let dict):
            if dict.isEmpty { append("{}"); return }
            beginObject()
            let keys = dict.keys.sorted(by: CanonicalOrder.less)
            for (i, name) in keys.enumerated() {
                key(name, first: i == 0)
                write(dict[name]!)
            }
            endObject()
        }
    }

    // MARK: Structure. Callers write keys in sorted order themselves.

    mutating func beginObject() { out.append(UInt8(ascii: "{")); level += 1 }
    mutating func endObject() { level -= 1; newline(); out.append(UInt8(ascii: "}")) }
    mutating func beginArray() { out.append(UInt8(ascii: "[")); level += 1 }
    mutating func endArray() { level -= 1; newline(); out.append(UInt8(ascii: "]")) }

    mutating func key(_ name: String, first: Bool) {
        if !first { out.append(UInt8(ascii: ",")) }
        newline()
        writeString(name)
        if pretty { append(": ") } else { out.append(UInt8(ascii: ":")) }
    }

    mutating func arrayItem(first: Bool) {
        if !first { out.append(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<level { out.append(0x20); out.append(0x20) }
    }

    // MARK: Scalars

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    mutating func writeInt(_ n: Int) {
        if n == 0 { out.append(48); return }
        var v = n.magnitude
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[count] = UInt8(v % 10) + 48
                v /= 10
                count += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }

    mutating func writeNumber(_ n: Double) {
        if n.isFinite, n.rounded() == n, abs(n) < 1e15 {
            writeInt(Int(n))
        } else {
            out.append(contentsOf: CanonicalJSON.formatNumber(n).utf8)
        }
    }

    mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for (k, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
                runStart = k + 1
                switch b {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    append("\\u00")
                    out.append(Self.hexDigit(b >> 4))
                    out.append(Self.hexDigit(b & 0xF))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }
}

/// Key order of canonical JSON: by UTF-8 bytes (the same as by Unicode scalar value).
enum CanonicalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
