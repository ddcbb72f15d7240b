import FlowKit
import Foundation
import GRDB

/// Sessions, transcripts and logbooks in the workspace database (tables created by
/// `RuntimeSchema`). Saves go through a `GroupCommitter`: queued in memory, committed in
/// batches by one writer thread, and visible to this store's reads at once (the
/// overlay). Only the new transcript entries of each save are written, so a long
/// conversation costs the same per step as a short one.
///
/// `sessions`, `stats` and `logs` read the database only: call `durable()` first to see
/// this process's latest saves (the HTTP API does).
public final class DatabaseSessionStore: SessionStore, @unchecked Sendable {
    public let writer: any DatabaseWriter
    private let committer: GroupCommitter

    /// The store on the runtime's tables of `workspace` (created on first use).
    public convenience init(workspace: Workspace) throws(WorkspaceError) {
        self.init(writer: try workspace.runtimeDatabase())
    }

    public init(writer: any DatabaseWriter) {
        self.writer = writer
        self.committer = GroupCommitter(writer: SQLiteGroupCommitWriter(writer: writer))
    }

    deinit {
        committer.stop()
    }

    public func save(_ session: inout Session) throws {
        let first = session.persistedTranscriptCount
        session.persistedTranscriptCount = session.transcript.count
        committer.enqueue(session, firstNewEntry: first)
    }

    public func durable() async throws {
        try await committer.durable()
    }

    /// Transactions committed so far, and the session rows and log lines they wrote (the
    /// group commit's batching: rows / transactions).
    public var commitCounts: (transactions: Int, rows: Int) {
        let c = committer.counts
        return (c.commits, c.rows)
    }

    /// Writes what is queued and stops the writer thread. Saving again restarts nothing:
    /// call this last (serve's shutdown).
    public func close() {
        committer.stop()
    }

    public func session(id: String) throws -> Session? {
        if let queued = committer.overlay(id) { return queued }
        return try writer.read { db in try Self.load(db, id: id) }
    }

    static func load(_ db: Database, id: String) throws -> Session? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM runtime_session WHERE id = ?"),
                                         arguments: [id]) else { return nil }
        var session = try Self.session(from: row)
        var transcript: [TranscriptEntry] = []
        for chunk in try String.fetchAll(db.cachedStatement(sql: """
            SELECT entries FROM runtime_transcript WHERE session_id = ? ORDER BY seq
            """), arguments: [id]) {
            transcript += try TranscriptColumn.decode(chunk)
        }
        session.transcript = transcript
        session.persistedTranscriptCount = transcript.count
        return session
    }

    /// The newest candidate of the overlay and the database (`GroupCommitter.newest`).
    /// `query` returns (id, updated_at) rows of matching sessions.
    private func newest(matching: (Session) -> Bool, query: String, _ arguments: StatementArguments) throws -> Session? {
        try committer.newest(matching: matching, inDatabase: {
            try writer.read { db in
                try Row.fetchAll(db.cachedStatement(sql: query), arguments: arguments).map { (id: $0[0], updated: $0[1]) }
            }
        }, load: session(id:))
    }

    public func waitingSession(channel: String, address: String) throws -> Session? {
        try newest(matching: { s in
            s.state == .waiting && s.waiting?.channel == channel && s.waiting?.address == address
                && (s.waiting?.kind == .message || s.waiting?.kind == .digits)
        }, query: """
            SELECT id, updated_at FROM runtime_session
            WHERE state = 'waiting' AND waiting_channel = ? AND waiting_address = ?
                AND waiting_kind IN ('message', 'digits')
            """, [channel, address])
    }

    public func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
        try newest(matching: { s in s.flowId == flowId && s.uniqueKey == uniqueKey && s.state.isActive }, query: """
            SELECT id, updated_at FROM runtime_session
            WHERE flow_id = ? AND unique_key = ? AND state IN ('running', 'waiting')
            """, [flowId, uniqueKey])
    }

    public func dueTimers(upTo date: Date) throws -> [String] {
        try committer.ordered(queued: { s in
            guard s.state == .waiting, let t = s.timerDue, t <= date else { return nil }
            return t.timeIntervalSince1970
        }, inDatabase: {
            try writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT timer_due, id FROM runtime_session
                    WHERE state = 'waiting' AND timer_due IS NOT NULL AND timer_due <= ?
                    """, arguments: [date.timeIntervalSince1970]).map { (key: $0[0], id: $0[1]) }
            }
        })
    }

    public func nextTimerDue() throws -> Date? {
        let overlay = committer.overlaySessions()
        var next = overlay.values.compactMap { $0.state == .waiting ? $0.timerDue?.timeIntervalSince1970 : nil }.min()
        try writer.read { db in
            // Earliest first; skip sessions whose queued state supersedes the row.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT timer_due, id FROM runtime_session
                WHERE state = 'waiting' AND timer_due IS NOT NULL ORDER BY timer_due
                """)
            while let row = try cursor.next() {
                if overlay[row[1] as String] != nil { continue }
                let t: Double = row[0]
                next = min(next ?? t, t)
                break
            }
        }
        return next.map(Date.init(timeIntervalSince1970:))
    }

    public func runningSessionIDs() throws -> [String] {
        try committer.ordered(queued: { $0.state == .running ? $0.createdAt.timeIntervalSince1970 : nil }, inDatabase: {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT created_at, id FROM runtime_session WHERE state = 'running'")
                    .map { (key: $0[0], id: $0[1]) }
            }
        })
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

    /// Reads the database only (as `stats`): call `durable()` first.
    public func waitingCounts() throws -> [WaitingCount] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT flow_id, version, COUNT(*) AS n FROM runtime_session WHERE state = 'waiting' GROUP BY flow_id, version
                """).map { WaitingCount(flowId: $0["flow_id"], version: $0["version"], count: $0["n"]) }
        }
    }

    public func appendLog(_ entry: LogEntry) throws {
        committer.enqueue(entry)
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
public enum JSONColumns {
    public static func encode(_ value: JSONValue) -> String {
        CanonicalJSON.encode(value, indent: false)
    }

    public static func decode(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    /// Parses text as JSON if it is JSON (objects, arrays, strings, numbers…), else nil.
    static func parse(_ text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        return try? JSONParser.parse(trimmed)
    }

    static func parse(_ data: Data) -> JSONValue? {
        guard !data.isEmpty else { return nil }
        return try? JSONParser.parse(data)
    }
}
