import FlowKit
import FlowRuntime
@testable import FlowServer
@testable import FlowShare
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// The share link through serve's router: Hummingbird's cookie and form helpers feed the
/// handler (a password with reserved characters, a Cookie header carrying other cookies).
@Suite struct ShareRouteTests {
    static let password = "a b&c=d+é%"

    @Test func signInWithAFormThenTheCookieOpensTheFlow() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shareroute-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "test")
        var doc = FlowDocument(name: "Orders")
        doc.nodes = [FlowNode(id: "start", type: "start", label: "Find order", x: 2, y: 2,
                              config: ["trigger": "webhook", "path": "orders"])]
        _ = try ws.createFlow(named: "Orders", document: doc)
        let token = try ShareService(workspace: ws).enable("Orders", password: Self.password, iterations: 1_000).token
        let engine = try FlowEngine.persistent(workspace: ws, flows: StaticFlowSource([]), clock: VirtualClock())
        let outbox = try OutboxDelivery(workspace: ws)
        let api = RuntimeAPI(engine: engine, outbox: { try outbox.messages() })
        let share = ShareAccess(workspace: ws, configuration: .init(failureDelay: .zero))
        let router = RuntimeRoutes.router(api: api, share: share)
        let path = "/share/\(token)"
        let form = FormEncoding.encode([("password", Self.password)])

        try await Application(router: router).test(.router) { client in
            let wrong = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: "password=nope")) { $0 }
            #expect(wrong.status.code == 401)

            let signIn = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: form)) { $0 }
            #expect(signIn.status.code == 303, "the form's percent-encoded password is decoded")
            let setCookie = try #require(signIn.headers[.setCookie])
            let cookie = String(try #require(setCookie.split(separator: ";").first))

            let anonymous = try await client.execute(uri: path, method: .get) { String(buffer: $0.body) }
            #expect(anonymous.contains("password"), "no cookie: the password page")
            var headers = HTTPFields()
            headers[.cookie] = "theme=dark; \(cookie); other=1"
            let page = try await client.execute(uri: path, method: .get, headers: headers) { response in
                (response.status.code, String(buffer: response.body))
            }
            #expect(page.0 == 200 && page.1.contains("Find order"), "the session cookie among others opens the flow")
        }
    }
}
