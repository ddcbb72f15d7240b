/// Substring tests for the `/` search, which runs over every node on every typed character.
/// `String.lowercased()` allocates a new string per field and `contains` compares
/// `Character`s; on ASCII text (ids, types, most labels and values) a byte scan gives the
/// same answer without either. Text with any other character takes the exact slow path.
enum CaseInsensitiveText {
    /// Whether `haystack`, lowercased, contains `needle` (already lowercased).
    static func contains(_ haystack: String, lowercasedNeedle needle: String) -> Bool {
        if let fast = asciiContains(haystack, needle, foldCase: true) { return fast }
        return haystack.lowercased().contains(needle)
    }

    /// Whether `haystack` contains `needle`, case as given.
    static func containsExactly(_ haystack: String, _ needle: String) -> Bool {
        if let fast = asciiContains(haystack, needle, foldCase: false) { return fast }
        return haystack.contains(needle)
    }

    /// The byte-scan answer, or nil when either string has a non-ASCII byte. For ASCII the
    /// byte answer equals the `Character` one: the only multi-byte ASCII grapheme is
    /// "\r\n", and a search word never starts with "\n" nor ends with "\r" (words are split
    /// on whitespace; a quoted word that does is sent to the exact path).
    private static func asciiContains(_ haystack: String, _ needle: String, foldCase: Bool) -> Bool? {
        var haystack = haystack, needle = needle
        return needle.withUTF8 { n -> Bool? in
            guard n.allSatisfy({ $0 < 0x80 }) else { return nil }
            if let first = n.first, first == 0x0A { return nil }
            if let last = n.last, last == 0x0D { return nil }
            if n.isEmpty { return true }
            return haystack.withUTF8 { h -> Bool? in
                var sawOther = false
                let found = scan(h, n, foldCase: foldCase, sawNonASCII: &sawOther)
                return sawOther ? nil : found
            }
        }
    }

    /// Naive scan (fields are short); stops at the first non-ASCII byte.
    private static func scan(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, foldCase: Bool,
                             sawNonASCII: inout Bool) -> Bool {
        @inline(__always) func fold(_ b: UInt8) -> UInt8 { foldCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        for b in h where b >= 0x80 { sawNonASCII = true; return false }
        guard h.count >= n.count else { return false }
        let first = n[0]
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if fold(h[i]) == first {
                var k = 1
                while k < n.count, fold(h[i + k]) == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
