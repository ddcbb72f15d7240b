import FlowKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The other end of a share link, for `flowcanvas view`: signs in with the password
/// (POST `?format=json`), then fetches the sanitized document as JSON with the session
/// cookie. Cookies are handled by hand and never stored.
public struct ShareClient: Sendable {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    public func fetch(_ link: ShareLink, password: String) async throws(ShareError) -> FlowDocument {
        let session = makeSession()
        defer { session.finishTasksAndInvalidate() }
        let jsonURL = link.url.appendingQuery("format=json")

        var signIn = URLRequest(url: jsonURL)
        signIn.httpMethod = "POST"
        signIn.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        signIn.setValue("application/json", forHTTPHeaderField: "Accept")
        signIn.httpBody = Data(FormEncoding.encode([("password", password)]).utf8)
        let (_, signedIn) = try await send(signIn, session: session)
        try check(signedIn)
        guard let cookie = Self.sessionCookie(in: signedIn) else { throw .unexpectedResponse(status: signedIn.statusCode) }

        var get = URLRequest(url: jsonURL)
        get.setValue("\(ShareAccess.cookieName)=\(cookie)", forHTTPHeaderField: "Cookie")
        get.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response) = try await send(get, session: session)
        try check(response)
        do {
            return try FlowCodec.importDocument(data)
        } catch {
            throw .invalidDocument(error.message)
        }
    }

    private func check(_ response: HTTPURLResponse) throws(ShareError) {
        switch response.statusCode {
        case 200..<300: return
        case 401: throw .wrongPassword
        case 404: throw .linkNotFound
        case 429:
            let seconds = response.value(forHTTPHeaderField: "Retry-After").flatMap { Int($0) } ?? 60
            throw .tooManyAttempts(retryAfter: seconds)
        default: throw .unexpectedResponse(status: response.statusCode)
        }
    }

    /// The `fc_share` value of the response's Set-Cookie.
    static func sessionCookie(in response: HTTPURLResponse) -> String? {
        guard let header = response.value(forHTTPHeaderField: "Set-Cookie") else { return nil }
        let prefix = ShareAccess.cookieName + "="
        for part in header.split(separator: ";") {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix(prefix) { return String(item.dropFirst(prefix.count)) }
        }
        return nil
    }

    private func makeSession() -> URLSession {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.httpCookieAcceptPolicy = .never
        config.httpShouldSetCookies = false
        config.httpCookieStorage = nil
        config.urlCache = nil
        return URLSession(configuration: config)
    }

    private func send(_ request: URLRequest, session: URLSession) async throws(ShareError) -> (Data, HTTPURLResponse) {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: ShareError.network(error.localizedDescription))
                    } else if let http = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), http))
                    } else {
                        continuation.resume(throwing: ShareError.network("no HTTP response"))
                    }
                }
                task.resume()
            }
        } catch let error as ShareError {
            throw error
        } catch {
            throw .network("\(error)")
        }
    }
}

extension URL {
    func appendingQuery(_ query: String) -> URL {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return self }
        components.percentEncodedQuery = [components.percentEncodedQuery, query].compactMap { $0 }.joined(separator: "&")
        return components.url ?? self
    }
}
