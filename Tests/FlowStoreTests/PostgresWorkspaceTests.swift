import FlowKit
import FlowStorePostgres
import Foundation
import Testing
import TestSupport

/// What only the PostgreSQL backend has: its URL and passwords, versioned migrations
/// shared with other binaries, and the parts not yet on it.
@Suite struct PostgresWorkspaceTests {
    static let password = "flowcanvas-test"

    /// `url` without its password.
    static func withoutPassword(_ url: String) -> String {
        url.replacingOccurrences(of: ":\(password)@", with: "@")
    }

    static func open(_ url: String, environment: [String: String]) throws(WorkspaceError) -> Workspace {
        try WorkspaceOpening.open(option: url, environment: environment, busyTimeout: 0.2, author: "tester")
    }

    static func home() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fc-pghome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theURLTakesLibpqDefaultsFromTheEnvironment() throws {
        let env = ["PGHOST": "db.internal", "PGPORT": "6543", "PGUSER": "ann", "PGDATABASE": "flows",
                   "PGPASSWORD": "s3cret", "HOME": "/nonexistent"]
        let url = try PostgresURL(parsing: "postgres://", environment: env)
        #expect(url.host == "db.internal" && url.port == 6543 && url.user == "ann" && url.database == "flows")
        #expect(url.password == "s3cret" && url.sslMode == .prefer)
        #expect(url.redacted == "postgres://ann@db.internal:6543/flows")

        let explicit = try PostgresURL(parsing: "postgresql://bob:p%40ss@h:7/d?sslmode=require", environment: env)
        #expect(explicit.user == "bob" && explicit.password == "p@ss" && explicit.sslMode == .require)
        #expect(!explicit.redacted.contains("p@ss") && !explicit.redacted.contains("p%40ss"))

        #expect(throws: WorkspaceError.invalidArgument("unknown sslmode 'sometimes' (disable, allow, prefer, require, verify-ca, verify-full)")) {
            try PostgresURL(parsing: "postgres://h/d?sslmode=sometimes", environment: [:])
        }
        #expect(throws: WorkspaceError.invalidArgument("the port 'x' in the PostgreSQL URL is not a port number")) {
            try PostgresURL(parsing: "postgres://h/d?port=x", environment: [:])
        }
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let home = try Self.home()
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent(".pgpass")
        try "# comment\nother:5432:*:ann:wrong\ndb:*:flows:ann:pa\\:ss\n*:*:*:*:fallback\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let env = ["HOME": home.path]
        #expect(try PostgresURL(parsing: "postgres://ann@db:5432/flows", environment: env).password == "pa:ss")
        #expect(try PostgresURL(parsing: "postgres://bob@elsewhere/x", environment: env).password == "fallback")
        // A file others can read is ignored, as libpq ignores it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(try PostgresURL(parsing: "postgres://ann@db:5432/flows", environment: env).password == nil)
    }

    @Test func thePasswordComesFromTheURLThePGPASSWORDOrThePasswordFileAndIsNeverShown() throws {
        try TestPostgres.withDatabase { url in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let bare = Self.withoutPassword(url)
            let base = ["HOME": home.path, "FLOWCANVAS_HOME": home.path]

            let withURL = try Self.open(url, environment: base)
            _ = try withURL.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            #expect(!withURL.backend.location.contains(Self.password))

            do {
                _ = try Self.open(bare, environment: base)
                Issue.record("opened without a password")
            } catch let error as WorkspaceError {
                #expect(error.exitCode == 2)
                #expect(!error.message.contains(Self.password) && !error.message.contains("\n"))
                #expect(error.message.contains("the server asks for a password"), "\(error.message)")
            }

            var env = base
            env["PGPASSWORD"] = Self.password
            #expect(try Self.open(bare, environment: env).flows().map(\.name) == ["Order status"])

            let pgpass = home.appendingPathComponent(".pgpass")
            try "*:*:*:*:\(Self.password)\n".write(to: pgpass, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass.path)
            #expect(try Self.open(bare, environment: base).flows().map(\.name) == ["Order status"])
        }
    }

    @Test func aNewerSchemaThanTheBinaryKnowsIsRefusedWithOneLine() throws {
        try TestPostgres.withDatabase { url in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            let env = ["HOME": home.path, "FLOWCANVAS_HOME": home.path]
            let ws = try Self.open(url, environment: env)
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            // Opening again migrates nothing and keeps the flows.
            #expect(try Self.open(url, environment: env).flows().count == 1)

            let name = String(url.split(separator: "/").last!)
            try TestPostgres.administer("INSERT INTO flowcanvas_migrations (schema, identifier) VALUES ('store', 'store-v99')",
                                        database: name)
            let expected = WorkspaceError.newerSchema(location: ws.backend.location, migration: "store-v99")
            #expect(throws: expected) { try Self.open(url, environment: env) }
            #expect(expected.exitCode == 2 && !expected.message.contains("\n") && expected.message.contains("upgrade flowcanvas"))
        }
    }

    @Test func theRuntimeTablesAreRefusedClearlyOnPostgreSQL() throws {
        try StoreBackendKind.postgres.withWorkspace { ws, _ in
            let schema = WorkspaceSchema(name: "runtime", migrations: { _ in })
            let expected = WorkspaceError.notYetOnBackend(what: "the runtime tables", location: ws.backend.location)
            #expect(throws: expected) { try ws.database(for: schema) }
            #expect(expected.exitCode == 2)
        }
    }

    @Test func sslmodeRequireAgainstAServerWithoutTLSSaysSo() throws {
        try TestPostgres.withDatabase { url in
            let home = try Self.home()
            defer { try? FileManager.default.removeItem(at: home) }
            do {
                _ = try Self.open(url + "?sslmode=require", environment: ["HOME": home.path, "FLOWCANVAS_HOME": home.path])
                Issue.record("connected with TLS required to a server without TLS")
            } catch let error as WorkspaceError {
                #expect(error.message.contains("does not support TLS"), "\(error.message)")
            }
        }
    }
}
