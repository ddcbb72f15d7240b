import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// The generated fixtures must themselves be what they claim, or the tests built on
/// them prove nothing.
@Suite struct CodecFixtureTests {
    @Test func largeFixtureHasTheRequestedSizeAndOnlyCatalogTypes() throws {
        let doc = CodecFixtures.large(500)
        #expect(doc.nodes.count == 500)
        #expect(Set(doc.nodes.map(\.id)).count == 500)
        #expect(doc.connections.count > 300)
        let imported = try FlowCodec.importDocument(Data(FlowCodec.exportJSON(doc).utf8))
        #expect(imported.nodes.count == 500)
    }

    @Test func chainFixtureIsALine() {
        let doc = CodecFixtures.chain(5)
        #expect(doc.nodes.map(\.id) == ["start", "n1", "n2", "n3", "end"])
        #expect(doc.connections.map(\.to) == ["n1", "n2", "n3", "end"])
        #expect(doc.nodes.allSatisfy { $0.x == nil && $0.y == nil })
    }
}

/// Documents shared by the codec, layout, diff and graph-export tests.
enum CodecFixtures {
    /// DESIGN §3's example flow, with its nodes deliberately out of id order.
    static func orderStatus() -> FlowDocument {
        FlowDocument(
            name: "Order status",
            description: "Answers 'where is my order' by SMS",
            kind: .messaging,
            settings: FlowSettings(
                preventDuplicateSessions: true,
                uniqueIdentifier: "$(start.from)",
                logbooks: ["orders"],
                outcomes: [FlowOutcome(name: "resolved", kind: .success), FlowOutcome(name: "api-failed", kind: .failure)],
                variables: [CustomVariable(name: "apiBase", default: "", externalized: true)]
            ),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 30, y: 2,
                         config: ["method": "GET", "url": "$(apiBase)/orders/$(start.message)"]),
                FlowNode(id: "done", type: "end", label: "Resolved", x: 60, y: 2, config: ["outcome": "resolved"]),
                FlowNode(id: "failed", type: "end", label: "API failed", x: 60, y: 10, config: ["outcome": "api-failed"]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "done"),
                Connection(from: "lookup", outcome: "error", to: "failed"),
                Connection(from: "lookup", outcome: "timeout", to: "failed"),
            ],
            notes: [FlowNote(id: "note-1", text: "Orders API: **v2** only. See [docs](https://example.com)",
                             node: "lookup", x: 30, y: 8)]
        )
    }

    /// A linear chain start → n1 → … → n(count-1) → end, without positions.
    static func chain(_ count: Int) -> FlowDocument {
        var doc = FlowDocument(name: "Chain", settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)]))
        doc.nodes.append(FlowNode(id: "start", type: "start", config: ["trigger": "webhook"]))
        for i in 1..<count - 1 {
            doc.nodes.append(FlowNode(id: "n\(i)", type: "delay", label: "Step \(i)", config: ["seconds": 1]))
        }
        doc.nodes.append(FlowNode(id: "end", type: "end", config: ["outcome": "done"]))
        for i in 0..<count - 1 {
            doc.connections.append(Connection(from: doc.nodes[i].id, outcome: "next", to: doc.nodes[i + 1].id))
        }
        return doc
    }

    /// A big, bushy flow like a real one at scale: http requests fanning out into
    /// branches, sends and ends, with config of several kinds and positions set.
    static func large(_ count: Int, seed: UInt64 = 42) -> FlowDocument {
        var rng = SplitMix64(seed: seed)
        var doc = FlowDocument(name: "Large flow \(count)", description: "Generated for benchmarks",
                               settings: FlowSettings(logbooks: ["main"], outcomes: [FlowOutcome(name: "ok", kind: .success)],
                                                      variables: [CustomVariable(name: "apiBase", default: "https://x.test")]))
        doc.nodes.append(FlowNode(id: "start", type: "start", label: "Start", x: 2, y: 1,
                                  config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]))
        for i in 1..<count {
            let id = "node-\(i)"
            let node: FlowNode
            switch i % 5 {
            case 0: node = FlowNode(id: id, type: "send", label: "Reply \(i)", config: [
                "channel": "sms", "to": "$(start.from)", "message": .string("Hello \"friend\" number \(i)\nHow are you? ✓")])
            case 1: node = FlowNode(id: id, type: "http-request", label: "Call API \(i)", config: [
                "method": "POST", "url": .string("$(apiBase)/items/\(i)"), "headers": ["Accept": "application/json"],
                "timeoutSeconds": 10])
            case 2: node = FlowNode(id: id, type: "branch", label: "Check \(i)", config: [
                "branches": [["name": "yes", "variable": .string("node-\(i - 1).status"), "op": "equals", "value": "200"],
                             ["name": "no", "variable": .string("node-\(i - 1).status"), "op": "greater-than", "value": "399"]]])
            case 3: node = FlowNode(id: id, type: "log", label: "Log \(i)", config: ["logbook": "main", "message": .string("step \(i)")])
            default: node = FlowNode(id: id, type: "end", label: "Done \(i)", config: ["outcome": "ok"])
            }
            var placed = node
            placed.x = Int(rng.next() % 4000)
            placed.y = Int(rng.next() % 4000)
            doc.nodes.append(placed)
            let parent = doc.nodes[Int(rng.next() % UInt64(i))]
            let outcomes = NodeCatalog.standard.type(parent.type)?.outcomes(for: parent) ?? []
            if let outcome = outcomes.first {
                doc.connections.append(Connection(from: parent.id, outcome: outcome, to: id))
            }
        }
        return doc
    }
}

