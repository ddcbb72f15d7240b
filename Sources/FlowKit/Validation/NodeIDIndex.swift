import Foundation

/// Node id → index of the first node with that id, built once per validation.
///
/// Open addressing over an FNV-1a hash of the id's UTF-8 bytes. Ids are short, and
/// `Dictionary<String, Int>`'s seeded SipHash cost more than everything else about
/// looking up the two ends of a connector. Each slot keeps the hash beside the index,
/// so a probe compares strings only when the hashes agree.
///
/// Bytes decide equality only for ASCII. Swift compares other strings by canonical
/// equivalence (`"e\u{301}" == "é"`, even `"\u{212A}" == "K"`), so a document with a
/// non-ASCII id, or a non-ASCII query, is answered by a `Dictionary`, as before.
struct NodeIDIndex {
    private let nodes: [FlowNode]
    /// `hash << 32 | (index + 1)`; 0 is an empty slot.
    private var slots: [UInt64]
    private let mask: Int
    /// Built when an id is not ASCII (then it answers everything), or on the first
    /// non-ASCII query.
    private let fallback = FallbackIndex()

    /// Indexes `nodes`; `duplicate(i, first)` is called for each node whose id an
    /// earlier node `first` already has.
    init(_ nodes: [FlowNode], duplicate: (Int, Int) -> Void) {
        self.nodes = nodes
        var size = 16
        while size < nodes.count * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for i in nodes.indices {
            guard let hash = Self.asciiHash(nodes[i].id) else {
                fallback.build(nodes)
                for j in nodes.indices {
                    if let first = fallback.byID[nodes[j].id], first != j { duplicate(j, first) }
                }
                return
            }
            if let first = insert(hash: hash, index: i) { duplicate(i, first) }
        }
    }

    func firstIndex(of id: String) -> Int? {
        if fallback.isBuilt { return fallback.byID[id] }
        guard let hash = Self.asciiHash(id) else {
            fallback.build(nodes)
            return fallback.byID[id]
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == hash {
                let other = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if nodes[other].id == id { return other }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Returns the earlier node's index when one has the same id.
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
                if nodes[other].id == nodes[index].id { return other }
            }
            slot = (slot + 1) & mask
        }
    }

    /// 32 bits of FNV-1a, folded so the low bits (the slot) depend on every byte; nil
    /// when the id is not ASCII.
    private static func asciiHash(_ id: String) -> UInt64? {
        var id = id
        let h: UInt64? = id.withUTF8 { bytes in
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

    /// The Dictionary the index used to be, for what bytes cannot decide.
    private final class FallbackIndex {
        private(set) var byID: [String: Int] = [:]
        private(set) var isBuilt = false

        func build(_ nodes: [FlowNode]) {
            guard !isBuilt else { return }
            isBuilt = true
            byID.reserveCapacity(nodes.count)
            for i in nodes.indices where byID[nodes[i].id] == nil { byID[nodes[i].id] = i }
        }
    }
}
