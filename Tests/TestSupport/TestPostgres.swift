import Foundation

/// The PostgreSQL server the tests use: `$FLOWCANVAS_TEST_POSTGRES_URL` (scripts/test
/// starts one and sets it), else a private cluster this test process starts through
/// scripts/lib/test-postgres.sh and stops when it exits. No server is a failure, never a
/// skip: CI installs PostgreSQL, so its absence is a broken machine, not a choice.
public enum TestPostgres {
    public static let urlVariable = "FLOWCANVAS_TEST_POSTGRES_URL"

    /// The server's URL (superuser, database `postgres`), or why there is none.
    public static let server: Result<String, TestPostgresUnavailable> = {
        if let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty { return .success(url) }
        return startPrivateCluster()
    }()

    public static var repositoryRoot: URL {
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

    /// `bash ARGUMENTS…`: exit status, stdout, stderr. posix_spawn and waitpid rather than
    /// Foundation's Process, whose waitUntilExit was seen never to return here (the child
    /// left a zombie) when called inside `server`'s one-time initialiser.
    static func run(_ arguments: [String]) -> (Int32, String, String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("fcpg-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        SpawnedDescriptors.closeAllAbove2(&actions)  // the PostgreSQL server lives on
        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/bash"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else { return (127, "", "cannot run /bin/bash: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (exitCode, out, err)
    }

    /// The server's URL with `database` in place of `postgres`.
    public static func url(database: String) throws -> String {
        let server = try server.get()
        guard let slash = server.range(of: "/", options: .backwards) else { return server }
        return server[..<slash.upperBound] + database
    }

    /// Runs SQL on `database` (default `postgres`) as the superuser, through psql
    /// (PostgreSQL's client comes with its server); returns psql's unaligned output.
    @discardableResult
    public static func administer(_ sql: String, database: String = "postgres") throws -> String {
        let (status, out, err) = run(["-c", "exec psql \"$0\" -v ON_ERROR_STOP=1 -qAt -c \"$1\"",
                                      try url(database: database), sql])
        guard status == 0 else {
            throw TestPostgresUnavailable(reason: "psql failed on '\(sql)': \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return out
    }

    /// A new empty database, dropped after `body` (connections and all).
    public static func withDatabase<T>(_ body: (_ url: String) throws -> T) throws -> T {
        let name = "fc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try administer("CREATE DATABASE \(name)")
        defer { _ = try? administer("DROP DATABASE \(name) WITH (FORCE)") }
        return try body(try url(database: name))
    }
}

public struct TestPostgresUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
