import FlowBench
import FlowKit
import FlowRuntime
import Foundation
import Testing

/// The runtime benchmark measures real sessions: every one reaches its End.
@Suite struct RuntimeBenchmarkTests {
    @Test func everyBenchmarkSessionRunsToItsEnd() async {
        let result = await RuntimeBenchmark.run(sessions: 2_000)
        #expect(result.sessions == 2_000)
        #expect(result.finished == ["finished": 2_000])
        #expect(result.failed == 0)
    }

    @Test func thePersistentBenchmarkWritesEverySession() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flowbench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "test")
        for every in [true, false] {
            let result = try await RuntimeBenchmark.runPersistent(workspace: ws, sessions: 20, persistEveryStep: every)
            #expect(result.finished == ["finished": 20])
        }
        let store = try DatabaseSessionStore(workspace: ws)
        let stored = try store.sessions(flowId: "bench-db", state: .done, limit: nil)
        #expect(stored.count == 40)
        #expect(try store.session(id: stored[0].id)?.transcript.count == 10)
    }
}
