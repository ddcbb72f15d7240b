import FlowKit
import FlowRuntime
import FlowShare
import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// The routes of `flowcanvas serve` (DESIGN §11 and §13) as a Hummingbird router.
///
/// Groups: the trigger routes (`/hooks`, `/events`, `/inbound`: JSON bodies that start
/// or wake sessions), the read routes (`/health`, `/sessions`, `/flows`, `/outbox`,
/// `/openapi.yaml`) and `/share`. docs/openapi.yaml describes every route registered
/// here (RuntimeOpenAPITests compares it with `router.routes`). Later concerns attach per group: a content-type or auth middleware on the
/// trigger group, a metrics or request-id middleware on the whole router.
/// A request no route takes gets the API's JSON 404 (or 405 for another method on a
/// known path) from `NoRouteMiddleware`.
public enum RuntimeRoutes {
    /// `allowedOrigins`: browser origins that may trigger flows (`serve --allow-origin`).
    public static func router(api: RuntimeAPI, share: ShareAccess?,
                              maxBodyBytes: Int = RuntimeAPI.maxBodyBytes,
                              metrics: ServeMetrics = ServeMetrics(),
                              logger: Logger? = nil,
                              allowedOrigins: [String] = [],
                              transport: ServeTransport = ServeTransport()) -> Router<ServeRequestContext> {
        let router = Router(context: ServeRequestContext.self)
        // Outermost: its line has the final status, and everything inside knows the request id.
        if let logger { router.add(middleware: RequestLogMiddleware(logger: logger)) }
        // First, so it also wraps the router's own "not found".
        router.add(middleware: NoRouteMiddleware())

        let triggers = router.group()
        triggers.add(middleware: TriggerTimingMiddleware(metrics: metrics))
        triggers.add(middleware: TriggerGuardMiddleware(allowedOrigins: Set(allowedOrigins.map(TriggerGuardMiddleware<ServeRequestContext>.normalized))))
        triggers.post("hooks/**") { request, context in
            let parts = context.parameters.getCatchAll().map(decoded)
            guard !parts.isEmpty else { return noRoute(request) }
            let signature = HTTPField.Name(WebhookSignature.headerName).flatMap { request.headers[$0] }
            return try await withBody(request, maxBodyBytes) {
                await api.webhook(path: parts.joined(separator: "/"), body: $0, signature: signature)
            }
        }
        triggers.post("events/:name") { request, context in
            let name = try decoded(context.parameters.require("name"))
            return try await withBody(request, maxBodyBytes) { await api.event(name: name, body: $0) }
        }
        triggers.post("inbound/:channel") { request, context in
            let channel = try decoded(context.parameters.require("channel"))
            return try await withBody(request, maxBodyBytes) { await api.inbound(channel: channel, body: $0) }
        }

        let reads = router.group()
        reads.get("health") { request, _ in
            try await withBody(request, maxBodyBytes) { _ in api.health() }
        }
        reads.get("sessions/:id") { request, context in
            let id = try decoded(context.parameters.require("id"))
            return try await withBody(request, maxBodyBytes) { _ in await api.session(id: id) }
        }
        reads.get("flows/:flow/sessions") { request, context in
            let flow = try decoded(context.parameters.require("flow"))
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            return try await withBody(request, maxBodyBytes) { [query] _ in await api.sessions(flowId: flow, query: query) }
        }
        reads.get("flows/:flow/stats") { request, context in
            let flow = try decoded(context.parameters.require("flow"))
            return try await withBody(request, maxBodyBytes) { _ in await api.stats(flowId: flow) }
        }
        reads.get("outbox") { request, _ in
            try await withBody(request, maxBodyBytes) { _ in await api.outboxMessages() }
        }
        reads.get("openapi.yaml") { _, _ in openAPIDocument() }
        reads.get("metrics") { _, _ in try await metricsText(api: api, metrics: metrics) }

        if let share {
            let links = router.group("share")
            for method: HTTPRequest.Method in [.get, .head, .post, .put, .delete, .patch] {
                links.on("**", method: method) { request, context in
                    // `/share` alone is no link path; the API's 404 answers it as before.
                    guard ShareAccess.handles(path: request.uri.path) else { return noRoute(request) }
                    return try await ShareRoute.respond(to: request, context: context, share: share, metrics: metrics,
                                                        transport: transport)
                }
            }
        }
        return router
    }

    /// A path segment as sent, percent-decoded.
    static func decoded(_ part: some StringProtocol) -> String {
        part.contains("%") ? (String(part).removingPercentEncoding ?? String(part)) : String(part)
    }

    static func noRoute(_ request: Request) -> Response {
        json(RuntimeAPI.noRoute(method: request.method.rawValue, path: request.uri.path))
    }

    /// Reads the body (every API route refuses one over the limit with 413, as the API
    /// always has) and answers with `handler`'s JSON.
    static func withBody(_ request: Request, _ maxBodyBytes: Int,
                         _ handler: (Data) async -> RuntimeAPI.Response) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return json(.init(status: 413, body: ["error": .string("the request body is larger than \(maxBodyBytes) bytes")]))
        } catch {
            return json(.init(status: 400, body: ["error": .string("the request body could not be read")]))
        }
        return json(await handler(Data(body.readableBytesView)))
    }

    /// docs/openapi.yaml as compiled in (`scripts/embed-resources`).
    static func openAPIDocument() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }

    /// The Prometheus text of `metrics`, with the waiting sessions read from the store now.
    static func metricsText(api: RuntimeAPI, metrics: ServeMetrics) async throws -> Response {
        let store = await api.engine.store
        do {
            try await store.durable()
            metrics.setWaiting(try await BlockingWork.run { try store.waitingCounts() })
        } catch {
            return json(.failure(error))
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }

    static func json(_ answer: RuntimeAPI.Response) -> Response {
        var bytes = CanonicalJSON.encodeBytes(answer.body, indent: false)
        bytes.append(0x0A)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        // 503 only while the database server is unreachable; a reconnect is tried at least once a second.
        if answer.status == 503 { headers[.retryAfter] = "1" }
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Turns the router's "not found" into the API's JSON answer: 404 `no route METHOD
/// PATH`, or 405 for a method other than GET or POST on one of the API's paths.
struct NoRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return RuntimeRoutes.noRoute(request)
        }
    }
}

/// Times each trigger request (`/hooks`, `/events`, `/inbound`) from its arrival to its
/// answer, the durable acknowledgement included, into `ServeMetrics`.
struct TriggerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServeMetrics

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let trigger = request.uri.path.split(separator: "/").first.map(String.init) ?? ""
        defer { metrics.triggerAnswered(trigger, after: ContinuousClock.now - start) }
        return try await next(request, context)
    }
}
