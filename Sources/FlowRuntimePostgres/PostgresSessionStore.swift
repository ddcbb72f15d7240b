import FlowKit
import FlowRuntime
import FlowStorePostgres
import Foundation
import PostgresNIO

/// Sessions, transcripts and logbooks in the workspace's PostgreSQL database (tables of
/// migration `v5-runtime`), shared by every `serve` process on that database.
///
/// Saves go through the same group commit as on SQLite (`GroupCommitter`), written by
/// `PostgresGroupCommitWriter` on a connection of its own; reads look at this process's
/// queued saves (the overlay) first, then the database.
///
/// Several processes: each is an *owner* (`PostgresRuntimeOwner`). Waking a waiting
/// session first claims it with one conditional UPDATE (`FOR UPDATE SKIP LOCKED` on the
/// row, `state = 'waiting'` → `running`, owner = this process), so a session never runs in
/// two processes; a save only overwrites a row this process owns (a late write of a
/// process that lost its session is dropped). A new session with a unique key is
/// inserted at once, and the unique index `runtime_session_unique` refuses a second one.
public final class PostgresSessionStore: SessionStore, @unchecked Sendable {
    let queries: PostgresRuntimeConnection
    let owner: PostgresRuntimeOwner
    private let committer: GroupCommitter

    init(queries: PostgresRuntimeConnection, writer: PostgresRuntimeConnection, owner: PostgresRuntimeOwner) {
        self.queries = queries
        self.owner = owner
        self.committer = GroupCommitter(writer: PostgresGroupCommitWriter(connection: writer, owner: owner.number))
    }

    public var sharedAcrossProcesses: Bool { true }

    public func save(_ session: inout Session) throws {
        let first = session.persistedTranscriptCount
        session.persistedTranscriptCount = session.transcript.count
        committer.enqueue(session, firstNewEntry: first)
    }

    public func durable() async throws {
        try await committer.durable()
    }

    public var commitCounts: (transactions: Int, rows: Int) {
        let c = committer.counts
        return (c.commits, c.rows)
    }

    public func close() {
        committer.stop()
    }

    // MARK: Reads

    static let sessionColumns = """
        id, flow_id, version, state, current_node, variables, outputs, waiting_kind, waiting_channel,
        waiting_address, timer_due, outcome, failure, unique_key, customer, steps, transcript_count,
        created_at, updated_at
        """

    public func session(id: String) throws -> Session? {
        if let queued = committer.overlay(id) { return queued }
        guard let row = try queries.rows("SELECT \(unescaped: Self.sessionColumns) FROM runtime_session WHERE id = \(id)").first
        else { return nil }
        return try withTranscript(try Self.session(from: row))
    }

    private func withTranscript(_ row: Session) throws -> Session {
        var session = row
        var transcript: [TranscriptEntry] = []
        for chunk in try queries.rows("SELECT entries FROM runtime_transcript WHERE session_id = \(session.id) ORDER BY seq") {
            transcript += try TranscriptColumn.decode(try chunk.decode(String.self))
        }
        session.transcript = transcript
        session.persistedTranscriptCount = transcript.count
        return session
    }

    /// The newest candidate of the overlay and the database (`GroupCommitter.newest`).
    /// `query` returns (id, updated_at) rows of matching sessions.
    private func newest(matching: (Session) -> Bool, query: PostgresQuery) throws -> Session? {
        try committer.newest(matching: matching, inDatabase: {
            try queries.rows(query).map { row in
                let (id, updated) = try row.decode((String, Double).self)
                return (id: id, updated: updated)
            }
        }, load: session(id:))
    }

    public func waitingSession(channel: String, address: String) throws -> Session? {
        try newest(matching: { s in
            s.state == .waiting && s.waiting?.channel == channel && s.waiting?.address == address
                && (s.waiting?.kind == .message || s.waiting?.kind == .digits)
        }, query: """
            SELECT id, updated_at FROM runtime_session
            WHERE state = 'waiting' AND waiting_channel = \(channel) AND waiting_address = \(address)
                AND waiting_kind IN ('message', 'digits')
            """)
    }

    public func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
        try newest(matching: { s in s.flowId == flowId && s.uniqueKey == uniqueKey && s.state.isActive }, query: """
            SELECT id, updated_at FROM runtime_session
            WHERE flow_id = \(flowId) AND unique_key = \(uniqueKey) AND state IN ('running', 'waiting')
            """)
    }

    public func dueTimers(upTo date: Date) throws -> [String] {
        try committer.ordered(queued: { s in
            guard s.state == .waiting, let t = s.timerDue, t <= date else { return nil }
            return t.timeIntervalSince1970
        }, inDatabase: {
            try queries.rows("""
                SELECT timer_due, id FROM runtime_session
                WHERE state = 'waiting' AND timer_due IS NOT NULL AND timer_due <= \(date.timeIntervalSince1970)
                ORDER BY timer_due LIMIT 1000
                """).map { row in
                let (t, id) = try row.decode((Double, String).self)
                return (key: t, id: id)
            }
        })
    }

    public func nextTimerDue() throws -> Date? {
        let overlay = committer.overlaySessions()
        var next = overlay.values.compactMap { $0.state == .waiting ? $0.timerDue?.timeIntervalSince1970 : nil }.min()
        // The earliest few: one of them may be superseded by a queued save.
        for row in try queries.rows("""
            SELECT timer_due, id FROM runtime_session
            WHERE state = 'waiting' AND timer_due IS NOT NULL ORDER BY timer_due LIMIT \(overlay.count + 1)
            """) {
            let (t, id) = try row.decode((Double, String).self)
            if overlay[id] != nil { continue }
            next = min(next ?? t, t)
            break
        }
        return next.map(Date.init(timeIntervalSince1970:))
    }

    /// Running sessions this process owns, and those whose owner died (its advisory
    /// lock is gone), which this call takes over (owner = this process). `FOR UPDATE
    /// SKIP LOCKED`: two survivors never take the same session. Right after this process
    /// got its own lock back from a dropped connection, only its own: the other owners may
    /// not be back yet (`PostgresRuntimeOwner.mayTakeOverOrphans`).
    public func runningSessionIDs() throws -> [String] {
        let me = owner.number
        let own: PostgresQuery = "SELECT created_at, id FROM runtime_session WHERE state = 'running' AND owner = \(me)"
        let query: PostgresQuery = !owner.mayTakeOverOrphans ? own : """
            WITH orphans AS (
                SELECT id FROM runtime_session
                WHERE state = 'running' AND (owner IS NULL OR owner NOT IN (\(unescaped: PostgresRuntimeOwner.liveOwnersSQL)))
                FOR UPDATE SKIP LOCKED
            ), taken AS (
                UPDATE runtime_session s SET owner = \(me) FROM orphans WHERE s.id = orphans.id
                RETURNING s.created_at, s.id
            )
            SELECT created_at, id FROM taken
            UNION ALL
            SELECT created_at, id FROM runtime_session WHERE state = 'running' AND owner = \(me)
            """
        return try committer.ordered(queued: { $0.state == .running ? $0.createdAt.timeIntervalSince1970 : nil }, inDatabase: {
            try queries.rows(query).map { row in
                let (t, id) = try row.decode((Double, String).self)
                return (key: t, id: id)
            }
        })
    }

    public func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session] {
        var sql = "SELECT \(Self.sessionColumns) FROM runtime_session WHERE true"
        var bindings = PostgresBindings()
        if let flowId { bindings.append(flowId); sql += " AND flow_id = $\(bindings.count)" }
        if let state { bindings.append(state.rawValue); sql += " AND state = $\(bindings.count)" }
        sql += " ORDER BY created_at DESC, id DESC"
        if let limit { bindings.append(limit); sql += " LIMIT $\(bindings.count)" }
        return try queries.rows(PostgresQuery(unsafeSQL: sql, binds: bindings)).map(Self.session(from:))
    }

    public func stats(flowId: String) throws -> SessionStats {
        var stats = SessionStats()
        for row in try queries.rows("""
            SELECT state, outcome, COUNT(*) FROM runtime_session WHERE flow_id = \(flowId) GROUP BY state, outcome
            """) {
            let (state, outcome, n) = try row.decode((String, String?, Int).self)
            switch SessionState(rawValue: state) {
            case .running, .waiting: stats.active += n
            case .failed: stats.failed += n
            case .done:
                if let outcome { stats.outcomes[outcome, default: 0] += n } else { stats.noOutcome += n }
            case nil: break
            }
        }
        return stats
    }

    public func waitingCounts() throws -> [WaitingCount] {
        try queries.rows("""
            SELECT flow_id, version, COUNT(*) FROM runtime_session WHERE state = 'waiting' GROUP BY flow_id, version
            """).map { row in
            let (flow, version, n) = try row.decode((String, Int?, Int).self)
            return WaitingCount(flowId: flow, version: version, count: n)
        }
    }

    public func appendLog(_ entry: LogEntry) throws {
        committer.enqueue(entry)
    }

    public func logs(logbook: String?) throws -> [LogEntry] {
        let query: PostgresQuery = logbook.map { book in
            "SELECT id, logbook, flow_id, session_id, node, message, time FROM runtime_log WHERE logbook = \(book) ORDER BY id"
        } ?? "SELECT id, logbook, flow_id, session_id, node, message, time FROM runtime_log ORDER BY id"
        return try queries.rows(query).map { row in
            let (id, book, flow, session, node, message, time) =
                try row.decode((Int64, String, String?, String?, String?, String, Double).self)
            return LogEntry(id: id, logbook: book, flowId: flow ?? "", sessionId: session ?? "", node: node ?? "",
                            message: message, time: Date(timeIntervalSince1970: time))
        }
    }

    // MARK: Several processes

    /// Claims the row, then loads the session as it waits. A session with saves of this
    /// process still queued is made durable first, so the claim sees its newest state
    /// and no queued older state can overwrite the claim afterwards.
    public func claimWaiting(_ session: Session) async throws -> Session? {
        if committer.overlay(session.id) != nil { try await committer.durable() }
        let claimed = try await queries.rows("""
            UPDATE runtime_session s SET state = 'running', owner = \(owner.number)
            FROM (SELECT id FROM runtime_session WHERE id = \(session.id) AND state = 'waiting'
                  FOR UPDATE SKIP LOCKED) c
            WHERE s.id = c.id
            RETURNING \(unescaped: Self.sessionColumns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            """)
        guard let row = claimed.first else { return nil }
        var waiting = try withTranscript(try Self.session(from: row))
        waiting.state = .waiting
        return waiting
    }

    /// Inserts the new session's row now (running, owned here); the unique index refuses
    /// it when an active session of the flow has the key. Returns that session's id then.
    public func reserveUniqueKey(_ session: Session) throws -> String? {
        let s = session
        let inserted = try queries.rows("""
            INSERT INTO runtime_session (id, flow_id, version, state, current_node, unique_key, customer,
                created_at, updated_at, owner)
            VALUES (\(s.id), \(s.flowId), \(s.version), 'running', \(s.currentNode), \(s.uniqueKey), \(s.customer),
                \(s.createdAt.timeIntervalSince1970), \(s.updatedAt.timeIntervalSince1970), \(owner.number))
            ON CONFLICT DO NOTHING RETURNING id
            """)
        if !inserted.isEmpty { return nil }
        let holder = try queries.rows("""
            SELECT id FROM runtime_session
            WHERE flow_id = \(s.flowId) AND unique_key = \(s.uniqueKey) AND state IN ('running', 'waiting')
            """).first.map { try $0.decode(String.self) }
        return holder ?? "(another process's)"
    }

    // MARK: Rows

    static func session(from row: PostgresRow) throws -> Session {
        let r = row.makeRandomAccess()
        let variables = try JSONColumns.decode(try r["variables"].decode(String.self)).objectValue ?? [:]
        let outputs = (try JSONColumns.decode(try r["outputs"].decode(String.self)).objectValue ?? [:])
            .mapValues { $0.objectValue ?? [:] }
        let waiting: SessionWait? = try r["waiting_kind"].decode(String?.self)
            .flatMap(SessionWait.Kind.init(rawValue:))
            .map { SessionWait(kind: $0, channel: try r["waiting_channel"].decode(String?.self),
                               address: try r["waiting_address"].decode(String?.self)) }
        return Session(
            id: try r["id"].decode(String.self), flowId: try r["flow_id"].decode(String.self),
            version: try r["version"].decode(Int?.self),
            state: SessionState(rawValue: try r["state"].decode(String.self)) ?? .failed,
            currentNode: try r["current_node"].decode(String?.self), variables: variables, outputs: outputs,
            transcript: [], waiting: waiting,
            timerDue: try r["timer_due"].decode(Double?.self).map(Date.init(timeIntervalSince1970:)),
            outcome: try r["outcome"].decode(String?.self), failureReason: try r["failure"].decode(String?.self),
            uniqueKey: try r["unique_key"].decode(String?.self), customer: try r["customer"].decode(String?.self),
            steps: try r["steps"].decode(Int.self),
            createdAt: Date(timeIntervalSince1970: try r["created_at"].decode(Double.self)),
            updatedAt: Date(timeIntervalSince1970: try r["updated_at"].decode(Double.self)),
            persistedTranscriptCount: try r["transcript_count"].decode(Int.self))
    }
}
