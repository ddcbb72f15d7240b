import FlowKit
import Foundation
import GRDB

/// Group commit for `DatabaseSessionStore`: saves are queued in memory and one writer
/// thread commits everything queued in one transaction, then the next batch, and so on.
///
/// Why: one SQLite transaction per save capped `serve` near 1,400 sessions/s. Here a
/// save costs a dictionary update; the transaction cost is shared by every session saved
/// while the previous batch was being written (under load, dozens), and saves of the
/// same session coalesce, so a session that starts and finishes between two commits is
/// written once, already finished.
///
/// Durability: a save is on disk once a later `durable()` returns. The engine awaits
/// `durable()` before it answers a trigger (so an acknowledged session, waiting or
/// finished, is in the database) and before a node with an effect outside the process
/// (http-request, send). Until then the queued rows are the *overlay*: the store's reads
/// look there first, so the engine sees its own writes at once.
///
/// The writer connection runs with `synchronous = NORMAL` (WAL): a commit survives the
/// process being killed; a power loss may lose the last commits (never corrupt the file).
///
/// The batching and the overlay are the same on every database; what a batch's
/// transaction writes is the `GroupCommitWriter`'s (SQLite's below, PostgreSQL's in
/// FlowRuntimePostgres).
public final class GroupCommitter: @unchecked Sendable {
    public typealias PendingSession = PendingSessionSave

    let writer: any GroupCommitWriter
    private let condition = NSCondition()
    private var pending: [String: PendingSession] = [:]
    private var pendingOrder: [String] = []
    private var pendingLogs: [LogEntry] = []
    /// The batch being written: still part of the overlay until its commit returns.
    private var committing: [String: Session] = [:]
    /// Saves handed over so far / covered by a successful commit.
    private var saved: UInt64 = 0
    private var committed: UInt64 = 0
    private var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var threadStarted = false
    private var stopping = false
    private var finished = false
    private var reportedFailure = false
    /// Successful transactions and the session rows and log lines they wrote.
    private(set) var commits = 0
    private(set) var rowsCommitted = 0

    public init(writer: any GroupCommitWriter) {
        self.writer = writer
    }

    // MARK: Queueing

    public func enqueue(_ session: Session, firstNewEntry: Int) {
        condition.lock()
        if var p = pending[session.id] {
            p.session = session
            p.firstNewEntry = min(p.firstNewEntry, firstNewEntry)
            pending[session.id] = p
        } else {
            pending[session.id] = PendingSession(session: session, firstNewEntry: firstNewEntry)
            pendingOrder.append(session.id)
        }
        saved &+= 1
        startIfNeeded()
        condition.signal()
        condition.unlock()
    }

    public func enqueue(_ log: LogEntry) {
        condition.lock()
        pendingLogs.append(log)
        saved &+= 1
        startIfNeeded()
        condition.signal()
        condition.unlock()
    }

    /// Returns once everything queued before the call is committed; throws the database
    /// error if that commit failed (the rows stay queued and are retried).
    public func durable() async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            condition.lock()
            let target = saved
            if committed >= target {
                condition.unlock()
                c.resume()
                return
            }
            waiters.append((target, c))
            condition.unlock()
        }
    }

    /// Writes what is queued and stops the writer thread (blocking).
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while threadStarted && !finished { condition.wait() }
        condition.unlock()
    }

    /// (transactions, rows) committed so far.
    public var counts: (commits: Int, rows: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (commits, rowsCommitted)
    }

    // MARK: The overlay

    /// The queued (or being written) state of a session, if any.
    public func overlay(_ id: String) -> Session? {
        condition.lock()
        defer { condition.unlock() }
        return pending[id]?.session ?? committing[id]
    }

    /// Every queued session, newest state per id. Read *before* querying the database,
    /// so a session never falls between the two (its commit lands after this snapshot,
    /// hence before the query).
    public func overlaySessions() -> [String: Session] {
        condition.lock()
        defer { condition.unlock() }
        if pending.isEmpty { return committing }
        var all = committing
        for (id, p) in pending { all[id] = p.session }
        return all
    }

    // MARK: The writer thread

    private func startIfNeeded() {
        guard !threadStarted else { return }
        threadStarted = true
        let thread = Thread { [self] in run() }
        thread.name = "flowcanvas-group-commit"
        thread.start()
    }

    private func run() {
        writer.prepare()
        while true {
            condition.lock()
            while pending.isEmpty && pendingLogs.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && pendingLogs.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = pendingOrder.compactMap { pending[$0] }
            let logs = pendingLogs
            let ticket = saved
            for p in batch { committing[p.session.id] = p.session }
            pending = [:]
            pendingOrder = []
            pendingLogs = []
            condition.unlock()

            var failure: (any Error)?
            do {
                try writer.write(batch, logs: logs)
            } catch {
                failure = error
            }

            condition.lock()
            committing = [:]
            var ready: [CheckedContinuation<Void, any Error>] = []
            if let failure {
                // Keep the rows: queue them again under any newer save of the same session.
                for p in batch {
                    if var newer = pending[p.session.id] {
                        newer.firstNewEntry = min(newer.firstNewEntry, p.firstNewEntry)
                        pending[p.session.id] = newer
                    } else {
                        pending[p.session.id] = p
                        pendingOrder.append(p.session.id)
                    }
                }
                pendingLogs = logs + pendingLogs
                let stop = stopping
                let told = waiters.filter { $0.ticket <= ticket }.map(\.continuation)
                waiters.removeAll { $0.ticket <= ticket }
                let firstReport = !reportedFailure
                reportedFailure = true
                if stop {
                    // Shutting down on a failing database: give up rather than spin.
                    pending = [:]
                    pendingOrder = []
                    pendingLogs = []
                }
                condition.unlock()
                if firstReport {
                    FileHandle.standardError.write(Data("flowcanvas: sessions could not be saved: \(failure); retrying\n".utf8))
                }
                for c in told { c.resume(throwing: failure) }
                if !stop { Thread.sleep(forTimeInterval: 0.1) }
                continue
            }
            reportedFailure = false
            commits += 1
            rowsCommitted += batch.count + logs.count
            committed = ticket
            waiters.removeAll { w in
                if w.ticket <= ticket { ready.append(w.continuation); return true }
                return false
            }
            condition.unlock()
            for c in ready { c.resume() }
        }
    }
}

/// What a batch of the group commit writes, in one transaction of its database.
public protocol GroupCommitWriter: Sendable {
    /// Once, on the writer thread, before the first batch.
    func prepare()
    /// Writes the batch's sessions (their rows, the transcript entries from
    /// `firstNewEntry` on) and log lines in one transaction.
    func write(_ batch: [PendingSessionSave], logs: [LogEntry]) throws
}

/// A queued save: the session's newest state and the first transcript entry its
/// database does not have yet.
public struct PendingSessionSave: Sendable {
    public var session: Session
    /// Index of the first transcript entry not yet in the database.
    public var firstNewEntry: Int

    public init(session: Session, firstNewEntry: Int) {
        self.session = session
        self.firstNewEntry = firstNewEntry
    }
}

/// The group commit's batches on SQLite (WAL, `synchronous = NORMAL`).
struct SQLiteGroupCommitWriter: GroupCommitWriter {
    let writer: any DatabaseWriter

    func prepare() {
        try? writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    }

    func write(_ batch: [PendingSessionSave], logs: [LogEntry]) throws {
        try writer.write { db in try Self.write(batch, logs, db) }
    }

    static let upsertSQL = """
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
        """

    static func write(_ batch: [PendingSessionSave], _ logs: [LogEntry], _ db: Database) throws {
        if !batch.isEmpty {
            let upsert = try db.cachedStatement(sql: upsertSQL)
            let chunk = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO runtime_transcript (session_id, seq, entries) VALUES (?, ?, ?)
                """)
            for p in batch {
                let s = p.session
                let outputs: JSONValue = s.outputs.isEmpty ? [:] : .object(s.outputs.mapValues { .object($0) })
                try upsert.execute(arguments: [
                    s.id, s.flowId, s.version, s.state.rawValue, s.currentNode,
                    JSONColumns.encode(.object(s.variables)), JSONColumns.encode(outputs),
                    s.waiting?.kind.rawValue, s.waiting?.channel, s.waiting?.address,
                    s.timerDue?.timeIntervalSince1970, s.outcome, s.failureReason, s.uniqueKey,
                    s.customer, s.steps, s.transcript.count,
                    s.createdAt.timeIntervalSince1970, s.updatedAt.timeIntervalSince1970,
                ])
                if p.firstNewEntry < s.transcript.count {
                    try chunk.execute(arguments: [s.id, p.firstNewEntry,
                                                  TranscriptColumn.encode(s.transcript[p.firstNewEntry...])])
                }
            }
        }
        if !logs.isEmpty {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO runtime_log (logbook, flow_id, session_id, node, message, time) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for e in logs {
                try insert.execute(arguments: [e.logbook, e.flowId, e.sessionId, e.node, e.message,
                                               e.time.timeIntervalSince1970])
            }
        }
    }
}

/// A transcript chunk as stored: a JSON array of `[time, node, kind, text]`.
public enum TranscriptColumn {
    public static func encode(_ entries: ArraySlice<TranscriptEntry>) -> String {
        JSONColumns.encode(.array(entries.map { e in
            .array([.number(e.time.timeIntervalSince1970), e.node.map(JSONValue.string) ?? .null,
                    .string(e.kind.rawValue), .string(e.text)])
        }))
    }

    public static func decode(_ text: String) throws -> [TranscriptEntry] {
        guard let items = try JSONColumns.decode(text).arrayValue else { return [] }
        return items.compactMap { item in
            guard let a = item.arrayValue, a.count == 4, let time = a[0].numberValue else { return nil }
            return TranscriptEntry(time: Date(timeIntervalSince1970: time), node: a[1].stringValue,
                                   kind: a[2].stringValue.flatMap(TranscriptEntry.Kind.init(rawValue:)) ?? .info,
                                   text: a[3].stringValue ?? "")
        }
    }
}
