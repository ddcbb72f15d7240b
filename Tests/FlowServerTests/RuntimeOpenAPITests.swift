import FlowKit
import FlowRuntime
import FlowServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import Yams

/// docs/openapi.yaml against what `serve` really does: the routes its router registers,
/// the document it serves at `GET /openapi.yaml`, the statuses a route answers, and
/// docs/runtime.md naming every route.
@Suite struct RuntimeOpenAPITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// One operation of the document: `POST /hooks/{path}` and its documented statuses.
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var statuses: Set<Int>
        var description: String { "\(method) \(path)" }
    }

    static func documentText() throws -> String {
        try String(contentsOf: repository.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
    }

    static func operations() throws -> [Operation] {
        let document = try #require(try Yams.load(yaml: documentText()) as? [String: Any])
        let components = document["components"] as? [String: Any]
        let sharedResponses = components?["responses"] as? [String: Any] ?? [:]
        let paths = try #require(document["paths"] as? [String: Any])
        var found: [Operation] = []
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "\(path)")
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path) has no responses")
                var statuses = Set<Int>()
                for (code, response) in responses {
                    // A $ref must name a response that exists.
                    if let ref = (response as? [String: Any])?["$ref"] as? String {
                        let name = String(ref.split(separator: "/").last ?? "")
                        #expect(ref.hasPrefix("#/components/responses/") && sharedResponses[name] != nil,
                                "\(method) \(path) \(code): \(ref) is not in components/responses")
                    }
                    statuses.insert(try #require(Int(code), "\(method) \(path): response \(code) is not a status"))
                }
                found.append(Operation(method: method.uppercased(), path: path, statuses: statuses))
            }
        }
        return found
    }

    /// Whether the router's path (`/events/{name}`, `/hooks/**`) is the document's
    /// (`/events/{name}`, `/hooks/{path}`): the same literals and capture names; a
    /// catch-all `**` (only ever last) is one templated segment in OpenAPI.
    static func same(routerPath: String, documentPath: String) -> Bool {
        let route = routerPath.split(separator: "/"), doc = documentPath.split(separator: "/")
        guard route.count == doc.count else { return false }
        for (r, d) in zip(route, doc) {
            if r == d { continue }
            if r == "**", d.hasPrefix("{"), d.hasSuffix("}"), r == route.last { continue }
            return false
        }
        return true
    }

    @Test func everyRouteServeRegistersIsDocumentedAndEveryDocumentedRouteIsRegistered() throws {
        let rig = try RuntimeRoutesTests.Rig()
        let routes = rig.router.routes.map { (method: $0.method.rawValue, path: $0.path.description) }
        let documented = try Self.operations()
        #expect(routes.count >= 10, "the router lists \(routes.count) routes")
        for route in routes {
            #expect(documented.contains { $0.method == route.method && Self.same(routerPath: route.path, documentPath: $0.path) },
                    "serve registers \(route.method) \(route.path) but docs/openapi.yaml lacks it")
        }
        for operation in documented {
            #expect(routes.contains { $0.method == operation.method && Self.same(routerPath: $0.path, documentPath: operation.path) },
                    "docs/openapi.yaml has \(operation) but serve registers no such route")
        }
    }

    @Test func theDocumentIsOpenAPI31WithUniqueOperationIds() throws {
        let document = try #require(try Yams.load(yaml: Self.documentText()) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var ids: [String] = []
        for (path, item) in paths {
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                ids.append(try #require(operation["operationId"] as? String, "\(method) \(path) has no operationId"))
            }
            // Every {name} of the path is declared as a path parameter (on the path or each operation).
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            for name in names {
                for method in Self.methods {
                    guard let operation = item[method] as? [String: Any] else { continue }
                    let declared = ((item["parameters"] as? [Any] ?? []) + (operation["parameters"] as? [Any] ?? []))
                        .compactMap { parameter -> String? in
                            guard let p = parameter as? [String: Any] else { return nil }
                            if let ref = p["$ref"] as? String {
                                let key = String(ref.split(separator: "/").last ?? "")
                                let shared = (document["components"] as? [String: Any])?["parameters"] as? [String: Any]
                                return ((shared?[key] as? [String: Any])?["name"]) as? String
                            }
                            return p["in"] as? String == "path" ? p["name"] as? String : nil
                        }
                    #expect(declared.contains(name), "\(method) \(path) does not declare the path parameter \(name)")
                }
            }
        }
        #expect(Set(ids).count == ids.count, "operationIds repeat: \(ids.sorted())")
    }

    @Test func serveOffersTheDocumentAsCommitted() async throws {
        let expected = try Self.documentText()
        try await RuntimeRoutesTests.Rig().test { c in
            let answer = try await c.client.execute(uri: "/openapi.yaml", method: .get) { response in
                (Int(response.status.code), response.headers[.contentType], String(buffer: response.body))
            }
            #expect(answer.0 == 200)
            #expect(answer.1 == "application/yaml; charset=utf-8")
            #expect(answer.2 == expected, "GET /openapi.yaml differs from docs/openapi.yaml: run scripts/embed-resources")
        }
    }

    /// One real request per documented operation; each answer's status must be one the
    /// document lists for it (and every operation is tried).
    @Test func eachRouteAnswersAStatusTheDocumentLists() async throws {
        let signature = try #require(HTTPField.Name(WebhookSignature.headerName))
        let signed = WebhookSignature.sign(Data("{}".utf8), secret: RuntimeRoutesTests.Rig.hookSecret)
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        let text: HTTPFields = [.contentType: "text/plain"]
        let browser: HTTPFields = [.origin: "https://evil.example"]
        let samples: [(method: HTTPRequest.Method, uri: String, body: String, headers: HTTPFields, operation: String)] = [
            (.post, "/hooks/signed", "{}", [:], "POST /hooks/{path}"),
            (.post, "/hooks/signed", "{}", [signature: signed], "POST /hooks/{path}"),
            (.post, "/hooks/orders", "{}", text, "POST /hooks/{path}"),
            (.post, "/hooks/orders", "{}", browser, "POST /hooks/{path}"),
            (.post, "/events/nothing", "{}", text, "POST /events/{name}"),
            (.post, "/events/nothing", "{}", browser, "POST /events/{name}"),
            (.post, "/inbound/sms", "{}", text, "POST /inbound/{channel}"),
            (.post, "/inbound/sms", "{}", browser, "POST /inbound/{channel}"),
            (.post, "/hooks/orders", #"{"id": 7}"#, [:], "POST /hooks/{path}"),
            (.post, "/hooks/no/such/hook", "{}", [:], "POST /hooks/{path}"),
            (.post, "/hooks/orders", "{not json", [:], "POST /hooks/{path}"),
            (.post, "/events/nothing", "", [:], "POST /events/{name}"),
            (.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"hi"}"#, [:], "POST /inbound/{channel}"),
            (.post, "/inbound/sms", #"{"from":"+1"}"#, [:], "POST /inbound/{channel}"),
            (.get, "/sessions/nope", "", [:], "GET /sessions/{id}"),
            (.get, "/flows/chat/sessions?state=waiting", "", [:], "GET /flows/{flow}/sessions"),
            (.get, "/flows/chat/sessions?state=sleeping", "", [:], "GET /flows/{flow}/sessions"),
            (.get, "/flows/chat/stats", "", [:], "GET /flows/{flow}/stats"),
            (.get, "/outbox", "", [:], "GET /outbox"),
            (.get, "/health", "", [:], "GET /health"),
            (.get, "/openapi.yaml", "", [:], "GET /openapi.yaml"),
            (.get, "/metrics", "", [:], "GET /metrics"),
            (.get, "/share/not-a-token", "", [:], "GET /share/{token}"),
            (.head, "/share/not-a-token", "", [:], "HEAD /share/{token}"),
            (.post, "/share/not-a-token", "password=x", form, "POST /share/{token}"),
            (.put, "/share/not-a-token", "", [:], "PUT /share/{token}"),
            (.delete, "/share/not-a-token", "", [:], "DELETE /share/{token}"),
            (.patch, "/share/not-a-token", "", [:], "PATCH /share/{token}"),
        ]
        let operations = try Self.operations()
        #expect(Set(operations.map(\.description)) == Set(samples.map(\.operation)), "every documented operation has a sample")
        try await RuntimeRoutesTests.Rig().test { c in
            for sample in samples {
                let operation = try #require(operations.first { $0.description == sample.operation })
                let status = try await c.call(sample.method, sample.uri, sample.body, headers: sample.headers).status
                #expect(operation.statuses.contains(status),
                        "\(sample.method) \(sample.uri) answered \(status); docs/openapi.yaml lists \(operation.statuses.sorted())")
            }
        }
    }

    @Test func runtimeGuideNamesEveryRoute() throws {
        let guide = try String(contentsOf: Self.repository.appendingPathComponent("docs/runtime.md"), encoding: .utf8)
        for operation in try Self.operations() {
            #expect(guide.contains("`\(operation.method) \(operation.path)"), "docs/runtime.md does not name \(operation)")
        }
        #expect(guide.contains("openapi.yaml"))
    }
}
