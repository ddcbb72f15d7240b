import FlowKit
import FlowRuntime
import Foundation

/// In-process throughput of sessions through a 10-node flow with no I/O (start,
/// set-variables, branch, evaluate … end), for `flowcanvas bench`. The engine runs in
/// checkpoint mode on a `MemorySessionStore` that drops finished sessions, with a
/// virtual clock and sequential ids: no SQLite, no system calls per step. Transcripts
/// are still recorded, as in a real run.
public enum RuntimeBenchmark {
    public struct Result: Sendable {
        public var sessions: Int
        public var seconds: Double
        public var sessionsPerSecond: Double { Double(sessions) / max(seconds, 1e-9) }
        /// How the measured sessions ended (warm-up excluded), to show they really ran
        /// to their End.
        public var finished: [String: Int]
        public var failed: Int
    }

    /// The flow measured: start → vars → check → eval → vars2 → check2 → eval2 → vars3
    /// → check3 → done (every outcome of branch/evaluate leads on, so the path is 10
    /// nodes whatever the expression language answers).
    public static func flow() -> FlowDocument {
        let nodes: [FlowNode] = [
            FlowNode(id: "start", type: "start", config: ["trigger": "custom-event", "event": "bench"]),
            FlowNode(id: "vars", type: "set-variables", config: ["assignments": ["tier": "gold", "count": "3"]]),
            FlowNode(id: "check", type: "branch", config: ["branches": [
                ["name": "gold", "variable": "tier", "op": "equals", "value": "gold"],
            ]]),
            FlowNode(id: "eval", type: "evaluate", config: ["expression": "$(count) > 2"]),
            FlowNode(id: "vars2", type: "set-variables", config: ["assignments": ["status": "checked"]]),
            FlowNode(id: "check2", type: "branch", config: ["branches": [
                ["name": "checked", "variable": "status", "op": "starts-with", "value": "check"],
            ]]),
            FlowNode(id: "eval2", type: "evaluate", config: ["expression": "$(tier) == \"gold\" && $(count) < 10"]),
            FlowNode(id: "vars3", type: "set-variables", config: ["assignments": ["result": "ok"]]),
            FlowNode(id: "check3", type: "branch", config: ["branches": [
                ["name": "ok", "variable": "result", "op": "equals", "value": "ok"],
            ]]),
            FlowNode(id: "done", type: "end", config: ["outcome": "finished"]),
        ]
        var connections: [Connection] = []
        func link(_ from: String, _ outcomes: [String], _ to: String) {
            for o in outcomes { connections.append(Connection(from: from, outcome: o, to: to)) }
        }
        link("start", ["next"], "vars")
        link("vars", ["next"], "check")
        link("check", ["gold", "none"], "eval")
        link("eval", ["true", "false", "error"], "vars2")
        link("vars2", ["next"], "check2")
        link("check2", ["checked", "none"], "eval2")
        link("eval2", ["true", "false", "error"], "vars3")
        link("vars3", ["next"], "check3")
        link("check3", ["ok", "none"], "done")
        return FlowDocument(name: "Benchmark", settings: FlowSettings(outcomes: [FlowOutcome(name: "finished", kind: .success)]),
                            nodes: nodes, connections: connections)
    }

    /// Runs `sessions` sessions one after another and measures the wall time.
    public static func run(sessions: Int) async -> Result {
        let live = LiveFlow(flowId: "bench", version: 1, document: flow())
        let store = MemorySessionStore(retainFinished: false)
        let engine = FlowEngine(store: store, flows: StaticFlowSource([live]),
                                apps: SingleDeliveryResolver(MemoryOutbox()), clock: VirtualClock(),
                                options: EngineOptions(persistEveryStep: false, sessionIDs: .sequential(prefix: "b")))
        // Warm up: compile the flow and fault in the code paths.
        _ = await engine.startBatch(flow: live, trigger: .event(body: [:]), count: min(1000, sessions))
        let before = (try? store.stats(flowId: "bench")) ?? SessionStats()
        let begin = DispatchTime.now().uptimeNanoseconds
        _ = await engine.startBatch(flow: live, trigger: .event(body: [:]), count: sessions)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        let after = (try? store.stats(flowId: "bench")) ?? SessionStats()
        var finished = after.outcomes
        for (name, n) in before.outcomes { finished[name, default: 0] -= n }
        return Result(sessions: sessions, seconds: seconds, finished: finished.filter { $0.value != 0 },
                      failed: after.failed - before.failed)
    }
}

extension RuntimeBenchmark {
    /// The same flow on the persistent store `serve` uses: every session written to the
    /// workspace database through the group commit, after every step or only at
    /// checkpoints. Sessions are started back to back without waiting for each commit
    /// (as concurrent HTTP requests would), then the run waits for the last commit.
    /// Measures what SQLite costs per session.
    public static func runPersistent(workspace: Workspace, sessions: Int, persistEveryStep: Bool) async throws(WorkspaceError) -> Result {
        let storage = try SQLiteRuntimeStorage(workspace: workspace)
        defer { storage.close() }
        return await runPersistent(storage: storage, sessions: sessions, persistEveryStep: persistEveryStep)
    }

    /// `runPersistent` on any database's runtime tables (SQLite, PostgreSQL).
    public static func runPersistent(storage: any RuntimeStorage, sessions: Int, persistEveryStep: Bool) async -> Result {
        let live = LiveFlow(flowId: "bench-db", version: 1, document: flow())
        let store = storage.sessions
        let engine = FlowEngine(store: store, flows: StaticFlowSource([live]),
                                apps: SingleDeliveryResolver(MemoryOutbox()),
                                options: EngineOptions(persistEveryStep: persistEveryStep))
        try? await store.durable()
        let before = (try? store.stats(flowId: "bench-db")) ?? SessionStats()
        let begin = DispatchTime.now().uptimeNanoseconds
        _ = await engine.startBatch(flow: live, trigger: .event(body: [:]), count: sessions)
        try? await store.durable()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
        let after = (try? store.stats(flowId: "bench-db")) ?? SessionStats()
        var finished = after.outcomes
        for (name, n) in before.outcomes { finished[name, default: 0] -= n }
        return Result(sessions: sessions, seconds: seconds, finished: finished.filter { $0.value != 0 },
                      failed: after.failed - before.failed)
    }
}
