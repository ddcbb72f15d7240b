import Foundation

/// The thread a `FlowEngine` runs on: a serial executor with a thread of its own.
///
/// The engine calls the session store synchronously (it must check and claim without a
/// suspension point, see `FlowEngine`), and on PostgreSQL a synchronous call waits for a
/// network round trip (NIO's `wait()`), on SQLite for the disk. On Swift's cooperative
/// pool (one thread per core: two here) each such wait took a pool thread from every other
/// request, the HTTP handlers and the timers. On this thread, a wait holds up only the
/// engine, which is serial anyway; the pool keeps its threads for the rest.
///
/// The thread ends when the engine goes (`shutdown` from its deinit; queued jobs hold the
/// engine, so none is left then).
public final class EngineExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    public init(name: String = "flowcanvas.engine") {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once its queue is empty.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
