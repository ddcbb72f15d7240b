/// The secret part of a share link: 32 random bytes as unpadded base64url (43 characters).
public enum ShareToken {
    public static let byteCount = 32
    /// 32 bytes in base64url without padding.
    public static let length = 43

    public static func generate() -> String {
        Base64URL.encode(SecureRandom.bytes(byteCount))
    }

    /// True for a string shaped like a token, checked before anything touches the store.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy(Base64URL.isAlphabet)
    }
}
