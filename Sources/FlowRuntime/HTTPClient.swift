import FlowKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An outgoing HTTP call (http-request nodes, webhook apps).
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?
    public var timeoutSeconds: Double

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil,
                timeoutSeconds: Double = 10) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }
}

public struct HTTPResponseData: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

public enum HTTPCallError: Error, Equatable, CustomStringConvertible {
    /// No complete answer within the timeout.
    case timedOut(seconds: Double)
    /// No answer at all: refused connection, unknown host, broken connection…
    case failed(String)

    public var description: String {
        switch self {
        case .timedOut(let s): return "no answer within \(CanonicalJSON.formatNumber(s)) s"
        case .failed(let why): return why
        }
    }
}

public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData
}

/// Foundation's URLSession (FoundationNetworking on Linux). The timeout is enforced here
/// rather than trusted to URLSession, whose `timeoutInterval` is an idle timeout: a
/// server that trickles bytes forever would otherwise never time out.
public final class NetworkHTTPClient: HTTPClient, @unchecked Sendable {
    /// One client for the whole process.
    public static let shared = NetworkHTTPClient()

    private let session: URLSession

    public init() {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 3600
        config.timeoutIntervalForResource = 3600
        config.httpShouldSetCookies = false
        config.urlCache = nil
        session = URLSession(configuration: config)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Lets calls under way finish and refuses new ones.
    public func shutdown() async throws {
        session.finishTasksAndInvalidate()
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponseData {
        var request = URLRequest(url: spec.url)
        request.httpMethod = spec.method
        request.timeoutInterval = max(0.001, spec.timeoutSeconds)
        for (name, value) in spec.headers { request.addValue(value, forHTTPHeaderField: name) }
        if let body = spec.body, spec.method != "GET" { request.httpBody = body }
        let once = ResumeOnce()
        let session = self.session
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponseData, any Error>) in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    let timedOut = (error as? URLError)?.code == .timedOut
                    once.run {
                        continuation.resume(throwing: timedOut
                            ? HTTPCallError.timedOut(seconds: spec.timeoutSeconds)
                            : HTTPCallError.failed(Self.describe(error, url: spec.url)))
                    }
                    return
                }
                guard let http = response as? HTTPURLResponse else {
                    once.run { continuation.resume(throwing: HTTPCallError.failed("not an HTTP response")) }
                    return
                }
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    headers[String(describing: key).lowercased()] = String(describing: value)
                }
                let result = HTTPResponseData(status: http.statusCode, headers: headers, body: data ?? Data())
                once.run { continuation.resume(returning: result) }
            }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0.001, spec.timeoutSeconds)) {
                once.run {
                    task.cancel()
                    continuation.resume(throwing: HTTPCallError.timedOut(seconds: spec.timeoutSeconds))
                }
            }
        }
    }

    private static func describe(_ error: any Error, url: URL) -> String {
        if let e = error as? URLError {
            switch e.code {
            case .cannotConnectToHost: return "could not connect to \(url.host ?? url.absoluteString)"
            case .cannotFindHost, .dnsLookupFailed: return "unknown host \(url.host ?? url.absoluteString)"
            case .unsupportedURL, .badURL: return "unsupported URL \(url.absoluteString)"
            case .networkConnectionLost: return "the connection to \(url.host ?? "") was lost"
            default: return e.localizedDescription
            }
        }
        return String(describing: error)
    }
}

/// Runs a closure at most once across threads (a continuation must resume exactly once,
/// whether the answer or the timeout comes first).
final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func run(_ body: () -> Void) {
        let first = lock.withLock { () -> Bool in
            if done { return false }
            done = true
            return true
        }
        if first { body() }
    }
}
