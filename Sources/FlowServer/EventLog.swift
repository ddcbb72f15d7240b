import FlowRuntime
import Foundation
import NIOConcurrencyHelpers

/// `serve`'s standard output: one line per session event, buffered and written at
/// most every 50 ms (or when 64 KiB pile up) so that thousands of sessions a second do
/// not cost thousands of write calls. `flush()` writes at once (startup, shutdown).
public final class EventLog: Sendable {
    private struct State {
        var buffer: [UInt8] = []
        var stopped = false
    }
    private let state: NIOLockedValueBox<State>
    private let fd: Int32

    /// Writes to `fd` (standard output by default).
    public init(fd: Int32 = 1) {
        self.fd = fd
        var initial = State()
        initial.buffer.reserveCapacity(1 << 16)
        state = NIOLockedValueBox(initial)
    }

    /// Starts the background flush every 50 ms.
    public func start() {
        let thread = Thread { [weak self] in
            while let log = self, !log.isStopped {
                log.flush()
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        thread.name = "flowcanvas-event-log"
        thread.start()
    }

    private var isStopped: Bool { state.withLockedValue { $0.stopped } }

    public func stop() {
        state.withLockedValue { $0.stopped = true }
        flush()
    }

    public func line(_ text: String) {
        let full = state.withLockedValue { state -> Bool in
            state.buffer.append(contentsOf: text.utf8)
            state.buffer.append(0x0A)
            return state.buffer.count >= 1 << 16
        }
        if full { flush() }
    }

    public func flush() {
        let bytes: [UInt8] = state.withLockedValue { state in
            let out = state.buffer
            state.buffer.removeAll(keepingCapacity: true)
            return out
        }
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// `2026-05-01T10:00:00.123Z done     order-status v1 0196…-…  at done: resolved`
    public static func format(_ e: SessionEvent, time: Date) -> String {
        var kind = e.kind.rawValue
        while kind.utf8.count < 8 { kind += " " }
        let version = e.version.map { "v\($0)" } ?? "draft"
        let node = e.node.map { " at \($0)" } ?? ""
        return "\(RuntimeJSON.time(time)) \(kind) \(e.flowId) \(version) \(e.sessionId)\(node): \(e.detail)"
    }
}
