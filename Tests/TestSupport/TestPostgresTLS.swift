import Foundation

/// A private PostgreSQL cluster that accepts only TLS (scripts/lib/test-postgres-tls.sh):
/// a throwaway CA signs a server certificate for DNS:localhost, and pg_hba.conf has only
/// `hostssl` lines, so a plain connection is refused. One per test process, started on
/// first use and stopped when the process exits; the shared test server is never touched.
public enum TestPostgresTLS {
    public struct Cluster: Sendable {
        /// `postgres://flowcanvas:flowcanvas-test@127.0.0.1:PORT/postgres`, no sslmode.
        public var url: String
        public var port: Int
        /// The CA that signed the server's certificate (for sslrootcert=).
        public var caFile: String
        /// A CA that signed nothing the server has (the unknown-CA case).
        public var otherCAFile: String

        /// The URL for `database` on `host` (the certificate names only localhost) with the
        /// query `parameters` (e.g. "sslmode=require").
        public func url(database: String, host: String = "127.0.0.1", parameters: String) -> String {
            "postgres://flowcanvas:flowcanvas-test@\(host):\(port)/\(database)?\(parameters)"
        }
    }

    public static let cluster: Result<Cluster, TestPostgresUnavailable> = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowcanvas-pgtls-\(UUID().uuidString)").path
        let script = TestPostgres.repositoryRoot.appendingPathComponent("scripts/lib/test-postgres-tls.sh").path
        let (status, out, err) = TestPostgres.run([script, "start", dir])
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://"),
              let portText = try? String(contentsOfFile: dir + "/port", encoding: .utf8),
              let port = Int(portText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .failure(TestPostgresUnavailable(reason: "no TLS PostgreSQL cluster: \(err.trimmingCharacters(in: .whitespacesAndNewlines))"))
        }
        directory = dir
        atexit {
            guard let dir = TestPostgresTLS.directory else { return }
            let script = TestPostgres.repositoryRoot.appendingPathComponent("scripts/lib/test-postgres-tls.sh").path
            _ = TestPostgres.run([script, "stop", dir])
        }
        return .success(Cluster(url: url, port: port, caFile: dir + "/tls/ca.crt", otherCAFile: dir + "/tls/other-ca.crt"))
    }()

    nonisolated(unsafe) private static var directory: String?

    /// Runs SQL on `database` as the superuser through psql over TLS; psql's unaligned output.
    @discardableResult
    public static func administer(_ sql: String, database: String = "postgres") throws -> String {
        let cluster = try cluster.get()
        let (status, out, err) = TestPostgres.run(["-c", "exec psql \"$0\" -v ON_ERROR_STOP=1 -qAt -c \"$1\"",
                                                   cluster.url(database: database, parameters: "sslmode=require"), sql])
        guard status == 0 else {
            throw TestPostgresUnavailable(reason: "psql failed on '\(sql)': \(err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new empty database on the TLS cluster, dropped after `body`.
    public static func withDatabase<T>(_ body: (_ cluster: Cluster, _ database: String) async throws -> T) async throws -> T {
        let cluster = try cluster.get()
        let name = "fc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try administer("CREATE DATABASE \(name)")
        do {
            let result = try await body(cluster, name)
            _ = try? administer("DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            _ = try? administer("DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }
}
