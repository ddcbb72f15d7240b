import Foundation
import NIOConcurrencyHelpers

/// The runtime's notion of "now". Named to stay clear of the standard library's `Clock`.
/// `serve` uses `SystemClock`; test runs use `VirtualClock`, which only moves when told
/// to (`FlowEngine.advanceClock(by:)` moves it timer by timer).
public protocol RuntimeClock: Sendable {
    var now: Date { get }
}

public struct SystemClock: RuntimeClock {
    public init() {}
    public var now: Date { Date() }
}

public final class VirtualClock: RuntimeClock {
    private let current: NIOLockedValueBox<Date>

    /// Starts at 2026-01-01T00:00:00Z by default so test-run transcripts are reproducible.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.current = NIOLockedValueBox(start)
    }

    public var now: Date { current.withLockedValue { $0 } }

    /// Moves the clock; never backwards.
    public func set(_ date: Date) {
        current.withLockedValue { current in if date > current { current = date } }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLockedValue { current in current = current.addingTimeInterval(max(0, seconds)) }
    }
}
