import Foundation
import FlowKit

/// Save and load of a working draft through the real SQLite workspace (WAL), in a
/// temporary directory that is removed afterwards.
public enum WorkspaceBenchmarks {
    public static func run(sizes: [Int] = [1_000, 5_000, 10_000], iterations: Int = 20,
                           report: (BenchmarkResult) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(directory: dir)
        for n in sizes {
            let doc = SyntheticFlow.make(nodeCount: n)
            let name = "bench-\(n)"
            _ = try workspace.createFlow(named: name, document: doc)
            let target = n == 5_000 ? "< 50 ms" : "-"
            report(try BenchmarkTimer.measure("save draft \(n) nodes (incl. validate)", target: target,
                                              iterations: iterations) {
                _ = try workspace.saveDraft(name, document: doc)
            })
            report(try BenchmarkTimer.measure("load draft \(n) nodes", target: target, iterations: iterations) {
                _ = try workspace.document(name)
            })
        }
    }
}
