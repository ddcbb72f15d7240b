import FlowKit
import Foundation

/// Issue 13, defect 2: import (parse + auto-layout) of generated flows of 1k, 5k, 10k and
/// 50k nodes with no, some (Start only) or all nodes placed, and the edge crossings of
/// the layout auto-layout makes for them.
public enum LayoutBenchmarks {
    public static let sizes = [1_000, 5_000, 10_000, 50_000]

    public static func run(sizes: [Int] = LayoutBenchmarks.sizes, iterations: Int = 5,
                           report: (BenchmarkResult) -> Void) {
        for n in sizes {
            let placed = SyntheticFlow.make(nodeCount: n)
            let variants: [(String, FlowDocument)] = [
                ("none placed", unplaced(placed, keepingStart: false)),
                ("Start placed", unplaced(placed, keepingStart: true)),
                ("all placed", placed),
            ]
            for (what, doc) in variants {
                let data = Data(FlowCodec.exportJSON(doc).utf8)
                report(BenchmarkTimer.measure("import \(n) nodes, \(what)", target: n == 50_000 ? "< 2000 ms" : "-",
                                              iterations: n >= 50_000 ? max(1, iterations / 2) : iterations, warmup: 1) {
                    _ = try? FlowCodec.importDocument(data)
                })
            }
            var laidOut = unplaced(placed, keepingStart: false)
            report(BenchmarkTimer.measure("auto-layout \(n) nodes", target: "-",
                                          iterations: n >= 50_000 ? max(1, iterations / 2) : iterations, warmup: 1,
                                          setup: { laidOut = unplaced(placed, keepingStart: false) }) {
                AutoLayout.apply(to: &laidOut)
            })
            var bfs = unplaced(placed, keepingStart: false)
            AutoLayout.apply(to: &bfs, ordering: .breadthFirst)
            for (what, doc) in [("BFS order (before)", bfs), ("barycentre order", laidOut)] {
                var quality = BenchmarkResult(name: "crossings \(n) nodes, \(what)",
                                              samples: [Double(LayoutQuality.crossings(doc))], target: "fewer is better")
                quality.unit = "pairs"
                report(quality)
            }
        }
    }

    /// The flow without positions (but Start's, with `keepingStart`).
    public static func unplaced(_ doc: FlowDocument, keepingStart: Bool) -> FlowDocument {
        var copy = doc
        for i in copy.nodes.indices where !(keepingStart && copy.nodes[i].type == "start") {
            copy.nodes[i].x = nil
            copy.nodes[i].y = nil
        }
        return copy
    }
}
