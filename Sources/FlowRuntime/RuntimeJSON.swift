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

    /// A session as a trigger's answer shows it: where it is, never its variables or
    /// outputs (the caller of a webhook is not entitled to values set at Make Live).
    public static func triggered(_ s: Session) -> JSONValue {
        ["id": .string(s.id), "flowId": .string(s.flowId),
         "version": s.version.map { .number(Double($0)) } ?? .null,
         "state": .string(s.state.rawValue),
         "currentNode": s.currentNode.map(JSONValue.string) ?? .null]
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

    /// `flowcanvas run --json`: whether it passed, each step with the transcript lines it
    /// produced, and the sessions, messages and log lines of the run.
    public static func runReport(_ r: RunReport) -> JSONValue {
        let (ok, failed) = r.expectations
        return [
            "flowId": .string(r.flowId),
            "version": r.version.map { .number(Double($0)) } ?? .null,
            "passed": .bool(r.passed),
            "expectations": ["passed": .number(Double(ok)), "failed": .number(Double(failed))],
            "steps": .array(r.steps.map { step in
                ["step": .number(Double(step.step)), "action": .string(step.action),
                 "description": .string(step.description), "ok": .bool(step.ok), "detail": .string(step.detail),
                 "transcript": .array(step.transcript.map { line in
                     var e = entry(line.entry)
                     if case .object(var o) = e { o["session"] = .string(line.session); e = .object(o) }
                     return e
                 })]
            }),
            "sessions": .array(r.sessions.map { session($0) }),
            "outbox": .array(r.outbox.map(outbox)),
            "logs": .array(r.logs.map(log)),
        ]
    }

    public static func stats(_ s: SessionStats, flowId: String) -> JSONValue {
        ["flowId": .string(flowId), "outcomes": .object(s.outcomes.mapValues { .number(Double($0)) }),
         "noOutcome": .number(Double(s.noOutcome)), "failed": .number(Double(s.failed)),
         "active": .number(Double(s.active))]
    }

    /// ISO 8601 UTC with milliseconds, `2026-01-01T00:00:00.000Z`. Written by hand:
    /// creating an `ISO8601DateFormatter` per call cost more than running a session.
    public static func time(_ date: Date) -> String {
        var millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis / 1000)
        millis -= Int64(seconds) * 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T"
            + "\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}
