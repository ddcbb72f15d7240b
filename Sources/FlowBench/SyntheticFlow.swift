import FlowKit

/// Generated flows of any size for benchmarks: a Start, then a grid of realistic nodes
/// (HTTP requests, branches, messages, assignments) wired forward, every path ending on
/// an End node, laid out on a grid so boxes do not overlap.
public enum SyntheticFlow {
    /// A flow of exactly `nodeCount` nodes (≥ 3). `extraConnections` adds forward
    /// connectors from branch outcomes to reach a target connector count.
    public static func make(nodeCount: Int, seed: UInt64 = 42) -> FlowDocument {
        precondition(nodeCount >= 3)
        var rng = SplitMix64(seed: seed)
        var doc = FlowDocument(name: "Synthetic \(nodeCount)", description: "generated for benchmarks")
        doc.settings.outcomes = [FlowOutcome(name: "done", kind: .success),
                                 FlowOutcome(name: "failed", kind: .failure)]
        doc.settings.variables = [CustomVariable(name: "apiBase", default: "http://127.0.0.1:9", externalized: true)]
        doc.settings.logbooks = ["audit"]

        let columns = max(1, Int(Double(nodeCount).squareRoot()))
        func position(_ i: Int) -> (Int, Int) {
            ((i % columns) * (NodeGeometry.width + 10) + 2, (i / columns) * 10 + 2)
        }
        var nodes: [FlowNode] = []
        nodes.reserveCapacity(nodeCount)
        let (sx, sy) = position(0)
        nodes.append(FlowNode(id: "start", type: "start", label: "Inbound SMS", x: sx, y: sy,
                              config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]))
        // Interior nodes cycle through the common kinds; the last two are Ends.
        let interior = nodeCount - 3
        for i in 0..<interior {
            let id = "n\(i + 1)"
            let (x, y) = position(i + 1)
            let node: FlowNode
            switch rng.next() % 5 {
            case 0:
                node = FlowNode(id: id, type: "http-request", label: "Lookup \(i)", x: x, y: y,
                                config: ["method": "GET", "url": "$(apiBase)/orders/$(start.message)", "timeoutSeconds": 5])
            case 1:
                node = FlowNode(id: id, type: "branch", label: "Check \(i)", x: x, y: y,
                                config: ["branches": [["name": "yes", "variable": "$(start.message)", "op": "equals", "value": "YES"],
                                                      ["name": "no", "variable": "$(start.message)", "op": "equals", "value": "NO"]]])
            case 2:
                node = FlowNode(id: id, type: "send", label: "Tell \(i)", x: x, y: y,
                                config: ["channel": "sms", "to": "$(start.from)", "message": "Your order $(start.message) is on its way"])
            case 3:
                node = FlowNode(id: id, type: "set-variables", label: "Remember \(i)", x: x, y: y,
                                config: ["assignments": .object(["last\(i)": "$(start.message)"])])
            default:
                node = FlowNode(id: id, type: "log", label: "Audit \(i)", x: x, y: y,
                                config: ["logbook": "audit", "message": .string("step \(i) for $(start.from)")])
            }
            nodes.append(node)
        }
        let (ex, ey) = position(nodeCount - 2)
        nodes.append(FlowNode(id: "end-done", type: "end", label: "Done", x: ex, y: ey, config: ["outcome": "done"]))
        let (fx, fy) = position(nodeCount - 1)
        nodes.append(FlowNode(id: "end-failed", type: "end", label: "Failed", x: fx, y: fy, config: ["outcome": "failed"]))
        doc.nodes = nodes

        // Each node's outcomes go to the next node, or to an End; branches also skip ahead.
        let catalog = NodeCatalog.standard
        var connections: [Connection] = []
        connections.reserveCapacity(nodeCount * 2)
        for (i, node) in nodes.enumerated() where !(catalog.type(node.type)?.terminal ?? true) {
            let outcomes = catalog.type(node.type)!.outcomes(for: node)
            for (k, outcome) in outcomes.enumerated() {
                let target: String
                if k == 0 {
                    target = i + 1 < nodeCount - 2 ? nodes[i + 1].id : "end-done"
                } else if node.type == "branch", k == 1 {
                    let skip = i + 2 + Int(rng.next() % 7)
                    target = skip < nodeCount - 2 ? nodes[skip].id : "end-done"
                } else {
                    target = "end-failed"
                }
                connections.append(Connection(from: node.id, outcome: outcome, to: target))
            }
        }
        doc.connections = connections
        return doc
    }

    /// A copy with about `fraction` of the interior nodes changed, a few removed and added:
    /// the "next version" for diff benchmarks.
    public static func edited(_ doc: FlowDocument, fraction: Double = 0.05, seed: UInt64 = 7) -> FlowDocument {
        var rng = SplitMix64(seed: seed)
        var copy = doc
        let step = max(1, Int(1 / fraction))
        for i in stride(from: 1, to: copy.nodes.count - 2, by: step) {
            switch rng.next() % 3 {
            case 0: copy.nodes[i].label += " (edited)"
            case 1: copy.nodes[i].x = (copy.nodes[i].x ?? 0) + 1
            default: copy.nodes[i].config["note"] = .string("changed")
            }
        }
        copy.nodes.append(FlowNode(id: "added-node", type: "log", label: "Added", x: 0, y: 0,
                                   config: ["logbook": "audit", "message": "new"]))
        return copy
    }
}

/// Deterministic generator so every run benchmarks the same flows.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
