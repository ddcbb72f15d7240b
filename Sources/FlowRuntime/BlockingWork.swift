import NIOPosix

/// Where blocking work goes: synchronous SQLite reads, PBKDF2, page rendering. Swift's
/// shared cooperative pool has one thread per core; a request that blocks one of them
/// stalls every task scheduled there, so `serve` never blocks it. Everything that
/// blocks runs on NIO's process-wide thread pool instead, in this one way.
public enum BlockingWork {
    /// Runs `body` on `NIOThreadPool.singleton` and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
