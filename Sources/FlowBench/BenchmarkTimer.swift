import Foundation

/// Runs a closure repeatedly and reports median and p99 wall time. Used by
/// `flowcanvas bench`; figures are machine-dependent and never asserted in tests.
public struct BenchmarkResult: Sendable {
    public var name: String
    public var samples: [Double]  // milliseconds, unless `unit` says otherwise
    public var target: String
    /// What a sample counts ("ms" for timings; e.g. "cells" for changed cells per frame).
    public var unit = "ms"

    public var median: Double { percentile(0.5) }
    public var p99: Double { percentile(0.99) }

    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let i = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return sorted[i]
    }

    public var line: String {
        let pad = name.padding(toLength: 42, withPad: " ", startingAt: 0)
        return String(format: "%@ median %8.3f %@   p99 %8.3f %@   (n=%d)   target %@",
                      pad, median, unit, p99, unit, samples.count, target)
    }
}

public enum BenchmarkTimer {
    public static func measure(_ name: String, target: String, iterations: Int, warmup: Int = 2,
                               setup: () -> Void = {}, _ body: () throws -> Void) rethrows -> BenchmarkResult {
        for _ in 0..<warmup {
            setup()
            try body()
        }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            setup()
            let d = try clock.measure { try body() }
            samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        return BenchmarkResult(name: name, samples: samples, target: target)
    }
}
