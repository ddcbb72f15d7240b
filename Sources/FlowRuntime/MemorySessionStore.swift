import FlowKit
import Foundation
import NIOConcurrencyHelpers

/// Sessions in memory: for `flowcanvas run` (a test run leaves nothing behind) and the
/// benchmark. Lookups scan, which is fine for the handful of sessions a test run makes.
/// With `retainFinished: false` finished sessions are dropped (the benchmark runs
/// millions).
public final class MemorySessionStore: SessionStore {
    private struct Contents {
        var byID: [String: Session] = [:]
        var order: [String] = []
        var logLines: [LogEntry] = []
        var droppedStats: [String: SessionStats] = [:]
    }
    private let contents = NIOLockedValueBox(Contents())
    private let retainFinished: Bool

    public init(retainFinished: Bool = true) {
        self.retainFinished = retainFinished
    }

    public func save(_ session: inout Session) throws {
        session.persistedTranscriptCount = session.transcript.count
        let copy = session
        contents.withLockedValue { c in
            if !retainFinished && !copy.state.isActive {
                if c.byID.removeValue(forKey: copy.id) != nil { c.order.removeAll { $0 == copy.id } }
                c.droppedStats[copy.flowId, default: SessionStats()].count(copy)
                return
            }
            if c.byID.updateValue(copy, forKey: copy.id) == nil { c.order.append(copy.id) }
        }
    }

    public func session(id: String) throws -> Session? {
        contents.withLockedValue { c in c.byID[id] }
    }

    public func waitingSession(channel: String, address: String) throws -> Session? {
        contents.withLockedValue { c in
            c.byID.values
                .filter { $0.state == .waiting && $0.waiting?.channel == channel && $0.waiting?.address == address }
                .max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        }
    }

    public func activeSession(flowId: String, uniqueKey: String) throws -> Session? {
        contents.withLockedValue { c in
            c.byID.values.first { $0.flowId == flowId && $0.uniqueKey == uniqueKey && $0.state.isActive }
        }
    }

    public func dueTimers(upTo date: Date) throws -> [String] {
        contents.withLockedValue { c in
            c.byID.values
                .filter { $0.state == .waiting && ($0.timerDue.map { $0 <= date } ?? false) }
                .sorted { ($0.timerDue!, $0.id) < ($1.timerDue!, $1.id) }
                .map(\.id)
        }
    }

    public func nextTimerDue() throws -> Date? {
        contents.withLockedValue { c in c.byID.values.filter { $0.state == .waiting }.compactMap(\.timerDue).min() }
    }

    public func runningSessionIDs() throws -> [String] {
        contents.withLockedValue { c in c.order.filter { c.byID[$0]?.state == .running } }
    }

    public func sessions(flowId: String?, state: SessionState?, limit: Int?) throws -> [Session] {
        contents.withLockedValue { c in
            var out: [Session] = []
            for id in c.order.reversed() {
                guard var s = c.byID[id] else { continue }
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
        contents.withLockedValue { c in
            var stats = c.droppedStats[flowId] ?? SessionStats()
            for s in c.byID.values where s.flowId == flowId { stats.count(s) }
            return stats
        }
    }

    public func appendLog(_ entry: LogEntry) throws {
        contents.withLockedValue { c in
            var e = entry
            e.id = Int64(c.logLines.count + 1)
            c.logLines.append(e)
        }
    }

    public func logs(logbook: String?) throws -> [LogEntry] {
        contents.withLockedValue { c in c.logLines.filter { logbook == nil || $0.logbook == logbook } }
    }
}
