import Foundation

/// Runs async work from a synchronous command (argument-parser's entry point here is
/// synchronous): the calling thread waits while the work runs on Swift's concurrency
/// pool, never on the waiting thread, so it cannot deadlock. The error type is kept, so
/// typed-throws callers (view's `ShareError`) still get theirs.
func blockingAsync<T: Sendable, E: Error>(_ body: @escaping @Sendable () async throws(E) -> T) throws(E) -> T {
    let box = AsyncResultBox<T, E>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do throws(E) {
            box.result = .success(try await body())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Carries an async result back to the waiting thread: written once by the task before
/// the semaphore is signalled, read after it is waited on, so the semaphore orders them.
final class AsyncResultBox<T, E: Error>: @unchecked Sendable {
    var result: Result<T, E>?
}
