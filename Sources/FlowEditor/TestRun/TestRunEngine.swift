import FlowKit
import FlowRuntime
import Foundation

/// The runtime behind one test run: a `FlowEngine` over a `MemorySessionStore`, a
/// `VirtualClock` and a `MemoryOutbox` for every channel (a test run never messages a
/// real customer and writes nothing to the workspace), with real HTTP for http-request
/// nodes. A restart builds a new one, so nothing of the previous run is left (not even
/// the duplicate-session guard's memory).
final class TestRunEngine: Sendable {
    let engine: FlowEngine
    let clock: VirtualClock
    let outbox: MemoryOutbox
    let flow: LiveFlow
    let startedAt: Date

    init(flow: LiveFlow, http: any HTTPClient) {
        var running = flow
        running.state = .running  // a test run tries the flow whatever its live state
        self.flow = running
        clock = VirtualClock()
        startedAt = clock.now
        outbox = MemoryOutbox()
        engine = FlowEngine(store: MemorySessionStore(), flows: StaticFlowSource([running]),
                            apps: SingleDeliveryResolver(outbox), clock: clock, http: http,
                            options: EngineOptions(persistEveryStep: false, sessionIDs: .sequential(prefix: "t")))
    }

    /// Runs `work` on the engine in a task and returns at once; the job carries the
    /// session as the work left it (or why it failed).
    func launch(_ work: @escaping @Sendable (FlowEngine) async throws(RuntimeError) -> Session) -> TestRunJob {
        let job = TestRunJob()
        let engine = self.engine
        job.task = Task.detached(executorPreference: TestRunExecutor.shared) {
            let result: Result<Session, RuntimeError>
            do throws(RuntimeError) { result = .success(try await work(engine)) } catch { result = .failure(error) }
            job.finish(result)
        }
        return job
    }

    func start(_ payload: TriggerPayload) -> TestRunJob {
        let flow = self.flow
        return launch { engine throws(RuntimeError) in try await engine.startSession(flow: flow, trigger: payload) }
    }

    func reply(session id: String, _ text: String) -> TestRunJob {
        launch { engine throws(RuntimeError) in try await engine.reply(toSession: id, message: text) }
    }

    /// Moves the virtual clock; timers due on the way fire at their own times.
    func advance(session id: String, by seconds: Double) -> TestRunJob {
        launch { engine throws(RuntimeError) in
            try await engine.advanceClock(by: seconds)
            guard let session = try await engine.session(id: id) else { throw .unknownSession(id) }
            return session
        }
    }
}

/// One call into the engine in flight. The UI thread never waits on it for long: it
/// checks `result` (the canvas screen's `tick()` polls it), or waits a bounded time.
final class TestRunJob: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: Result<Session, RuntimeError>?
    /// Set once right after creation, on the thread that launched it.
    var task: Task<Void, Never>?

    func finish(_ result: Result<Session, RuntimeError>) {
        condition.lock()
        stored = result
        condition.broadcast()
        condition.unlock()
    }

    var result: Result<Session, RuntimeError>? {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }

    /// Waits at most `seconds` for the result.
    @discardableResult
    func wait(upTo seconds: Double) -> Result<Session, RuntimeError>? {
        let deadline = Date().addingTimeInterval(max(0, seconds))
        condition.lock()
        defer { condition.unlock() }
        while stored == nil {
            if !condition.wait(until: deadline) { break }
        }
        return stored
    }
}
