import FlowShare
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// Mounts the read-only share links (`/share/TOKEN`, DESIGN §13) on the runtime server:
/// the password page, sign-in and the flow page all come from `ShareAccess`.
enum ShareRoute {
    /// The password page's form (`password=…`).
    struct SignInForm: Decodable {
        var password: String?
    }

    static func respond(to request: Request, context: ServeRequestContext, share: ShareAccess, metrics: ServeMetrics,
                        transport: ServeTransport) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: ShareAccess.maxBodyBytes)
        } catch {
            if request.method == .post { metrics.shareSignIn(status: 413) }
            return Response(status: .contentTooLarge)
        }
        // Hummingbird's helpers read the session cookie and the password form.
        let form: [String: String]
        if request.method == .post, body.readableBytes > 0 {
            let text = String(buffer: body)
            form = (try? URLEncodedFormDecoder().decode(SignInForm.self, from: text)).map { f in
                f.password.map { ["password": $0] } ?? [:]
            } ?? [:]
        } else {
            form = [:]
        }
        let cookies = request.cookies[ShareAccess.cookieName].map { [$0.value] } ?? []
        let answer = await share.handle(ShareRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            sessionCookies: cookies, form: form, bodySize: body.readableBytes,
            client: transport.client(peer: context.remoteAddress, forwardedFor: request.headers[.xForwardedFor]),
            secure: transport.secure(forwardedProto: request.headers[.xForwardedProto])))
        if request.method == .post { metrics.shareSignIn(status: answer.status) }
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
