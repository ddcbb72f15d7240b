import FlowKit
import Foundation
import Testing
import TestSupport
@testable import FlowShare

/// The share link's HTTP behaviour, through the server-independent handler.
@Suite struct ShareAccessTests {
    static let password = "open sesame"

    /// A workspace with the shared flow plus another flow that must never show, the link
    /// turned on, and a handler on a hand-moved clock that records delays.
    struct Fixture {
        let temp: TempWorkspace
        let token: String
        let access: ShareAccess
        let clock = TestClock()
        let sleeps = RecordedSleeps()

        init(maxFailures: Int = 5) throws {
            temp = try TempWorkspace()
            let ws = temp.workspace
            _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow())
            var other = Samples.orderFlow(label: "Payroll export")
            other.nodes[0].label = "Confidential trigger"
            _ = try ws.createFlow(named: "Secret payroll flow", document: other)
            token = try ShareService(workspace: ws).enable("order-status", password: ShareAccessTests.password,
                                                            iterations: testIterations).token
            let clock = self.clock, sleeps = self.sleeps
            access = ShareAccess(workspace: ws, configuration: .init(
                failureDelay: .milliseconds(400), maxFailures: maxFailures, failureWindow: 60,
                now: { clock.now }, sleep: { sleeps.record($0) }))
        }

        var path: String { "/share/\(token)" }

        func get(_ path: String? = nil, cookie: String? = nil, query: String? = nil) async -> ShareResponse {
            await access.handle(method: "GET", path: path ?? self.path, query: query,
                                headers: cookie.map { [("Cookie", $0)] } ?? [])
        }

        func post(_ password: String, path: String? = nil, query: String? = nil) async -> ShareResponse {
            await access.handle(method: "POST", path: path ?? self.path, query: query,
                                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                body: Array(FormEncoding.encode([("password", password)]).utf8))
        }

        /// Signs in and returns the `name=value` to send back as the Cookie header.
        func signIn() async throws -> String {
            let response = await post(ShareAccessTests.password)
            #expect(response.status == 303)
            let setCookie = try #require(response.header("Set-Cookie"))
            return String(try #require(setCookie.split(separator: ";").first))
        }
    }

    @Test func withoutASessionTheLinkShowsThePasswordPage() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let page = await f.get()
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.bodyText.contains("<form method=\"post\" action=\"/share/\(f.token)\">"))
        #expect(page.bodyText.contains("name=\"password\""))
        #expect(!page.bodyText.contains("Find order") && !page.bodyText.contains("Inbound SMS"))
        #expect(page.header("Set-Cookie") == nil)
    }

    @Test func aWrongPasswordIs401AfterTheDelayWithAGenericError() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let response = await f.post("not the password")
        #expect(response.status == 401)
        #expect(response.header("Set-Cookie") == nil)
        #expect(response.bodyText.contains(ShareAccess.wrongPasswordMessage))
        #expect(response.bodyText.contains("name=\"password\""))
        #expect(f.sleeps.delays == [.milliseconds(400)])
        // A form without the field is a wrong password too.
        let empty = await f.access.handle(method: "POST", path: f.path, body: Array("other=1".utf8))
        #expect(empty.status == 401)
    }

    @Test func theRightPasswordSetsAStrictHttpOnlyCookieAndShowsTheFlow() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let response = await f.post(Self.password)
        #expect(response.status == 303)
        #expect(response.header("Location") == f.path)
        #expect(f.sleeps.delays.isEmpty)
        let setCookie = try #require(response.header("Set-Cookie"))
        let attributes = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(attributes.first?.hasPrefix("fc_share=") == true)
        #expect(attributes.contains("HttpOnly"))
        #expect(attributes.contains("SameSite=Strict"))
        #expect(attributes.contains("Path=\(f.path)"))
        #expect((attributes.first?.count ?? 0) > "fc_share=".count + 40)   // a 32-byte random id

        let cookie = String(try #require(attributes.first))
        let page = await f.get(cookie: cookie)
        #expect(page.status == 200)
        let html = page.bodyText
        for label in ["Inbound SMS", "Find order", "Resolved", "Order status"] {
            #expect(html.contains(label), "missing \(label)")
        }
        #expect(html.contains("$(apiBase)/orders/$(start.message)"))   // node configuration
        #expect(html.contains("Orders API: v2 only &lt;b&gt;"))        // the note, escaped
        #expect(html.contains("Hello there"))                          // a plain variable's default
        #expect(!html.contains("SECRET-BASE"))                         // an externalized one's is not
        #expect(!html.contains("private-prompts"))
        #expect(!html.contains("Secret payroll flow") && !html.contains("Payroll export")
                && !html.contains("Confidential trigger"))
    }

    @Test func aCookieOpensOnlyItsOwnLinkAndForgedCookiesOpenNothing() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let cookie = try await f.signIn()
        // The other flow shared too: the first link's cookie does not open it.
        let otherToken = try ShareService(workspace: f.temp.workspace)
            .enable("secret-payroll-flow", password: "another password", iterations: testIterations).token
        let other = await f.get("/share/\(otherToken)", cookie: cookie)
        #expect(other.status == 200 && other.bodyText.contains("name=\"password\""))
        #expect(!other.bodyText.contains("Payroll export"))
        let forged = await f.get(cookie: "fc_share=" + Base64URL.encode(SecureRandom.bytes(32)))
        #expect(forged.bodyText.contains("name=\"password\"") && !forged.bodyText.contains("Find order"))
        // Among other cookies, the session still counts.
        let mixed = await f.get(cookie: "theme=dark; \(cookie); lang=en")
        #expect(mixed.bodyText.contains("Find order"))
    }

    @Test func thePageShowsTheLatestSavedStateNotAnEditorsUnsavedChanges() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let cookie = try await f.signIn()
        // Someone edits the flow in memory (as the editor does before Save)…
        var editing = try f.temp.workspace.document("order-status").document
        editing.nodes[1].label = "Unsaved rename"
        #expect(!(await f.get(cookie: cookie)).bodyText.contains("Unsaved rename"))
        // …and once saved, the link shows it without being turned on again.
        try f.temp.workspace.saveDraft("order-status", document: editing)
        #expect((await f.get(cookie: cookie)).bodyText.contains("Unsaved rename"))
    }

    @Test func jsonVariantNeedsTheSessionAndIsSanitized() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let refused = await f.get(query: "format=json")
        #expect(refused.status == 401)
        #expect(refused.header("Content-Type") == "application/json; charset=utf-8")
        let cookie = try await f.signIn()
        let response = await f.get(cookie: cookie, query: "format=json")
        #expect(response.status == 200)
        let document = try FlowCodec.importDocument(Data(response.body))
        #expect(document.nodes.map(\.id).sorted() == ["done", "lookup", "start"])
        #expect(document.settings.variables.first { $0.name == "apiBase" }?.default == "")
        #expect(document.settings.variables.first { $0.name == "greeting" }?.default == "Hello there")
        #expect(!response.bodyText.contains("SECRET-BASE"))
        // The query may also arrive on the path.
        let onPath = await f.get(f.path + "?format=json", cookie: cookie)
        #expect(onPath.body == response.body)
    }

    @Test func jsonSignInAnswers200WithTheCookieInsteadOfARedirect() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let wrong = await f.post("nope nope nope", query: "format=json")
        #expect(wrong.status == 401 && wrong.bodyText.contains("wrong password"))
        let right = await f.post(Self.password, query: "format=json")
        #expect(right.status == 200 && right.header("Location") == nil)
        #expect(right.header("Set-Cookie")?.contains("HttpOnly") == true)
    }

    @Test func aLinkTurnedOffIsA404IdenticalToAnUnknownTokenAndEndsSessions() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let cookie = try await f.signIn()
        #expect((await f.get(cookie: cookie)).status == 200)
        try ShareService(workspace: f.temp.workspace).disable("order-status")

        let revoked = await f.get(cookie: cookie)
        let unknown = await f.get("/share/" + ShareToken.generate())
        let malformed = await f.get("/share/not-a-token")
        let revokedPost = await f.post(Self.password)
        #expect(revoked.status == 404)
        #expect(revoked == unknown)
        #expect(unknown == malformed)
        #expect(revokedPost == unknown)
        #expect(!revoked.bodyText.contains("Order status") && !revoked.bodyText.contains("revoked"))
        #expect((await f.get(cookie: cookie, query: "format=json")) == unknown)
    }

    @Test func sharingAgainKillsTheOldLinkAndItsSessions() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let cookie = try await f.signIn()
        let fresh = try ShareService(workspace: f.temp.workspace)
            .enable("order-status", password: "a new password", iterations: testIterations)
        #expect(fresh.token != f.token)
        #expect((await f.get(cookie: cookie)).status == 404)
        let newPage = await f.get("/share/\(fresh.token)", cookie: cookie)
        #expect(newPage.status == 200 && newPage.bodyText.contains("name=\"password\""))
    }

    @Test func tooManyWrongPasswordsAre429UntilTheWindowPasses() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        for _ in 0..<5 { #expect((await f.post("wrong password")).status == 401) }
        let limited = await f.post("wrong password")
        #expect(limited.status == 429)
        let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
        #expect((1...60).contains(retryAfter))
        // Even the right password waits: otherwise guessing would just continue.
        #expect((await f.post(Self.password)).status == 429)
        // Limited attempts are answered at once, without the wrong-password delay.
        #expect(f.sleeps.delays.count == 5)
        // Other links are not affected.
        let other = try ShareService(workspace: f.temp.workspace)
            .enable("secret-payroll-flow", password: "another password", iterations: testIterations)
        #expect((await f.post("another password", path: "/share/\(other.token)")).status == 303)

        f.clock.advance(61)
        #expect((await f.post(Self.password)).status == 303)
    }

    @Test func rightPasswordsDoNotCountTowardsTheLimit() async throws {
        let f = try Fixture(maxFailures: 2)
        defer { f.temp.cleanUp() }
        for _ in 0..<4 { #expect((await f.post(Self.password)).status == 303) }
        #expect((await f.post("wrong password")).status == 401)
        #expect((await f.post(Self.password)).status == 303)
        #expect((await f.post("wrong password")).status == 401)
        #expect((await f.post("wrong password")).status == 429)
    }

    @Test func everyAnswerForbidsCachingFramingAndReferrers() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let answers = [await f.get(), await f.post("wrong password"), await f.get("/share/x"), await f.post(Self.password)]
        for r in answers {
            #expect(r.header("Cache-Control") == "no-store")
            #expect(r.header("Referrer-Policy") == "no-referrer")
            #expect(r.header("X-Frame-Options") == "DENY")
            #expect(r.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        }
    }

    @Test func otherMethodsAreRefusedAndHeadHasNoBody() async throws {
        let f = try Fixture()
        defer { f.temp.cleanUp() }
        let put = await f.access.handle(method: "PUT", path: f.path)
        #expect(put.status == 405 && put.header("Allow") == "GET, HEAD, POST")
        let head = await f.access.handle(method: "HEAD", path: f.path)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(ShareAccess.handles(path: f.path) && !ShareAccess.handles(path: "/hooks/x"))
    }
}

@Suite struct ShareAccessBlockingTests {
    /// Thread-per-connection servers get the same answers on their own thread.
    @Test func theBlockingHandlerAnswersLikeTheAsyncOne() async throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        _ = try temp.workspace.createFlow(named: "Order status", document: Samples.orderFlow())
        let token = try ShareService(workspace: temp.workspace)
            .enable("order-status", password: "open sesame", iterations: testIterations).token
        let access = ShareAccess(workspace: temp.workspace, configuration: .init(failureDelay: .zero))
        func post(_ password: String) -> ShareRequest {
            ShareRequest(method: "POST", path: "/share/\(token)",
                         body: Array(FormEncoding.encode([("password", password)]).utf8))
        }
        let wrong = access.handleBlocking(post("wrong password"))
        #expect(wrong.status == 401)
        #expect(wrong == (await access.handle(post("wrong password"))))
        let right = access.handleBlocking(post("open sesame"))
        #expect(right.status == 303)
        let cookie = String(try #require(right.header("Set-Cookie")?.split(separator: ";").first))
        let page = access.handleBlocking(ShareRequest(method: "GET", path: "/share/\(token)", headers: [("Cookie", cookie)]))
        #expect(page.status == 200 && page.bodyText.contains("Find order"))
        #expect(page == (await access.handle(ShareRequest(method: "GET", path: "/share/\(token)",
                                                          headers: [("Cookie", cookie)]))))
    }
}
