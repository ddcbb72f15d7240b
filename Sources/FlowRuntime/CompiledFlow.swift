import FlowKit
import Foundation

/// A flow version prepared for execution: nodes by index, connectors as
/// outcome → target tables, templates and expressions parsed once. Versions never
/// change, so the engine keeps one per (flow, version) for as long as it runs.
final class CompiledFlow: Sendable {
    let flow: LiveFlow
    let nodes: [FlowNode]
    let program: [CompiledNode]
    let indexByID: [String: Int]
    /// Per node: outcome name → index of the node it connects to.
    let targets: [[String: Int]]
    let startIndex: Int?
    /// Custom variables with defaults, overridden by Make Live's values.
    let initialVariables: [String: JSONValue]
    let uniqueIdentifier: Template?

    var document: FlowDocument { flow.document }

    init(_ flow: LiveFlow) {
        self.flow = flow
        let doc = flow.document
        nodes = doc.nodes
        var index: [String: Int] = [:]
        for (i, node) in doc.nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        indexByID = index
        var targets = [[String: Int]](repeating: [:], count: doc.nodes.count)
        for c in doc.connections {
            guard let from = index[c.from], let to = index[c.to] else { continue }
            // Duplicate connectors are a validation error; the first one wins here.
            if targets[from][c.outcome] == nil { targets[from][c.outcome] = to }
        }
        self.targets = targets
        program = doc.nodes.map(CompiledNode.init)
        let start = doc.nodes.firstIndex { $0.type == "start" }
        startIndex = start
        var vars: [String: JSONValue] = [:]
        for v in doc.settings.variables { vars[v.name] = .string(v.default) }
        for (name, value) in flow.variableValues { vars[name] = .string(value) }
        initialVariables = vars
        uniqueIdentifier = doc.settings.preventDuplicateSessions ? Template(doc.settings.uniqueIdentifier) : nil
        let trigger = Self.trigger(of: start.map { doc.nodes[$0] })
        self.trigger = trigger
        let path = trigger.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        webhookPath = path.isEmpty ? flow.flowId : path
        // Usually `$(hookSecret)`: a secret, externalized variable whose value is set at
        // Make Live, so the secret is never in the document.
        let secretSource = start.flatMap { doc.nodes[$0].config["signingSecret"]?.stringValue } ?? ""
        let secret = Template(secretSource).render { SessionValues.lookup($0, variables: vars, outputs: [:]) }
        signingSecret = trigger.kind == .webhook && !secret.isEmpty ? secret : nil
    }

    /// A webhook Start's signing secret, resolved against the flow's variables (defaults
    /// and Make Live values); nil: requests need no signature.
    let signingSecret: String?

    var startNode: FlowNode? { startIndex.map { nodes[$0] } }

    /// The Start node's trigger configuration, read once (triggers are matched against
    /// every live flow on every request).
    let trigger: (kind: TriggerKind?, channel: String, address: String, path: String, event: String)

    /// The path a webhook Start answers on: its `path` without surrounding slashes, or
    /// the flow id when the path is empty.
    let webhookPath: String

    static func trigger(of start: FlowNode?) -> (kind: TriggerKind?, channel: String, address: String, path: String, event: String) {
        guard let start else { return (nil, "", "", "", "") }
        let kind = TriggerKind(rawValue: start.config["trigger"]?.stringValue ?? "")
        let text = { (key: String) in (start.config[key]?.displayText ?? "").trimmingCharacters(in: .whitespaces) }
        return (kind, text("channel"), text("address"), text("path"), text("event"))
    }
}

/// A branch of a Branch node, ready to check.
struct CompiledBranch: Sendable {
    var name: String
    var variable: Reference
    var op: BranchOperator?
    var opName: String
    var value: Template
}

/// A node's configuration decoded once into what its execution needs.
enum CompiledNode: Sendable {
    case start
    case send(channel: String, to: Template, from: Template?, message: Template)
    case receive(channel: String, timeout: Double)
    case http(method: String, url: Template, headers: [(String, Template)], body: Template?, timeout: Double)
    case branch([CompiledBranch])
    case evaluate(Result<FlowKit.Expression, ExpressionError>)
    case setVariables([(name: String, template: Template, sole: Reference?)])
    case delay(Double)
    case dataParser(source: Template, sole: Reference?, fields: [(String, String)])
    case log(logbook: String, message: Template)
    case play(prompt: String)
    case collectInput(prompt: String, maxDigits: Int, timeout: Double)
    case transfer(to: Template)
    case disconnect
    case end(outcome: String?)
    case unsupported(String)

    init(_ node: FlowNode) {
        let c = node.config
        func text(_ key: String) -> String { c[key]?.displayText ?? "" }
        func number(_ key: String, _ fallback: Double) -> Double { c[key]?.numberValue ?? fallback }
        func map(_ key: String) -> [(String, String)] {
            (c[key]?.objectValue ?? [:]).map { ($0.key, $0.value.displayText) }.sorted { $0.0 < $1.0 }
        }
        switch node.type {
        case "start":
            self = .start
        case "send":
            let from = text("from")
            self = .send(channel: text("channel"), to: Template(text("to")),
                         from: from.isEmpty ? nil : Template(from), message: Template(text("message")))
        case "receive":
            self = .receive(channel: text("channel"), timeout: number("timeoutSeconds", 20))
        case "http-request":
            let body = text("body")
            self = .http(method: text("method").uppercased().isEmpty ? "GET" : text("method").uppercased(),
                         url: Template(text("url")),
                         headers: map("headers").map { ($0.0, Template($0.1)) },
                         body: body.isEmpty ? nil : Template(body),
                         timeout: number("timeoutSeconds", 10))
        case "branch":
            let entries = c["branches"]?.arrayValue ?? []
            self = .branch(entries.map { entry in
                let opName = entry["op"]?.stringValue ?? "equals"
                return CompiledBranch(name: entry["name"]?.stringValue ?? "",
                                      variable: CompiledNode.reference(entry["variable"]?.displayText ?? ""),
                                      op: BranchOperator(rawValue: opName), opName: opName,
                                      value: Template(entry["value"]?.displayText ?? ""))
            })
        case "evaluate":
            do throws(ExpressionError) {
                self = .evaluate(.success(try FlowKit.Expression(parsing: text("expression"))))
            } catch {
                self = .evaluate(.failure(error))
            }
        case "set-variables":
            self = .setVariables(map("assignments").map {
                (name: $0.0, template: Template($0.1), sole: SessionValues.soleReference(in: $0.1))
            })
        case "delay":
            self = .delay(max(0, number("seconds", 60)))
        case "data-parser":
            let source = text("source")
            self = .dataParser(source: Template(source), sole: SessionValues.soleReference(in: source),
                               fields: map("fields"))
        case "log":
            self = .log(logbook: text("logbook"), message: Template(text("message")))
        case "play":
            self = .play(prompt: text("prompt"))
        case "collect-input":
            self = .collectInput(prompt: text("prompt"), maxDigits: max(1, Int(number("maxDigits", 1))),
                                 timeout: number("timeoutSeconds", 5))
        case "transfer":
            self = .transfer(to: Template(text("to")))
        case "disconnect":
            self = .disconnect
        case "end":
            let outcome = text("outcome")
            self = .end(outcome: outcome.isEmpty ? nil : outcome)
        default:
            self = .unsupported(node.type)
        }
    }

    /// Whether running the node reaches outside the process (an HTTP call, a message to
    /// an app), so the session must be on disk before it runs.
    var reachesOutside: Bool {
        switch self {
        case .send, .http: return true
        default: return false
        }
    }

    /// A branch `variable` may be written `start.message` or `$(start.message)`.
    static func reference(_ raw: String) -> Reference {
        if let sole = SessionValues.soleReference(in: raw) { return sole }
        return Reference(raw.trimmingCharacters(in: .whitespaces))
    }
}
