import Foundation
import FlowKit

/// Where a PostgreSQL workspace is, from `postgres://user:password@host:port/db?sslmode=…`
/// (or `postgresql://`) with libpq's defaults for what the URL leaves out: `PGHOST`,
/// `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, and the password from the URL, else
/// `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`). The password
/// never appears in `redacted`, in messages or in logs.
public struct PostgresURL: Equatable, Sendable {
    /// libpq's `sslmode` values; `require` encrypts without checking the certificate,
    /// `verify-ca`/`verify-full` check it against `sslRootCertificate` (see PostgresTLS).
    public enum SSLMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// A host name, or a folder holding the server's socket when it starts with `/`.
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// libpq's `sslrootcert` (else `PGSSLROOTCERT`): a PEM file of the CAs that may sign the
    /// server's certificate, or `system` for the system's trusted roots; nil when not given.
    public var sslRootCertificate: String?

    /// Whether `text` names a PostgreSQL database rather than a workspace folder.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceError) {
        guard PostgresURL.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw .invalidArgument("not a PostgreSQL URL (postgres://user@host:port/database): \(PostgresURL.redact(text))")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        for name in query.keys where !["sslmode", "host", "port", "user", "password", "dbname", "application_name", "connect_timeout", "sslrootcert"].contains(name) {
            throw .invalidArgument("unsupported parameter '\(name)' in the PostgreSQL URL")
        }
        func nonEmpty(_ s: String?) -> String? { (s?.isEmpty ?? true) ? nil : s }

        host = nonEmpty(query["host"]) ?? nonEmpty(components.percentEncodedHost?.removingPercentEncoding)
            ?? nonEmpty(environment["PGHOST"]) ?? "localhost"
        let portText = nonEmpty(query["port"]) ?? components.port.map(String.init) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidArgument("the port '\(portText)' in the PostgreSQL URL is not a port number")
        }
        self.port = port
        user = nonEmpty(query["user"]) ?? nonEmpty(components.percentEncodedUser?.removingPercentEncoding)
            ?? nonEmpty(environment["PGUSER"]) ?? nonEmpty(environment["USER"]) ?? "postgres"
        let path = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        database = nonEmpty(query["dbname"]) ?? nonEmpty(path) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        let modeText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw .invalidArgument("unknown sslmode '\(modeText)' (disable, allow, prefer, require, verify-ca, verify-full)")
        }
        sslMode = mode
        sslRootCertificate = nonEmpty(query["sslrootcert"]) ?? nonEmpty(environment["PGSSLROOTCERT"])
        password = nonEmpty(query["password"]) ?? nonEmpty(components.percentEncodedPassword?.removingPercentEncoding)
            ?? nonEmpty(environment["PGPASSWORD"])
        if password == nil {
            password = PasswordFile.password(host: host, port: port, database: database, user: user,
                                             environment: environment)
        }
    }

    /// `postgres://user@host:port/database`: the password never shows.
    public var redacted: String {
        let shownHost = host.hasPrefix("/") ? "" : host
        var text = "postgres://\(user)@\(shownHost):\(port)/\(database)"
        if host.hasPrefix("/") { text += "?host=\(host)" }
        return text
    }

    /// `text` with any password in it replaced by `***`, for messages about a URL that
    /// could not be parsed.
    static func redact(_ text: String) -> String {
        guard let at = text.range(of: "@"), let scheme = text.range(of: "://"),
              scheme.upperBound <= at.lowerBound else { return text }
        let userInfo = text[scheme.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }
}
