import Foundation

/// Session ids: UUID version 7 (RFC 9562), lower-case. The first 48 bits are the Unix
/// time in milliseconds, so ids made one after another sort together and the session
/// table's primary-key index grows at its end instead of taking random inserts, which
/// matters at thousands of sessions per second.
enum SessionID {
    /// `random` defaults to the system generator; the engine passes its own seeded one
    /// (a system call per id was measurable at thousands of sessions per second).
    static func make(now: Date, random: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = random.next() as UInt64, low = random.next() as UInt64
        withUnsafeBytes(of: high) { for i in 0..<8 { bytes[i] = $0[i] } }
        withUnsafeBytes(of: low) { for i in 0..<8 { bytes[8 + i] = $0[i] } }
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(i))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)   // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)   // RFC 9562 variant
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// xoshiro256** seeded from the system generator: fast, and unpredictable enough for
/// ids that only need to be unique (the 74 random bits of a UUIDv7 per millisecond).
struct FastRandom: RandomNumberGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init() {
        var system = SystemRandomNumberGenerator()
        s = (system.next(), system.next(), system.next(), system.next() | 1)
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }
}
