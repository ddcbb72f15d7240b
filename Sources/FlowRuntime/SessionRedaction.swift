import FlowKit

/// What a person may see of a session (`GET /sessions/…`, `flowcanvas session`,
/// `sessions --json`). A flow's secret variables (API keys, tokens set at Make Live) are
/// masked by name, and their values are scrubbed from everything else the session shows —
/// transcript, node outputs, other variables, the failure — because a URL or a header
/// built from a secret carries it too. The runtime itself keeps and uses the real values.
public struct SessionRedaction: Sendable {
    /// Secret variable names; nil when the session's flow version could not be read, and
    /// then every variable is masked (nothing tells which are secret).
    let secretNames: Set<String>?
    /// Secret values shorter than this are masked by name only: scrubbing "42" out of
    /// every transcript line would garble it and hide nothing worth hiding.
    static let shortestScrubbedValue = 4

    public init(secretNames: Set<String>?) {
        self.secretNames = secretNames
    }

    public init(document: FlowDocument) {
        self.init(secretNames: Set(document.settings.variables.filter(\.secret).map(\.name)))
    }

    /// The redaction for `session`'s flow version, read from `flows`.
    public static func of(_ session: Session, flows: any LiveFlowSource) -> SessionRedaction {
        guard let flow = try? flows.flow(id: session.flowId, version: session.version) else {
            return SessionRedaction(secretNames: nil)
        }
        return SessionRedaction(document: flow.document)
    }

    /// Each session as a person may see it. A list holds many sessions of one version, and
    /// `flows` reads a version's whole document each time: each version is read once.
    public static func applied(to sessions: [Session], flows: any LiveFlowSource) -> [Session] {
        struct VersionKey: Hashable { var flowId: String; var version: Int? }
        var redactions: [VersionKey: SessionRedaction] = [:]
        return sessions.map { s in
            let key = VersionKey(flowId: s.flowId, version: s.version)
            let redaction = redactions[key] ?? of(s, flows: flows)
            redactions[key] = redaction
            return redaction.apply(s)
        }
    }

    public func apply(_ session: Session) -> Session {
        let masked = CustomVariable.masked
        guard let names = secretNames else {
            var s = session
            s.variables = s.variables.mapValues { .string(masked($0.displayText)) }
            return s
        }
        guard !names.isEmpty else { return session }
        let values = names.compactMap { session.variables[$0]?.displayText }
            .filter { $0.count >= Self.shortestScrubbedValue }
            .sorted { $0.count > $1.count }  // a secret containing another goes first
        func scrub(_ text: String) -> String {
            values.reduce(text) { $0.replacingOccurrences(of: $1, with: masked($1)) }
        }
        func scrub(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let s): return .string(scrub(s))
            case .array(let a): return .array(a.map(scrub))
            case .object(let o): return .object(o.mapValues(scrub))
            default: return value
            }
        }
        var s = session
        s.variables = Dictionary(uniqueKeysWithValues: session.variables.map { name, value in
            (name, names.contains(name) ? .string(masked(value.displayText)) : scrub(value))
        })
        guard !values.isEmpty else { return s }
        s.outputs = s.outputs.mapValues { $0.mapValues(scrub) }
        s.transcript = s.transcript.map { e in var e = e; e.text = scrub(e.text); return e }
        s.failureReason = s.failureReason.map(scrub)
        s.uniqueKey = s.uniqueKey.map(scrub)
        s.customer = s.customer.map(scrub)
        return s
    }
}
