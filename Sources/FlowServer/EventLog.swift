import FlowRuntime
import Foundation
import TerminalText

/// `serve`'s standard output: one line per session event, buffered and written at
/// most every 50 ms (or when 64 KiB pile up) so that thousands of sessions a second do
/// not cost thousands of write calls. `flush()` writes at once (startup, shutdown).
public final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private let fd: Int32
    private var flusher: Thread?
    private var stopped = false

    /// Writes to `fd` (standard output by default).
    public init(fd: Int32 = 1) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
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
        flusher = thread
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    public func stop() {
        lock.withLock { stopped = true }
        flush()
    }

    public func line(_ text: String) {
        // Session events quote what customers sent: one escaped line each.
        let text = TerminalText.escaped(text)
        let full = lock.withLock { () -> Bool in
            buffer.append(contentsOf: text.utf8)
            buffer.append(0x0A)
            return buffer.count >= 1 << 16
        }
        if full { flush() }
    }

    public func flush() {
        let bytes: [UInt8] = lock.withLock {
            let out = buffer
            buffer.removeAll(keepingCapacity: true)
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
