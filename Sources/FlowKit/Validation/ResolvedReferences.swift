import Foundation

/// The validator's fast path for template text and branch variables.
///
/// Nearly every template of a flow is well-formed and refers to things that exist, and
/// the same few references (`$(start.message)`, `$(apiBase)`) recur on node after node.
/// So text is first scanned at the UTF-8 byte level, without building `Template` or
/// `Reference` values; a reference already seen to resolve in this run is recognised by
/// its bytes alone. Whenever the scan finds anything to report (or anything it does not
/// decide itself), the caller runs the full check, which words the findings: the fast
/// path only ever answers "nothing to say".
extension ValidationRun {
    enum TemplateScan {
        /// Well-formed, every reference resolves; nothing to report.
        case clean(hasReferences: Bool)
        /// Something to report: run the full check.
        case needsFullCheck
    }

    /// Mirrors `Template.parse`: a `$(` runs to the next `)`, unless a line break or
    /// another `$(` comes first (unclosed).
    mutating func scanTemplate(_ text: String) -> TemplateScan {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            var i = 0
            var hasReferences = false
            while i + 1 < n {
                guard b[i] == UInt8(ascii: "$"), b[i + 1] == UInt8(ascii: "(") else { i += 1; continue }
                var j = i + 2
                while j < n, b[j] != UInt8(ascii: ")") {
                    if b[j] == 10 || (b[j] == UInt8(ascii: "$") && j + 1 < n && b[j + 1] == UInt8(ascii: "(")) {
                        return .needsFullCheck
                    }
                    j += 1
                }
                guard j < n, referenceResolves(b, (i + 2)..<j) else { return .needsFullCheck }
                hasReferences = true
                i = j + 1
            }
            return .clean(hasReferences: hasReferences)
        }
    }

    /// True when a branch variable (`name`, `node.output` or `$(…)`, already trimmed) is
    /// a well-formed reference that resolves, as `branchVariable` + `referenceProblem`
    /// would find. False means "check it fully", not "wrong".
    mutating func branchVariableResolves(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            guard n > 0 else { return false }
            if n >= 3, b[0] == UInt8(ascii: "$"), b[1] == UInt8(ascii: "("), b[n - 1] == UInt8(ascii: ")") {
                // `branchVariable` compares Characters: a combining mark after `(` or a
                // prepended mark before `)` changes them. Only ASCII neighbours are
                // decided here.
                guard b[2] < 0x80, b[n - 2] < 0x80 else { return false }
                return referenceResolves(b, 2..<(n - 1))
            }
            return referenceResolves(b, 0..<n)
        }
    }

    /// `bytes[range]` (the text between `$(` and `)`) parses and names something that
    /// exists. Remembered by bytes, so a recurring reference costs a hash and a compare.
    private mutating func referenceResolves(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let hash = ResolvedReferenceMemo.hash(bytes, range)
        if resolvedReferences.contains(bytes, range, hash: hash) {
            if tracksReferences { referencedHeads.append(resolvedReferences.head(hash: hash)) }
            return true
        }
        guard case .success(let ref) = ReferenceSyntax.parse(bytes, range) else { return false }
        let head = Reference.baseName(ref.parts[0])
        if tracksReferences { referencedHeads.append(head) }
        guard referenceProblem(ref) == nil else { return false }
        resolvedReferences.insert(bytes, range, hash: hash, head: head)
        return true
    }

    /// True for names made only of ASCII letters, digits, `_` and `-`, which
    /// `isValidName` accepts; false means "check it fully".
    static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return true
    }
}

/// Reference texts already found to resolve in one validation run. Direct-mapped by an
/// FNV-1a hash of the bytes: a newer text takes over a slot, so a miss only costs a
/// full check, and the memo never grows.
struct ResolvedReferenceMemo {
    private static let slotCount = 256
    /// Longer references are not remembered (they are rare).
    private static let slotWidth = 48
    private var stored: [UInt8]
    private var lengths: [Int]
    /// The head of each stored reference (what it names), for `IncrementalValidator`.
    private var heads: [String]

    init() {
        stored = [UInt8](repeating: 0, count: Self.slotCount * Self.slotWidth)
        lengths = [Int](repeating: -1, count: Self.slotCount)
        heads = [String](repeating: "", count: Self.slotCount)
    }

    func head(hash slot: Int) -> String { heads[slot] }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range {
            h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: (h ^ (h >> 29)) & UInt64(slotCount - 1))
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash slot: Int) -> Bool {
        guard lengths[slot] == range.count else { return false }
        if range.isEmpty { return true }
        return stored.withUnsafeBufferPointer { s in
            memcmp(s.baseAddress! + slot * Self.slotWidth, bytes.baseAddress! + range.lowerBound, range.count) == 0
        }
    }

    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hash slot: Int, head: String) {
        guard range.count <= Self.slotWidth else { return }
        lengths[slot] = range.count
        heads[slot] = head
        if range.isEmpty { return }
        stored.withUnsafeMutableBufferPointer { s in
            _ = memcpy(s.baseAddress! + slot * Self.slotWidth, bytes.baseAddress! + range.lowerBound, range.count)
        }
    }
}
