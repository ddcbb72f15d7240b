import FlowKit
import Foundation
import NIOSSL
import PostgresNIO

/// `sslmode` and `sslrootcert` as NIOSSL, with libpq's meanings:
/// - `disable`: plain TCP.
/// - `allow`, `prefer`: TLS when the server offers it, the certificate unchecked.
/// - `require`: TLS or no connection, the certificate unchecked; but when a root
///   certificate file is given or `~/.postgresql/root.crt` exists, libpq checks the chain
///   (as `verify-ca`), and so does this.
/// - `verify-ca`: the chain must lead to a trusted root; the host name is not checked.
/// - `verify-full`: the chain and the host name (a DNS name or IP address in the
///   certificate must match the URL's host).
/// The trusted roots: `sslrootcert=FILE` (or `PGSSLROOTCERT`), else `~/.postgresql/root.crt`
/// when it exists (libpq's default), else the system's roots (`sslrootcert=system` names them
/// explicitly). libpq refuses verify-ca/verify-full with no root file at all; falling back to the
/// system's roots instead keeps a managed database (whose CA the system trusts) one flag away.
enum PostgresTLS {
    static func configuration(for url: PostgresURL, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(WorkspaceError) -> PostgresConnection.Configuration.TLS {
        if url.sslMode == .disable { return .disable }
        let rootFile = rootCertificateFile(url, environment: environment)
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .allow, .prefer: tls.certificateVerification = .none
        case .require: tls.certificateVerification = rootFile == nil ? .none : .noHostnameVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if tls.certificateVerification != .none, let rootFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootFile))
            } catch {
                throw .databaseFailure(path: url.redacted, reason: "cannot read the root certificate file '\(rootFile)' (sslrootcert)")
            }
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return url.sslMode == .allow || url.sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .databaseFailure(path: url.redacted, reason: "cannot set up TLS: \(error)")
        }
    }

    /// The PEM file of trusted roots, nil for the system's.
    static func rootCertificateFile(_ url: PostgresURL, environment: [String: String]) -> String? {
        if let given = url.sslRootCertificate { return given == "system" ? nil : given }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        let file = home + "/.postgresql/root.crt"
        return FileManager.default.isReadableFile(atPath: file) ? file : nil
    }

    /// A failed TLS handshake in words, or nil when `error` is no TLS failure. NIOSSL reports
    /// BoringSSL's error stack; users need to know which check failed and what to do.
    static func failure(_ error: (any Error)?, url: PostgresURL) -> String? {
        guard let error else { return nil }
        let roots = url.sslRootCertificate.map { $0 == "system" ? "the system's trusted roots" : "'\($0)'" }
            ?? "the system's trusted roots (give the CA with sslrootcert= or PGSSLROOTCERT)"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the server's TLS certificate does not name the host '\(url.host)' (sslmode=\(url.sslMode.rawValue))"
        }
        guard let ssl = error as? NIOSSLError else { return nil }
        let text = "\(ssl)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's TLS certificate could not be verified against \(roots): unknown CA or expired (sslmode=\(url.sslMode.rawValue))"
        }
        if case .handshakeFailed = ssl {
            return "the TLS handshake failed (sslmode=\(url.sslMode.rawValue))"
        }
        return "TLS failed: \(text.split(separator: "\n").first.map(String.init) ?? text)"
    }

    /// The server's refusal of a plain connection (pg_hba.conf has only `hostssl` lines for
    /// it), with the way out; other messages unchanged.
    static func explained(_ serverMessage: String, url: PostgresURL) -> String {
        guard url.sslMode == .disable, serverMessage.contains("no pg_hba.conf entry"),
              serverMessage.hasSuffix("no encryption") else { return serverMessage }
        return serverMessage + " (the server accepts only TLS here; use sslmode=require or stronger)"
    }
}
