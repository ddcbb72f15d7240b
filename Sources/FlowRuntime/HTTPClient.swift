import AsyncHTTPClient
import FlowKit
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// An outgoing HTTP call (http-request nodes, webhook apps).
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?
    public var timeoutSeconds: Double
    /// The http-request node making the call (nil for webhook apps): test runs stub by node.
    public var node: String?

    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil,
                timeoutSeconds: Double = 10, node: String? = nil) {
        self.node = node
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
    /// Whether the client answers this http-request node's calls itself, whatever the URL
    /// (a test run's stub): the node then calls even when its URL is not a usable one yet.
    func answers(node: String) -> Bool
}

extension HTTPClient {
    public func answers(node: String) -> Bool { false }
}

/// The network client of http-request nodes and webhook apps: swift-server's
/// AsyncHTTPClient. Its `execute(_:deadline:)` bounds the whole exchange, response body
/// included, so a server that trickles bytes forever still times out.
///
/// `shared` lives as long as the process (editor test runs, the CLI); `serve` makes its
/// own and shuts it down when it stops. A refused connection fails at once instead of
/// being retried until the deadline (`retryConnectionEstablishment = false`): a flow
/// should take its `error` path, not its `timeout` path, when nothing listens.
public final class NetworkHTTPClient: HTTPClient {
    /// Response bodies larger than this fail the call (a flow keeps the body in its
    /// session outputs).
    public static let maxResponseBytes = 16 << 20

    /// One client for the whole process; never shut down.
    public static let shared = NetworkHTTPClient()

    private let client: AsyncHTTPClient.HTTPClient
    private let isShutDown = NIOLockedValueBox(false)

    public init() {
        var configuration = AsyncHTTPClient.HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        client = AsyncHTTPClient.HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                            configuration: configuration)
    }

    /// Closes the client's connections; calls made afterwards fail.
    public func shutdown() async throws {
        let first = isShutDown.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { try await client.shutdown() }
    }

    /// A client dropped without `shutdown()` is shut down in the background (the library
    /// treats a forgotten shutdown as a leak and traps in debug builds).
    deinit {
        guard !isShutDown.withLockedValue({ $0 }) else { return }
        let client = self.client
        Task { try? await client.shutdown() }
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponseData {
        var request = HTTPClientRequest(url: spec.url.absoluteString)
        request.method = HTTPMethod(rawValue: spec.method)
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        if let body = spec.body, spec.method != "GET" { request.body = .bytes(ByteBuffer(bytes: body)) }
        let seconds = max(0.001, spec.timeoutSeconds)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        do {
            let response = try await client.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            return HTTPResponseData(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.callError(error, spec: spec)
        }
    }

    static func callError(_ error: any Error, spec: HTTPRequestSpec) -> HTTPCallError {
        let host = spec.url.host ?? spec.url.absoluteString
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout:
                return .timedOut(seconds: spec.timeoutSeconds)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .failed("unsupported URL \(spec.url.absoluteString)")
            case .remoteConnectionClosed:
                return .failed("the connection to \(host) was lost")
            default:
                return .failed(String(describing: e))
            }
        }
        if let e = error as? NIOConnectionError {
            if e.connectionErrors.isEmpty && (e.dnsAError != nil || e.dnsAAAAError != nil) {
                return .failed("unknown host \(host)")
            }
            return .failed("could not connect to \(host)")
        }
        if error is IOError || error is ChannelError { return .failed("could not connect to \(host)") }
        if error is NIOTooManyBytesError { return .failed("the answer is larger than \(maxResponseBytes) bytes") }
        return .failed(String(describing: error))
    }
}
