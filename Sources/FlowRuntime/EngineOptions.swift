import Foundation

/// How sessions get their ids: random UUIDs (anything persistent) or a readable
/// sequence `s1`, `s2`… (test runs, benchmark — never mixed with a database).
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
    /// true (default, `serve`): the session is saved after every node, so a restart
    /// resumes it from the node it was about to run. false ("checkpoint" mode): saved
    /// when it starts, when it wakes, and when it parks or ends — never between two
    /// nodes. Test runs and the benchmark use false; with a `MemorySessionStore`
    /// nothing touches SQLite at all.
    public var persistEveryStep: Bool
    public var sessionIDs: SessionIDStyle
    /// Called for every session event; must be quick (it runs on the engine).
    public var onEvent: (@Sendable (SessionEvent) -> Void)?

    public init(stepBudget: Int = 10_000, persistEveryStep: Bool = true, sessionIDs: SessionIDStyle = .uuid,
                onEvent: (@Sendable (SessionEvent) -> Void)? = nil) {
        self.stepBudget = stepBudget
        self.persistEveryStep = persistEveryStep
        self.sessionIDs = sessionIDs
        self.onEvent = onEvent
    }
}
