import FlowKit
import Foundation
import TestSupport

/// Documents for the store contract tests.
enum ContractFixture {
    /// A valid messaging flow: Start (inbound SMS) → send reply → End, one externalized
    /// variable.
    static func smsFlow(name: String = "Order status", greeting: String = "Hello") -> FlowDocument {
        var doc = SampleFlows.orderStatusSMS(name: name, greeting: greeting)
        doc.settings.variables.removeAll { !$0.externalized }  // the contract counts one variable
        return doc
    }

    /// Without its Start node: the validator reports `no-start`, an error.
    static func brokenFlow(name: String = "Order status") -> FlowDocument {
        var doc = smsFlow(name: name)
        doc.nodes.removeAll { $0.type == "start" }
        doc.connections.removeAll { $0.from == "start" }
        return doc
    }

    /// The SMS flow with `count` nodes in all: a chain of log steps between reply and done.
    static func bigFlow(nodes count: Int) -> FlowDocument {
        var doc = smsFlow()
        doc.settings.logbooks = ["orders"]
        doc.connections = [Connection(from: "start", outcome: "next", to: "reply")]
        var previous = ("reply", "sent")
        for i in 0..<(count - 3) {
            let id = "log-\(i)"
            doc.nodes.append(FlowNode(id: id, type: "log", label: "Log \(i)", x: 10 + (i % 50) * 24, y: 10 + (i / 50) * 6,
                                      config: ["logbook": "orders", "message": .string("step \(i)")]))
            doc.connections.append(Connection(from: previous.0, outcome: previous.1, to: id))
            previous = (id, "next")
        }
        doc.connections.append(Connection(from: previous.0, outcome: previous.1, to: "done"))
        return doc
    }
}
