import Crypto
import FlowKit
import _CryptoExtras

/// A password as stored: PBKDF2-HMAC-SHA256 of it with a random salt. Never the password.
public struct PasswordHash: Equatable, Sendable {
    public var salt: [UInt8]
    public var hash: [UInt8]
    public var iterations: Int

    public init(salt: [UInt8], hash: [UInt8], iterations: Int) {
        self.salt = salt
        self.hash = hash
        self.iterations = iterations
    }
}

/// Hashing and checking share passwords (DESIGN §13: salted PBKDF2-SHA256, at least
/// 600,000 iterations). The iteration count is stored with each hash, so raising it
/// later keeps old links working.
public enum SharePassword {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; every hash the CLI stores uses at least this.
    public static let iterations = 600_000
    public static let saltByteCount = 16
    public static let hashByteCount = 32
    public static let minimumLength = 8

    /// Refuses passwords people should not protect a link with: empty or shorter than 8.
    public static func check(_ password: String) throws(ShareError) {
        if password.isEmpty { throw .emptyPassword }
        if password.count < minimumLength { throw .passwordTooShort(minimum: minimumLength) }
    }

    /// A new hash of `password` with a fresh 16-byte salt and 600,000 iterations.
    public static func hash(_ password: String) throws(ShareError) -> PasswordHash {
        try hash(password, iterations: iterations)
    }

    /// As `hash(_:)` with another iteration count. Internal: only tests go below the
    /// minimum (to stay fast); the CLI always goes through `hash(_:)`.
    static func hash(_ password: String, iterations: Int, salt: [UInt8]? = nil) throws(ShareError) -> PasswordHash {
        let salt = salt ?? SecureRandom.bytes(saltByteCount)
        return PasswordHash(salt: salt, hash: try derive(password, salt: salt, iterations: iterations),
                            iterations: iterations)
    }

    /// True when `password` hashes to `stored` with its salt and iteration count. The
    /// comparison is constant-time.
    public static func verify(password: String, against stored: PasswordHash) -> Bool {
        guard stored.iterations > 0, !stored.hash.isEmpty,
              let derived = try? derive(password, salt: stored.salt, iterations: stored.iterations,
                                        byteCount: stored.hash.count) else { return false }
        return ConstantTime.equal(derived, stored.hash)
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int,
                       byteCount: Int = hashByteCount) throws(ShareError) -> [UInt8] {
        guard iterations > 0 else { throw .hashingFailed("the iteration count must be positive") }
        do {
            let key: SymmetricKey
            // swift-crypto refuses fewer than 210,000 rounds unless asked explicitly;
            // only tests ask for fewer.
            if iterations >= 210_000 {
                key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                        outputByteCount: byteCount, rounds: iterations)
            } else {
                key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256,
                                                        outputByteCount: byteCount, unsafeUncheckedRounds: iterations)
            }
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .hashingFailed("\(error)")
        }
    }
}

extension PasswordHash {
    /// The hash a share link's record keeps.
    public init(_ record: ShareRecord) {
        self.init(salt: Array(record.salt), hash: Array(record.hash), iterations: record.iterations)
    }
}
