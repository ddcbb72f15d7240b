/// Random bytes from the system's cryptographically secure generator (getrandom on
/// Linux, arc4random on Apple platforms), for salts, tokens and session ids.
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
