import FlowKit
import Foundation

/// Store data for the CLI format tests (a copy of the few FlowKitTests fixtures they use).
enum CLIFixture {
    /// A valid messaging flow: Start (inbound SMS) → send reply → End; one externalized
    /// variable. Its only finding is the `unassigned-outcome` warning on `reply.failed`.
    static func smsFlow(name: String = "Order status", greeting: String = "Hello") -> FlowDocument {
        FlowDocument(
            name: name, description: "Answers by SMS", kind: .messaging,
            settings: FlowSettings(
                outcomes: [FlowOutcome(name: "resolved", kind: .success)],
                variables: [CustomVariable(name: "greeting", default: greeting, externalized: true),
                            CustomVariable(name: "internal", default: "x", externalized: false)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "reply", type: "send", label: "Reply", x: 30, y: 2,
                         config: ["channel": "sms", "to": "$(start.from)", "message": "$(greeting)!"]),
                FlowNode(id: "done", type: "end", label: "Resolved", x: 60, y: 2, config: ["outcome": "resolved"]),
            ],
            connections: [Connection(from: "start", outcome: "next", to: "reply"),
                          Connection(from: "reply", outcome: "sent", to: "done")])
    }

    /// The SMS flow with one more node (a log step) between reply and done.
    static func smsFlowWithLog(name: String = "Order status") -> FlowDocument {
        var doc = smsFlow(name: name)
        doc.settings.logbooks = ["orders"]
        doc.nodes.append(FlowNode(id: "note-it", type: "log", label: "Log", x: 45, y: 2,
                                  config: ["logbook": "orders", "message": "replied to $(start.from)"]))
        doc.connections = [Connection(from: "start", outcome: "next", to: "reply"),
                           Connection(from: "reply", outcome: "sent", to: "note-it"),
                           Connection(from: "note-it", outcome: "next", to: "done")]
        return doc
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-store-\(UUID().uuidString)", isDirectory: true)
    }

    /// A fresh workspace in a temporary directory, removed afterwards.
    static func withWorkspace<T>(_ body: (Workspace) throws -> T) throws -> T {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "tester", busyTimeout: 0.2)
        return try body(ws)
    }
}
