import FlowKit
import Foundation

/// Where a session is in its life. `running` and `waiting` are *active* (the duplicate
/// guard counts them); `done` and `failed` are final.
public enum SessionState: String, Codable, Sendable, CaseIterable {
    case running, waiting, done, failed

    public var isActive: Bool { self == .running || self == .waiting }
}

/// What a parked session waits for. A `message` or `digits` wait is keyed by
/// (channel, customer address) so an inbound message finds it; a `timer` wait (delay)
/// has no key. Every wait may also carry a timer (`Session.timerDue`).
public struct SessionWait: Codable, Equatable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case message, digits, timer
    }
    public var kind: Kind
    public var channel: String?
    public var address: String?

    public init(kind: Kind, channel: String? = nil, address: String? = nil) {
        self.kind = kind
        self.channel = channel
        self.address = address
    }
}

/// One line of a session's history.
public struct TranscriptEntry: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The session started (trigger described in `text`).
        case start
        /// A node ran and took an outcome (`text`: "outcome: detail").
        case step
        /// A message left through an app, or a prompt was played.
        case sent
        /// An inbound message or digits reached the session.
        case received
        /// The session parked (waiting for a message, digits or a timer).
        case waiting
        /// A timer fired.
        case timer
        /// An HTTP call, a log line, or another side effect worth reading.
        case info
        /// The session ended (`text`: outcome, or why there was none).
        case end
        /// The session failed (`text`: the reason).
        case error
    }
    public var time: Date
    public var node: String?
    public var kind: Kind
    public var text: String

    public init(time: Date, node: String?, kind: Kind, text: String) {
        self.time = time
        self.node = node
        self.kind = kind
        self.text = text
    }
}

/// One run of one flow version for one customer/trigger. Persisted after every step.
public struct Session: Codable, Equatable, Sendable {
    public var id: String
    public var flowId: String
    /// The version it runs; pinned for its whole life. nil for a draft test run.
    public var version: Int?
    public var state: SessionState
    /// The node to execute next while running, the node it waits at while waiting, the
    /// last node when done or failed.
    public var currentNode: String?
    /// Plain `$(name)` variables: custom variables and set-variables assignments.
    public var variables: [String: JSONValue]
    /// Node outputs for `$(node.field)`: node id → output name → value.
    public var outputs: [String: [String: JSONValue]]
    public var transcript: [TranscriptEntry]
    public var waiting: SessionWait?
    public var timerDue: Date?
    /// The flow outcome recorded by an End node.
    public var outcome: String?
    public var failureReason: String?
    /// The rendered unique identifier, when the flow guards against duplicate sessions.
    public var uniqueKey: String?
    /// The customer's address a `receive` waits on: the trigger's `from`, replaced by
    /// the `to` of each message the session sends.
    public var customer: String?
    /// Nodes executed over the session's life.
    public var steps: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// How many transcript entries are already in the database (the store appends the rest).
    public var persistedTranscriptCount: Int

    public init(id: String, flowId: String, version: Int?, state: SessionState = .running,
                currentNode: String? = nil, variables: [String: JSONValue] = [:],
                outputs: [String: [String: JSONValue]] = [:], transcript: [TranscriptEntry] = [],
                waiting: SessionWait? = nil, timerDue: Date? = nil, outcome: String? = nil,
                failureReason: String? = nil, uniqueKey: String? = nil, customer: String? = nil,
                steps: Int = 0, createdAt: Date, updatedAt: Date, persistedTranscriptCount: Int = 0) {
        self.id = id
        self.flowId = flowId
        self.version = version
        self.state = state
        self.currentNode = currentNode
        self.variables = variables
        self.outputs = outputs
        self.transcript = transcript
        self.waiting = waiting
        self.timerDue = timerDue
        self.outcome = outcome
        self.failureReason = failureReason
        self.uniqueKey = uniqueKey
        self.customer = customer
        self.steps = steps
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.persistedTranscriptCount = persistedTranscriptCount
    }

    /// Every node the session has executed or waited at, in order, without repeats.
    public var visitedNodes: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for entry in transcript {
            if let node = entry.node, seen.insert(node).inserted { out.append(node) }
        }
        return out
    }

    /// The value of a reference as the session sees it now (see `SessionValues`).
    public func value(of reference: Reference) -> JSONValue? {
        SessionValues.lookup(reference, variables: variables, outputs: outputs)
    }

    func value(of reference: Reference, system: @autoclosure () -> SystemValueContext) -> JSONValue? {
        SessionValues.lookup(reference, variables: variables, outputs: outputs,
                             system: reference.parts.first == SystemValue.head ? system() : nil)
    }
}
