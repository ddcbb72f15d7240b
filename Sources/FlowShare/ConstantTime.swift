/// Byte comparison whose running time depends only on the lengths, never on where the
/// bytes differ, so a remote caller cannot learn a hash (or a session id) byte by byte
/// from response times.
public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes. Every byte pair is XORed and the
    /// differences OR-ed together; there is no early exit. A length mismatch is folded in
    /// the same way (lengths are not secret here: hashes are fixed-size).
    public static func equal<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        let left = Array(a), right = Array(b)
        var difference: UInt8 = left.count == right.count ? 0 : 1
        let count = max(left.count, right.count)
        var i = 0
        while i < count {
            let x = i < left.count ? left[i] : 0
            let y = i < right.count ? right[i] : 0
            difference |= x ^ y
            i += 1
        }
        return difference == 0
    }

    /// `equal` over the UTF-8 bytes of two strings.
    public static func equal(_ a: String, _ b: String) -> Bool {
        equal(Array(a.utf8), Array(b.utf8))
    }
}
