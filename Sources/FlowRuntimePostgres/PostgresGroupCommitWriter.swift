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

    func write(_ batch: [PendingSessionSave], logs: [LogEntry]) throws {
        var queries: [PostgresQuery] = ["BEGIN"]
        for p in batch {
            let s = p.session
            let outputs: JSONValue = s.outputs.isEmpty ? [:] : .object(s.outputs.mapValues { .object($0) })
            let variables = JSONColumns.encode(.object(s.variables)), outputsText = JSONColumns.encode(outputs)
            let timer = s.timerDue?.timeIntervalSince1970
            queries.append("""
                INSERT INTO runtime_session (id, flow_id, version, state, current_node, variables, outputs,
                    waiting_kind, waiting_channel, waiting_address, timer_due, outcome, failure, unique_key,
                    customer, steps, transcript_count, created_at, updated_at, owner)
                VALUES (\(s.id), \(s.flowId), \(s.version), \(s.state.rawValue), \(s.currentNode), \(variables),
                    \(outputsText), \(s.waiting?.kind.rawValue), \(s.waiting?.channel), \(s.waiting?.address), \(timer),
                    \(s.outcome), \(s.failureReason), \(s.uniqueKey), \(s.customer), \(s.steps), \(s.transcript.count),
                    \(s.createdAt.timeIntervalSince1970), \(s.updatedAt.timeIntervalSince1970), \(owner))
                ON CONFLICT (id) DO UPDATE SET
                    state = excluded.state, current_node = excluded.current_node,
                    variables = excluded.variables, outputs = excluded.outputs,
                    waiting_kind = excluded.waiting_kind, waiting_channel = excluded.waiting_channel,
                    waiting_address = excluded.waiting_address, timer_due = excluded.timer_due,
                    outcome = excluded.outcome, failure = excluded.failure, unique_key = excluded.unique_key,
                    customer = excluded.customer, steps = excluded.steps,
                    transcript_count = excluded.transcript_count, updated_at = excluded.updated_at
                WHERE runtime_session.owner = excluded.owner
                """)
            if p.firstNewEntry < s.transcript.count {
                let chunk = TranscriptColumn.encode(s.transcript[p.firstNewEntry...])
                queries.append("""
                    INSERT INTO runtime_transcript (session_id, seq, entries, written_by)
                    SELECT \(s.id), \(p.firstNewEntry), \(chunk), \(owner)
                    WHERE EXISTS (SELECT 1 FROM runtime_session WHERE id = \(s.id) AND owner = \(owner))
                    ON CONFLICT (session_id, seq) DO UPDATE SET entries = excluded.entries, written_by = excluded.written_by
                    """)
            }
        }
        for e in logs {
            queries.append("""
                INSERT INTO runtime_log (logbook, flow_id, session_id, node, message, time)
                VALUES (\(e.logbook), \(e.flowId), \(e.sessionId), \(e.node), \(e.message), \(e.time.timeIntervalSince1970))
                """)
        }
        queries.append("COMMIT")
        let c = connection.connection
        let futures = queries.map { c.query($0, logger: connection.logger) }
        var failure: (any Error)?
        for f in futures {
            do { _ = try f.wait() } catch { if failure == nil { failure = error } }
        }
        if let failure {
            if !c.isClosed { _ = try? c.query("ROLLBACK", logger: connection.logger).wait() }
            throw connection.backend.mapError(failure)
        }
    }
}
