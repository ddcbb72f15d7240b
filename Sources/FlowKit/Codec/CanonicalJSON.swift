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
        if let spare = SpareOutputBuffer.take(atLeast: capacity) {
            (base, self.capacity) = spare
        } else {
            self.capacity = max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }
    }

    deinit {
        if !SpareOutputBuffer.keep(base, capacity: capacity) { base.deallocate() }
    }

    /// What has been written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
    var data: Data { Data(bytes: base, count: count) }
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

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
            writeObject(dict)
        }
    }

    /// Members in key order. Objects in flows are small (a node's config, a branch):
    /// their positions are insertion-sorted in a stack buffer instead of sorting a
    /// copied array of members.
    mutating func writeObject(_ dict: [String: JSONValue]) {
        if dict.isEmpty { append("{}"); return }
        beginObject()
        if dict.count == 1, let only = dict.first {
            key(only.key, first: true)
            write(only.value)
        } else if dict.count > 16 {
            for (i, member) in dict.sorted(by: { CanonicalOrder.less($0.key, $1.key) }).enumerated() {
                key(member.key, first: i == 0)
                write(member.value)
            }
        } else {
            withUnsafeTemporaryAllocation(of: Dictionary<String, JSONValue>.Index.self, capacity: dict.count) { order in
                var n = 0
                var index = dict.startIndex
                while index != dict.endIndex {
                    // Insertion sort: keys are distinct, so the order is total.
                    var k = n
                    while k > 0, CanonicalOrder.less(dict[index].key, dict[order[k - 1]].key) {
                        order[k] = order[k - 1]
                        k -= 1
                    }
                    order[k] = index
                    n += 1
                    index = dict.index(after: index)
                }
                for k in 0..<n {
                    key(dict[order[k]].key, first: k == 0)
                    write(dict[order[k]].value)
                }
            }
        }
        endObject()
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

    /// A key known at compile time, with nothing to escape: copied as it is.
    mutating func fixedKey(_ name: StaticString, first: Bool) {
        if !first { byte(UInt8(ascii: ",")) }
        newline()
        byte(UInt8(ascii: "\""))
        append(name)
        byte(UInt8(ascii: "\""))
        byte(UInt8(ascii: ":"))
        if pretty { byte(UInt8(ascii: " ")) }
    }

    mutating func arrayItem(first: Bool) {
        if !first { byte(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        guard pretty else { return }
        let width = 2 * level
        // Spaces go in 8 at a time (a memset call cost more than the few bytes).
        reserve(1 + width + 8)
        base[count] = 0x0A
        let spaces = UnsafeMutableRawPointer(base + count + 1)
        var k = 0
        while k < width {
            spaces.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: k, as: UInt64.self)
            k += 8
        }
        count += 1 + width
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
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            var copy = s
            copy.withUTF8 { writeEscaped($0) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// True when one of the 8 bytes of `w` is a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (w &- 0x2020_2020_2020_2020) & ~w & highs
        return (control | hasZero(w ^ 0x2222_2222_2222_2222) | hasZero(w ^ 0x5C5C_5C5C_5C5C_5C5C)) != 0
    }

    /// The string's bytes with JSON escapes. Runs without anything to escape (nearly
    /// all text) are found 8 bytes at a time and copied whole.
    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard let start = bytes.baseAddress else { return }
        var k = 0
        while k + 8 <= n, !Self.needsEscape(UnsafeRawPointer(start + k).loadUnaligned(as: UInt64.self)) { k += 8 }
        if k == n {
            raw(bytes)
            return
        }
        var runStart = 0
        for j in k..<n {
            let b = bytes[j]
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            raw(UnsafeBufferPointer(rebasing: bytes[runStart..<j]))
            runStart = j + 1
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
        raw(UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }
}

/// One large output buffer kept between writes. The kernel maps a fresh
/// multi-megabyte buffer page by page on first touch, which was a third of the time
/// of exporting a 10,000-node flow; a reused one is already mapped. At most one
/// buffer of at most 64 MiB is kept; small writes never use it.
private enum SpareOutputBuffer {
    static let smallest = 64 << 10
    static let largest = 64 << 20
    private static let lock = NSLock()
    nonisolated(unsafe) private static var spare: (UnsafeMutablePointer<UInt8>, Int)?

    /// The spare buffer when one of at least `capacity` bytes is there.
    static func take(atLeast capacity: Int) -> (UnsafeMutablePointer<UInt8>, Int)? {
        guard capacity >= smallest else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let buffer = spare, buffer.1 >= capacity else { return nil }
        spare = nil
        return buffer
    }

    /// Keeps `buffer` as the spare (the larger of it and the current one); false when
    /// the caller must deallocate it.
    static func keep(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Bool {
        guard capacity >= smallest, capacity <= largest else { return false }
        lock.lock()
        let previous = spare
        if let previous, previous.1 >= capacity {
            lock.unlock()
            return false
        }
        spare = (buffer, capacity)
        lock.unlock()
        previous?.0.deallocate()
        return true
    }
}

/// Key order of canonical JSON: by UTF-8 bytes (the same as by Unicode scalar value).
/// Not `String.<`, which compares by canonical equivalence.
enum CanonicalOrder {
    static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
                if c != 0 { return c < 0 ? -1 : 1 }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }
}
