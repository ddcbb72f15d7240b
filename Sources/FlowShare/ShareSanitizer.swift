import FlowKit
import Foundation

/// What a share link may show of a flow (DESIGN §13): its stored document minus what is
/// the workspace's business. Externalized variables are the per-deployment values (API
/// bases, keys) set at Make Live, so their defaults are blanked; the media folder is a
/// path on the sharer's machine. App bindings, variable values and webhook URLs are
/// never in a document, and other flows are never read.
///
/// Credentials written into the flow itself are masked (issue 13): a secret variable's
/// default; the value of a header named Authorization, Cookie or Proxy-Authorization, or
/// whose name contains token, secret, key or password; any config field so named (a
/// webhook Start's `signingSecret`); and the password of a URL's user-info
/// (`https://user:pw@host`) in any text of any node.
public enum ShareSanitizer {
    public static let mask = CustomVariable.masked("x")

    public static func sanitize(_ document: FlowDocument) -> FlowDocument {
        var doc = document
        doc.settings.variables = doc.settings.variables.map { variable in
            var v = variable
            if v.externalized { v.default = "" }
            v.default = v.shown(v.default)
            return v
        }
        doc.settings.mediaFolder = nil
        doc.nodes = doc.nodes.map { node in
            var n = node
            n.config = Dictionary(uniqueKeysWithValues: node.config.map { key, value in
                (key, sanitize(field: key, value))
            })
            return n
        }
        return doc
    }

    /// True for a header (or field) name whose value is a credential.
    public static func isSensitive(name: String) -> Bool {
        let lower = name.lowercased()
        if ["authorization", "cookie", "proxy-authorization", "set-cookie"].contains(lower) { return true }
        return ["token", "secret", "key", "password", "passwd"].contains { lower.contains($0) }
    }

    static func sanitize(field: String, _ value: JSONValue) -> JSONValue {
        if field == "headers", case .object(let headers) = value {
            return .object(Dictionary(uniqueKeysWithValues: headers.map { name, v in
                (name, isSensitive(name: name) ? masked(v) : scrubbed(v))
            }))
        }
        if isSensitive(name: field) { return masked(value) }
        return scrubbed(value)
    }

    static func masked(_ value: JSONValue) -> JSONValue {
        if case .string(let s) = value, s.isEmpty { return value }
        return .string(mask)
    }

    /// Every string inside `value` with URL passwords masked.
    static func scrubbed(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(maskingURLPasswords(s))
        case .array(let items): return .array(items.map(scrubbed))
        case .object(let o): return .object(o.mapValues(scrubbed))
        default: return value
        }
    }

    /// `scheme://user:password@host` → `scheme://user:••••••@host`, wherever it appears.
    public static func maskingURLPasswords(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        return text.replacingOccurrences(of: #"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/@:]*):[^\s/@]*@"#,
                                         with: "$1:\(mask)@", options: .regularExpression)
    }
}
