import Crypto
import Foundation

/// GitHub-style webhook signatures: a webhook Start with a signing secret starts a
/// session only when the request carries `X-FlowCanvas-Signature: sha256=<hex HMAC-SHA256
/// of the raw body, keyed with the secret>`. The comparison runs in constant time, so
/// the answer's timing says nothing about how much of a guessed signature was right.
public enum WebhookSignature {
    public static let headerName = "X-FlowCanvas-Signature"
    public static let prefix = "sha256="

    /// The header value for `body` signed with `secret` (what a sender computes).
    public static func sign(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return prefix + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// nil when `header` is a valid signature of `body`; else why not (one line).
    public static func refusal(header: String?, body: Data, secret: String) -> String? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return "this webhook needs a \(headerName): sha256=… header (HMAC-SHA256 of the body with the flow's signing secret)"
        }
        guard header.lowercased().hasPrefix(prefix), let given = hexBytes(header.dropFirst(prefix.count)),
              given.count == SHA256.byteCount else {
            return "\(headerName) must be sha256= followed by 64 hex digits"
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        // CryptoKit's check compares in constant time.
        guard HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: key) else {
            return "\(headerName) does not match the body (wrong secret or a changed body)"
        }
        return nil
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
