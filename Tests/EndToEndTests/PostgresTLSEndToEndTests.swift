import Foundation
import Testing
import TestSupport

/// The built binary against a PostgreSQL that accepts only TLS (a private cluster with a
/// throwaway CA, TestPostgresTLS): `sslmode=require` runs the CLI and `serve` encrypted
/// (pg_stat_ssl says so), `disable` is refused in one line, `verify-full` passes with the
/// test CA for host localhost and fails in one line on a wrong host or an unknown CA. The
/// password never shows.
@Suite(.serialized) struct PostgresTLSEndToEndTests {
    static let password = "flowcanvas-test"

    /// `flowcanvas --workspace URL ARGS` with HOME in the harness (no ~/.postgresql/root.crt).
    static func run(_ cli: CLIHarness, _ url: String, _ args: [String], environment: [String: String] = [:]) throws -> CLIHarness.Result {
        try cli.run(["--workspace", url] + args, workspaceOption: false,
                    environment: ["FLOWCANVAS_HOME": cli.workspace.path, "HOME": cli.root.path].merging(environment) { $1 })
    }

    static func expectOneLineRefusal(_ r: CLIHarness.Result, containing text: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status != 0, "exited 0: \(r.stdout)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "expected one line: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("flowcanvas: ") && r.stderr.contains(text), "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains(password) && !r.stdout.contains(password), sourceLocation: sourceLocation)
    }

    @Test func requireRunsTheCLIAndServeEncrypted() async throws {
        try await TestPostgresTLS.withDatabase { cluster, database in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let url = cluster.url(database: database, parameters: "sslmode=require")
            for args in [["new", "Orders hook"], ["save", "Orders hook", try cli.file("hook.json", ServeFlows.webhook)],
                         ["make-live", "Orders hook", "--comment", "over TLS"]] {
                let r = try Self.run(cli, url, args)
                #expect(r.status == 0, "\(args): \(r.stderr)")
            }
            let list = try Self.run(cli, url, ["list"])
            #expect(list.status == 0 && list.stdout.contains("Orders hook"), "\(list.stderr)")

            let serve = try ServeProcess(cli, workspace: url)
            defer { serve.kill() }
            let reply = try await serve.post("/hooks/orders", #"{"order": {"id": "EX123"}}"#)
            #expect(reply.status == 200, "\(reply.text)")
            let session = try #require((reply.object["sessions"] as? [[String: Any]])?.first)
            #expect(session["state"] as? String == "done")

            // Every connection serve holds to this database is encrypted (psql's own aside).
            let connections = try TestPostgresTLS.administer("""
                SELECT count(*) FILTER (WHERE s.ssl) || ' ' || count(*) FILTER (WHERE NOT s.ssl)
                FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
                WHERE a.datname = '\(database)' AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
                """)
            let counts = connections.split(separator: " ").compactMap { Int($0) }
            #expect(counts.count == 2 && counts[0] >= 1 && counts[1] == 0, "encrypted, plain: \(connections)")
            #expect(serve.stop() == 0)
            #expect(!serve.output.contains(Self.password))

            let sessions = try Self.run(cli, url, ["sessions", "Orders hook", "--json"])
            #expect(sessions.status == 0 && sessions.stdout.contains("\"done\""), "\(sessions.stderr)")
        }
    }

    @Test func disableAgainstAnOnlyTLSServerIsOneLine() async throws {
        try await TestPostgresTLS.withDatabase { cluster, database in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let r = try Self.run(cli, cluster.url(database: database, parameters: "sslmode=disable"), ["list"])
            Self.expectOneLineRefusal(r, containing: "no encryption")
            #expect(r.stderr.contains("sslmode=require"), "the line should name the way out: \(r.stderr)")
            // Through PGSSLMODE too (libpq's variable).
            let viaEnvironment = try Self.run(cli, cluster.url(database: database, parameters: "application_name=fc"),
                                              ["list"], environment: ["PGSSLMODE": "disable"])
            Self.expectOneLineRefusal(viaEnvironment, containing: "no encryption")
        }
    }

    @Test func verifyFullChecksTheCAAndTheHostName() async throws {
        try await TestPostgresTLS.withDatabase { cluster, database in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let trusted = "sslmode=verify-full&sslrootcert=\(cluster.caFile)"
            let ok = try Self.run(cli, cluster.url(database: database, host: "localhost", parameters: trusted), ["new", "Checked"])
            #expect(ok.status == 0, "\(ok.stderr)")
            // The root file from PGSSLROOTCERT, as libpq reads it.
            let viaEnvironment = try Self.run(cli, cluster.url(database: database, host: "localhost", parameters: "sslmode=verify-full"),
                                              ["list"], environment: ["PGSSLROOTCERT": cluster.caFile])
            #expect(viaEnvironment.status == 0 && viaEnvironment.stdout.contains("Checked"), "\(viaEnvironment.stderr)")
            // verify-ca does not check the name: 127.0.0.1 passes.
            let verifyCA = try Self.run(cli, cluster.url(database: database, parameters: "sslmode=verify-ca&sslrootcert=\(cluster.caFile)"), ["list"])
            #expect(verifyCA.status == 0, "\(verifyCA.stderr)")

            Self.expectOneLineRefusal(try Self.run(cli, cluster.url(database: database, parameters: trusted), ["list"]),
                                      containing: "certificate does not name the host '127.0.0.1'")
            Self.expectOneLineRefusal(
                try Self.run(cli, cluster.url(database: database, host: "localhost",
                                              parameters: "sslmode=verify-full&sslrootcert=\(cluster.otherCAFile)"), ["list"]),
                containing: "could not be verified against '\(cluster.otherCAFile)'")
            Self.expectOneLineRefusal(
                try Self.run(cli, cluster.url(database: database, host: "localhost", parameters: "sslmode=verify-full"), ["list"]),
                containing: "could not be verified against the system's trusted roots")
            Self.expectOneLineRefusal(
                try Self.run(cli, cluster.url(database: database, host: "localhost",
                                              parameters: "sslmode=verify-full&sslrootcert=\(cli.root.path)/missing.crt"), ["list"]),
                containing: "cannot read the root certificate file")
            // require with a root file checks the chain (libpq): the unrelated CA fails.
            Self.expectOneLineRefusal(
                try Self.run(cli, cluster.url(database: database, parameters: "sslmode=require&sslrootcert=\(cluster.otherCAFile)"), ["list"]),
                containing: "could not be verified")
        }
    }
}
