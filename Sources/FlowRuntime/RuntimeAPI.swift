import FlowKit
import Foundation

/// The HTTP API of DESIGN §11 without an HTTP server: `serve` hands each request's
/// method, path, query and body here and writes back the status and JSON. Keeping the
/// routes here lets them be tested in process and keeps the server a thin adapter.
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

    public func handle(method: String, path: String, query: [String: String] = [:],
                       body: Data = Data()) async -> Response {
        if body.count > Self.maxBodyBytes {
            return .error(413, "the request body is larger than \(Self.maxBodyBytes) bytes")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.contains("%") ? (String(part).removingPercentEncoding ?? String(part)) : String(part)
        }
        let method = method.uppercased()
        switch (method, parts.first, parts.count) {
        case ("GET", "health", 1):
            return Response(status: 200, body: ["status": "ok"])
        case ("POST", "hooks", 2...):
            guard let json = parseBody(body) else { return .error(400, "the body is not JSON") }
            return await trigger { try await engine.triggerWebhook(path: parts.dropFirst().joined(separator: "/"), body: json) }
        case ("POST", "events", 2):
            guard let json = parseBody(body) else { return .error(400, "the body is not JSON") }
            return await trigger { try await engine.triggerEvent(name: parts[1], body: json) }
        case ("POST", "inbound", 2):
            guard let json = parseBody(body), let o = json.objectValue else {
                return .error(400, "the body must be a JSON object {\"from\",\"to\",\"message\"}")
            }
            guard let from = o["from"]?.stringValue, !from.isEmpty, let to = o["to"]?.stringValue, !to.isEmpty else {
                return .error(400, "the body needs \"from\" and \"to\" strings")
            }
            guard let message = o["message"].map({ $0.stringValue ?? $0.displayText }) else {
                return .error(400, "the body needs a \"message\"")
            }
            return await trigger { try await engine.deliverInbound(channel: parts[1], from: from, to: to, message: message) }
        case ("GET", "sessions", 2):
            do {
                guard let s = try await engine.session(id: parts[1]) else { return .error(404, "no session '\(parts[1])'") }
                return Response(status: 200, body: RuntimeJSON.session(s))
            } catch { return .error(error.httpStatus, error.description) }
        case ("GET", "flows", 3) where parts[2] == "sessions":
            var state: SessionState?
            if let raw = query["state"], !raw.isEmpty {
                guard let s = SessionState(rawValue: raw) else {
                    return .error(400, "state must be running, waiting, done or failed")
                }
                state = s
            }
            let limit = query["limit"].flatMap(Int.init) ?? 100
            do {
                try await engine.store.durable()
                let list = try engine.store.sessions(flowId: parts[1], state: state, limit: max(1, limit))
                return Response(status: 200, body: .array(list.map { RuntimeJSON.session($0, transcript: false) }))
            } catch { return .error(500, "the session database failed: \(error)") }
        case ("GET", "flows", 3) where parts[2] == "stats":
            do {
                try await engine.store.durable()
                return Response(status: 200, body: RuntimeJSON.stats(try engine.store.stats(flowId: parts[1]), flowId: parts[1]))
            } catch { return .error(500, "the session database failed: \(error)") }
        case ("GET", "outbox", 1):
            do { return Response(status: 200, body: .array(try (outbox?() ?? []).map(RuntimeJSON.outbox))) }
            catch { return .error(500, "the outbox could not be read: \(error)") }
        default:
            let known = ["health", "hooks", "events", "inbound", "sessions", "flows", "outbox"]
            if let first = parts.first, known.contains(first) {
                return .error(method == "GET" || method == "POST" ? 404 : 405, "no route \(method) \(path)")
            }
            return .error(404, "no route \(method) \(path)")
        }
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
                "delivered": result.delivered.map { RuntimeJSON.session($0, transcript: false) } ?? .null,
                "sessions": .array(result.started.map { RuntimeJSON.session($0, transcript: false) }),
                "refused": .array(result.refused.map { .string($0.description) }),
            ])
        } catch let error as RuntimeError {
            return .error(error.httpStatus, error.description)
        } catch {
            return .error(500, String(describing: error))
        }
    }
}
