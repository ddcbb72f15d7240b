import FlowKit
import FlowRuntime
import Foundation

/// The runtime CLI's human-readable outputs (`sessions`, `session`, `outbox`, `logs`).
/// Plain text, no colour; times in UTC like the JSON, so lines from `serve`'s log, the
/// CLI and the API can be matched.
public enum RuntimeText {
    public static func sessions(_ list: [Session], flowName: String) -> String {
        if list.isEmpty { return "No sessions of '\(flowName)' yet.\n" }
        let rows = list.map { s in
            [s.id, s.version.map { "v\($0)" } ?? "draft", s.state.rawValue, s.currentNode ?? "-",
             s.outcome ?? (s.state == .failed ? "(failed)" : "-"), RuntimeJSON.time(s.createdAt),
             RuntimeJSON.time(s.updatedAt)]
        }
        return table(header: ["SESSION", "VERSION", "STATE", "NODE", "OUTCOME", "STARTED", "UPDATED"], rows: rows)
    }

    public static func session(_ s: Session) -> String {
        var out = "Session \(s.id)\n"
        var rows: [[String]] = [
            ["flow", s.flowId],
            ["version", s.version.map(String.init) ?? "draft"],
            ["state", s.state.rawValue],
            ["node", s.currentNode ?? "-"],
        ]
        if let o = s.outcome { rows.append(["outcome", o]) }
        if let f = s.failureReason { rows.append(["failure", f]) }
        if let w = s.waiting {
            var what = w.kind.rawValue
            if let c = w.channel { what += " on \(c)" }
            if let a = w.address { what += " from \(a)" }
            rows.append(["waiting", what])
        }
        if let t = s.timerDue { rows.append(["timer", RuntimeJSON.time(t)]) }
        if let c = s.customer { rows.append(["customer", c]) }
        rows.append(["started", RuntimeJSON.time(s.createdAt)])
        rows.append(["updated", RuntimeJSON.time(s.updatedAt)])
        out += table(header: nil, rows: rows, indent: "  ")
        if !s.variables.isEmpty {
            out += "Variables:\n"
            out += table(header: nil, rows: s.variables.keys.sorted().map { [$0, FlowEngine.describe(s.variables[$0]!)] },
                         indent: "  ")
        }
        out += "Transcript:\n"
        out += table(header: nil, rows: s.transcript.map { e in
            [RuntimeJSON.time(e.time), e.node ?? "-", e.kind.rawValue, e.text]
        }, indent: "  ")
        return out
    }

    public static func outbox(_ messages: [OutboxMessage]) -> String {
        if messages.isEmpty { return "The outbox is empty.\n" }
        return table(header: ["ID", "TIME", "CHANNEL", "FROM", "TO", "SESSION", "MESSAGE"], rows: messages.map { m in
            [String(m.id), RuntimeJSON.time(m.time), m.channel, m.from.isEmpty ? "-" : m.from, m.to, m.sessionId,
             m.message]
        })
    }

    public static func logs(_ entries: [LogEntry], logbook: String) -> String {
        if entries.isEmpty { return "No entries in logbook '\(logbook)'.\n" }
        return table(header: ["TIME", "FLOW", "SESSION", "NODE", "MESSAGE"], rows: entries.map { e in
            [RuntimeJSON.time(e.time), e.flowId, e.sessionId, e.node, e.message]
        })
    }

    static func table(header: [String]?, rows: [[String]], indent: String = "") -> String {
        CLIText.table(header: header, rows: rows, indent: indent)
    }
}
