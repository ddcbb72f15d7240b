import FlowKit
import Foundation

/// A test-run script (DESIGN §11): a JSON array of steps, run in order on a virtual clock.
///
/// ```json
/// [{"trigger": {"from": "+15550111", "message": "where is my order"}},
///  {"expect": {"at": "ask-number", "state": "waiting"}},
///  {"reply": "EX123"},
///  {"wait": 30},
///  {"expect": {"node": "tell", "outcome": "resolved"}},
///  {"expect": {"variable": "orderId", "equals": "EX123"}},
///  {"expect": {"messageSent": {"to": "+15550111", "contains": "shipped"}}}]
/// ```
///
/// - `trigger`: starts a session of the flow under test. Keys `from`, `to`, `message`,
///   `channel`, `body`; the kind comes from the flow's Start node, `channel` and `to`
///   default to the Start's channel and address. Later steps act on the newest session.
/// - `reply` (alias `digits`): the customer's message (or keypad digits) to the session,
///   which must be waiting for one.
/// - `wait`: seconds of virtual time; timers fall due in order on the way.
/// - `expect`: every key given must hold:
///   `node` — the session reached that node (now or earlier);
///   `at` — the session is at that node now (waiting there, or ended there);
///   `state` — running / waiting / done / failed;
///   `outcome` — the flow outcome its End recorded (`null`: none);
///   `variable` (+ optional `equals`) — a `$(name)` or `node.field` value is set (and
///   its text equals `equals`);
///   `messageSent` (alias `message-sent`) — a message was sent; an object with any of
///   `to`, `channel`, `contains`, `message` (exact), or a string meaning `contains`.
/// - `stub`: from here on, the http-request node `node` gets this answer instead of
///   making its call: `status` (default 200), `headers` (object), `body` (any JSON; a
///   string is sent as text), `latency` (seconds; at or past the node's timeout it times
///   out). A script that stubs every http-request node needs no network.
public struct RunScript: Sendable {
    public var steps: [RunStep]

    public init(steps: [RunStep]) {
        self.steps = steps
    }

    /// Parses a script; errors name the step (1-based) and what is wrong in one line.
    public init(json data: Data) throws(RunScriptError) {
        let root: JSONValue
        do { root = try JSONParser.parse(data) }
        catch { throw RunScriptError("the script is not valid JSON: \(error)") }
        guard let items = root.arrayValue else { throw RunScriptError("the script must be a JSON array of steps") }
        var steps: [RunStep] = []
        for (i, item) in items.enumerated() {
            steps.append(try RunStep(parsing: item, number: i + 1))
        }
        self.steps = steps
    }
}

public struct RunScriptError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum RunStep: Sendable, Equatable {
    case trigger(RunTrigger)
    case reply(String)
    case wait(Double)
    case expect(RunExpectation)
    case stub(node: String, HTTPStub)

    init(parsing item: JSONValue, number: Int) throws(RunScriptError) {
        guard let object = item.objectValue, object.count == 1, let (action, value) = object.first else {
            throw RunScriptError("step \(number): each step is an object with exactly one action (trigger, reply, wait, expect)")
        }
        switch action {
        case "trigger":
            guard let t = value.objectValue else { throw RunScriptError("step \(number): trigger must be an object") }
            self = .trigger(RunTrigger(from: t["from"]?.displayText, to: t["to"]?.displayText,
                                       message: t["message"]?.displayText, channel: t["channel"]?.displayText,
                                       body: t["body"]))
        case "reply", "digits":
            guard let text = value.stringValue ?? (value.numberValue.map { _ in value.displayText }) else {
                throw RunScriptError("step \(number): \(action) must be a string")
            }
            self = .reply(text)
        case "wait":
            guard case .number(let seconds) = value, seconds >= 0 else {
                throw RunScriptError("step \(number): wait must be a number of seconds ≥ 0")
            }
            self = .wait(seconds)
        case "expect":
            self = .expect(try RunExpectation(parsing: value, number: number))
        case "stub":
            let (node, stub) = try RunStep.parseStub(value, number: number)
            self = .stub(node: node, stub)
        default:
            throw RunScriptError("step \(number): unknown action '\(action)' (expected trigger, reply, wait, expect or stub)")
        }
    }
}

extension RunStep {
    static let stubKeys: Set<String> = ["node", "status", "headers", "body", "latency"]

    static func parseStub(_ value: JSONValue, number: Int) throws(RunScriptError) -> (String, HTTPStub) {
        guard let o = value.objectValue else { throw RunScriptError("step \(number): stub must be an object with a node") }
        if let unknown = o.keys.sorted().first(where: { !stubKeys.contains($0) }) {
            throw RunScriptError("step \(number): stub has the unknown key '\(unknown)' (known: node, status, headers, body, latency)")
        }
        guard let node = o["node"]?.stringValue, !node.isEmpty else {
            throw RunScriptError("step \(number): stub needs the http-request node's id in \"node\"")
        }
        var stub = HTTPStub()
        if let s = o["status"] {
            guard case .number(let n) = s, n == n.rounded(), (100...599).contains(n) else {
                throw RunScriptError("step \(number): stub status must be an HTTP status from 100 to 599")
            }
            stub.status = Int(n)
        }
        if let h = o["headers"] {
            guard let headers = h.objectValue else { throw RunScriptError("step \(number): stub headers must be an object") }
            stub.headers = headers.mapValues(\.displayText)
        }
        stub.body = o["body"] ?? .null
        if let l = o["latency"] {
            guard case .number(let seconds) = l, seconds >= 0 else {
                throw RunScriptError("step \(number): stub latency must be a number of seconds ≥ 0")
            }
            stub.latency = seconds
        }
        return (node, stub)
    }
}

public struct RunTrigger: Sendable, Equatable {
    public var from: String?
    public var to: String?
    public var message: String?
    public var channel: String?
    public var body: JSONValue?

    public init(from: String? = nil, to: String? = nil, message: String? = nil, channel: String? = nil,
                body: JSONValue? = nil) {
        self.from = from
        self.to = to
        self.message = message
        self.channel = channel
        self.body = body
    }
}

public struct RunExpectation: Sendable, Equatable {
    public struct Sent: Sendable, Equatable {
        public var to: String?
        public var channel: String?
        public var contains: String?
        public var message: String?
        public init(to: String? = nil, channel: String? = nil, contains: String? = nil, message: String? = nil) {
            self.to = to
            self.channel = channel
            self.contains = contains
            self.message = message
        }
    }
    public var node: String?
    public var at: String?
    public var state: SessionState?
    /// `.some(nil)`: expects no flow outcome.
    public var outcome: String??
    public var variable: String?
    public var equals: JSONValue?
    public var messageSent: Sent?

    public init(node: String? = nil, at: String? = nil, state: SessionState? = nil, outcome: String?? = nil,
                variable: String? = nil, equals: JSONValue? = nil, messageSent: Sent? = nil) {
        self.node = node
        self.at = at
        self.state = state
        self.outcome = outcome
        self.variable = variable
        self.equals = equals
        self.messageSent = messageSent
    }

    static let keys: Set<String> = ["node", "at", "state", "outcome", "variable", "equals", "messageSent", "message-sent"]

    init(parsing value: JSONValue, number: Int) throws(RunScriptError) {
        guard let o = value.objectValue, !o.isEmpty else {
            throw RunScriptError("step \(number): expect must be an object such as {\"node\": \"tell\"}")
        }
        if let unknown = o.keys.sorted().first(where: { !Self.keys.contains($0) }) {
            throw RunScriptError("step \(number): expect has the unknown key '\(unknown)' (known: node, at, state, outcome, variable, equals, messageSent)")
        }
        node = o["node"]?.stringValue
        at = o["at"]?.stringValue
        if let s = o["state"] {
            guard let state = s.stringValue.flatMap(SessionState.init(rawValue:)) else {
                throw RunScriptError("step \(number): state must be running, waiting, done or failed")
            }
            self.state = state
        }
        if let out = o["outcome"] { outcome = .some(out.stringValue) }
        variable = o["variable"]?.stringValue
        equals = o["equals"]
        if equals != nil && variable == nil {
            throw RunScriptError("step \(number): equals needs a variable")
        }
        if let sent = o["messageSent"] ?? o["message-sent"] {
            if let text = sent.stringValue {
                messageSent = Sent(contains: text)
            } else if let s = sent.objectValue {
                messageSent = Sent(to: s["to"]?.displayText, channel: s["channel"]?.stringValue,
                                   contains: s["contains"]?.displayText, message: s["message"]?.displayText)
            } else {
                throw RunScriptError("step \(number): messageSent must be a string or an object")
            }
        }
    }

    /// How the expectation reads in a report.
    public var summary: String {
        var parts: [String] = []
        if let node { parts.append("node \(node)") }
        if let at { parts.append("at \(at)") }
        if let state { parts.append("state \(state.rawValue)") }
        if let outcome { parts.append("outcome \(outcome ?? "none")") }
        if let variable {
            parts.append(equals.map { "\(variable) = \(FlowEngine.describe($0))" } ?? "\(variable) set")
        }
        if let m = messageSent {
            var d: [String] = []
            if let to = m.to { d.append("to \(to)") }
            if let c = m.channel { d.append("on \(c)") }
            if let c = m.contains { d.append("containing '\(c)'") }
            if let e = m.message { d.append("'\(e)'") }
            parts.append("message sent" + (d.isEmpty ? "" : " " + d.joined(separator: " ")))
        }
        return parts.joined(separator: ", ")
    }
}
