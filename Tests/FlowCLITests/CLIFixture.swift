import FlowKit
import Foundation
import TestSupport

/// Store data for the CLI format tests.
enum CLIFixture {
    /// The shared "Order status" SMS flow (`SampleFlows.orderStatusSMS`).
    static func smsFlow(name: String = "Order status", greeting: String = "Hello") -> FlowDocument {
        SampleFlows.orderStatusSMS(name: name, greeting: greeting)
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
