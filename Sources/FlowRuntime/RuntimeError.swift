import Foundation
import FlowKit

/// Why the runtime refused or could not do something. Each case maps to the HTTP status
/// `serve` answers with (DESIGN §11) and reads as one line a person understands.
public enum RuntimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flow is paused: it starts no new sessions. (409)
    case flowPaused(flowId: String, name: String)
    /// The duplicate-session guard found an active session with the same identifier. (409)
    case duplicateSession(flowId: String, key: String, existingSession: String)
    /// No live flow answers this trigger. (404)
    case noMatchingFlow(String)
    /// No session with this id. (404)
    case unknownSession(String)
    /// The session exists but is not waiting for what was delivered. (409)
    case sessionNotWaiting(String)
    /// The flow version a session is pinned to is gone. (404)
    case flowVersionMissing(flowId: String, version: Int?)
    /// The flow cannot run at all (no Start node…). (400)
    case invalidFlow(String)
    /// The request itself is wrong (a bad script step, a bad payload). (400)
    case badRequest(String)
    /// The database failed. (500)
    case storage(String)
    /// The database server cannot be reached now; try again later. (503)
    case databaseUnavailable(String)
    /// A webhook Start with a signing secret got no valid `X-FlowCanvas-Signature`. (401)
    case badSignature(String)

    /// A store's error as the runtime reports it: 503 when the database server is
    /// unreachable (it passes), else 500.
    /// The database could not be read or written (`storage`, `databaseUnavailable`).
    public var isStorageFailure: Bool {
        switch self {
        case .storage, .databaseUnavailable: return true
        default: return false
        }
    }

    public static func database(_ error: any Error) -> RuntimeError {
        if let runtime = error as? RuntimeError { return runtime }
        if let workspace = error as? WorkspaceError, workspace.isUnreachable {
            return .databaseUnavailable(workspace.message)
        }
        return .storage(String(describing: error))
    }

    public var httpStatus: Int {
        switch self {
        case .flowPaused, .duplicateSession, .sessionNotWaiting: return 409
        case .noMatchingFlow, .unknownSession, .flowVersionMissing: return 404
        case .invalidFlow, .badRequest: return 400
        case .storage: return 500
        case .databaseUnavailable: return 503
        case .badSignature: return 401
        }
    }

    public var description: String {
        switch self {
        case .flowPaused(_, let name):
            return "flow '\(name)' is paused: it starts no new sessions"
        case .duplicateSession(_, let key, let existing):
            return "a session with identifier '\(key)' is already active (session \(existing))"
        case .noMatchingFlow(let what):
            return "no live flow answers \(what)"
        case .unknownSession(let id):
            return "no session '\(id)'"
        case .sessionNotWaiting(let id):
            return "session '\(id)' is not waiting for that"
        case .flowVersionMissing(let flowId, let version):
            return "flow '\(flowId)' version \(version.map(String.init) ?? "draft") no longer exists"
        case .invalidFlow(let why):
            return "the flow cannot run: \(why)"
        case .badRequest(let why):
            return why
        case .storage(let why):
            return "the session database failed: \(why)"
        case .databaseUnavailable(let why):
            return "\(why); try again shortly"
        case .badSignature(let why):
            return why
        }
    }
}
