import FlowKit
import Foundation

/// The JSON shapes the runtime shows (`GET /sessions/{id}`, `session ID --json`,
/// `sessions FLOW --json`, `outbox --json`, `logs --json`). Times are ISO 8601 UTC.
public enum RuntimeJSON {
    public static func session(_ s: Session, transcript: Bool = true) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(s.id),
            "flowId": .string(s.flowId),
            "version": s.version.map { .number(Double($0)) } ?? .null,
            "state": .string(s.state.rawValue),
            "currentNode": s.currentNode.map(JSONValue.string) ?? .null,
            "variables": .object(s.variables),
            "outputs": .object(s.outputs.mapValues { .object($0) }),
            "outcome": s.outcome.map(JSONValue.string) ?? .null,
            "failure": s.failureReason.map(JSONValue.string) ?? .null,
            "waiting": s.waiting.map { w in
                .object(["kind": .string(w.kind.rawValue),
                         "channel": w.channel.map(JSONValue.string) ?? .null,
                         "address": w.address.map(JSONValue.string) ?? .null])
            } ?? .null,
            "timerDue": s.timerDue.map { .string(time($0)) } ?? .null,
            "steps": .number(Double(s.steps)),
            "createdAt": .string(time(s.createdAt)),
            "updatedAt": .string(time(s.updatedAt)),
        ]
        if transcript { o["transcript"] = .array(s.transcript.map(entry)) }
        return .object(o)
    }

    public static func entry(_ e: TranscriptEntry) -> JSONValue {
        ["time": .string(time(e.time)), "node": e.node.map(JSONValue.string) ?? .null,
         "kind": .string(e.kind.rawValue), "text": .string(e.text)]
    }

    public static func outbox(_ m: OutboxMessage) -> JSONValue {
        ["id": .number(Double(m.id)), "sessionId": .string(m.sessionId), "flowId": .string(m.flowId),
         "app": .string(m.app), "channel": .string(m.channel), "to": .string(m.to), "from": .string(m.from),
         "message": .string(m.message), "time": .string(time(m.time))]
    }

    public static func log(_ l: LogEntry) -> JSONValue {
        ["id": .number(Double(l.id)), "logbook": .string(l.logbook), "flowId": .string(l.flowId),
         "sessionId": .string(l.sessionId), "node": .string(l.node), "message": .string(l.message),
         "time": .string(time(l.time))]
    }

    public static func stats(_ s: SessionStats, flowId: String) -> JSONValue {
        ["flowId": .string(flowId), "outcomes": .object(s.outcomes.mapValues { .number(Double($0)) }),
         "noOutcome": .number(Double(s.noOutcome)), "failed": .number(Double(s.failed)),
         "active": .number(Double(s.active))]
    }

    public static func time(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}
