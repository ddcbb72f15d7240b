import FlowKit
import Foundation

/// The HTTP API of DESIGN §11 without an HTTP server: one function per route, taking
/// the path's parts, query and body and giving back the status and JSON. `serve`'s
/// Hummingbird router (`RuntimeRoutes` in FlowServer) maps requests onto them.
public struct RuntimeAPI: Sendable {
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var body: JSONValue
        public init(status: Int, body: JSONValue) {
            self.status = status
            self.body = body
        }
        static func error(_ status: Int, _ message: String) -> Response {
            Response(status: status, body: ["error": .string(message)])
        }
        /// A store's failure: 503 while the database server is unreachable, else 500.
        public static func failure(_ error: any Error) -> Response {
            let failure = RuntimeError.database(error)
            return .error(failure.httpStatus, failure.description)
        }
    }

    /// Request bodies larger than this are refused with 413 (the server should stop
    /// reading there too).
    public static let maxBodyBytes = 1 << 20

    public let engine: FlowEngine
    /// Messages of the built-in outbox app for `GET /outbox` (nil: the list is empty).
    public let outbox: (@Sendable () throws -> [OutboxMessage])?

    public init(engine: FlowEngine, outbox: (@Sendable () throws -> [OutboxMessage])? = nil) {
        self.engine = engine
        self.outbox = outbox
    }

    // MARK: One function per route (`RuntimeRoutes` in FlowServer maps paths to them)

    /// `GET /health`
    public func health() -> Response {
        Response(status: 200, body: ["status": "ok"])
    }

    /// `POST /hooks/PATH…`
    /// `signature`: the request's `X-FlowCanvas-Signature` header (see `WebhookSignature`).
    public func webhook(path: String, body: Data, signature: String? = nil) async -> Response {
        if let tooLarge = Self.refuseLarge(body) { return tooLarge }
        guard let json = parseBody(body) else { return .error(400, "the body is not JSON") }
        return await trigger { try await engine.triggerWebhook(path: path, body: json, rawBody: body, signature: signature) }
    }

    /// `POST /events/NAME`
    public func event(name: String, body: Data) async -> Response {
        if let tooLarge = Self.refuseLarge(body) { return tooLarge }
        guard let json = parseBody(body) else { return .error(400, "the body is not JSON") }
        return await trigger { try await engine.triggerEvent(name: name, body: json) }
    }

    /// `POST /inbound/CHANNEL` with `{"from","to","message"}`
    public func inbound(channel: String, body: Data) async -> Response {
        if let tooLarge = Self.refuseLarge(body) { return tooLarge }
        guard let json = parseBody(body), let o = json.objectValue else {
            return .error(400, "the body must be a JSON object {\"from\",\"to\",\"message\"}")
        }
        guard let from = o["from"]?.stringValue, !from.isEmpty, let to = o["to"]?.stringValue, !to.isEmpty else {
            return .error(400, "the body needs \"from\" and \"to\" strings")
        }
        guard let message = o["message"].map({ $0.stringValue ?? $0.displayText }) else {
            return .error(400, "the body needs a \"message\"")
        }
        return await trigger { try await engine.deliverInbound(channel: channel, from: from, to: to, message: message) }
    }

    /// `GET /sessions/ID`
    public func session(id: String) async -> Response {
        do {
            let store = engine.store
            guard let s = try await BlockingWork.run({ try store.session(id: id) }) else {
                return .error(404, "no session '\(id)'")
            }
            let flows = engine.flows
            let shown = try await BlockingWork.run { SessionRedaction.of(s, flows: flows).apply(s) }
            return Response(status: 200, body: RuntimeJSON.session(shown))
        } catch {
            let failure = RuntimeError.database(error)
            return .error(failure.httpStatus, failure.description)
        }
    }

    /// `GET /flows/ID/sessions?state=…&limit=…`
    public func sessions(flowId: String, query: [String: String]) async -> Response {
        var state: SessionState?
        if let raw = query["state"], !raw.isEmpty {
            guard let s = SessionState(rawValue: raw) else {
                return .error(400, "state must be running, waiting, done or failed")
            }
            state = s
        }
        let limit = max(1, query["limit"].flatMap(Int.init) ?? 100)
        do {
            try await engine.store.durable()
            let store = engine.store, wanted = state
            let flows = engine.flows
            let list = try await BlockingWork.run {
                SessionRedaction.applied(to: try store.sessions(flowId: flowId, state: wanted, limit: limit), flows: flows)
            }
            return Response(status: 200, body: .array(list.map { RuntimeJSON.session($0, transcript: false) }))
        } catch { return .failure(error) }
    }

    /// `GET /flows/ID/stats`
    public func stats(flowId: String) async -> Response {
        do {
            try await engine.store.durable()
            let store = engine.store
            let stats = try await BlockingWork.run { try store.stats(flowId: flowId) }
            return Response(status: 200, body: RuntimeJSON.stats(stats, flowId: flowId))
        } catch { return .failure(error) }
    }

    /// `GET /outbox`
    public func outboxMessages() async -> Response {
        do {
            let outbox = self.outbox
            let messages = try await BlockingWork.run { try outbox?() ?? [] }
            return Response(status: 200, body: .array(messages.map(RuntimeJSON.outbox)))
        } catch {
            let failure = RuntimeError.database(error)
            if failure.httpStatus == 503 { return .error(503, failure.description) }
            return .error(500, "the outbox could not be read: \(error)")
        }
    }

    /// The first path segments of the routes above: another method on one of these is
    /// 405 (GET and POST: 404), anything else 404.
    public static let routePrefixes = ["health", "hooks", "events", "inbound", "sessions", "flows", "outbox", "openapi.yaml", "metrics"]

    /// The answer when no route matches `method path`.
    public static func noRoute(method: String, path: String) -> Response {
        let method = method.uppercased()
        if let first = path.split(separator: "/", omittingEmptySubsequences: true).first,
           routePrefixes.contains(String(first)) {
            return .error(method == "GET" || method == "POST" ? 404 : 405, "no route \(method) \(path)")
        }
        return .error(404, "no route \(method) \(path)")
    }

    private static func refuseLarge(_ body: Data) -> Response? {
        body.count > maxBodyBytes ? .error(413, "the request body is larger than \(maxBodyBytes) bytes") : nil
    }

    /// An empty body is `{}`.
    private func parseBody(_ body: Data) -> JSONValue? {
        if body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return [:] }
        return try? JSONParser.parse(body)
    }

    /// 200 with what was delivered/started; else the first refusal's status (409 paused
    /// or duplicate); 404 when nothing matches.
    private func trigger(_ body: () async throws -> TriggerResult) async -> Response {
        do {
            let result = try await body()
            if !result.accepted, let first = result.refused.first { return .error(first.httpStatus, first.description) }
            return Response(status: 200, body: [
                "delivered": result.delivered.map(RuntimeJSON.triggered) ?? .null,
                "sessions": .array(result.started.map(RuntimeJSON.triggered)),
                "refused": .array(result.refused.map { .string($0.description) }),
            ])
        } catch let error as RuntimeError {
            return .error(error.httpStatus, error.description)
        } catch {
            return .failure(error)
        }
    }
}
