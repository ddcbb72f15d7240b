import ArgumentParser
import FlowBench
import FlowRuntime
import FlowRuntimePostgres
import FlowStorePostgres
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmarks on generated flows (build with -c release for real figures).")
    @Option(help: "Iterations per measurement.") var iterations = 20
    @Option(help: "Flow sizes in nodes, comma-separated.") var sizes = "1000,5000,10000"
    @Flag(help: "Also measure the runtime: sessions/s through a 10-node flow, in memory and on SQLite.")
    var runtime = false
    @Flag(help: "Measure only the runtime.") var runtimeOnly = false
    @Option(help: "Sessions per runtime measurement.") var sessions = 200_000
    @Option(help: ArgumentHelp(
        "Also measure draft save and load on this PostgreSQL database (postgres://...); its flows are deleted after.",
        valueName: "url"))
    var postgres: String?
    @Flag(help: "Measure only the editor: frame time and changed cells per keystroke at 200x60 on 1,000 and 5,000 nodes.")
    var editorOnly = false
    @Flag(help: "Measure only selection, search and paste on 5,000 nodes: select-all and move frames, filtered search, pasting 1,000 nodes.")
    var selectionOnly = false
    @Flag(help: "Measure only import and auto-layout at 1,000 / 5,000 / 10,000 / 50,000 nodes, and edge crossings.")
    var layoutOnly = false
    @Flag(help: "Measure only history review: blame and stepping on a 5,000-node flow with 100 versions.")
    var historyOnly = false
    @Flag(help: "Measure only draft save and load: on SQLite, and on PostgreSQL with --postgres.")
    var storeOnly = false

    func run() async throws {
        let list = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 >= 3 }) else {
            throw ValidationError("--sizes takes node counts of at least 3, e.g. 1000,5000")
        }
        let print: (BenchmarkResult) -> Void = { Output.out($0.line + "\n") }
        if historyOnly {
            try HistoryBenchmarks.run(iterations: min(iterations, 10), report: print)
            return
        }
        if selectionOnly {
            SelectionBenchmarks.run(report: print)
            return
        }
        if editorOnly {
            EditorBenchmarks.run(report: print)
            try LiveValidationBenchmarks.run(report: print)
            SelectionBenchmarks.run(report: print)
            return
        }
        if layoutOnly {
            LayoutBenchmarks.run(iterations: min(iterations, 5), report: print)
            return
        }
        if storeOnly {
            try WorkspaceBenchmarks.run(sizes: list, iterations: iterations, report: print)
            try measurePostgres(sizes: list, report: print)
            return
        }
        if !runtimeOnly {
            FlowKitBenchmarks.run(sizes: list, iterations: iterations, report: print)
            try WorkspaceBenchmarks.run(sizes: list, iterations: iterations, report: print)
            LayoutBenchmarks.run(iterations: min(iterations, 5), report: print)
            try measurePostgres(sizes: list, report: print)
        }
        if runtime || runtimeOnly {
            let count = max(1_000, sessions)
            // With --postgres: the runtime's tables on that database too, in the same run.
            var storage: (any RuntimeStorage)?
            if let postgres {
                guard PostgresURL.isPostgresURL(postgres) else { throw ValidationError("--postgres takes a postgres:// URL") }
                storage = try RuntimeStorageOpening.open(try WorkspaceOpening.open(option: postgres))
            }
            defer { storage?.close() }
            try await RuntimeBenchmarks.run(sessions: count, postgres: storage) { Output.out($0.text + "\n") }
        }
    }

    /// Draft save and load on the `--postgres` database, when given.
    func measurePostgres(sizes: [Int], report: (BenchmarkResult) -> Void) throws {
        guard let postgres else { return }
        guard PostgresURL.isPostgresURL(postgres) else {
            throw ValidationError("--postgres takes a postgres:// URL")
        }
        let workspace = try WorkspaceOpening.open(option: postgres)
        try WorkspaceBenchmarks.run(on: workspace, backend: "PostgreSQL", target5000: "< 100 ms",
                                    sizes: sizes, iterations: iterations, report: report)
    }
}
