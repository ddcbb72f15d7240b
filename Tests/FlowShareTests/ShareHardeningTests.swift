import FlowKit
import Foundation
import NIOConcurrencyHelpers
import Testing
import TestSupport
@testable import FlowShare

/// Issue 13's share defects: the sign-in limiter locked out the real viewer, and the
/// share page showed credentials.
@Suite struct ShareLimiterTests {
    static let password = ShareAccessTests.password

    final class Warnings: Sendable {
        let lines = NIOLockedValueBox<[String]>([])
        var all: [String] { lines.withLockedValue { $0 } }
    }

    struct Fixture {
        let temp: TempWorkspace
        let token: String
        let access: ShareAccess
        let clock = TestClock()
        let warnings = Warnings()

        init(linkCeiling: Int = 100) throws {
            temp = try TempWorkspace()
            _ = try temp.workspace.createFlow(named: "Order status", document: Samples.orderFlow())
            token = try ShareService(workspace: temp.workspace)
                .enable("order-status", password: ShareLimiterTests.password, iterations: testIterations).token
            let clock = self.clock, warnings = self.warnings
            access = ShareAccess(workspace: temp.workspace, configuration: .init(
                failureDelay: .zero, maxFailures: 5, linkCeiling: linkCeiling, failureWindow: 60,
                now: { clock.now }, sleep: { _ in }, warn: { line in warnings.lines.withLockedValue { $0.append(line) } }))
        }

        func post(_ password: String, from client: String, cookie: String? = nil, secure: Bool = false) async -> ShareResponse {
            await access.handle(ShareRequest(method: "POST", path: "/share/\(token)", sessionCookies: cookie.map { [$0] } ?? [],
                                             form: ["password": password], bodySize: 20, client: client, secure: secure))
        }
    }

    @Test func aFloodFromOneAddressNeverBlocksAnother() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        for _ in 0..<5 { #expect((await f.post("guess", from: "127.0.0.2")).status == 401) }
        for _ in 0..<20 { #expect((await f.post("guess", from: "127.0.0.2")).status == 429) }
        #expect((await f.post(Self.password, from: "127.0.0.2")).status == 429, "the limited address waits, right password or not")
        let viewer = await f.post(Self.password, from: "127.0.0.3")
        #expect(viewer.status == 303)
        // The other address still has its own five tries.
        for _ in 0..<5 { #expect((await f.post("typo", from: "127.0.0.4")).status == 401) }
        #expect((await f.post("typo", from: "127.0.0.4")).status == 429)
        #expect(f.warnings.all.isEmpty)
        f.clock.advance(61)
        #expect((await f.post(Self.password, from: "127.0.0.2")).status == 303)
    }

    @Test func aViewerHoldingAnIssuedCookieIsCountedByItNotByItsAddress() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let signedIn = await f.post(Self.password, from: "10.0.0.1")
        let cookie = String(try #require(signedIn.header("Set-Cookie")?.split(separator: ";").first?.split(separator: "=").last))
        // Someone else behind the same address (one NAT) floods it.
        for _ in 0..<6 { _ = await f.post("guess", from: "10.0.0.1") }
        #expect((await f.post(Self.password, from: "10.0.0.1")).status == 429)
        // The viewer's session has expired; with the cookie it was given it signs in again.
        f.clock.advance(13 * 3600)
        for _ in 0..<6 { _ = await f.post("guess", from: "10.0.0.1") }
        #expect((await f.post(Self.password, from: "10.0.0.1", cookie: cookie)).status == 303)
        // A made-up cookie is no way around the address's limit.
        #expect((await f.post(Self.password, from: "10.0.0.1", cookie: "made-up")).status == 429)
    }

    @Test func manyAddressesHitTheLinkCeilingWhichBacksOffExponentiallyWithAWarning() async throws {
        let f = try Fixture(linkCeiling: 20)
        defer { f.temp.cleanUp() }
        // 20 addresses, one wrong password each, reach the ceiling.
        for i in 0..<20 { #expect((await f.post("guess", from: "198.51.100.\(i)")).status == 401) }
        let paused = await f.post(Self.password, from: "203.0.113.9")
        #expect(paused.status == 429)
        #expect(paused.header("Retry-After") == "1")
        #expect(f.warnings.all.count == 1)
        let warning = try #require(f.warnings.all.first)
        #expect(warning.contains("20 wrong passwords from 20 client(s)") && warning.contains("paused for 1 s"))
        #expect(!warning.contains(f.token), "the log names the link without its whole token")
        f.clock.advance(1.5)
        for i in 0..<20 { #expect((await f.post("guess", from: "198.51.101.\(i)")).status == 401) }
        #expect((await f.post(Self.password, from: "203.0.113.9")).header("Retry-After") == "2")
        f.clock.advance(2.5)
        for i in 0..<20 { _ = await f.post("guess", from: "198.51.102.\(i)") }
        #expect((await f.post(Self.password, from: "203.0.113.9")).header("Retry-After") == "4")
        #expect(f.warnings.all.count == 3)
        // A quiet window later the back-off starts over, and the viewer gets in.
        f.clock.advance(5 + 61)
        #expect((await f.post(Self.password, from: "203.0.113.9")).status == 303)
        for i in 0..<20 { _ = await f.post("guess", from: "198.51.103.\(i)") }
        #expect((await f.post(Self.password, from: "203.0.113.9")).header("Retry-After") == "1")
    }

    @Test func theCookieIsSecureOnlyOverHTTPS() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let plain = try #require((await f.post(Self.password, from: "127.0.0.1")).header("Set-Cookie"))
        #expect(!plain.contains("Secure"))
        let tls = try #require((await f.post(Self.password, from: "127.0.0.1", secure: true)).header("Set-Cookie"))
        #expect(tls.hasSuffix("; HttpOnly; SameSite=Strict; Secure"))
    }
}

@Suite struct ShareSecretsTests {
    static func documentWithCredentials() -> FlowDocument {
        var doc = Samples.orderFlow()
        doc.settings.variables.append(CustomVariable(name: "apiKey", default: "sk_live_DEFAULTKEY", secret: true))
        doc.settings.variables.append(CustomVariable(name: "hookSecret", default: "", externalized: true, secret: true))
        doc.nodes[1].config["url"] = "https://bob:hunter2pw@api.example.com/orders/$(start.message)"
        doc.nodes[1].config["headers"] = [
            "Authorization": "Bearer eyJSECRETTOKEN", "X-Api-Key": "XKEYVALUE", "Cookie": "sid=COOKIEVALUE",
            "Proxy-Authorization": "Basic PROXYCRED", "X-Session-Token": "TOKENVALUE", "Accept": "application/json",
        ]
        doc.nodes[1].config["body"] = #"{"callback": "ftp://carol:CAROLPW@files.example.com/x"}"#
        doc.nodes[0].config = ["trigger": "webhook", "path": "orders", "signingSecret": "LITERALSIGNINGSECRET"]
        return doc
    }

    static let leaks = ["sk_live_DEFAULTKEY", "hunter2pw", "eyJSECRETTOKEN", "XKEYVALUE", "COOKIEVALUE", "PROXYCRED",
                        "TOKENVALUE", "CAROLPW", "LITERALSIGNINGSECRET", ShareSanitizerTests.base]

    @Test func thePageAndItsJSONShowNoCredential() async throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        _ = try temp.workspace.createFlow(named: "Order status", document: Self.documentWithCredentials())
        let token = try ShareService(workspace: temp.workspace)
            .enable("order-status", password: "open sesame", iterations: testIterations).token
        let access = ShareAccess(workspace: temp.workspace, configuration: .init(failureDelay: .zero))
        let signIn = await access.handle(method: "POST", path: "/share/\(token)", body: Array("password=open+sesame".utf8))
        let cookie = String(try #require(signIn.header("Set-Cookie")?.split(separator: ";").first))
        let page = await access.handle(method: "GET", path: "/share/\(token)", headers: [("Cookie", cookie)])
        let json = await access.handle(method: "GET", path: "/share/\(token)", query: "format=json", headers: [("Cookie", cookie)])
        #expect(page.status == 200 && json.status == 200)
        for leak in Self.leaks {
            #expect(!page.bodyText.contains(leak), "the page shows \(leak)")
            #expect(!json.bodyText.contains(leak), "the JSON shows \(leak)")
        }
        // What is not a credential still shows.
        for kept in ["application/json", "bob:", "api.example.com/orders", "Hello there", "X-Api-Key", "Authorization"] {
            #expect(page.bodyText.contains(HTMLText.escape(kept)), "the page lost \(kept)")
        }
        #expect(json.bodyText.contains(ShareSanitizer.mask))
        // The JSON is still a document: the secret flag survives.
        let shared = try FlowCodec.importDocument(Data(json.body))
        #expect(shared.settings.variables.first { $0.name == "apiKey" }?.secret == true)
    }
}

enum ShareSanitizerTests {
    static let base = "SECRET-BASE"
}
