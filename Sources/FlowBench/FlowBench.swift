import FlowKit

/// Benchmarks behind `flowcanvas bench`.
public enum FlowBench {}
