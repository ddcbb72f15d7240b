import FlowKit
import Foundation
import GRDB

/// Sessions, transcripts and logbooks in the workspace database (tables created by
/// `RuntimeSchema`). One write transaction per save: the session row is upserted and
/// only the new transcript entries are inserted, so a long conversation costs the same
/// per step as a short one.
public final class DatabaseSessionStore: SessionStore {
    public let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func save(_ session: inout Session) throws {
        let s = session
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO runtime_session (id, flow_id, version, state, current_node, variables, outputs,
                    waiting_kind, waiting_channel, waiting_address, timer_due, outcome, failure, unique_key,
                    customer, steps, transcript_count, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    state = excluded.state, current_node = excluded.current_node,
                    variables = excluded.variables, outputs = excluded.outputs,
                    waiting_kind = excluded.waiting_kind, waiting_channel = excluded.waiting_channel,
                    waiting_address = excluded.waiting_address, timer_due = excluded.timer_due,
                    outcome = excluded.outcome, failure = excluded.failure, unique_key = excluded.unique_key,
                    customer = excluded.customer, steps = excluded.steps,
                    transcript_count = excluded.transcript_count, updated_at = excluded.updated_at
                """, arguments: [
                    s.id, s.flowId, s.version, s.state.rawValue, s.currentNode,
                    JSONColumns.encode(.object(s.variables)),
                    JSONColumns.encode(.object(s.outputs.mapValues { .object($0) })),
                    s.waiting?.kind.rawValue, s.waiting?.channel, s.waiting?.address,
                    s.timerDue?.timeIntervalSince1970, s.outcome, s.failureReason, s.uniqueKey,
                    s.customer, s.steps, s.transcript.count,
                    s.createdAt.timeIntervalSince1970, s.updatedAt.timeIntervalSince1970,
                ])
            if s.persistedTranscriptCount < s.transcript.count {
                let insert = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO runtime_transcript (session_id, seq, time, node, kind, text)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for seq in s.persistedTranscriptCount..<s.transcript.count {
                    let e = s.transcript[seq]
                    try insert.execute(arguments: [s.id, seq, e.time.timeIntervalSince1970, e.node,
                                                   e.kind.rawValue, e.text])
                }
            }
        }
        session.persistedTranscriptCount = session.transcript.count
    }

    public func session(id: String) throws -> Session? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runtime_session WHERE id = ?",
                                             arguments: [id]) else { return nil }
            var session = try Self.session(from: row)
            session.transcript = try Row.fetchAll(db, sql: """
                SELECT time, node, kind, text FROM runtime_transcript WHERE session_id = ? ORDER BY seq
                """, arguments: [id]).map { r in
                TranscriptEntry(time: Date(timeIntervalSince1970: r["time"]), node: r["node"],
                                kind: TranscriptEntry.Kind(rawValue: r["kind"]) ?? .info, text: r["text"])
            }
            session.persistedTranscriptCount = session.transcript.count
            return session
        }
    }

    public func waitingSession(channel: String, address: String) throws -> Session? {
        let id = try writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM runtime_session
                WHERE state = 'waiting' AND waiting_channel = ? AND waiting_address = ?
                    AND waiting_kind IN ('message', 'digits')
                ORDER BY updated_at DESC, id DESC LIMIT 1
                """, arguments: [channel, address])
        }
        return try id.flatMap { try session(id: $0) }
    }

    public func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
        let id = try writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM runtime_session
                WHERE flow_id = ? AND unique_key = ? AND state IN ('running', 'waiting') LIMIT 1
                """, arguments: [flowId, uniqueKey])
        }
        return try id.flatMap { try session(id: $0) }
    }

    public func dueTimers(upTo date: Date) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM runtime_session
                WHERE timer_due IS NOT NULL AND timer_due <= ? AND state = 'waiting'
                ORDER BY timer_due, id
                """, arguments: [date.timeIntervalSince1970])
        }
    }

    public func nextTimerDue() throws -> Date? {
        try writer.read { db in
            try Double.fetchOne(db, sql: """
                SELECT MIN(timer_due) FROM runtime_session WHERE timer_due IS NOT NULL AND state = 'waiting'
                """).map { Date(timeIntervalSince1970: $0) }
        }
    }

    public func runningSessionIDs() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM runtime_session WHERE state = 'running' ORDER BY created_at, id")
        }
    }

    public func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session] {
        try writer.read { db in
            var sql = "SELECT * FROM runtime_session WHERE 1"
            var args: StatementArguments = []
            if let flowId { sql += " AND flow_id = ?"; args += [flowId] }
            if let state { sql += " AND state = ?"; args += [state.rawValue] }
            sql += " ORDER BY created_at DESC, rowid DESC"
            if let limit { sql += " LIMIT ?"; args += [limit] }
            return try Row.fetchAll(db, sql: sql, arguments: args).map(Self.session(from:))
        }
    }

    public func stats(flowId: String) throws -> SessionStats {
        try writer.read { db in
            var stats = SessionStats()
            for row in try Row.fetchAll(db, sql: """
                SELECT state, outcome, COUNT(*) AS n FROM runtime_session WHERE flow_id = ? GROUP BY state, outcome
                """, arguments: [flowId]) {
                let n: Int = row["n"]
                switch SessionState(rawValue: row["state"]) {
                case .running, .waiting: stats.active += n
                case .failed: stats.failed += n
                case .done:
                    if let outcome: String = row["outcome"] { stats.outcomes[outcome, default: 0] += n }
                    else { stats.noOutcome += n }
                case nil: break
                }
            }
            return stats
        }
    }

    public func appendLog(_ entry: LogEntry) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO runtime_log (logbook, flow_id, session_id, node, message, time) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [entry.logbook, entry.flowId, entry.sessionId, entry.node, entry.message,
                                 entry.time.timeIntervalSince1970])
        }
    }

    public func logs(logbook: String?) throws -> [LogEntry] {
        try writer.read { db in
            var sql = "SELECT * FROM runtime_log"
            var args: StatementArguments = []
            if let logbook { sql += " WHERE logbook = ?"; args += [logbook] }
            sql += " ORDER BY id"
            return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                LogEntry(id: r["id"], logbook: r["logbook"], flowId: r["flow_id"] ?? "",
                         sessionId: r["session_id"] ?? "", node: r["node"] ?? "", message: r["message"],
                         time: Date(timeIntervalSince1970: r["time"]))
            }
        }
    }

    static func session(from row: Row) throws -> Session {
        let variables = try JSONColumns.decode(row["variables"] as String).objectValue ?? [:]
        let outputs = (try JSONColumns.decode(row["outputs"] as String).objectValue ?? [:])
            .mapValues { $0.objectValue ?? [:] }
        let waiting: SessionWait? = (row["waiting_kind"] as String?)
            .flatMap(SessionWait.Kind.init(rawValue:))
            .map { SessionWait(kind: $0, channel: row["waiting_channel"], address: row["waiting_address"]) }
        return Session(
            id: row["id"], flowId: row["flow_id"], version: row["version"],
            state: SessionState(rawValue: row["state"]) ?? .failed,
            currentNode: row["current_node"], variables: variables, outputs: outputs, transcript: [],
            waiting: waiting, timerDue: (row["timer_due"] as Double?).map(Date.init(timeIntervalSince1970:)),
            outcome: row["outcome"], failureReason: row["failure"], uniqueKey: row["unique_key"],
            customer: row["customer"], steps: row["steps"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            persistedTranscriptCount: row["transcript_count"])
    }
}

/// Compact JSON for the database's JSON columns.
enum JSONColumns {
    static func encode(_ value: JSONValue) -> String {
        CanonicalJSON.encode(value, indent: false)
    }

    static func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Parses text as JSON if it is JSON (objects, arrays, strings, numbers…), else nil.
    static func parse(_ text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
    }

    static func parse(_ data: Data) -> JSONValue? {
        guard !data.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
