/// Values every session has without a node or a variable setting them, read as
/// `$(system.NAME)` (DESIGN §10). One list: the validator accepts these names, completion
/// offers them and the runtime resolves them, so none can be offered that does not run.
/// A node whose id is `system` keeps its own outputs: `$(system.X)` then names them.
public enum SystemValue: String, CaseIterable, Sendable {
    case sessionId
    case flowId
    case flowName
    case flowVersion
    case customer
    case now
    case timestamp

    /// The reference's head: `$(system.sessionId)`.
    public static let head = "system"

    /// What goes between `$(` and `)`.
    public var reference: String { "\(Self.head).\(rawValue)" }

    public var meaning: String {
        switch self {
        case .sessionId: return "the session's id"
        case .flowId: return "the flow's id"
        case .flowName: return "the flow's name"
        case .flowVersion: return "the version the session runs (\"draft\" in a test run of the draft)"
        case .customer: return "the customer's address: the trigger's sender, then the last `to` a message went to"
        case .now: return "the time of the step, ISO 8601 UTC (the virtual clock in a test run)"
        case .timestamp: return "the time of the step in Unix seconds"
        }
    }

    public var example: String {
        switch self {
        case .sessionId: return "0196f3c2-7a41-7d3e-9b8a-2c5e1f0a6d42"
        case .flowId: return "order-status"
        case .flowName: return "Order status"
        case .flowVersion: return "3"
        case .customer: return "+15550123"
        case .now: return "2026-11-28T21:54:41.663Z"
        case .timestamp: return "1795902881"
        }
    }

    /// The system value `parts` name (`["system", "now"]`), if any.
    public static func named(_ parts: [String]) -> SystemValue? {
        guard parts.count == 2, parts[0] == head else { return nil }
        return SystemValue(rawValue: parts[1])
    }
}
