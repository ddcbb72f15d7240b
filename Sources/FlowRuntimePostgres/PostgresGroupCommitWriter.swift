import FlowKit
import FlowRuntime
import Foundation
import PostgresNIO

/// The group commit's batches on PostgreSQL: one transaction on the writer's own
/// connection, its statements sent one after another without waiting for each answer
/// (postgres-nio queues them), then one wait for the COMMIT.
///
/// A session's row is only updated while this process owns it (`owner`): a process that
/// lost a session (another took it over, believing this one dead) cannot overwrite it.
struct PostgresGroupCommitWriter: GroupCommitWriter {
    let connection: PostgresRuntimeConnection
    let owner: Int32

    func prepare() {}

    /// Rows per statement: PostgreSQL takes at most 65,535 parameters (20 per session).
    static let rowsPerStatement = 1_000

    func write(_ batch: [PendingSessionSave], logs: [LogEntry]) throws {
        var queries: [PostgresQuery] = ["BEGIN"]
        var start = 0
        while start < batch.count {
            let part = batch[start..<min(batch.count, start + Self.rowsPerStatement)]
            queries.append(sessionRows(part))
            if let chunks = transcriptChunks(part) { queries.append(chunks) }
            start += Self.rowsPerStatement
        }
        start = 0
        while start < logs.count {
            queries.append(logRows(logs[start..<min(logs.count, start + Self.rowsPerStatement)]))
            start += Self.rowsPerStatement
        }
        queries.append("COMMIT")
        let c = try connection.current()
        let futures = queries.map { c.query($0, logger: connection.logger) }
        var failure: (any Error)?
        for f in futures {
            do { _ = try f.wait() } catch { if failure == nil { failure = error } }
        }
        if let failure {
            if !c.isClosed { _ = try? c.query("ROLLBACK", logger: connection.logger).wait() }
            throw connection.failure(failure)
        }
    }

    /// One multi-row upsert: one statement per batch rather than per session (each
    /// statement costs a parse, bind and execute round on the connection).
    private func sessionRows(_ part: ArraySlice<PendingSessionSave>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: part.count * 20)
        var values: [String] = []
        for p in part {
            let s = p.session
            let outputs: JSONValue = s.outputs.isEmpty ? [:] : .object(s.outputs.mapValues { .object($0) })
            let first = binds.count
            binds.append(s.id); binds.append(s.flowId); binds.append(s.version); binds.append(s.state.rawValue)
            binds.append(s.currentNode); binds.append(JSONColumns.encode(.object(s.variables)))
            binds.append(JSONColumns.encode(outputs)); binds.append(s.waiting?.kind.rawValue)
            binds.append(s.waiting?.channel); binds.append(s.waiting?.address)
            binds.append(s.timerDue?.timeIntervalSince1970); binds.append(s.outcome); binds.append(s.failureReason)
            binds.append(s.uniqueKey); binds.append(s.customer); binds.append(s.steps); binds.append(s.transcript.count)
            binds.append(s.createdAt.timeIntervalSince1970); binds.append(s.updatedAt.timeIntervalSince1970)
            binds.append(owner)
            values.append("(" + (first + 1...first + 20).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO runtime_session (id, flow_id, version, state, current_node, variables, outputs,
                waiting_kind, waiting_channel, waiting_address, timer_due, outcome, failure, unique_key,
                customer, steps, transcript_count, created_at, updated_at, owner)
            VALUES \(values.joined(separator: ", "))
            ON CONFLICT (id) DO UPDATE SET
                state = excluded.state, current_node = excluded.current_node,
                variables = excluded.variables, outputs = excluded.outputs,
                waiting_kind = excluded.waiting_kind, waiting_channel = excluded.waiting_channel,
                waiting_address = excluded.waiting_address, timer_due = excluded.timer_due,
                outcome = excluded.outcome, failure = excluded.failure, unique_key = excluded.unique_key,
                customer = excluded.customer, steps = excluded.steps,
                transcript_count = excluded.transcript_count, updated_at = excluded.updated_at
            WHERE runtime_session.owner = excluded.owner
            """, binds: binds)
    }

    /// The new transcript entries of each session, one chunk each, only for sessions
    /// this process (still) owns.
    private func transcriptChunks(_ part: ArraySlice<PendingSessionSave>) -> PostgresQuery? {
        var binds = PostgresBindings(capacity: part.count * 3 + 1)
        binds.append(owner)
        var values: [String] = []
        for p in part where p.firstNewEntry < p.session.transcript.count {
            let n = binds.count
            binds.append(p.session.id); binds.append(p.firstNewEntry)
            binds.append(TranscriptColumn.encode(p.session.transcript[p.firstNewEntry...]))
            values.append("($\(n + 1)::text, $\(n + 2)::bigint, $\(n + 3)::text)")
        }
        guard !values.isEmpty else { return nil }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO runtime_transcript (session_id, seq, entries, written_by)
            SELECT v.session_id, v.seq, v.entries, $1
            FROM (VALUES \(values.joined(separator: ", "))) AS v(session_id, seq, entries)
            JOIN runtime_session s ON s.id = v.session_id AND s.owner = $1
            ON CONFLICT (session_id, seq) DO UPDATE SET entries = excluded.entries, written_by = excluded.written_by
            """, binds: binds)
    }

    private func logRows(_ part: ArraySlice<LogEntry>) -> PostgresQuery {
        var binds = PostgresBindings(capacity: part.count * 6)
        var values: [String] = []
        for e in part {
            let n = binds.count
            binds.append(e.logbook); binds.append(e.flowId); binds.append(e.sessionId); binds.append(e.node)
            binds.append(e.message); binds.append(e.time.timeIntervalSince1970)
            values.append("(" + (n + 1...n + 6).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO runtime_log (logbook, flow_id, session_id, node, message, time)
            VALUES \(values.joined(separator: ", "))
            """, binds: binds)
    }
}
