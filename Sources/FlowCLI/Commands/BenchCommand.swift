import ArgumentParser
import FlowBench
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmarks on generated flows (build with -c release for real figures).")
    @Option(help: "Iterations per measurement.") var iterations = 20
    @Option(help: "Flow sizes in nodes, comma-separated.") var sizes = "1000,5000,10000"
    @Flag(help: "Also measure the runtime: sessions/s through a 10-node flow, in memory and on SQLite.")
    var runtime = false
    @Flag(help: "Measure only the runtime.") var runtimeOnly = false
    @Option(help: "Sessions per runtime measurement.") var sessions = 200_000
    @Flag(help: "Measure only the editor: frame time and changed cells per keystroke at 200x60 on 1,000 and 5,000 nodes.")
    var editorOnly = false

    func run() throws {
        let list = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 >= 3 }) else {
            throw ValidationError("--sizes takes node counts of at least 3, e.g. 1000,5000")
        }
        let print: (BenchmarkResult) -> Void = { Output.out($0.line + "\n") }
        if editorOnly {
            EditorBenchmarks.run(report: print)
            return
        }
        if !runtimeOnly {
            FlowKitBenchmarks.run(sizes: list, iterations: iterations, report: print)
            try WorkspaceBenchmarks.run(sizes: list, iterations: iterations, report: print)
        }
        if runtime || runtimeOnly {
            let count = max(1_000, sessions)
            try blockingAsync { try await RuntimeBenchmarks.run(sessions: count) { Output.out($0.text + "\n") } }
        }
    }
}
