import FlowKit
import FlowStorePostgres
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// The PostgreSQL server the tests use: `$FLOWCANVAS_TEST_POSTGRES_URL` (scripts/test
/// starts one and sets it), else a private cluster this test process starts through
/// scripts/lib/test-postgres.sh and stops when it exits. No server is a failure, never a
/// skip: CI installs PostgreSQL, so its absence is a broken machine, not a choice.
enum TestPostgres {
    static let urlVariable = "FLOWCANVAS_TEST_POSTGRES_URL"

    /// The server's URL (superuser, database `postgres`), or why there is none.
    static let server: Result<String, TestPostgresUnavailable> = {
        if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty { return .success(url) }
        return startPrivateCluster()
    }()

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var script: String { repositoryRoot.appendingPathComponent("scripts/lib/test-postgres.sh").path }

    nonisolated(unsafe) private static var clusterDirectory: String?

    private static func startPrivateCluster() -> Result<String, TestPostgresUnavailable> {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-pg-\(UUID().uuidString)").path
        let (status, out, err) = run([script, "start", dir])
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://") else {
            return .failure(TestPostgresUnavailable(reason: """
                no PostgreSQL for the store tests: set \(urlVariable), or install PostgreSQL \
                (scripts/test does): \(err.trimmingCharacters(in: .whitespacesAndNewlines))
                """))
        }
        clusterDirectory = dir
        atexit { TestPostgres.stopPrivateCluster() }
        return .success(url)
    }

    private static func stopPrivateCluster() {
        guard let dir = clusterDirectory else { return }
        _ = run([script, "stop", dir])
    }

    static func run(_ arguments: [String]) -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (127, "", "\(error)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The server's URL with `database` in place of `postgres`.
    static func url(database: String) throws -> String {
        let server = try server.get()
        guard let slash = server.range(of: "/", options: .backwards) else { return server }
        return server[..<slash.upperBound] + database
    }

    /// Runs SQL on the server's `postgres` database as the superuser (databases per test).
    static func administer(_ sql: String) throws {
        try withConnection(database: "postgres") { run in try run(sql) }
    }

    /// A superuser connection to `database`; `body` gets a function that runs SQL on it.
    static func withConnection(database: String, _ body: (_ run: (String) throws -> Void) throws -> Void) throws {
        let url = try PostgresURL(parsing: try Self.url(database: database), environment: [:])
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(),
            configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                 database: url.database, tls: .disable),
            id: 1, logger: logger).wait()
        defer { try? connection.close().wait() }
        try body { sql in _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait() }
    }

    /// A new empty database, dropped after `body` (connections and all).
    static func withDatabase<T>(_ body: (_ url: String) throws -> T) throws -> T {
        let name = "fc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try administer("CREATE DATABASE \(name)")
        defer { try? administer("DROP DATABASE \(name) WITH (FORCE)") }
        return try body(try url(database: name))
    }
}

struct TestPostgresUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
