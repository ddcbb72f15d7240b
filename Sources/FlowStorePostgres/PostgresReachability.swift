import FlowKit
import Foundation

/// Whether this process reaches its PostgreSQL server, as its connections last found it,
/// shared by the store's connection and the runtime's. A connection that finds the
/// server gone reports `lost`, one that connects again reports `restored`; observers hear
/// each change once (an outage is one "lost" and one "restored", however many requests
/// and connections failed in between), so `serve` logs one line per outage.
public final class PostgresReachability: @unchecked Sendable {
    /// A change: `lost` with the problem, or `restored` with how long it lasted.
    public enum Change: Sendable {
        case lost(reason: String)
        case restored(after: TimeInterval)
    }

    private let lock = NSLock()
    private var downSince: Date?
    private var observers: [@Sendable (Change) -> Void] = []

    public init() {}

    public func observe(_ observer: @escaping @Sendable (Change) -> Void) {
        lock.withLock { observers.append(observer) }
    }

    public var isDown: Bool { lock.withLock { downSince != nil } }

    public func lost(_ error: WorkspaceError) {
        guard case .databaseUnreachable(_, let reason) = error else { return }
        let tell: [@Sendable (Change) -> Void] = lock.withLock {
            guard downSince == nil else { return [] }
            downSince = Date()
            return observers
        }
        for observer in tell { observer(.lost(reason: reason)) }
    }

    public func restored() {
        let (tell, after): ([@Sendable (Change) -> Void], TimeInterval) = lock.withLock {
            guard let since = downSince else { return ([], 0) }
            downSince = nil
            return (observers, Date().timeIntervalSince(since))
        }
        for observer in tell { observer(.restored(after: after)) }
    }
}

/// When a connection that failed to connect may try again: at once the first time, then
/// after a delay that doubles from 50 ms to at most 1 s. Between tries a caller fails at
/// once with the last error (a request answers 503 at once rather than waiting for a
/// connect that will fail), and a server that is back is found within 1 s.
public struct ReconnectBackoff: Sendable {
    static let first: TimeInterval = 0.05
    static let longest: TimeInterval = 1

    private var delay: TimeInterval = 0
    private var notBefore: UInt64 = 0
    private(set) var lastError: WorkspaceError?

    public init() {}

    private static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The error to fail with now, or nil when a connect may be tried.
    public var refusal: WorkspaceError? {
        guard let lastError, Self.now < notBefore else { return nil }
        return lastError
    }

    public mutating func failed(_ error: WorkspaceError) {
        delay = min(Self.longest, max(Self.first, delay * 2))
        notBefore = Self.now + UInt64(delay * 1e9)
        lastError = error
    }

    public mutating func succeeded() {
        delay = 0
        notBefore = 0
        lastError = nil
    }
}
