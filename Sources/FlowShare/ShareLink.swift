import Foundation

/// `http://HOST:PORT/share/TOKEN`: where `flowcanvas serve` answers a share link.
public struct ShareLink: Equatable, Sendable, CustomStringConvertible {
    /// Same defaults as `flowcanvas serve`.
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8600
    public static let pathPrefix = "/share/"

    public var scheme: String
    public var host: String
    public var port: Int
    public var token: String

    public init(host: String = ShareLink.defaultHost, port: Int = ShareLink.defaultPort, token: String,
                scheme: String = "http") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.token = token
    }

    /// Reads a link a person pasted: `http(s)://HOST[:PORT]/share/TOKEN`, with or without a
    /// trailing slash, query or fragment.
    public init(parsing text: String) throws(ShareError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { throw .invalidLink(text) }
        var path = components.path
        if path.hasSuffix("/") { path.removeLast() }
        guard path.hasPrefix(ShareLink.pathPrefix) else { throw .invalidLink(text) }
        let token = String(path.dropFirst(ShareLink.pathPrefix.count))
        guard ShareToken.isWellFormed(token) else { throw .invalidLink(text) }
        self.init(host: host, port: components.port ?? (scheme == "https" ? 443 : 80), token: token, scheme: scheme)
    }

    /// The path the server routes: `/share/TOKEN`.
    public var path: String { ShareLink.pathPrefix + token }

    public var url: URL { URL(string: description)! }

    public var description: String {
        // An IPv6 literal needs brackets in a URL.
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)\(path)"
    }
}
