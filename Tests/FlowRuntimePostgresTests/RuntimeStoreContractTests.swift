import FlowKit
import FlowRuntime
import FlowRuntimePostgres
import FlowStorePostgres
import Foundation
import Testing
import TestSupport

/// The runtime's tables through `RuntimeStorage` on SQLite and on a real PostgreSQL:
/// sessions, the waiting look-up, timers, the outbox, logbooks, stats and the duplicate
/// guard, each run by the real engine. A second storage on the same workspace stands for
/// a second `serve` process (on PostgreSQL: its own connections and owner number).
@Suite(.serialized) struct RuntimeStoreContractTests {
    @Test(arguments: RuntimeBackendKind.allCases)
    func aConversationIsSavedFoundWaitingAndFinished(_ kind: RuntimeBackendKind) async throws {
        try await kind.withWorkspace { ws in
            let storage = try RuntimeStorageOpening.open(ws)
            defer { storage.close() }
            let engine = FlowEngine.persistent(workspace: ws, storage: storage, flows: Flows.conversation,
                                               clock: VirtualClock())
            let started = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi")
            let s = try #require(started.started.first)
            #expect(s.state == .waiting)

            // Another process reads what the first one acknowledged.
            let other = try RuntimeStorageOpening.open(ws)
            defer { other.close() }
            let loaded = try #require(try other.sessions.session(id: s.id))
            #expect(loaded == s)
            #expect(loaded.transcript.map(\.node) == ["start", "ask", "wait"])
            #expect(try other.sessions.waitingSession(channel: "sms", address: "+15550111")?.id == s.id)
            #expect(try other.sessions.waitingSession(channel: "sms", address: "+15550999") == nil)
            #expect(try other.sessions.waitingCounts() == [WaitingCount(flowId: "f", version: 1, count: 1)])

            let reply = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "EX1")
            #expect(reply.delivered?.id == s.id)
            #expect(reply.delivered?.outcome == "answered")
            let done = try #require(try other.sessions.session(id: s.id))
            #expect(done.state == .done)
            #expect(done.transcript.count == reply.delivered?.transcript.count)
            #expect(try other.outbox.messages(limit: nil).map(\.message) == ["Order number?", "Thanks EX1"])
            #expect(try other.outbox.messages(limit: 1).map(\.message) == ["Thanks EX1"])
            #expect(try other.sessions.sessions(flowId: "f", state: .done, limit: 10).map(\.id) == [s.id])
            #expect(try other.sessions.sessions(flowId: "f", state: .waiting, limit: 10).isEmpty)
            #expect(try other.sessions.stats(flowId: "f") == SessionStats(outcomes: ["answered": 1]))
            #expect(try other.sessions.logs(logbook: "answers").map(\.message) == ["got EX1"])
            #expect(try other.sessions.logs(logbook: nil).count == 1)
        }
    }

    @Test(arguments: RuntimeBackendKind.allCases)
    func aTimerFiresOnceAfterARestart(_ kind: RuntimeBackendKind) async throws {
        try await kind.withWorkspace { ws in
            let clock = VirtualClock()
            let first = try RuntimeStorageOpening.open(ws)
            let engine = FlowEngine.persistent(workspace: ws, storage: first, flows: Flows.conversation, clock: clock)
            let s = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
            first.close()

            let second = try RuntimeStorageOpening.open(ws)
            defer { second.close() }
            let restarted = FlowEngine.persistent(workspace: ws, storage: second, flows: Flows.conversation, clock: clock)
            #expect(try second.sessions.nextTimerDue() == s.timerDue)
            #expect(try second.sessions.dueTimers(upTo: clock.now).isEmpty)
            try await restarted.advanceClock(by: 61)
            let late = try #require(try second.sessions.session(id: s.id))
            #expect(late.state == .done)
            #expect(late.outcome == "no-answer")
            #expect(late.transcript.filter { $0.kind == .timer }.count == 1)
            #expect(try second.sessions.nextTimerDue() == nil)
            #expect(await restarted.fireDueTimers() == 0)
        }
    }

    @Test(arguments: RuntimeBackendKind.allCases)
    func theDuplicateGuardRefusesASecondActiveSession(_ kind: RuntimeBackendKind) async throws {
        try await kind.withWorkspace { ws in
            let storage = try RuntimeStorageOpening.open(ws)
            defer { storage.close() }
            let engine = FlowEngine.persistent(workspace: ws, storage: storage, flows: Flows.guarded, clock: VirtualClock())
            let a = try await engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "x").started[0]
            #expect(a.uniqueKey == "the-one")
            let again = try await engine.deliverInbound(channel: "sms", from: "+2", to: "+15550100", message: "y")
            #expect(again.started.isEmpty)
            guard case .duplicateSession(_, _, let existing)? = again.refused.first else {
                Issue.record("expected a duplicate refusal, got \(again.refused)")
                return
            }
            #expect(existing == a.id)
        }
    }
}

/// Several processes on one PostgreSQL database (each a storage of its own).
@Suite(.serialized) struct SharedPostgresRuntimeTests {
    @Test func aReplyAtAnotherProcessContinuesTheSessionAndOnlyOneClaimWins() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let a = try RuntimeStorageOpening.open(ws), b = try RuntimeStorageOpening.open(ws)
            defer { a.close(); b.close() }
            let clock = VirtualClock()
            let engineA = FlowEngine.persistent(workspace: ws, storage: a, flows: Flows.conversation, clock: clock)
            let engineB = FlowEngine.persistent(workspace: ws, storage: b, flows: Flows.conversation, clock: clock)
            var ids: [String] = []
            for i in 0..<10 {
                ids.append(try await engineA.deliverInbound(channel: "sms", from: "+1555\(i)", to: "+15550100", message: "hi").started[0].id)
            }
            // The same reply to every session at both processes at once: each session
            // takes exactly one of the two.
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for id in ids {
                    for engine in [engineA, engineB] {
                        group.addTask { (try? await engine.reply(toSession: id, message: "R")) != nil }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == ids.count)
            for id in ids {
                let s = try #require(try a.sessions.session(id: id))
                #expect(s.state == .done)
                #expect(s.transcript.filter { $0.kind == .received }.count == 1)
            }
            #expect(try a.outbox.messages(limit: nil).filter { $0.message == "Thanks R" }.count == ids.count)
        }
    }

    @Test func dueTimersFireExactlyOnceAcrossProcesses() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let a = try RuntimeStorageOpening.open(ws), b = try RuntimeStorageOpening.open(ws)
            defer { a.close(); b.close() }
            let clock = VirtualClock()
            let engineA = FlowEngine.persistent(workspace: ws, storage: a, flows: Flows.conversation, clock: clock)
            let engineB = FlowEngine.persistent(workspace: ws, storage: b, flows: Flows.conversation, clock: clock)
            for i in 0..<30 {
                _ = try await engineA.deliverInbound(channel: "sms", from: "+1666\(i)", to: "+15550100", message: "hi")
            }
            clock.advance(by: 61)
            async let firedA = engineA.fireDueTimers()
            async let firedB = engineB.fireDueTimers()
            let total = await firedA + firedB
            #expect(total == 30)
            let sessions = try a.sessions.sessions(flowId: "f", state: nil, limit: nil)
            #expect(sessions.count == 30)
            #expect(sessions.allSatisfy { $0.outcome == "no-answer" })
            for s in sessions {
                let full = try #require(try b.sessions.session(id: s.id))
                #expect(full.transcript.filter { $0.kind == .timer }.count == 1)
            }
        }
    }

    @Test func theUniqueIndexGuardsAgainstARaceOfTwoProcesses() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let a = try RuntimeStorageOpening.open(ws), b = try RuntimeStorageOpening.open(ws)
            defer { a.close(); b.close() }
            let engines = [a, b].map { FlowEngine.persistent(workspace: ws, storage: $0, flows: Flows.guarded, clock: VirtualClock()) }
            // Several rounds, both processes starting at once: never two active sessions.
            let started = await withTaskGroup(of: Int.self) { group in
                for engine in engines {
                    for i in 0..<5 {
                        group.addTask {
                            (try? await engine.deliverInbound(channel: "sms", from: "+7\(i)", to: "+15550100", message: "x"))?.started.count ?? 0
                        }
                    }
                }
                return await group.reduce(0, +)
            }
            #expect(started == 1)
            #expect(try a.sessions.sessions(flowId: "f", state: nil, limit: nil).count == 1)
        }
    }

    @Test func aSessionLeftRunningByADeadProcessIsTakenOver() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            let dead = try RuntimeStorageOpening.open(ws)
            let now = Date()
            var orphan = Session(id: "orphan", flowId: "f", version: 1, state: .running, currentNode: "ask",
                                 createdAt: now, updatedAt: now)
            orphan.customer = "+15550111"
            orphan.outputs = ["start": ["from": "+15550111"]]
            try dead.sessions.save(&orphan)
            try await dead.sessions.durable()
            let survivor = try RuntimeStorageOpening.open(ws)
            defer { survivor.close() }
            // Its owner is alive: nobody takes the session.
            #expect(try survivor.sessions.runningSessionIDs().isEmpty)
            dead.close() // the process dies: its connection, hence its lock, goes
            // The server drops the lock once it sees the connection gone (a moment later).
            var taken: [String] = []
            let deadline = Date().addingTimeInterval(5)
            while taken.isEmpty && Date() < deadline {
                taken = try survivor.sessions.runningSessionIDs()
                if taken.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(taken == ["orphan"])
            let engine = FlowEngine.persistent(workspace: ws, storage: survivor, flows: Flows.conversation, clock: VirtualClock())
            let resumed = await engine.resumeAll()
            #expect(resumed.resumed == 1)
            let s = try #require(try survivor.sessions.session(id: "orphan"))
            #expect(s.state == .waiting)
            #expect(s.currentNode == "wait")
        }
    }
}

/// The backends the runtime store tests run on.
enum RuntimeBackendKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    func withWorkspace(_ body: (Workspace) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-runtimetest-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        switch self {
        case .sqlite:
            try await body(try Workspace(directory: dir, author: "tester"))
        case .postgres:
            let name = "fc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try TestPostgres.administer("CREATE DATABASE \(name)")
            defer { _ = try? TestPostgres.administer("DROP DATABASE \(name) WITH (FORCE)") }
            let environment = ["FLOWCANVAS_HOME": dir.path, "HOME": dir.path]
            let ws = try WorkspaceOpening.open(option: try TestPostgres.url(database: name), environment: environment,
                                               author: "tester")
            try await body(ws)
        }
    }
}

enum Flows {
    static func node(_ id: String, _ type: String, _ config: [String: JSONValue]) -> FlowNode {
        FlowNode(id: id, type: type, config: config)
    }

    static let smsStart: [String: JSONValue] = ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]

    /// A webhook at `path` straight to an End (outcome done).
    static func webhookToEnd(name: String, path: String) -> FlowDocument {
        var d = FlowDocument(name: name, kind: .messaging,
                             settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)]))
        d.nodes = [node("start", "start", ["trigger": "webhook", "path": .string(path)]),
                   node("done", "end", ["outcome": "done"])]
        d.connections = [Connection(from: "start", outcome: "next", to: "done")]
        return d
    }

    /// start → ask (send) → wait (receive 60 s) → log → thanks (send) → done; timeout → late.
    static var conversation: StaticFlowSource {
        StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: conversationDocument)])
    }

    static var conversationDocument: FlowDocument {
        var d = FlowDocument(name: "Conversation", kind: .messaging,
                             settings: FlowSettings(outcomes: [FlowOutcome(name: "answered", kind: .success),
                                                               FlowOutcome(name: "no-answer", kind: .incomplete)]))
        d.nodes = [
            node("start", "start", smsStart),
            node("ask", "send", ["channel": "sms", "to": "$(start.from)", "message": "Order number?"]),
            node("wait", "receive", ["channel": "sms", "timeoutSeconds": 60]),
            node("note", "log", ["logbook": "answers", "message": "got $(wait.message)"]),
            node("thanks", "send", ["channel": "sms", "to": "$(start.from)", "message": "Thanks $(wait.message)"]),
            node("done", "end", ["outcome": "answered"]),
            node("late", "end", ["outcome": "no-answer"]),
        ]
        d.connections = [
            Connection(from: "start", outcome: "next", to: "ask"), Connection(from: "ask", outcome: "sent", to: "wait"),
            Connection(from: "wait", outcome: "received", to: "note"), Connection(from: "wait", outcome: "timeout", to: "late"),
            Connection(from: "note", outcome: "next", to: "thanks"), Connection(from: "thanks", outcome: "sent", to: "done"),
        ]
        return d
    }

    /// A flow whose sessions share one unique identifier, waiting for a reply.
    static var guarded: StaticFlowSource {
        var d = FlowDocument(name: "Guarded", kind: .messaging,
                             settings: FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "the-one"))
        d.nodes = [node("start", "start", smsStart), node("wait", "receive", ["channel": "sms", "timeoutSeconds": 600]),
                   node("done", "end", [:])]
        d.connections = [Connection(from: "start", outcome: "next", to: "wait"),
                         Connection(from: "wait", outcome: "received", to: "done")]
        return StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: d)])
    }
}

/// Make Live, pause and resume reach `serve`'s flow source by NOTIFY, well within the
/// one-second re-read it falls back to.
@Suite struct FlowChangeNotificationTests {
    // The 60–90 s "stall" of sessions 5–7 was this test's own task: its `Task.sleep` between
    // two looks gave up its thread, and in the full parallel suite (909 tests on a two-thread
    // cooperative pool, most of them blocking in process waits) resuming took up to 90 s;
    // pg_stat_activity and pg_locks showed the server idle the whole time. So the measured
    // window holds its thread and sleeps it (the notification itself arrives on the
    // connection's NIO event loop, never on the pool).
    @Test
    func aPauseInAnotherProcessReachesTheFlowSourceAtOnce() async throws {
        try await RuntimeBackendKind.postgres.withWorkspace { ws in
            _ = try ws.createFlow(named: "Notified", document: Flows.webhookToEnd(name: "Notified", path: "n"))
            _ = try ws.makeLive("Notified", MakeLiveRequest(comment: "first"))
            let storage = try RuntimeStorageOpening.open(ws)
            defer { storage.close() }
            let source = WorkspaceFlowSource.notified(workspace: ws, storage: storage)
            #expect(source.maxStaleness == 1)
            #expect(try source.liveFlows().map(\.state) == [.running])
            for (change, expected) in [("pause", LiveFlowState.paused), ("resume", .running)] {
                // From the commit: the issue's "reaches every serve within 1 s" (a write can wait
                // for the cluster under the parallel suites; that wait is not the notification's).
                _ = change == "pause" ? try ws.pause("Notified") : try ws.resume("Notified")
                let started = Date()
                var seen = try source.liveFlows().first?.state
                while seen != expected && Date().timeIntervalSince(started) < 2 {
                    usleep(10_000) // not Task.sleep: see above
                    seen = try source.liveFlows().first?.state
                }
                #expect(seen == expected)
                #expect(Date().timeIntervalSince(started) < 1, "\(change) took \(Date().timeIntervalSince(started)) s")
            }
        }
    }
}
