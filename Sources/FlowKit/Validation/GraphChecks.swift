import Foundation

/// Start nodes, connectors, outcomes and reachability (DESIGN §5).
///
/// Outcomes live in one flat array (node i's are `outcomeNames[outcomeStart[i] ..<
/// outcomeStart[i + 1]]`) and edges in compressed rows, so a 10,000-node flow costs a
/// few allocations rather than one set and one list per node.
extension ValidationRun {
    struct Wiring {
        var outcomeStart: [Int] = [0]
        var outcomeNames: [String] = []
        /// Per outcome slot: index of the first connector leaving it, or -1.
        var firstConnection: [Int] = []
        var edgeStart: [Int] = []
        var edgeTargets: [Int] = []

        func outcomes(of i: Int) -> Range<Int> { outcomeStart[i]..<outcomeStart[i + 1] }
        func targets(of i: Int) -> ArraySlice<Int> { edgeTargets[edgeStart[i]..<edgeStart[i + 1]] }
    }

    mutating func checkStarts() -> [Int] {
        var starts: [Int] = []
        for i in document.nodes.indices where types[i]?.isStart == true { starts.append(i) }
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

    /// Appends node `i`'s outcomes to the wiring; called for each node in order, right
    /// after `checkNode`, while its config is still in the cache.
    mutating func recordOutcomes(of i: Int) {
        if let info = types[i] {
            let first = wiring.outcomeNames.count
            if let dynamic = info.spec.dynamicOutcomes {
                // As NodeType.outcomes(for:): entry names first, then the fixed ones.
                for entry in document.nodes[i].config[dynamic]?.arrayValue ?? [] {
                    if let name = entry["name"]?.stringValue, !name.isEmpty,
                       !wiring.outcomeNames[first...].contains(name) {
                        wiring.outcomeNames.append(name)
                    }
                }
                for name in info.spec.outcomes where !wiring.outcomeNames[first...].contains(name) {
                    wiring.outcomeNames.append(name)
                }
            } else {
                wiring.outcomeNames += info.spec.outcomes
            }
        }
        wiring.outcomeStart.append(wiring.outcomeNames.count)
    }

    mutating func checkConnections() -> Wiring {
        var wiring = Wiring()
        swap(&wiring, &self.wiring)
        precondition(wiring.outcomeStart.count == document.nodes.count + 1, "recordOutcomes runs for every node first")
        wiring.firstConnection = Array(repeating: -1, count: wiring.outcomeNames.count)
        let connections = document.connections
        var edgeFrom: [Int] = []
        var edgeTo: [Int] = []
        edgeFrom.reserveCapacity(connections.count)
        edgeTo.reserveCapacity(connections.count)
        // Connectors come grouped by source (canonical order sorts them), and one node's
        // outcomes often share a target: reuse the last lookups instead of hashing again.
        var lastFromID = "", lastFrom: Int? = nil
        var lastToID = "", lastTo: Int? = nil
        for k in connections.indices {
            let c = connections[k]
            if k == 0 || c.from != lastFromID { lastFromID = c.from; lastFrom = indexByID.firstIndex(of: c.from) }
            if k == 0 || c.to != lastToID { lastToID = c.to; lastTo = indexByID.firstIndex(of: c.to) }
            guard let from = lastFrom else {
                addOrphan(Finding(code: .incompleteConnector, node: nil,
                                  message: "A connector leaves node \"\(c.from)\" (outcome \"\(c.outcome)\"), which does not exist"))
                continue
            }
            let to = lastTo
            if types[from] != nil {
                let range = wiring.outcomes(of: from)
                guard let slot = range.first(where: { wiring.outcomeNames[$0] == c.outcome }) else {
                    let outcomes = wiring.outcomeNames[range]
                    let known = outcomes.isEmpty ? "it ends the flow and has no outcomes"
                        : "its outcomes are \(outcomes.joined(separator: ", "))"
                    add(.incompleteConnector, node: from,
                        "a connector leaves from outcome \"\(c.outcome)\", which this node does not have; \(known)")
                    continue
                }
                let earlier = wiring.firstConnection[slot]
                if earlier >= 0 {
                    let first = connections[earlier].to
                    let targets = first == c.to ? "twice to \"\(c.to)\"" : "to both \"\(first)\" and \"\(c.to)\""
                    add(.duplicateConnector, node: from,
                        "outcome \"\(c.outcome)\" is connected \(targets); an outcome leads to one node")
                } else {
                    // A connector to a missing node still counts as connected: it is
                    // reported once, as incomplete, not also as an unconnected outcome.
                    wiring.firstConnection[slot] = k
                }
            }
            if let to {
                edgeFrom.append(from)
                edgeTo.append(to)
            } else {
                add(.incompleteConnector, node: from,
                    "outcome \"\(c.outcome)\" is connected to node \"\(c.to)\", which does not exist")
            }
        }
        // Compressed rows: count per source, prefix sums, then place.
        var start = [Int](repeating: 0, count: document.nodes.count + 1)
        for f in edgeFrom { start[f + 1] += 1 }
        for i in 0..<document.nodes.count { start[i + 1] += start[i] }
        var fill = start
        var targets = [Int](repeating: 0, count: edgeTo.count)
        for e in edgeFrom.indices {
            targets[fill[edgeFrom[e]]] = edgeTo[e]
            fill[edgeFrom[e]] += 1
        }
        wiring.edgeStart = start
        wiring.edgeTargets = targets
        return wiring
    }

    mutating func checkOutcomes(_ wiring: Wiring) {
        for i in document.nodes.indices {
            guard let info = types[i], !info.spec.terminal else { continue }
            let range = wiring.outcomes(of: i)
            if range.isEmpty { continue }
            if !range.contains(where: { wiring.firstConnection[$0] >= 0 }) {
                let names = wiring.outcomeNames[range].joined(separator: ", ")
                add(.noOutcomeConnected, node: i, "none of its outcomes (\(names)) is connected; connect at least one")
                continue
            }
            for slot in range where wiring.firstConnection[slot] < 0 {
                add(.unassignedOutcome, node: i,
                    "outcome \"\(wiring.outcomeNames[slot])\" is not connected; sessions taking it stop without a flow outcome")
            }
        }
    }

    /// Marks what Start reaches; reports unreachable nodes and a voice flow without a
    /// reachable Disconnect.
    mutating func checkReachability(starts: [Int], wiring: Wiring) {
        var reached = [Bool](repeating: false, count: document.nodes.count)
        var queue = starts
        queue.reserveCapacity(document.nodes.count)
        for s in starts { reached[s] = true }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            for next in wiring.targets(of: i) where !reached[next] {
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
