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
    /// `share --public-url`: where people reach `serve` (an HTTPS proxy or `serve --tls-cert`),
    /// e.g. `https://flows.example.com`; the link is then this plus `/share/TOKEN`.
    public var publicBase: String?

    /// The link under a public base URL (`https://flows.example.com[/prefix]`).
    public init(publicURL: String, token: String) throws(ShareError) {
        guard let base = ShareLink.publicBase(publicURL), let components = URLComponents(string: base),
              let scheme = components.scheme, let host = components.host else { throw .invalidLink(publicURL) }
        self.init(host: host, port: components.port ?? (scheme == "https" ? 443 : 80), token: token, scheme: scheme)
        publicBase = base
    }

    /// `text` as a base URL: http or https, a host, no query or fragment, no trailing
    /// slash; nil when it is not one.
    public static func publicBase(_ text: String) -> String? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let c = URLComponents(string: trimmed), let scheme = c.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty,
              c.query == nil, c.fragment == nil, c.user == nil, c.password == nil else { return nil }
        return trimmed
    }

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
        if let publicBase { return publicBase + path }
        // An IPv6 literal needs brackets in a URL.
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)\(path)"
    }
}

extension ShareLink {
    /// 127.x, ::1 and localhost: a link that never leaves this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }
}
