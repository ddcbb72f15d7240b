import FlowKit
import Foundation
import GRDB
import Testing
@testable import FlowRuntime

/// The real-clock timer loop `serve` runs (issue 13, upgrades): timers fire on the system
/// clock, and a database error is reported and retried, never silently ends timers.
@Suite struct TimerLoopTests {
    /// A database store that fails its first `failures` reads of the due timers and
    /// saves with SQLite's "database is locked", as another process holding the write
    /// lock would make it.
    final class FlakyStore: SessionStore, @unchecked Sendable {
        let inner: DatabaseSessionStore
        private let lock = NSLock()
        private var dueFailures: Int
        private var saveFailures: Int

        init(_ inner: DatabaseSessionStore, dueFailures: Int, saveFailures: Int) {
            self.inner = inner
            self.dueFailures = dueFailures
            self.saveFailures = saveFailures
        }

        private func take(_ counter: ReferenceWritableKeyPath<FlakyStore, Int>) -> Bool {
            lock.withLock {
                guard self[keyPath: counter] > 0 else { return false }
                self[keyPath: counter] -= 1
                return true
            }
        }

        func setCounters(_ due: Int, _ save: Int) {
            lock.withLock { dueFailures = due; saveFailures = save }
        }

        var locked: DatabaseError { DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked") }

        func save(_ session: inout Session) throws {
            if session.state != .waiting, take(\.saveFailures) { throw locked }
            try inner.save(&session)
        }
        func durable() async throws { try await inner.durable() }
        func session(id: String) throws -> Session? { try inner.session(id: id) }
        func waitingSession(channel: String, address: String) throws -> Session? {
            try inner.waitingSession(channel: channel, address: address)
        }
        func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
            try inner.activeSession(flowId: flowId, uniqueKey: uniqueKey)
        }
        func dueTimers(upTo date: Date) throws -> [String] {
            if take(\.dueFailures) { throw locked }
            return try inner.dueTimers(upTo: date)
        }
        func nextTimerDue() throws -> Date? { try inner.nextTimerDue() }
        func runningSessionIDs() throws -> [String] { try inner.runningSessionIDs() }
        func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session] {
            try inner.sessions(flowId: flowId, state: state, limit: limit)
        }
        func stats(flowId: String) throws -> SessionStats { try inner.stats(flowId: flowId) }
        func appendLog(_ entry: LogEntry) throws { try inner.appendLog(entry) }
        func logs(logbook: String?) throws -> [LogEntry] { try inner.logs(logbook: logbook) }
    }

    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// Start → delay (0.3 s) → End.
    static func delayFlow() -> LiveFlow {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("wait", "delay", ["seconds": 0.3])
            .node("done", "end", ["outcome": "waited"])
            .link("start", "next", "wait").link("wait", "next", "done")
        return LiveFlow(flowId: "f", version: 1, document: b.document)
    }

    /// Polls `condition` until it holds, at most `checks` times 20 ms apart (≥ 60 s).
    /// The bound counts checks, not wall-clock time: in the full suite on two cores the
    /// synchronous tmux tests hold the cooperative pool's threads, so the timer loop and
    /// this task both wait for a thread (a run took 15–20 s where alone it takes 1 s). A
    /// starved pool slows the checks as much as the loop, so only a loop that really stopped
    /// firing exhausts them.
    static func waitUntil(checks: Int = 3000, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<checks {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try await condition()
    }

    static func engine(_ store: any SessionStore) -> FlowEngine {
        FlowEngine(store: store, flows: StaticFlowSource([delayFlow()]), apps: SingleDeliveryResolver(MemoryOutbox()),
                   clock: SystemClock(), options: EngineOptions(sessionIDs: .sequential(prefix: "t")))
    }

    static func sms(_ engine: FlowEngine, from: String) async throws -> Session {
        try await engine.startSession(flow: delayFlow(), trigger: .inboundMessage(channel: "sms", from: from,
                                                                                  to: "+15550100", message: "hi"))
    }

    @Test func timersFireOnTheRealClock() async throws {
        let (_, db) = try makeWorkspace()
        let store = DatabaseSessionStore(writer: db)
        let engine = Self.engine(store)
        let started = Date()
        let s = try await Self.sms(engine, from: "+15550111")
        #expect(s.state == .waiting && s.timerDue != nil)
        let loop = Task { await engine.runTimers(pollSeconds: 0.05) }
        defer { loop.cancel() }
        #expect(try await Self.waitUntil { try store.session(id: s.id)?.state == .done })
        let done = try #require(try store.session(id: s.id))
        #expect(done.outcome == "waited")
        #expect(done.updatedAt.timeIntervalSince(started) >= 0.3, "fired before its due time")
        // A timer added while the loop runs is picked up too.
        let later = try await Self.sms(engine, from: "+15550112")
        #expect(try await Self.waitUntil { try store.session(id: later.id)?.state == .done })
    }

    @Test func databaseErrorsAreReportedAndRetriedNotTheEndOfTimers() async throws {
        let (_, db) = try makeWorkspace()
        let flaky = FlakyStore(DatabaseSessionStore(writer: db), dueFailures: 0, saveFailures: 0)
        let engine = Self.engine(flaky)
        let first = try await Self.sms(engine, from: "+15550121")
        let second = try await Self.sms(engine, from: "+15550122")
        // Both timers due before the loop starts, so its first passes meet them.
        #expect(try await Self.waitUntil { try flaky.inner.dueTimers(upTo: Date()).count == 2 })
        // Reading the due timers fails twice, then waking fails once for a session.
        let reports = Reports()
        flakyFailures(flaky, due: 2, save: 1)
        let loop = Task { await engine.runTimers(pollSeconds: 0.02, maximumBackoffSeconds: 0.1) { reports.add($0) } }
        defer { loop.cancel() }
        // The loop reports its recovery after the pass that finished the sessions, so wait for
        // the report too (reading the reports as soon as both were done raced with it).
        #expect(try await Self.waitUntil {
            try flaky.session(id: first.id)?.state == .done && flaky.session(id: second.id)?.state == .done
                && reports.all.contains { $0.hasPrefix("timers work again") }
        })
        let lines = reports.all
        #expect(lines.filter { $0.hasPrefix("could not read the due timers") && $0.contains("database is locked") }.count == 2,
                "\(lines)")
        #expect(lines.contains { $0.contains("could not fire") && $0.contains("retrying in") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("timers work again") }, "\(lines)")
        // And the loop is still alive: a new timer fires.
        let third = try await Self.sms(engine, from: "+15550123")
        #expect(try await Self.waitUntil { try flaky.session(id: third.id)?.state == .done })
    }

    private func flakyFailures(_ store: FlakyStore, due: Int, save: Int) {
        store.setFailures(due: due, save: save)
    }
}

extension TimerLoopTests.FlakyStore {
    func setFailures(due: Int, save: Int) {
        // Through the same lock the store reads its counters with.
        setCounters(due, save)
    }
}
