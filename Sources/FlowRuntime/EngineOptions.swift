import Foundation

/// How sessions get their ids: time-ordered UUIDs (anything persistent, see `SessionID`)
/// or a readable sequence `s1`, `s2`… (test runs, benchmark — never mixed with a database).
public enum SessionIDStyle: Sendable {
    case uuid
    case sequential(prefix: String)
}

/// Something that happened to a session, for `serve`'s one log line per event.
public struct SessionEvent: Sendable {
    public enum Kind: String, Sendable {
        case started, waiting, resumed, done, failed
    }
    public var kind: Kind
    public var sessionId: String
    public var flowId: String
    public var version: Int?
    public var node: String?
    public var detail: String
}

public struct EngineOptions: Sendable {
    /// Node executions allowed in one activation (from a trigger, reply or timer until
    /// the session waits or ends). A flow that loops without waiting fails instead of
    /// spinning forever.
    public var stepBudget: Int
    /// true (default, `serve`): before every node that reaches outside the process
    /// (http-request, send) the session is on disk at that node, so a restart resumes it
    /// there and the call is made at least once, never lost. false ("checkpoint" mode):
    /// the session is saved when it parks or ends (and before such nodes, so other
    /// triggers see it) without waiting for the disk. Test runs and the benchmark use
    /// false; with a `MemorySessionStore` nothing touches SQLite at all.
    public var persistEveryStep: Bool
    public var sessionIDs: SessionIDStyle
    /// true (default): a trigger, reply or timer is answered only once the sessions it
    /// touched are on disk (`SessionStore.durable()`), finished ones included: what
    /// `serve` acknowledged survives a crash. The group commit shares that wait among
    /// every concurrent request. false: answer at once; a crash within the commit
    /// interval (a few ms) may lose the record of sessions already answered.
    public var acknowledgeDurably: Bool
    /// Called for every session event; must be quick (it runs on the engine).
    public var onEvent: (@Sendable (SessionEvent) -> Void)?

    public init(stepBudget: Int = 10_000, persistEveryStep: Bool = true, sessionIDs: SessionIDStyle = .uuid,
                acknowledgeDurably: Bool = true, onEvent: (@Sendable (SessionEvent) -> Void)? = nil) {
        self.stepBudget = stepBudget
        self.persistEveryStep = persistEveryStep
        self.sessionIDs = sessionIDs
        self.acknowledgeDurably = acknowledgeDurably
        self.onEvent = onEvent
    }
}
