import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A shared link served by the real `flowcanvas serve`, signed into over HTTP, and the
/// flow page opened in headless Chromium (Debian's package, installed by `.ci/run`):
/// the screenshot is kept under `.build/share-page.png` and the rendered text asserted.
@Suite(.serialized) struct ShareBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func aSharedLinkSignsInAndRendersInABrowser() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Order status"])
        try cli.ok(["new", "Secret other flow"])
        let shared = try cli.ok(["share", "Order status", "--password-file", try cli.file("pw", "correct horse battery\n")])
        let token = try #require(shared.stdout.split(separator: "/").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })

        let serve = try ServeProcess(cli)
        defer { serve.kill() }
        let http = NoRedirectClient(port: serve.port)
        let path = "/share/\(token)"

        let form = try await http.send("GET", path)
        #expect(form.status == 200)
        #expect(form.text.contains("name=\"password\""))

        let wrong = try await http.send("POST", path, form: "password=nope-nope-nope")
        #expect(wrong.status == 401)
        #expect(wrong.headers["set-cookie"] == nil)

        let right = try await http.send("POST", path, form: "password=correct+horse+battery")
        #expect(right.status == 303)
        let cookie = try #require(right.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        let session = try #require(cookie.split(separator: ";").first.map(String.init))

        let page = try await http.send("GET", path, cookie: session)
        #expect(page.status == 200)
        #expect(page.text.contains("Inbound SMS"))
        #expect(!page.text.contains("Secret other flow"))

        // The page as a browser draws it.
        let chromium = try #require(Self.chromium, "headless Chromium is needed: apt-get install chromium")
        let html = cli.root.appendingPathComponent("share-page.html")
        try Data(page.text.utf8).write(to: html)
        let shot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/share-page.png")
        try? FileManager.default.removeItem(at: shot)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900"]
        _ = try runProcess(chromium, flags + ["--screenshot=\(shot.path)", html.absoluteString])
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        let dom = try runProcess(chromium, flags + ["--dump-dom", html.absoluteString])
        #expect(dom.contains("Order status"))
        #expect(dom.contains("Inbound SMS"))
        #expect(dom.contains("Resolved"))

        // Turning the link off answers 404 at once, even with the session cookie.
        try cli.ok(["share", "Order status", "--off"])
        let gone = try await http.send("GET", path, cookie: session)
        #expect(gone.status == 404)
        let unknown = try await http.send("GET", "/share/" + String(repeating: "A", count: 43))
        #expect(unknown.status == 404)
        #expect(gone.text == unknown.text, "a dead link and an unknown one say the same")
    }

    @Test func viewOpensTheSharedFlowReadOnlyInTheTerminal() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let exe = try #require(CLIHarness.binary, "flowcanvas binary not found; run swift build")
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Order status"])
        let pw = try cli.file("pw", "correct horse battery\n")
        try cli.ok(["share", "Order status", "--password-file", pw])
        let serve = try ServeProcess(cli)
        defer { serve.kill() }
        // The link with serve's real port.
        let status = try cli.ok(["share", "Order status", "--status", "--port", "\(serve.port)"])
        let link = try #require(status.stdout.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) }.first)
        let before = try cli.storedState()

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let quote: (String) -> String = { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        try tmux.start(command: "env LANG=C.UTF-8 TERM=xterm-256color \(quote(exe.path)) view \(quote(link))")
        try tmux.waitFor("Password:")
        try tmux.text("correct horse battery")
        try tmux.keys("Enter")
        let screen = try tmux.waitFor("Shared · read-only")
        #expect(screen.contains("Inbound SMS"))
        #expect(!screen.contains("correct horse"), "the password is never echoed")
        try tmux.keys("x")
        try tmux.waitFor("read-only")
        try tmux.keys("q")
        #expect(tmux.waitForExit())
        #expect(try cli.storedState() == before, "viewing never writes to the sharer's workspace")
    }

    /// Runs a command to its end and returns its standard output.
    func runProcess(_ exe: String, _ args: [String]) throws -> String {
        String(decoding: try ProgramOutput.run(URL(fileURLWithPath: exe), args).output, as: UTF8.self)
    }
}

/// HTTP without following redirects or keeping cookies, so each answer is seen as sent.
final class NoRedirectClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var text: String
    }

    let port: Int
    lazy var session: URLSession = {
        let config = URLSessionConfiguration.ephemeral
        config.httpShouldSetCookies = false
        config.httpCookieAcceptPolicy = .never
        return URLSession(configuration: config, delegate: self, delegateQueue: nil)
    }()

    init(port: Int) { self.port = port }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func send(_ method: String, _ path: String, form: String? = nil, cookie: String? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http?.allHeaderFields ?? [:] {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        return Answer(status: http?.statusCode ?? 0, headers: headers, text: String(decoding: data, as: UTF8.self))
    }
}
