import Hummingbird
import NIOCore

/// The request context of `serve`'s router: Hummingbird's basic context plus the peer's
/// address, which the share sign-in limiter keys on (`ShareRoute`).
public struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// How `serve` is reached, which decides what the share route believes about a request.
public struct ServeTransport: Sendable {
    /// Every connection is HTTPS (`serve --tls-cert`).
    public var tls: Bool
    /// A reverse proxy in front: its `X-Forwarded-For` names the client and its
    /// `X-Forwarded-Proto: https` makes the request secure (`serve --trust-proxy`).
    public var trustProxy: Bool

    public init(tls: Bool = false, trustProxy: Bool = false) {
        self.tls = tls
        self.trustProxy = trustProxy
    }

    /// The client's address: the peer, or behind a trusted proxy the last address in
    /// `X-Forwarded-For` (the one the proxy itself appended; earlier ones are whatever
    /// the client claimed).
    func client(peer: SocketAddress?, forwardedFor: String?) -> String {
        if trustProxy, let forwardedFor,
           let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return peer?.ipAddress ?? ""
    }

    func secure(forwardedProto: String?) -> Bool {
        if tls { return true }
        guard trustProxy, let proto = forwardedProto?.split(separator: ",").first else { return false }
        return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }
}
