import Foundation

/// The order of canonical export (DESIGN §3): nodes and notes by id, connections by
/// (from, outcome, to), comparing UTF-8 bytes. Sorting is stable, so equal keys keep
/// their document order.
///
/// Returns positions rather than sorted copies, and compares an 8-byte big-endian
/// prefix of each key before its bytes: sorting 10,000 ids by `memcmp` alone took
/// longer than writing the whole export.
enum CanonicalSort {
    static func nodes(_ nodes: [FlowNode]) -> [FlowNode] { nodeOrder(nodes).map { nodes[$0] } }
    static func connections(_ connections: [Connection]) -> [Connection] {
        connectionOrder(connections).map { connections[$0] }
    }
    static func notes(_ notes: [FlowNote]) -> [FlowNote] { noteOrder(notes).map { notes[$0] } }

    static func nodeOrder(_ nodes: [FlowNode]) -> [Int] {
        let keys = nodes.withUnsafeBufferPointer { buffer in buffer.indices.map { SortKey(buffer[$0].id) } }
        return byKey(keys) { nodes[$0].id }
    }

    static func noteOrder(_ notes: [FlowNote]) -> [Int] {
        let keys = notes.withUnsafeBufferPointer { buffer in buffer.indices.map { SortKey(buffer[$0].id) } }
        return byKey(keys) { notes[$0].id }
    }

    static func connectionOrder(_ connections: [Connection]) -> [Int] {
        var keys: [(from: SortKey, outcome: SortKey, to: SortKey)] = []
        keys.reserveCapacity(connections.count)
        for c in connections {
            let key = (SortKey(c.from), SortKey(c.outcome), SortKey(c.to))
            // `FlowCodec.canonicalLess` first asks String's `!=`, which is canonical
            // equivalence; bytes agree with it only for ASCII.
            guard key.0.isASCII && key.1.isASCII && key.2.isASCII else {
                return Array(connections.indices).sorted { FlowCodec.canonicalLess(connections[$0], connections[$1]) }
            }
            keys.append(key)
        }
        return Array(keys.indices).sorted { i, j in
            var c = SortKey.compare(keys[i].from, keys[j].from, connections[i].from, connections[j].from)
            if c == 0 { c = SortKey.compare(keys[i].outcome, keys[j].outcome, connections[i].outcome, connections[j].outcome) }
            if c == 0 { c = SortKey.compare(keys[i].to, keys[j].to, connections[i].to, connections[j].to) }
            return c != 0 ? c < 0 : i < j
        }
    }

    private static func byKey(_ keys: [SortKey], text: (Int) -> String) -> [Int] {
        var sorted = true
        for k in keys.indices.dropFirst() where SortKey.compare(keys[k - 1], keys[k], text(k - 1), text(k)) > 0 {
            sorted = false
            break
        }
        if sorted { return Array(keys.indices) }
        return Array(keys.indices).sorted { i, j in
            let c = SortKey.compare(keys[i], keys[j], text(i), text(j))
            return c != 0 ? c < 0 : i < j
        }
    }
}

/// A string with its first 8 UTF-8 bytes as a big-endian integer (zero-padded), so
/// most comparisons are one integer compare.
struct SortKey {
    let prefix: UInt64
    let count: Int32
    let isASCII: Bool

    init(_ text: String) {
        var copy = text
        (prefix, count, isASCII) = copy.withUTF8 { bytes in
            let n = bytes.count
            guard let p = bytes.baseAddress else { return (0, 0, true) }
            var prefix: UInt64 = 0
            if n >= 8 {
                prefix = UInt64(bigEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            } else {
                for k in 0..<n { prefix |= UInt64(p[k]) << (56 - 8 * UInt64(k)) }
            }
            var high: UInt8 = 0
            for k in 0..<n { high |= p[k] }
            return (prefix, Int32(truncatingIfNeeded: n), high < 0x80)
        }
    }

    /// Byte order of the texts `a` and `b` were made from: negative, zero or positive.
    @inline(__always)
    static func compare(_ a: SortKey, _ b: SortKey, _ textA: @autoclosure () -> String,
                        _ textB: @autoclosure () -> String) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        // Equal prefixes of keys no longer than 8 bytes: the shorter is a prefix of the other.
        if a.count <= 8 && b.count <= 8 { return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1) }
        return CanonicalOrder.compare(textA(), textB())
    }
}
