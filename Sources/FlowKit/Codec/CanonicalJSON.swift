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
        if indent { writer.byte(0x0A) }
        return writer.bytes
    }

    static func write(_ value: JSONValue, into out: inout String, level: Int, pretty: Bool) {
        var writer = JSONByteWriter(pretty: pretty, level: level)
        writer.write(value)
        out.append(String(decoding: writer.bytes, as: UTF8.self))
    }

    public static func formatNumber(_ n: Double) -> String {
        if !n.isFinite { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, into out: inout String) {
        var writer = JSONByteWriter(pretty: false)
        writer.writeString(s)
        out.append(String(decoding: writer.bytes, as: UTF8.self))
    }
}

/// The byte-level writer behind `CanonicalJSON` and the store's compact encoding.
/// It owns a raw growable buffer (hence non-copyable): appending a byte is a bounds
/// check and a store, where `[UInt8].append` also checks uniqueness every time, which
/// was a third of the time of encoding a 5,000-node document.
struct JSONByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    let pretty: Bool
    var level: Int

    init(pretty: Bool, level: Int = 0, capacity: Int = 256) {
        self.pretty = pretty
        self.level = level
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// What has been written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
    var data: Data { Data(bytes: base, count: count) }

    // MARK: Raw output

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    mutating func raw(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress, p.count > 0 else { return }
        reserve(p.count)
        (base + count).update(from: src, count: p.count)
        count += p.count
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { raw($0) }
    }

    // MARK: Values

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
            if dict.count == 1, let only = dict.first {
                key(only.key, first: true)
                write(only.value)
            } else {
                for (i, member) in dict.sorted(by: { CanonicalOrder.less($0.key, $1.key) }).enumerated() {
                    key(member.key, first: i == 0)
                    write(member.value)
                }
            }
            endObject()
        }
    }

    // MARK: Structure. Callers write keys in sorted order themselves.

    mutating func beginObject() { byte(UInt8(ascii: "{")); level += 1 }
    mutating func endObject() { level -= 1; newline(); byte(UInt8(ascii: "}")) }
    mutating func beginArray() { byte(UInt8(ascii: "[")); level += 1 }
    mutating func endArray() { level -= 1; newline(); byte(UInt8(ascii: "]")) }

    mutating func key(_ name: String, first: Bool) {
        if !first { byte(UInt8(ascii: ",")) }
        newline()
        writeString(name)
        if pretty { append(": ") } else { byte(UInt8(ascii: ":")) }
    }

    mutating func arrayItem(first: Bool) {
        if !first { byte(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        guard pretty else { return }
        reserve(1 + 2 * level)
        base[count] = 0x0A
        (base + count + 1).update(repeating: 0x20, count: 2 * level)
        count += 1 + 2 * level
    }

    // MARK: Scalars

    mutating func writeInt(_ n: Int) {
        if n >= 0 && n < 10 { byte(48 + UInt8(n)); return }
        var v = n.magnitude
        if n < 0 { byte(UInt8(ascii: "-")) }
        var digits = 0
        var probe = v
        while probe > 0 { digits += 1; probe /= 10 }
        reserve(digits)
        var k = count + digits - 1
        while v > 0 {
            base[k] = UInt8(v % 10) + 48
            v /= 10
            k -= 1
        }
        count += digits
    }

    mutating func writeNumber(_ n: Double) {
        if n.isFinite, n.rounded() == n, abs(n) < 1e15 {
            writeInt(Int(n))
        } else {
            var text = CanonicalJSON.formatNumber(n)
            text.withUTF8 { raw($0) }
        }
    }

    mutating func writeString(_ s: String) {
        byte(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for k in 0..<bytes.count {
                let b = bytes[k]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                raw(UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
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
                    byte(Self.hexDigit(b >> 4))
                    byte(Self.hexDigit(b & 0xF))
                }
            }
            raw(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        byte(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }
}

/// Key order of canonical JSON: by UTF-8 bytes (the same as by Unicode scalar value).
/// Not `String.<`, which compares by canonical equivalence.
enum CanonicalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
                return c != 0 ? c < 0 : pa.count < pb.count
            }
        }
    }
}
