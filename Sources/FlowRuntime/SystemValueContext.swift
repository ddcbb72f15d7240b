import FlowKit
import Foundation

/// What `$(system.NAME)` reads at one step of one session (`SystemValue`, DESIGN §10).
struct SystemValueContext {
    var session: Session
    var flowName: String
    var now: Date

    func value(_ v: SystemValue) -> JSONValue {
        switch v {
        case .sessionId: return .string(session.id)
        case .flowId: return .string(session.flowId)
        case .flowName: return .string(flowName)
        case .flowVersion: return session.version.map { .number(Double($0)) } ?? .string("draft")
        case .customer: return .string(session.customer ?? "")
        case .now: return .string(RuntimeJSON.time(now))
        case .timestamp: return .number(now.timeIntervalSince1970.rounded(.down))
        }
    }

}
