import FlowKit
import FlowShare
import Foundation
import Testing
import TestSupport

/// `flowcanvas share` and `flowcanvas view` through the built binary.
@Suite struct ShareEndToEndTests {
    /// The token of the one line `share` prints with the default host and port.
    func token(in output: String) throws -> String {
        let match = try #require(output.wholeMatch(of: #/http://127\.0\.0\.1:8600/share/([A-Za-z0-9_-]{43})\n/#),
                                 "not a link: \(output)")
        return String(match.1)
    }

    func makeFlow(_ cli: CLIHarness) throws {
        try cli.ok(["import", try cli.file("flow.json", Documents.smsFlow), "--name", "Order status"])
        try cli.ok(["new", "Another flow"])
    }

    /// The stored link opens with the file's password: POST it to the handler `serve` mounts.
    func signIn(_ cli: CLIHarness, token: String, password: String) async throws -> ShareResponse {
        let access = ShareAccess(workspace: try Workspace(directory: cli.workspace),
                                 configuration: .init(failureDelay: .zero))
        return await access.handle(method: "POST", path: "/share/\(token)",
                                   body: Array(FormEncoding.encode([("password", password)]).utf8))
    }

    @Test func shareWithAPasswordFilePrintsTheLinkThenStatusThenOff() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeFlow(cli)
        let passwordFile = try cli.file("pw.txt", "correct horse battery\n")

        let shared = try cli.ok(["share", "order STATUS", "--password-file", passwordFile])
        let token = try token(in: shared.stdout)
        #expect(!shared.stderr.contains("correct horse"))

        let status = try cli.ok(["share", "Order status", "--status"])
        #expect(status.stdout.hasPrefix("Sharing of 'Order status' is on since "))
        #expect(status.stdout.contains("http://127.0.0.1:8600/share/\(token)\n"))
        #expect(try cli.ok(["share", "Another flow", "--status"]).stdout == "Sharing of 'Another flow' is off\n")

        // The CLI stored a 600,000-iteration hash of the file's text, not the text.
        let record = try #require(try Workspace(directory: cli.workspace).shareStatus("order-status"))
        #expect(record.iterations >= 600_000)
        #expect(try String(contentsOf: cli.workspace.appendingPathComponent("workspace.sqlite"), encoding: .isoLatin1)
            .contains("correct horse") == false)
        #expect((try await signIn(cli, token: token, password: "correct horse battery")).status == 303)
        #expect((try await signIn(cli, token: token, password: "correct horse battery\n")).status == 401)

        let off = try cli.ok(["share", "order-status", "--off"])
        #expect(off.stdout == "Sharing of 'Order status' is off; its link no longer works\n")
        #expect(try cli.ok(["share", "order-status", "--status"]).stdout == "Sharing of 'Order status' is off\n")
        #expect((try await signIn(cli, token: token, password: "correct horse battery")).status == 404)
        #expect(try cli.ok(["share", "order-status", "--off"]).stdout == "Sharing of 'Order status' was already off\n")

        // On again: a new link; the old one stays dead.
        let again = try cli.ok(["share", "order-status", "--password-file", passwordFile, "--host", "flows.local",
                                "--port", "9000"])
        let newToken = String(try #require(again.stdout.wholeMatch(of: #/^http://flows\.local:9000/share/([A-Za-z0-9_-]{43})\n$/#)).1)
        #expect(newToken != token)
        #expect((try await signIn(cli, token: token, password: "correct horse battery")).status == 404)
        #expect((try await signIn(cli, token: newToken, password: "correct horse battery")).status == 303)
    }

    @Test func refusals() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeFlow(cli)
        // No terminal (stdin is /dev/null here) and no password file.
        try cli.refused(["share", "order-status"], status: 2, containing: "no terminal to ask the password on")
        try cli.refused(["share", "order-status", "--password-file", try cli.file("short", "1234567\n")],
                        status: 1, containing: "at least 8 characters")
        try cli.refused(["share", "order-status", "--password-file", try cli.file("empty", "\n")],
                        status: 1, containing: "must not be empty")
        try cli.refused(["share", "order-status", "--password-file", "missing.txt"],
                        status: 2, containing: "cannot read the password file")
        try cli.refused(["share", "ghost", "--status"], status: 2, containing: "no flow named 'ghost'")
        try cli.refused(["share", "order-status", "--off", "--status"], status: 2, containing: "cannot be combined")
        try cli.refused(["share", "order-status", "--port", "0"], status: 2, containing: "--port")
        #expect(try cli.ok(["share", "order-status", "--status"]).stdout.contains("is off"))
        try cli.refused(["view", "http://127.0.0.1:8600/flows/x"], status: 2, containing: "is not a share link")
    }

    @Test func viewFetchesTheSharedFlow() throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try makeFlow(cli)
        let passwordFile = try cli.file("pw.txt", "correct horse battery\n")
        let shared = try cli.ok(["share", "order-status", "--password-file", passwordFile])
        let token = try token(in: shared.stdout)
        let server = try LoopbackHTTPServer.sharing(workspace: cli.workspace)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/share/\(token)"

        let viewed = try cli.ok(["view", url, "--password-file", passwordFile, "--json"])
        let document = try FlowCodec.importDocument(Data(viewed.stdout.utf8))
        #expect(document.name == "Order status")
        #expect(document.nodes.map(\.label).sorted() == ["Inbound SMS", "Reply", "Resolved"])
        // The externalized variable's default ("Hello") is not shared.
        #expect(document.settings.variables == [CustomVariable(name: "greeting", default: "", externalized: true)])

        try cli.refused(["view", url, "--password-file", try cli.file("bad", "wrong password\n"), "--json"],
                        status: 1, containing: "wrong password")
        try cli.refused(["view", url, "--password-file", passwordFile], status: 2, containing: "needs a terminal")
        try cli.ok(["share", "order-status", "--off"])
        try cli.refused(["view", url, "--password-file", passwordFile, "--json"], status: 1,
                        containing: "does not exist or was turned off")
    }
}
