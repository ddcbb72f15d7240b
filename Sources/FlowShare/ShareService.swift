import FlowKit
import Foundation

/// What `flowcanvas share` does, without the command line: turns a flow's link on with
/// a password (hashed here, stored by the workspace), off, or reports it.
public struct ShareService: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Checks the password (not empty, at least 8 characters), hashes it with 600,000
    /// PBKDF2 iterations and turns the link on with a new token; any earlier link of the
    /// flow dies at once.
    @discardableResult
    public func enable(_ flow: String, password: String, port: Int? = nil, publicURL: String? = nil) throws -> ShareRecord {
        try enable(flow, password: password, iterations: SharePassword.iterations, port: port, publicURL: publicURL)
    }

    /// As `enable(_:password:)`; tests pass fewer iterations to stay fast.
    func enable(_ flow: String, password: String, iterations: Int, port: Int? = nil,
                publicURL: String? = nil) throws -> ShareRecord {
        try SharePassword.check(password)
        // Resolve first: no point hashing for a flow that does not exist.
        _ = try workspace.flow(flow)
        let hashed = try SharePassword.hash(password, iterations: iterations)
        return try workspace.enableShare(flow, token: ShareToken.generate(), salt: Data(hashed.salt),
                                         hash: Data(hashed.hash), iterations: hashed.iterations, port: port,
                                         publicURL: publicURL)
    }

    /// Turns the link off; returns the record that was revoked (nil: it was off).
    @discardableResult
    public func disable(_ flow: String) throws -> ShareRecord? {
        try workspace.disableShare(flow)
    }

    public func status(_ flow: String) throws -> ShareRecord? {
        try workspace.shareStatus(flow)
    }

    /// The lines `share --status` prints: the link as it was printed when made, unless the
    /// user names another address now. `publicURL` (`--public-url` now) first; else `port`
    /// (`--port` now: where serve really listens, e.g. a test's `--port 0` server) with `host`;
    /// else the public URL the link was made under; else host and the port it was made with
    /// (links made before the port was stored: the default).
    public static func statusText(flowName: String, record: ShareRecord?, host: String, port: Int?,
                                  publicURL: String? = nil) -> String {
        guard let record else { return "Sharing of '\(flowName)' is off\n" }
        let since = ISO8601DateFormatter().string(from: record.createdAt)
        let stored = port == nil ? record.publicURL : nil
        let link = (publicURL ?? stored).flatMap { try? ShareLink(publicURL: $0, token: record.token) }
            ?? ShareLink(host: host, port: port ?? record.port ?? ShareLink.defaultPort, token: record.token)
        return "Sharing of '\(flowName)' is on since \(since)\n\(link)\n"
    }
}
