import FlowEditor
import FlowKit
import Foundation
import TerminalUI

/// Blame and history stepping (issue 17) on a real SQLite workspace: one flow of `nodes`
/// nodes made live `versions` times, each version relabelling 20 nodes and moving 5.
/// The flow is `SyntheticFlow.make` without its connectors to the far "Failed" End (those
/// outcomes stay unconnected: warnings): thousands of connectors across the whole grid
/// to one corner are re-routed whenever a box on their path moves, a routing cost of any
/// edit on such a flow, which the editor's own benchmarks keep out with `editorFlow` too.
public enum HistoryBenchmarks {
    public static func run(nodes: Int = 5_000, versions: Int = 100, iterations: Int = 10,
                           report: (BenchmarkResult) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-bench-history-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(directory: dir)
        var doc = SyntheticFlow.make(nodeCount: nodes)
        doc.connections.removeAll { $0.to == "end-failed" }
        let name = "history-\(nodes)"
        _ = try workspace.createFlow(named: name, document: doc)
        for v in 1...versions {
            if v > 1 {
                for i in 0..<20 { doc.nodes[(v * 37 + i * 101) % nodes].label = "v\(v) edit \(i)" }
                for i in 0..<5 { doc.nodes[(v * 53 + i * 211) % nodes].x = (doc.nodes[(v * 53 + i * 211) % nodes].x ?? 0) + 1 }
                try workspace.saveDraft(name, document: doc)
            }
            try workspace.makeLive(name, MakeLiveRequest(comment: "change \(v)"))
        }
        let label = "\(nodes) nodes, \(versions) versions"
        // Reads each version's recorded change (VersionChangeSet), not its document.
        report(try BenchmarkTimer.measure("blame \(label)", target: "< 200 ms", iterations: iterations) {
            _ = try workspace.blame(name)
        })

        // A step on the canvas: read the entry's document (the one before is cached),
        // diff, marks, change list, and draw a 200×60 frame.
        let screen = try CanvasScreen.open(workspace: workspace, flow: name)
        var buffer = CellBuffer(size: Size(width: 200, height: 60))
        screen.render(into: &buffer, size: buffer.size)
        screen.startStepping(at: .version(versions))
        screen.render(into: &buffer, size: buffer.size)
        var direction = -1
        var routed: [Double] = []
        func step() {
            if let v = screen.steppingEntry?.version, v <= 2 || v >= versions { direction = v <= 2 ? 1 : -1 }
            screen.stepHistory(direction)
            screen.render(into: &buffer, size: buffer.size)
            routed.append(Double(screen.canvasView.stats.connectorsRouted))
        }
        // As a user steps: the documents the next step needs were read during the pause
        // before the key (the stepper reads them ahead, off the main thread).
        report(BenchmarkTimer.measure("history step on the canvas (\(label))", target: "< 30 ms", iterations: iterations,
                                      setup: { screen.waitForHistoryPrefetch() }) { step() })
        var routing = BenchmarkResult(name: "connectors routed again per step", samples: routed, target: "-")
        routing.unit = "conn"
        report(routing)
        // Keys held down: no pause, so a step may wait for its document.
        report(BenchmarkTimer.measure("history step, no pause between keys", target: "-", iterations: iterations) { step() })
        // What the read ahead hides: one version's document read from the store.
        report(try BenchmarkTimer.measure("read one version's document (\(nodes) nodes)", target: "-", iterations: iterations) {
            _ = try workspace.document(name, .version(versions / 2))
        })
    }
}
