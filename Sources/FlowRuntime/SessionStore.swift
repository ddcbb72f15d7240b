import FlowKit
import Foundation

/// A line a `log` node appended to a logbook.
public struct LogEntry: Codable, Equatable, Sendable {
    public var id: Int64
    public var logbook: String
    public var flowId: String
    public var sessionId: String
    public var node: String
    public var message: String
    public var time: Date

    public init(id: Int64 = 0, logbook: String, flowId: String, sessionId: String, node: String,
                message: String, time: Date) {
        self.id = id
        self.logbook = logbook
        self.flowId = flowId
        self.sessionId = sessionId
        self.node = node
        self.message = message
        self.time = time
    }
}

/// Counts of a flow's sessions: finished ones per flow outcome, and the rest.
public struct SessionStats: Codable, Equatable, Sendable {
    /// Sessions that ended `done` on an End node, per flow outcome name.
    public var outcomes: [String: Int]
    /// Sessions that ended `done` without a flow outcome (disconnect, unconnected outcome).
    public var noOutcome: Int
    public var failed: Int
    /// Running or waiting.
    public var active: Int

    public init(outcomes: [String: Int] = [:], noOutcome: Int = 0, failed: Int = 0, active: Int = 0) {
        self.outcomes = outcomes
        self.noOutcome = noOutcome
        self.failed = failed
        self.active = active
    }

    mutating func count(_ session: Session) {
        switch session.state {
        case .running, .waiting: active += 1
        case .failed: failed += 1
        case .done:
            if let outcome = session.outcome { outcomes[outcome, default: 0] += 1 } else { noOutcome += 1 }
        }
    }
}

/// Where sessions and logbooks live. `DatabaseSessionStore` keeps them in the workspace
/// database (what `serve` uses, so waiting sessions survive a restart);
/// `MemorySessionStore` keeps them in memory (test runs and the benchmark).
///
/// Calls are synchronous: the engine is an actor and must claim a session (check it is
/// waiting, mark it running) without another trigger slipping in between. A save may be
/// written later (group commit); the store's own reads see it at once, and `durable()`
/// waits until it is on disk.
public protocol SessionStore: Sendable {
    /// Inserts or updates the session and appends the transcript entries past
    /// `persistedTranscriptCount`, then advances that count.
    func save(_ session: inout Session) throws
    /// Returns once every save and log line handed over before the call is on disk.
    func durable() async throws
    /// The session with its whole transcript.
    func session(id: String) throws -> Session?
    /// The most recently updated session waiting for a message or digits on
    /// (channel, address).
    func waitingSession(channel: String, address: String) throws -> Session?
    /// An active (running or waiting) session of the flow with this unique key.
    func activeSession(flowId: String, uniqueKey: String) throws -> Session?
    /// Ids of waiting sessions whose timer is due at or before `date`, earliest first.
    func dueTimers(upTo date: Date) throws -> [String]
    func nextTimerDue() throws -> Date?
    /// Ids of sessions left `running` (a process stopped mid-activation).
    func runningSessionIDs() throws -> [String]
    /// Newest first, without transcripts. `flowId` nil: every flow.
    func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session]
    /// How the flow's sessions ended, for `GET /flows/{flow}/stats`.
    func stats(flowId: String) throws -> SessionStats
    func appendLog(_ entry: LogEntry) throws
    /// Oldest first. `logbook` nil: every logbook.
    func logs(logbook: String?) throws -> [LogEntry]
    /// How many sessions wait, per flow and version (`serve`'s /metrics).
    func waitingCounts() throws -> [WaitingCount]

    // Several processes on one database (PostgreSQL). One process needs none of this:
    // the engine is an actor, so its own checks cannot interleave.

    /// Takes a waiting session for this process before it is woken (a reply, digits, its
    /// timer): the session as it waits, or nil when it no longer waits (another process
    /// took it first). Never lets two processes take one session.
    func claimWaiting(_ session: Session) async throws -> Session?
    /// Records a new session with a unique key before it runs, so that no other process
    /// can start one with the same key (a unique index decides, not a look-up): nil when
    /// recorded, else the id of the active session that holds the key.
    func reserveUniqueKey(_ session: Session) throws -> String?
    /// True when other processes share these sessions: the timer loop then also looks
    /// for running sessions whose process died (`runningSessionIDs` takes them over).
    var sharedAcrossProcesses: Bool { get }
}

/// Sessions waiting (for a message, digits or a timer) of one flow version.
public struct WaitingCount: Equatable, Sendable {
    public var flowId: String
    public var version: Int?
    public var count: Int

    public init(flowId: String, version: Int?, count: Int) {
        self.flowId = flowId
        self.version = version
        self.count = count
    }
}

extension SessionStore {
    /// Stores that write synchronously (or keep nothing) are always durable.
    public func durable() async throws {}

    /// One process: the engine's actor already keeps a session from being woken twice.
    public func claimWaiting(_ session: Session) async throws -> Session? { session }
    /// One process: `activeSession`, checked on the actor, is the guard.
    public func reserveUniqueKey(_ session: Session) throws -> String? { nil }
    public var sharedAcrossProcesses: Bool { false }

    /// Counts the waiting sessions one by one; `DatabaseSessionStore` asks SQLite instead.
    public func waitingCounts() throws -> [WaitingCount] {
        var counts: [String: [Int?: Int]] = [:]
        for s in try sessions(flowId: nil, state: .waiting, limit: nil) { counts[s.flowId, default: [:]][s.version, default: 0] += 1 }
        return counts.flatMap { flow, versions in versions.map { WaitingCount(flowId: flow, version: $0.key, count: $0.value) } }
    }
}
