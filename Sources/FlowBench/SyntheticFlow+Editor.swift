import FlowKit

extension SyntheticFlow {
    /// A flow shaped like a large hand-built one, for editor benchmarks: `nodeCount` boxes
    /// on a grid (the same spacing as `make`), each joined to its right neighbour (the last
    /// of a row to the box below), plus forward, downward and back edges from second
    /// outcomes until there are `connectorCount` connectors. Edges stay local, as they do
    /// in real flows, so the screen shows a realistic density of lines.
    public static func editorFlow(nodeCount: Int, connectorCount: Int, seed: UInt64 = 42) -> FlowDocument {
        precondition(nodeCount >= 2)
        var rng = SplitMix64(seed: seed)
        var doc = FlowDocument(name: "Synthetic editor \(nodeCount)", description: "generated for editor benchmarks")
        doc.settings.outcomes = [FlowOutcome(name: "done", kind: .success)]
        doc.settings.logbooks = ["audit"]
        let columns = max(1, Int(Double(nodeCount).squareRoot()))
        var nodes: [FlowNode] = []
        nodes.reserveCapacity(nodeCount)
        for i in 0..<nodeCount {
            let x = (i % columns) * (NodeGeometry.width + 10) + 2, y = (i / columns) * 10 + 2
            let id = i == 0 ? "start" : "n\(i)"
            let node: FlowNode
            if i == 0 {
                node = FlowNode(id: id, type: "start", label: "Inbound SMS", x: x, y: y,
                                config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"])
            } else if i % 53 == 0 {
                node = FlowNode(id: id, type: "end", label: "Done \(i)", x: x, y: y, config: ["outcome": "done"])
            } else {
                switch rng.next() % 5 {
                case 0: node = FlowNode(id: id, type: "http-request", label: "Lookup \(i)", x: x, y: y,
                                        config: ["method": "GET", "url": "$(start.message)"])
                case 1: node = FlowNode(id: id, type: "branch", label: "Check \(i)", x: x, y: y,
                                        config: ["branches": [["name": "yes", "variable": "$(start.message)", "op": "equals", "value": "YES"]]])
                case 2: node = FlowNode(id: id, type: "send", label: "Tell \(i)", x: x, y: y,
                                        config: ["channel": "sms", "to": "$(start.from)", "message": "On its way"])
                case 3: node = FlowNode(id: id, type: "set-variables", label: "Remember \(i)", x: x, y: y,
                                        config: ["assignments": .object(["v\(i)": "$(start.message)"])])
                default: node = FlowNode(id: id, type: "log", label: "Audit \(i)", x: x, y: y,
                                         config: ["logbook": "audit", "message": .string("step \(i)")])
                }
            }
            nodes.append(node)
        }
        doc.nodes = nodes
        let catalog = NodeCatalog.standard
        let outcomes = nodes.map { catalog.type($0.type)?.outcomes(for: $0) ?? [] }
        var connections: [Connection] = []
        connections.reserveCapacity(connectorCount)
        for i in 0..<nodeCount where !outcomes[i].isEmpty && connections.count < connectorCount {
            let next = i % columns == columns - 1 ? i + columns : i + 1
            guard next < nodeCount, next != 0 else { continue }
            connections.append(Connection(from: nodes[i].id, outcome: outcomes[i][0], to: nodes[next].id))
        }
        // Second outcomes: mostly down a row (±1 column), sometimes back to the left.
        var candidates = (0..<nodeCount).filter { outcomes[$0].count >= 2 }
        var k = candidates.count
        while connections.count < connectorCount, k > 0 {
            let j = Int(rng.next() % UInt64(k))
            k -= 1
            candidates.swapAt(j, k)
            let i = candidates[k]
            let col = i % columns
            var target: Int
            if rng.next() % 5 == 0, col > 0 {
                target = i - 1
            } else {
                let dc = Int(rng.next() % 3) - 1
                target = i + columns + (col + dc >= 0 && col + dc < columns ? dc : 0)
            }
            if target >= nodeCount || target <= 0 { target = max(1, i - 1) }
            guard target != i else { continue }
            connections.append(Connection(from: nodes[i].id, outcome: outcomes[i][1], to: nodes[target].id))
        }
        doc.connections = connections
        return doc
    }
}
