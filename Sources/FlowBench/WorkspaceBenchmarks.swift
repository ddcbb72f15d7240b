import Foundation
import FlowKit

/// Save and load of a working draft, and the flow list's query beside it, through the real
/// SQLite workspace (WAL), in a temporary directory that is removed afterwards, or through a
/// workspace given (the CLI passes a PostgreSQL one).
public enum WorkspaceBenchmarks {
    public static func run(sizes: [Int] = [1_000, 5_000, 10_000], iterations: Int = 20,
                           report: (BenchmarkResult) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(directory: dir)
        try run(on: workspace, backend: nil, target5000: "< 50 ms", sizes: sizes, iterations: iterations, report: report)
    }

    /// Measures on `workspace`; with `backend` (named in each measurement, e.g.
    /// "PostgreSQL") on flows of its own (`bench-PID-N`), deleted afterwards. A save
    /// includes validation, as Save does.
    public static func run(on workspace: Workspace, backend: String?, target5000: String, sizes: [Int], iterations: Int,
                           report: (BenchmarkResult) -> Void) throws {
        let pid = ProcessInfo.processInfo.processIdentifier
        for n in sizes {
            let doc = SyntheticFlow.make(nodeCount: n)
            let name = backend == nil ? "bench-\(n)" : "bench-\(pid)-\(n)"
            _ = try workspace.createFlow(named: name, document: doc)
            defer { try? workspace.deleteFlow(name) }
            let target = n == 5_000 ? target5000 : "-"
            let save = backend.map { "save draft \(n) nodes on \($0)" } ?? "save draft \(n) nodes (incl. validate)"
            report(try BenchmarkTimer.measure(save, target: target,
                                              iterations: iterations) {
                _ = try workspace.saveDraft(name, document: doc)
            })
            let load = "load draft \(n) nodes" + (backend.map { " on \($0)" } ?? "")
            report(try BenchmarkTimer.measure(load, target: target, iterations: iterations) {
                _ = try workspace.document(name)
            })
            // The flow list refreshes on every change another process makes: its one query
            // must not grow with the drafts' documents.
            let list = "flow list, a draft of \(n) nodes" + (backend.map { " on \($0)" } ?? "")
            report(try BenchmarkTimer.measure(list, target: "-", iterations: iterations) {
                _ = try workspace.flowListEntries()
            })
        }
    }
}
