import FlowKit
import Foundation
import Testing
import TestSupport
@testable import FlowShare

/// `flowcanvas view`'s client against the share handler behind a real HTTP server.
@Suite struct ShareClientTests {
    /// Serves `access` on a loopback port, as `serve` will.
    static func serve(_ access: ShareAccess) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let r = access.handleBlocking(ShareRequest(method: request.method, path: request.path,
                                                       headers: request.headers.map { ($0.key, $0.value) },
                                                       body: Array(request.body)))
            return LoopbackHTTPServer.Response(status: r.status, headers: r.headers, body: r.bodyText)
        }
    }

    struct Served {
        let temp: TempWorkspace
        let server: LoopbackHTTPServer
        let link: ShareLink

        init() throws {
            temp = try TempWorkspace()
            _ = try temp.workspace.createFlow(named: "Order status", document: Samples.orderFlow())
            let record = try ShareService(workspace: temp.workspace)
                .enable("order-status", password: "open sesame", iterations: testIterations)
            let access = ShareAccess(workspace: temp.workspace, configuration: .init(failureDelay: .zero))
            server = try ShareClientTests.serve(access)
            link = ShareLink(host: "127.0.0.1", port: server.port, token: record.token)
        }

        func stop() {
            server.stop()
            temp.cleanUp()
        }
    }

    @Test func fetchesTheSanitizedDocumentWithThePassword() async throws {
        let s = try Served()
        defer { s.stop() }
        let document = try await ShareClient(timeout: 10).fetch(s.link, password: "open sesame")
        #expect(document.name == "Order status")
        #expect(document.node(withID: "lookup")?.label == "Find order")
        #expect(document.settings.variables.first { $0.name == "apiBase" }?.default == "")
        // It signed in with the form field, then fetched JSON with the cookie.
        let requests = s.server.requests
        #expect(requests.count == 2)
        #expect(requests[0].method == "POST" && requests[0].bodyText == "password=open+sesame")
        #expect(requests[1].method == "GET" && requests[1].headers["cookie"]?.hasPrefix("fc_share=") == true)
    }

    @Test func aWrongPasswordAndADeadLinkAreOneLineErrors() async throws {
        let s = try Served()
        defer { s.stop() }
        await #expect(throws: ShareError.wrongPassword) {
            try await ShareClient(timeout: 10).fetch(s.link, password: "not it at all")
        }
        try ShareService(workspace: s.temp.workspace).disable("order-status")
        await #expect(throws: ShareError.linkNotFound) {
            try await ShareClient(timeout: 10).fetch(s.link, password: "open sesame")
        }
    }

    @Test func linksAreParsedFromWhatPeoplePaste() throws {
        let token = ShareToken.generate()
        let link = try ShareLink(parsing: "  http://127.0.0.1:8600/share/\(token)/  ")
        #expect(link == ShareLink(token: token))
        #expect(link.description == "http://127.0.0.1:8600/share/\(token)")
        #expect(try ShareLink(parsing: "https://flows.example.com/share/\(token)?x=1").port == 443)
        #expect(ShareLink(host: "::1", port: 9000, token: token).description == "http://[::1]:9000/share/\(token)")
        for bad in ["", "ftp://h/share/\(token)", "http://h/flows/\(token)", "http://h/share/short", "not a url"] {
            #expect(throws: ShareError.self) { try ShareLink(parsing: bad) }
        }
    }

    @Test func passwordFilesLoseOnlyTheirFinalLineBreak() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let file = temp.directory.appendingPathComponent("pw")
        for (content, expected) in [("pass word\n", "pass word"), ("pass word\r\n", "pass word"),
                                    ("pass word", "pass word"), (" spaced \n\n", " spaced \n")] {
            try Data(content.utf8).write(to: file)
            #expect(try PasswordInput.read(fromFile: file.path) == expected)
        }
        #expect(throws: ShareError.unreadablePasswordFile(path: "/nonexistent/pw", reason: "no such file")) {
            try PasswordInput.read(fromFile: "/nonexistent/pw")
        }
    }

    @Test func formEncodingRoundTrips() {
        let text = FormEncoding.encode([("password", "a b&c=d+é%")])
        #expect(text == "password=a+b%26c%3Dd%2B%C3%A9%25")
        #expect(FormEncoding.decode(text)["password"] == "a b&c=d+é%")
        #expect(FormEncoding.decode("a=1&a=2&b")["a"] == "1")
        #expect(FormEncoding.decode("a=1&a=2&b")["b"] == "")
    }
}
