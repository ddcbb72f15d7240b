import FlowKit
import Foundation
import NIOPosix
import TerminalUI

/// Answers `/share/TOKEN` (DESIGN §13) without depending on any HTTP server: `serve`
/// hands each request under `/share/` to `handle` and writes back the response.
///
/// - GET without a session cookie: the password page. POST with the right `password`
///   field: 303 back to the link with the `fc_share` session cookie (HttpOnly,
///   SameSite=Strict, Path=/share/TOKEN). GET with the cookie: the flow page, or with
///   `?format=json` the sanitized canonical document. `flowcanvas view` POSTs to
///   `?format=json` too and gets 200 + cookie instead of the redirect.
/// - A wrong password: 401 with the password page after a delay; after `maxFailures`
///   in `failureWindow` from one client, or `linkCeiling` from all clients of one link:
///   429 with Retry-After (`ShareRateLimiter`).
/// - The session cookie is `Secure` when the request came over HTTPS (`ShareRequest.secure`).
/// - An unknown or turned-off token: the same 404 either way. The store is read on
///   every request, so turning a link off ends its sessions at once.
public final class ShareAccess: Sendable {
    public static let cookieName = "fc_share"
    public static let wrongPasswordMessage = "Wrong password."

    public struct Configuration: Sendable {
        /// How long a wrong password waits before its answer.
        public var failureDelay: Duration
        /// Wrong passwords one client (address, or cookie it holds) may try per window.
        public var maxFailures: Int
        /// Wrong passwords all clients together may try per window on one link before
        /// sign-in pauses (1 s, then doubling) for everyone.
        public var linkCeiling: Int
        public var failureWindow: TimeInterval
        public var sessionLifetime: TimeInterval
        /// The clock the rate limit and sessions use.
        public var now: @Sendable () -> Date
        public var sleep: @Sendable (Duration) async -> Void
        /// Told (one line) when a link's sign-in pauses; `serve` logs it as a warning.
        public var warn: @Sendable (String) -> Void

        public init(failureDelay: Duration = .milliseconds(400), maxFailures: Int = 5, linkCeiling: Int = 100,
                    failureWindow: TimeInterval = 60,
                    sessionLifetime: TimeInterval = 12 * 3600,
                    now: @escaping @Sendable () -> Date = { Date() },
                    sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                    warn: @escaping @Sendable (String) -> Void = { _ in }) {
            self.failureDelay = failureDelay
            self.maxFailures = maxFailures
            self.linkCeiling = linkCeiling
            self.warn = warn
            self.failureWindow = failureWindow
            self.sessionLifetime = sessionLifetime
            self.now = now
            self.sleep = sleep
        }
    }

    public let workspace: Workspace
    public let theme: Theme
    public let configuration: Configuration
    let sessions: ShareSessions
    let limiter: ShareRateLimiter
    /// Form bodies larger than this are refused (a password form is tiny).
    public static let maxBodyBytes = 16 * 1024

    public init(workspace: Workspace, theme: Theme = .standard, configuration: Configuration = Configuration()) {
        self.workspace = workspace
        self.theme = theme
        self.configuration = configuration
        sessions = ShareSessions(lifetime: configuration.sessionLifetime)
        let warn = configuration.warn
        limiter = ShareRateLimiter(perClient: configuration.maxFailures, perLinkCeiling: configuration.linkCeiling,
                                   window: configuration.failureWindow) { token, seconds, failures, clients in
            warn("share link …\(token.suffix(6)): \(failures) wrong passwords from \(clients) client(s) within "
                 + "\(Int(configuration.failureWindow)) s; sign-in paused for \(seconds) s")
        }
    }

    /// True for paths this handler owns (`/share/…`); route those here.
    public static func handles(path: String) -> Bool {
        path.hasPrefix(ShareLink.pathPrefix)
    }

    /// The answer to `request`. The work (a store read, PBKDF2 for a password, rendering)
    /// blocks, so it runs on NIO's blocking thread pool (`NIOThreadPool.singleton`, the
    /// runtime's `BlockingWork` too), not on the caller's concurrency thread; a wrong
    /// password's delay is awaited with `configuration.sleep`.
    public func handle(_ request: ShareRequest) async -> ShareResponse {
        let answered = try? await NIOThreadPool.singleton.runIfActive { self.answer(request) }
        // Only a stopped pool or a cancelled request fails to run it; answer anyway.
        let (response, delay) = answered ?? answer(request)
        if let delay { await configuration.sleep(delay) }
        return response
    }

    /// The same answer on the calling thread, for servers with a thread per connection:
    /// a wrong password's delay blocks the thread (`configuration.sleep` is not used).
    public func handleBlocking(_ request: ShareRequest) -> ShareResponse {
        let (response, delay) = answer(request)
        if let delay {
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
        }
        return response
    }

    /// The response, and how long to hold it back (wrong passwords only).
    func answer(_ request: ShareRequest) -> (ShareResponse, Duration?) {
        let token = String(request.path.dropFirst(ShareLink.pathPrefix.count))
        guard ShareAccess.handles(path: request.path), ShareToken.isWellFormed(token) else { return (notFound(), nil) }
        let shared: SharedFlow
        do {
            guard let found = try workspace.share(token: token) else { return (notFound(), nil) }
            shared = found
        } catch {
            return (page(500, "<!DOCTYPE html><title>Server error</title><p>Server error.</p>"), nil)
        }
        let wantsJSON = request.queryItems["format"] == "json"
        switch request.method {
        case "GET", "HEAD":
            let signedIn = sessions.isValid(request.sessionCookies, token: token,
                                            now: configuration.now())
            var response: ShareResponse
            if wantsJSON {
                response = signedIn
                    ? json(200, FlowCodec.exportJSON(ShareSanitizer.sanitize(shared.stored.document)))
                    : json(401, "{\"error\": \"password required\"}\n")
            } else {
                response = signedIn
                    ? page(200, SharePages.flowPage(document: shared.stored.document, theme: theme,
                                                    catalog: workspace.catalog))
                    : page(200, SharePages.passwordPage(token: token))
            }
            if request.method == "HEAD" { response.body = [] }
            return (response, nil)
        case "POST":
            return signIn(request, token: token, share: shared.share, wantsJSON: wantsJSON)
        default:
            var response = page(405, "<!DOCTYPE html><title>Method not allowed</title><p>Method not allowed.</p>")
            response.headers["Allow"] = "GET, HEAD, POST"
            return (response, nil)
        }
    }

    /// The password form's POST. With `?format=json` (what `flowcanvas view` sends) the
    /// answers are JSON and success is 200 with the cookie instead of a redirect.
    private func signIn(_ request: ShareRequest, token: String, share: ShareRecord, wantsJSON: Bool) -> (ShareResponse, Duration?) {
        guard request.bodySize <= ShareAccess.maxBodyBytes else {
            return (wantsJSON ? json(413, "{\"error\": \"request too large\"}\n")
                : page(413, "<!DOCTYPE html><title>Too large</title><p>Request too large.</p>"), nil)
        }
        let ticket: UInt64
        // A cookie this server issued identifies the client better than a shared address.
        let client = sessions.issued(request.sessionCookies).map { "cookie " + $0 } ?? "address " + request.client
        switch limiter.begin(token: token, client: client, now: configuration.now()) {
        case .limited(let seconds):
            var response = wantsJSON ? json(429, "{\"error\": \"too many attempts\"}\n")
                : page(429, SharePages.tooManyAttemptsPage(retryAfter: seconds))
            response.headers["Retry-After"] = String(seconds)
            return (response, nil)
        case .allowed(let t):
            ticket = t
        }
        let password = request.form["password"] ?? ""
        guard SharePassword.verify(password: password, against: PasswordHash(share)) else {
            return (wantsJSON ? json(401, "{\"error\": \"wrong password\"}\n")
                : page(401, SharePages.passwordPage(token: token, error: ShareAccess.wrongPasswordMessage)),
                    configuration.failureDelay)
        }
        limiter.forgive(token: token, ticket: ticket)
        let session = sessions.open(token: token, now: configuration.now())
        let path = ShareLink.pathPrefix + token
        var response: ShareResponse
        if wantsJSON {
            response = json(200, "{\"ok\": true}\n")
        } else {
            response = ShareResponse(status: 303, headers: ShareAccess.commonHeaders, body: [])
            response.headers["Location"] = path
        }
        response.headers["Set-Cookie"] = "\(ShareAccess.cookieName)=\(session); Path=\(path); "
            + "Max-Age=\(Int(configuration.sessionLifetime)); HttpOnly; SameSite=Strict"
            + (request.secure ? "; Secure" : "")
        return (response, nil)
    }

    // MARK: - Responses

    /// Sent with every answer: nothing is cached, framed, sniffed, or given a referrer
    /// (the token is in the URL), and the page may load nothing from anywhere.
    static let commonHeaders: [String: String] = [
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy":
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ]

    private func page(_ status: Int, _ html: String) -> ShareResponse {
        var headers = ShareAccess.commonHeaders
        headers["Content-Type"] = "text/html; charset=utf-8"
        return ShareResponse(status: status, headers: headers, body: Array(html.utf8))
    }

    private func json(_ status: Int, _ text: String) -> ShareResponse {
        var headers = ShareAccess.commonHeaders
        headers["Content-Type"] = "application/json; charset=utf-8"
        return ShareResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// One answer for every token that opens nothing.
    private func notFound() -> ShareResponse {
        page(404, SharePages.notFoundPage())
    }
}
