import Foundation

/// A PostgreSQL cluster of one test's own (scripts/lib/test-postgres.sh), for tests that
/// stop and start the server under a running program. The shared test server
/// (`TestPostgres.server`) is never restarted: other tests use it at the same time.
public final class PrivateTestPostgres: @unchecked Sendable {
    public let directory: String
    /// The superuser's URL to the `postgres` database.
    public let url: String
    private var removed = false

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowcanvas-pg-\(UUID().uuidString)").path
        let (status, out, err) = TestPostgres.run([TestPostgres.script, "start", directory])
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://") else {
            _ = TestPostgres.run([TestPostgres.script, "stop", directory])
            throw TestPostgresUnavailable(reason: "a private PostgreSQL cluster did not start: \(err)")
        }
        self.url = url
    }

    deinit { remove() }

    /// `pg_ctl stop -m fast`: the server ends every connection and stops.
    public func halt() throws { try script("halt") }

    /// Starts the halted server again, on the same port.
    public func resume() throws { try script("resume") }

    /// Stops the server and deletes its folder.
    public func remove() {
        guard !removed else { return }
        removed = true
        _ = TestPostgres.run([TestPostgres.script, "stop", directory])
    }

    /// Runs SQL through psql; psql's unaligned output.
    @discardableResult
    public func administer(_ sql: String) throws -> String {
        let (status, out, err) = TestPostgres.run(["-c", "exec psql \"$0\" -v ON_ERROR_STOP=1 -qAt -c \"$1\"", url, sql])
        guard status == 0 else { throw TestPostgresUnavailable(reason: "psql failed on '\(sql)': \(err)") }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func script(_ command: String) throws {
        let (status, _, err) = TestPostgres.run([TestPostgres.script, command, directory])
        guard status == 0 else { throw TestPostgresUnavailable(reason: "test-postgres.sh \(command) failed: \(err)") }
    }
}
