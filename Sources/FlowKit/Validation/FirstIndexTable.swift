import Foundation

/// Key → index of its first occurrence in a list of strings (node ids, catalog type
/// names), built once per validation.
///
/// Open addressing over an FNV-1a hash of the key's UTF-8 bytes. Keys are short, and
/// `Dictionary<String, Int>`'s seeded SipHash cost more than everything else about
/// looking up the two ends of a connector. Each slot keeps the hash beside the index,
/// so a probe compares strings only when the hashes agree.
///
/// Bytes decide equality only for ASCII. Swift compares other strings by canonical
/// equivalence (`"e\u{301}" == "é"`, even `"\u{212A}" == "K"`), so a list with a
/// non-ASCII key, or a non-ASCII query, is answered by a `Dictionary`, as before.
struct FirstIndexTable {
    private let keys: [String]
    /// `hash << 32 | (index + 1)`; 0 is an empty slot.
    private var slots: [UInt64]
    private let mask: Int
    /// Built when a key is not ASCII (then it answers everything), or on the first
    /// non-ASCII query.
    private let fallback = FallbackIndex()

    /// Indexes `keys`; `repeated(i, first)` is called for each key that an earlier
    /// position `first` already has.
    init(_ keys: [String], repeated: (Int, Int) -> Void = { _, _ in }) {
        self.keys = keys
        var size = 16
        while size < keys.count + keys.count / 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for i in keys.indices {
            guard let hash = Self.asciiHash(keys[i]) else {
                fallback.build(keys)
                for j in keys.indices {
                    if let first = fallback.byKey[keys[j]], first != j { repeated(j, first) }
                }
                return
            }
            if let first = insert(hash: hash, index: i) { repeated(i, first) }
        }
    }

    func firstIndex(of key: String) -> Int? {
        if fallback.isBuilt { return fallback.byKey[key] }
        guard let hash = Self.asciiHash(key) else {
            fallback.build(keys)
            return fallback.byKey[key]
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == hash {
                let other = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if keys[other] == key { return other }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Returns the earlier position when one has the same key.
    private mutating func insert(hash: UInt64, index: Int) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 {
                slots[slot] = hash << 32 | UInt64(index + 1)
                return nil
            }
            if entry >> 32 == hash {
                let other = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if keys[other] == keys[index] { return other }
            }
            slot = (slot + 1) & mask
        }
    }

    /// 32 bits of FNV-1a, folded so the low bits (the slot) depend on every byte; nil
    /// when the key is not ASCII.
    private static func asciiHash(_ key: String) -> UInt64? {
        var key = key
        let h: UInt64? = key.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var high: UInt8 = 0
            for b in bytes {
                high |= b
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            }
            return high < 0x80 ? h : nil
        }
        guard let h else { return nil }
        return (h ^ (h >> 32)) & 0xFFFF_FFFF
    }

    /// The Dictionary the table stands in for, for what bytes cannot decide.
    private final class FallbackIndex {
        private(set) var byKey: [String: Int] = [:]
        private(set) var isBuilt = false

        func build(_ keys: [String]) {
            guard !isBuilt else { return }
            isBuilt = true
            byKey.reserveCapacity(keys.count)
            for i in keys.indices where byKey[keys[i]] == nil { byKey[keys[i]] = i }
        }
    }
}
