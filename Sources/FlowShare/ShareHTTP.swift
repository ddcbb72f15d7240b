import Foundation

/// An HTTP request as the share handler needs it, already parsed: the server that
/// received it reads the cookie and the form with its own helpers (`serve` uses
/// Hummingbird's `request.cookies` and `URLEncodedFormDecoder`, in FlowServer's
/// `ShareRoute`), so this module stays free of any server library.
public struct ShareRequest: Sendable {
    public var method: String
    /// The request path, e.g. `/share/TOKEN`; a `?query` on it is split off.
    public var path: String
    /// The query without `?`, e.g. `format=json`.
    public var query: String?
    /// The values of the share session cookie the client sent (`ShareAccess.cookieName`).
    public var sessionCookies: [String]
    /// The fields of a POSTed `application/x-www-form-urlencoded` body.
    public var form: [String: String]
    /// The body's size in bytes (a sign-in larger than `ShareAccess.maxBodyBytes` is refused).
    public var bodySize: Int
    /// Who sent it, for the sign-in limiter: the peer's IP address (or, behind a trusted
    /// proxy, the address it forwarded for). "" when unknown.
    public var client: String
    /// True when the client's connection is HTTPS (directly, or to a trusted proxy that
    /// said `X-Forwarded-Proto: https`): the session cookie is then `Secure`.
    public var secure: Bool

    public init(method: String, path: String, query: String? = nil, sessionCookies: [String] = [],
                form: [String: String] = [:], bodySize: Int = 0, client: String = "", secure: Bool = false) {
        var path = path
        var query = query
        if let mark = path.firstIndex(of: "?") {
            if query == nil { query = String(path[path.index(after: mark)...]) }
            path = String(path[..<mark])
        }
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.sessionCookies = sessionCookies
        self.form = form
        self.bodySize = bodySize
        self.client = client
        self.secure = secure
    }

    /// Query parameters (`a=b&c=d`), percent-decoded.
    public var queryItems: [String: String] { FormEncoding.decode(query ?? "") }
}

/// What the handler answers; the server copies it onto the wire as is.
public struct ShareResponse: Sendable, Equatable {
    public var status: Int
    /// One value per header name (Set-Cookie is sent at most once).
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The header `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// `application/x-www-form-urlencoded`: encoding the sign-in `flowcanvas view` POSTs, and
/// decoding the share link's query string.
public enum FormEncoding {
    /// The fields of `text`; for a repeated name the first value wins.
    public static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0])
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        let escaped = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        return escaped.replacingOccurrences(of: "%20", with: "+")
    }
}
