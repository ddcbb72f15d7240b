import FlowKit
import Foundation
import Testing
import TestSupport

/// Issue 13's serve probes, against the real binary over loopback.
@Suite(.serialized) struct ServeHardeningEndToEndTests {
    static let password = "correct horse battery"

    /// A shared flow; returns its token.
    func share(_ cli: CLIHarness, _ extra: [String] = []) throws -> String {
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Order status"])
        let out = try cli.ok(["share", "Order status", "--password-file", try cli.file("pw", Self.password + "\n")] + extra).stdout
        return String(try #require(out.firstMatch(of: #/share/([A-Za-z0-9_-]{43})/#)).1)
    }

    func signIn(_ port: Int, _ token: String, from source: String, password: String,
                headers: [String: String] = [:]) throws -> (status: Int, text: String) {
        try RawHTTPConnection.request(port: port, from: source, "POST", "/share/\(token)",
                                      headers: ["Content-Type": "application/x-www-form-urlencoded"].merging(headers) { $1 },
                                      body: "password=" + (password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }

    @Test func theRightPasswordFromAnotherAddressSignsInWhileOneIsLimited() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let token = try share(cli)
        let serve = try ServeProcess(cli)
        defer { serve.kill() }
        for _ in 0..<5 { #expect(try signIn(serve.port, token, from: "127.0.0.2", password: "wrong guess").status == 401) }
        #expect(try signIn(serve.port, token, from: "127.0.0.2", password: "wrong guess").status == 429)
        let limited = try signIn(serve.port, token, from: "127.0.0.2", password: Self.password)
        #expect(limited.status == 429)
        #expect(limited.text.contains("Retry-After:") || limited.text.contains("retry-after:"))
        let viewer = try signIn(serve.port, token, from: "127.0.0.3", password: Self.password)
        #expect(viewer.status == 303, "127.0.0.3 is not held back by 127.0.0.2's guesses")
        #expect(viewer.text.lowercased().contains("set-cookie: fc_share="))
        // Without --trust-proxy a forged X-Forwarded-For changes nothing.
        #expect(try signIn(serve.port, token, from: "127.0.0.2", password: Self.password,
                           headers: ["X-Forwarded-For": "198.51.100.7"]).status == 429)
        #expect(serve.stop() == 0)
    }

    @Test func behindATrustedProxyTheForwardedAddressAndProtoCount() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let token = try share(cli)
        let serve = try ServeProcess(cli, arguments: ["--trust-proxy"])
        defer { serve.kill() }
        for _ in 0..<6 {
            _ = try signIn(serve.port, token, from: "127.0.0.1", password: "wrong guess", headers: ["X-Forwarded-For": "203.0.113.5"])
        }
        #expect(try signIn(serve.port, token, from: "127.0.0.1", password: Self.password,
                           headers: ["X-Forwarded-For": "203.0.113.5"]).status == 429)
        // The proxy appends the real client last; what a client claims before it is ignored.
        let other = try signIn(serve.port, token, from: "127.0.0.1", password: Self.password,
                               headers: ["X-Forwarded-For": "203.0.113.5, 203.0.113.6", "X-Forwarded-Proto": "https"])
        #expect(other.status == 303)
        #expect(other.text.lowercased().contains("httponly; samesite=strict; secure"))
        #expect(serve.stop() == 0)
    }

    @Test func halfSentRequestsAreClosedAndHealthStillAnswers() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli, arguments: ["--request-timeout", "2"])
        defer { serve.kill() }
        var held: [RawHTTPConnection] = []
        for i in 0..<200 {
            let c = try RawHTTPConnection(port: serve.port, from: "127.0.0.\(2 + i % 50)")
            if i % 2 == 0 {
                try c.send("POST /hooks/orders HTTP/1.1\r\nHost: x\r\nContent-Type: appl")  // half a header
            } else {
                try c.send("POST /hooks/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":")
            }
            held.append(c)
        }
        let start = Date()
        // While they are held, another client is answered.
        let health = try RawHTTPConnection.request(port: serve.port, from: "127.0.0.1", "GET", "/health")
        #expect(health.status == 200)
        // All 200 are closed by the server within the timeout plus a margin.
        var open = held
        while !open.isEmpty && Date().timeIntervalSince(start) < 10 {
            open.removeAll { $0.isClosedByServer }
            if !open.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(open.isEmpty, "\(open.count) of 200 half-sent requests still open after 10 s")
        #expect(Date().timeIntervalSince(start) >= 1, "closed by the deadline, not at once")
        #expect(try RawHTTPConnection.request(port: serve.port, from: "127.0.0.1", "GET", "/health").status == 200)
        // A request sent whole in time is unaffected.
        let hook = try RawHTTPConnection.request(port: serve.port, from: "127.0.0.1", "POST", "/hooks/nothing",
                                                 headers: ["Content-Type": "application/json"], body: "{}")
        #expect(hook.status == 404)
        #expect(serve.stop() == 0)
    }

    @Test func connectionsBeyondTheCapAreClosedAtOnce() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli, arguments: ["--max-connections", "3", "--request-timeout", "30"])
        defer { serve.kill() }
        let held = try (0..<3).map { _ in try RawHTTPConnection(port: serve.port) }
        for c in held { try c.send("GET /health HTTP/1.1\r\nHost: x\r\n") }
        Thread.sleep(forTimeInterval: 0.5)
        let extra = try RawHTTPConnection(port: serve.port)
        #expect(extra.readToClose(timeout: 5) == "", "the 4th connection is closed without an answer")
        #expect(!held.contains { $0.isClosedByServer })
        held.forEach { $0.close() }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try RawHTTPConnection.request(port: serve.port, from: "127.0.0.1", "GET", "/health").status == 200)
        #expect(serve.stop() == 0)
    }

    @Test func httpsWithASelfSignedCertificateGivesASecureCookie() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let token = try share(cli, ["--public-url", "https://127.0.0.1/"])
        let cert = cli.root.appendingPathComponent("cert.pem").path, key = cli.root.appendingPathComponent("key.pem").path
        let openssl = try Self.run("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                                  "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                                                  "-addext", "subjectAltName=IP:127.0.0.1"])
        try #require(openssl.status == 0, "openssl: \(openssl.output)")
        let serve = try ServeProcess(cli, arguments: ["--tls-cert", cert, "--tls-key", key], scheme: "https")
        defer { serve.kill() }
        let url = "https://127.0.0.1:\(serve.port)/share/\(token)"
        let page = try Self.run("/usr/bin/env", ["curl", "-sS", "--cacert", cert, "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(page.output == "200", "the password page over verified TLS")
        let signIn = try Self.run("/usr/bin/env", ["curl", "-sS", "--cacert", cert, "-i", "--data-urlencode", "password=\(Self.password)", url])
        #expect(signIn.output.hasPrefix("HTTP/1.1 303"))
        let cookie = try #require(signIn.output.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") })
        #expect(cookie.hasSuffix("; Secure"), "\(cookie)")
        // Plain HTTP to the TLS port gets no answer.
        let plain = try Self.run("/usr/bin/env", ["curl", "-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}",
                                                  "http://127.0.0.1:\(serve.port)/health"])
        #expect(plain.output != "200")
        #expect(serve.stop() == 0)
        // A missing key file is one line and exit 2.
        let bad = try cli.run(["serve", "--port", "0", "--tls-cert", cert, "--tls-key", cli.root.appendingPathComponent("nope.pem").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("flowcanvas: cannot serve HTTPS:") && bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func listeningOnEveryAddressWithoutTLSWarnsInOneLine() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli, host: "0.0.0.0")
        defer { serve.kill() }
        let warnings = serve.output.split(separator: "\n").filter { $0.contains("in clear") }
        #expect(warnings.count == 1)
        #expect(serve.stop() == 0)
        let local = try ServeProcess(cli)
        defer { local.kill() }
        #expect(!local.output.contains("in clear"))
        #expect(local.stop() == 0)
        let proxied = try ServeProcess(cli, arguments: ["--trust-proxy"], host: "0.0.0.0")
        defer { proxied.kill() }
        #expect(!proxied.output.contains("in clear"))
        #expect(proxied.stop() == 0)
    }

    @Test func sharePublicURLPrintsThatSchemeAndHost() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Order status"])
        let out = try cli.ok(["share", "Order status", "--password-file", try cli.file("pw", Self.password + "\n"),
                              "--public-url", "https://flows.example.com/"])
        #expect(out.stdout.wholeMatch(of: #/https://flows\.example\.com/share/[A-Za-z0-9_-]{43}\n/#) != nil)
        #expect(!out.stderr.contains("in clear"))
        // --status prints the link as it was made, without being told the address again.
        let status = try cli.ok(["share", "Order status", "--status"])
        #expect(status.stdout.hasSuffix(out.stdout), "the same link: \(status.stdout)")
        let elsewhere = try cli.ok(["share", "Order status", "--status", "--port", "9000"])
        #expect(elsewhere.stdout.contains("http://127.0.0.1:9000/share/"), "--port now names where serve listens")
        let plain = try cli.ok(["share", "Order status", "--password-file", try cli.file("pw2", Self.password + "\n"),
                                "--host", "flows.example.com"])
        #expect(plain.stderr.contains("in clear"))
        try cli.refused(["share", "Order status", "--status", "--public-url", "ftp://x"], status: 2, containing: "--public-url")
    }

    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let (status, data) = try ProgramOutput.run(URL(fileURLWithPath: path), arguments, standardErrorToo: true)
        return (status, String(decoding: data, as: UTF8.self))
    }
}
