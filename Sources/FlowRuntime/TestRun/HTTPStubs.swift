import FlowKit
import Foundation
import NIOConcurrencyHelpers

/// A made-up answer for one http-request node in a test run: the flow gets it instead of
/// making the call, so a flow whose API is unreachable from here can still be tried.
/// `latency` at or past the node's timeout takes the node's `timeout` path; below it the
/// answer is immediate (the run's clock is virtual).
public struct HTTPStub: Sendable, Equatable {
    public var status: Int
    /// Header names as given (the response lower-cases them).
    public var headers: [String: String]
    public var body: JSONValue
    public var latency: Double

    public init(status: Int = 200, headers: [String: String] = [:], body: JSONValue = .null, latency: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
    }

    /// The body as sent: a JSON string value is sent as its text, anything else as JSON.
    var bodyData: Data {
        switch body {
        case .null: return Data()
        case .string(let s): return Data(s.utf8)
        default: return Data(CanonicalJSON.encode(body, indent: false).utf8)
        }
    }

    /// `{"node": …, "status": …, "headers": {…}, "body": …, "latency": …}` as a script step has it.
    public func scriptStep(node: String) -> JSONValue {
        var o: [String: JSONValue] = ["node": .string(node), "status": .number(Double(status)), "body": body]
        if !headers.isEmpty { o["headers"] = .object(headers.mapValues { .string($0) }) }
        if latency > 0 { o["latency"] = .number(latency) }
        return .object(["stub": .object(o)])
    }
}

/// Which nodes are stubbed right now (a script's `stub` steps add to it as they run).
public final class HTTPStubTable: Sendable {
    private let stubs = NIOLockedValueBox<[String: HTTPStub]>([:])

    public init(_ initial: [String: HTTPStub] = [:]) { stubs.withLockedValue { $0 = initial } }

    public func set(_ stub: HTTPStub?, for node: String) { stubs.withLockedValue { $0[node] = stub } }
    public func stub(for node: String) -> HTTPStub? { stubs.withLockedValue { $0[node] } }
    public var all: [String: HTTPStub] { stubs.withLockedValue { $0 } }
}

/// Answers a stubbed node's call from its stub, and passes every other call on.
public struct StubbingHTTPClient: HTTPClient {
    public let table: HTTPStubTable
    public let fallback: any HTTPClient

    public init(table: HTTPStubTable, fallback: any HTTPClient) {
        self.table = table
        self.fallback = fallback
    }

    public func answers(node: String) -> Bool { table.stub(for: node) != nil || fallback.answers(node: node) }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseData {
        guard let node = request.node, let stub = table.stub(for: node) else { return try await fallback.send(request) }
        if stub.latency >= request.timeoutSeconds { throw HTTPCallError.timedOut(seconds: request.timeoutSeconds) }
        var headers = Dictionary(stub.headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, b in b })
        if headers["content-type"] == nil, case .object = stub.body { headers["content-type"] = "application/json" }
        if headers["content-type"] == nil, case .array = stub.body { headers["content-type"] = "application/json" }
        return HTTPResponseData(status: stub.status, headers: headers, body: stub.bodyData)
    }
}
