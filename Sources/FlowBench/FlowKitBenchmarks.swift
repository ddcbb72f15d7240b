import Foundation
import FlowKit

/// The FlowKit figures of issue 2: validate, canonical export, diff (and, through
/// `WorkspaceBenchmarks`, save and load) on generated flows of 1,000 / 5,000 / 10,000 nodes.
public enum FlowKitBenchmarks {
    public static func run(sizes: [Int] = [1_000, 5_000, 10_000], iterations: Int = 20,
                           report: (BenchmarkResult) -> Void) {
        let validator = Validator()
        for n in sizes {
            let doc = SyntheticFlow.make(nodeCount: n)
            report(BenchmarkTimer.measure("validate \(n) nodes", target: n == 10_000 ? "< 10 ms" : "-",
                                          iterations: iterations) {
                _ = validator.validate(doc)
            })
            report(BenchmarkTimer.measure("canonical export \(n) nodes", target: "-", iterations: iterations) {
                _ = FlowCodec.exportJSON(doc)
            })
            let edited = SyntheticFlow.edited(doc)
            report(BenchmarkTimer.measure("diff two \(n)-node versions", target: n == 5_000 ? "< 50 ms" : "-",
                                          iterations: iterations) {
                _ = FlowDiff.between(doc, edited)
            })
        }
        runRegex(iterations: iterations, report: report)
    }

    /// Issue 13, defect 11: patterns that make a backtracking engine explode, and one that
    /// exhausts the step budget (the evaluate node's `error`); target: under 100 ms each.
    public static func runRegex(iterations: Int, report: (BenchmarkResult) -> Void) {
        let backtracking = try! Expression(parsing: "matches($(t), '(a+)+$')")
        let aaab: JSONValue = .string(String(repeating: "a", count: 30) + "b")
        report(BenchmarkTimer.measure("matches (a+)+$ on 30 a's and a b", target: "< 100 ms", iterations: iterations) {
            _ = try? backtracking.evaluate { _ in aaab }
        })
        let runaway = try! Expression(parsing: "matches($(t), '(x{0,40}){25}y')")
        let xs: JSONValue = .string(String(repeating: "x", count: 20_000))
        report(BenchmarkTimer.measure("matches out of step budget (error)", target: "< 100 ms", iterations: iterations) {
            _ = try? runaway.evaluate { _ in xs }
        })
    }
}
