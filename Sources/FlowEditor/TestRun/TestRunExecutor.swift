import Dispatch

/// The threads a test run's engine works on: a queue of its own rather than Swift's shared
/// cooperative pool. The panel waits for an answer for a bounded time (`syncWait`) on the
/// thread that draws; when that thread, or anything else in the process, is itself a pool
/// thread blocked in a wait (as in the test suite, where hundreds of tests share the two
/// pool threads of a 2-core machine), the engine on the pool would starve until the wait
/// timed out. On its own queue the run always progresses.
final class TestRunExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = TestRunExecutor()

    private let queue = DispatchQueue(label: "flowcanvas.test-run", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { unowned.runSynchronously(on: executor) }
    }
}
