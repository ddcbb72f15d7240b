import Foundation

/// Start nodes, connectors, outcomes and reachability (DESIGN §5).
extension ValidationRun {
    /// Adjacency and connected outcomes, built in one pass over the connectors.
    struct Wiring {
        var edges: [[Int]]
        var connectedOutcomes: [Set<String>]
    }

    mutating func checkStarts() -> [Int] {
        var starts: [Int] = []
        for (i, node) in document.nodes.enumerated() where node.type == "start" { starts.append(i) }
        if starts.isEmpty {
            addFlow(.noStart, "The flow has no Start node; add one so sessions have somewhere to begin")
        } else if starts.count > 1 {
            for i in starts {
                add(.multipleStarts, node: i,
                    "the flow has \(starts.count) Start nodes but may have only one; remove the others")
            }
        }
        return starts
    }

    mutating func checkConnections() -> Wiring {
        let count = document.nodes.count
        var wiring = Wiring(edges: Array(repeating: [], count: count), connectedOutcomes: Array(repeating: [], count: count))
        var outcomeLists: [[String]?] = Array(repeating: nil, count: count)
        var firstTarget: [String: String] = [:]
        for c in document.connections {
            guard let from = indexByID[c.from] else {
                addOrphan(Finding(code: .incompleteConnector, node: nil,
                                  message: "A connector leaves node \"\(c.from)\" (outcome \"\(c.outcome)\"), which does not exist"))
                continue
            }
            if let type = types[from] {
                if outcomeLists[from] == nil { outcomeLists[from] = type.outcomes(for: document.nodes[from]) }
                let outcomes = outcomeLists[from]!
                guard outcomes.contains(c.outcome) else {
                    let known = outcomes.isEmpty ? "it ends the flow and has no outcomes"
                        : "its outcomes are \(outcomes.joined(separator: ", "))"
                    add(.incompleteConnector, node: from,
                        "a connector leaves from outcome \"\(c.outcome)\", which this node does not have; \(known)")
                    continue
                }
            }
            let to = indexByID[c.to]
            if to == nil {
                add(.incompleteConnector, node: from,
                    "outcome \"\(c.outcome)\" is connected to node \"\(c.to)\", which does not exist")
            }
            let key = c.from + "\u{0}" + c.outcome
            if let earlier = firstTarget[key] {
                let targets = earlier == c.to ? "twice to \"\(c.to)\"" : "to both \"\(earlier)\" and \"\(c.to)\""
                add(.duplicateConnector, node: from,
                    "outcome \"\(c.outcome)\" is connected \(targets); an outcome leads to one node")
            } else {
                firstTarget[key] = c.to
            }
            wiring.connectedOutcomes[from].insert(c.outcome)
            if let to { wiring.edges[from].append(to) }
        }
        return wiring
    }

    mutating func checkOutcomes(_ wiring: Wiring) {
        for i in document.nodes.indices {
            guard let type = types[i], !type.terminal else { continue }
            let outcomes = type.outcomes(for: document.nodes[i])
            if outcomes.isEmpty { continue }
            let connected = wiring.connectedOutcomes[i]
            if connected.isEmpty {
                add(.noOutcomeConnected, node: i,
                    "none of its outcomes (\(outcomes.joined(separator: ", "))) is connected; connect at least one")
                continue
            }
            for outcome in outcomes where !connected.contains(outcome) {
                add(.unassignedOutcome, node: i,
                    "outcome \"\(outcome)\" is not connected; sessions taking it stop without a flow outcome")
            }
        }
    }

    /// Marks what Start reaches; reports unreachable nodes and a voice flow without a
    /// reachable Disconnect.
    mutating func checkReachability(starts: [Int], wiring: Wiring) {
        var reached = [Bool](repeating: false, count: document.nodes.count)
        var queue = starts
        for s in starts { reached[s] = true }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            for next in wiring.edges[i] where !reached[next] {
                reached[next] = true
                queue.append(next)
            }
        }
        if !starts.isEmpty {
            for i in document.nodes.indices where !reached[i] {
                add(.unreachableNode, node: i, "no path from Start leads here, so it never runs")
            }
        }
        guard document.kind == .voice else { return }
        let disconnects = document.nodes.indices.filter { document.nodes[$0].type == "disconnect" }
        if starts.isEmpty {
            if disconnects.isEmpty {
                addFlow(.voiceMissingDisconnect, "Voice flow: there is no Disconnect node; every call must end with one")
            }
        } else if !disconnects.contains(where: { reached[$0] }) {
            let why = disconnects.isEmpty ? "there is no Disconnect node" : "no Disconnect node can be reached from Start"
            addFlow(.voiceMissingDisconnect, "Voice flow: \(why); every call must end with one")
        }
    }
}
