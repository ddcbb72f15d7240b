import FlowRuntime
import Foundation
import Hummingbird
import HTTPTypes

/// Who may trigger flows (`/hooks`, `/events`, `/inbound`): programs, not web pages.
///
/// A page the user visits can POST to 127.0.0.1 with a "simple" request (text/plain or a
/// form, no preflight). So a trigger must say `Content-Type: application/json` (415
/// otherwise; a browser cannot send that cross-site without a CORS preflight, which
/// `serve` never approves), and a request with an `Origin` header, which browsers add
/// and programs do not, is refused with 403 unless `serve --allow-origin` names it.
/// An empty body may come without a Content-Type (it is `{}`, and carries nothing).
struct TriggerGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if let origin = request.headers[.origin], !allowedOrigins.contains(Self.normalized(origin)) {
            return RuntimeRoutes.json(.init(status: 403, body: ["error": .string(
                "requests from web pages (Origin \(origin)) may not trigger flows; serve --allow-origin \(origin) allows it")]))
        }
        let contentType = request.headers[.contentType]
        if let contentType {
            guard Self.isJSON(contentType) else {
                return RuntimeRoutes.json(.init(status: 415, body: ["error": .string(
                    "triggers take Content-Type: application/json, not \(contentType)")]))
            }
        } else if Self.mayHaveBody(request) {
            return RuntimeRoutes.json(.init(status: 415, body: ["error": .string(
                "triggers take Content-Type: application/json (the request has a body and no Content-Type)")]))
        }
        return try await next(request, context)
    }

    /// `application/json`, with parameters (`; charset=utf-8`) or not, any case.
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    static func mayHaveBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return Int(length) != 0 }
        return request.headers[.transferEncoding] != nil
    }

    /// Origins compare without a trailing slash and case-insensitively.
    static func normalized(_ origin: String) -> String {
        var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
