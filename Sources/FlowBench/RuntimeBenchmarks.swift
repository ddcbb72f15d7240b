import FlowKit
import FlowRuntime
import Foundation

/// The runtime figures of issue 5: sessions per second through the 10-node no-I/O flow
/// (start, set-variables, branch, evaluate … end), in memory (target ≥ 100,000/s) and on
/// the workspace database through the group commit that `serve` uses. The HTTP figure
/// (webhook → session done, ≥ 10,000 req/s, p99 < 10 ms) is measured with `wrk` against
/// `flowcanvas serve`, see docs/DECISIONS.md.
public enum RuntimeBenchmarks {
    public struct Line: Sendable {
        public var name: String
        public var result: RuntimeBenchmark.Result
        public var target: String

        public var text: String {
            let pad = name.padding(toLength: 42, withPad: " ", startingAt: 0)
            let ended = result.finished.values.reduce(0, +)
            return String(format: "%@ %10.0f sessions/s   (%d sessions in %.3f s, %d ended, %d failed)   target %@",
                          pad, result.sessionsPerSecond, result.sessions, result.seconds, ended, result.failed, target)
        }
    }

    /// `postgres`: also the runtime tables of a PostgreSQL workspace, next to SQLite's.
    public static func run(sessions: Int = 200_000, postgres: (any RuntimeStorage)? = nil,
                           report: (Line) -> Void) async throws {
        report(Line(name: "runtime: 10-node flow, in memory",
                    result: await RuntimeBenchmark.run(sessions: sessions), target: ">= 100000/s"))
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-runtime-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(directory: dir)
        let persisted = max(1_000, sessions / 10)
        report(Line(name: "runtime: 10-node flow, SQLite, checkpoints",
                    result: try await RuntimeBenchmark.runPersistent(workspace: workspace, sessions: persisted,
                                                                 persistEveryStep: false), target: "-"))
        report(Line(name: "runtime: 10-node flow, SQLite, every step",
                    result: try await RuntimeBenchmark.runPersistent(workspace: workspace, sessions: persisted,
                                                                 persistEveryStep: true), target: "-"))
        if let postgres {
            report(Line(name: "runtime: 10-node flow, PostgreSQL, checkpoints",
                        result: await RuntimeBenchmark.runPersistent(storage: postgres, sessions: persisted,
                                                                     persistEveryStep: false), target: "-"))
            report(Line(name: "runtime: 10-node flow, PostgreSQL, every step",
                        result: await RuntimeBenchmark.runPersistent(storage: postgres, sessions: persisted,
                                                                     persistEveryStep: true), target: "-"))
        }
    }
}
