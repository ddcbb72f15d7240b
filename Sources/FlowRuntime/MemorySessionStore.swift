import FlowKit
import Foundation

/// Sessions in memory: for `flowcanvas run` (a test run leaves nothing behind) and the
/// benchmark. Lookups scan, which is fine for the handful of sessions a test run makes.
/// With `retainFinished: false` finished sessions are dropped (the benchmark runs
/// millions).
public final class MemorySessionStore: SessionStore, @unchecked Sendable {
    private let lock = NSLock()
    private var byID: [String: Session] = [:]
    private var order: [String] = []
    private var logLines: [LogEntry] = []
    private var droppedStats: [String: SessionStats] = [:]
    private let retainFinished: Bool

    public init(retainFinished: Bool = true) {
        self.retainFinished = retainFinished
    }

    public func save(_ session: inout Session) throws {
        session.persistedTranscriptCount = session.transcript.count
        let copy = session
        lock.withLock {
            if !retainFinished && !copy.state.isActive {
                if byID.removeValue(forKey: copy.id) != nil { order.removeAll { $0 == copy.id } }
                droppedStats[copy.flowId, default: SessionStats()].count(copy)
                return
            }
            if byID.updateValue(copy, forKey: copy.id) == nil { order.append(copy.id) }
        }
    }

    public func session(id: String) throws -> Session? {
        lock.withLock { byID[id] }
    }

    public func waitingSession(channel: String, address: String) throws -> Session? {
        lock.withLock {
            byID.values
                .filter { $0.state == .waiting && $0.waiting?.channel == channel && $0.waiting?.address == address }
                .max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        }
    }

    public func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
        lock.withLock {
            byID.values.first { $0.flowId == flowId && $0.uniqueKey == uniqueKey && $0.state.isActive }
        }
    }

    public func dueTimers(upTo date: Date) throws -> [String] {
        lock.withLock {
            byID.values
                .filter { $0.state == .waiting && ($0.timerDue.map { $0 <= date } ?? false) }
                .sorted { ($0.timerDue!, $0.id) < ($1.timerDue!, $1.id) }
                .map(\.id)
        }
    }

    public func nextTimerDue() throws -> Date? {
        lock.withLock { byID.values.filter { $0.state == .waiting }.compactMap(\.timerDue).min() }
    }

    public func runningSessionIDs() throws -> [String] {
        lock.withLock { order.filter { byID[$0]?.state == .running } }
    }

    public func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session] {
        lock.withLock {
            var out: [Session] = []
            for id in order.reversed() {
                guard var s = byID[id] else { continue }
                if let flowId, s.flowId != flowId { continue }
                if let state, s.state != state { continue }
                s.transcript = []
                out.append(s)
                if let limit, out.count >= limit { break }
            }
            return out
        }
    }

    public func stats(flowId: String) throws -> SessionStats {
        lock.withLock {
            var stats = droppedStats[flowId] ?? SessionStats()
            for s in byID.values where s.flowId == flowId { stats.count(s) }
            return stats
        }
    }

    public func appendLog(_ entry: LogEntry) throws {
        lock.withLock {
            var e = entry
            e.id = Int64(logLines.count + 1)
            logLines.append(e)
        }
    }

    public func logs(logbook: String?) throws -> [LogEntry] {
        lock.withLock { logLines.filter { logbook == nil || $0.logbook == logbook } }
    }
}
