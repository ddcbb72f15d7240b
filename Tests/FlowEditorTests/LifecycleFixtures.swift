import FlowKit
import Foundation
@testable import FlowEditor

/// Documents for the Make Live, history and diff tests.
enum LifecycleFixtures {
    static func settings(variables: [CustomVariable] = []) -> FlowSettings {
        FlowSettings(logbooks: ["orders"], outcomes: [FlowOutcome(name: "resolved", kind: .success)], variables: variables)
    }

    /// Valid: an inbound SMS answered on WhatsApp and SMS, with one externalized variable
    /// and one internal one, so the wizard has two channels and one value to ask.
    static let twoChannels = FlowDocument(
        name: "Orders",
        settings: settings(variables: [CustomVariable(name: "apiBase", default: "https://test.example.com", externalized: true),
                                       CustomVariable(name: "greeting", default: "Hi")]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "wa", type: "send", label: "WhatsApp", x: 32, y: 2,
                     config: ["channel": "whatsapp", "to": "$(start.from)", "message": "$(greeting) $(apiBase)"]),
            FlowNode(id: "done", type: "end", label: "Resolved", x: 32, y: 10, config: ["outcome": "resolved"]),
        ],
        connections: [Connection(from: "start", outcome: "next", to: "wa"),
                      Connection(from: "wa", outcome: "sent", to: "done"),
                      Connection(from: "wa", outcome: "failed", to: "done")])

    static func lookup(label: String, url: String) -> FlowNode {
        FlowNode(id: "lookup", type: "http-request", label: label, x: 33, y: 1, config: ["method": "GET", "url": .string(url)])
    }

    static let start = FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 1, y: 1,
                                config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"])
    static let done = FlowNode(id: "done", type: "end", label: "Resolved", x: 17, y: 19, config: ["outcome": "resolved"])

    /// v1: Start → Find order → Log it (old) → Resolved.
    static let diffV1 = FlowDocument(
        name: "Diffed", settings: settings(),
        nodes: [start, lookup(label: "Find order", url: "https://api.example.com/v1/orders"),
                FlowNode(id: "old", type: "log", label: "Log it", x: 1, y: 10, config: ["logbook": "orders", "message": "looked up"]),
                done],
        connections: [Connection(from: "start", outcome: "next", to: "lookup"),
                      Connection(from: "lookup", outcome: "success", to: "old"),
                      Connection(from: "lookup", outcome: "error", to: "done"),
                      Connection(from: "lookup", outcome: "timeout", to: "done"),
                      Connection(from: "old", outcome: "next", to: "done")])

    /// v2: the lookup renamed and pointed elsewhere, the log gone, a reply added, and
    /// lookup.success rewired to the reply.
    static let diffV2 = FlowDocument(
        name: "Diffed", settings: settings(),
        nodes: [start, lookup(label: "Look up order", url: "https://api.example.com/v2/orders"),
                FlowNode(id: "reply", type: "send", label: "Reply", x: 37, y: 10,
                         config: ["channel": "sms", "to": "$(start.from)", "message": "Found it"]),
                done],
        connections: [Connection(from: "start", outcome: "next", to: "lookup"),
                      Connection(from: "lookup", outcome: "success", to: "reply"),
                      Connection(from: "lookup", outcome: "error", to: "done"),
                      Connection(from: "lookup", outcome: "timeout", to: "done"),
                      Connection(from: "reply", outcome: "sent", to: "done"),
                      Connection(from: "reply", outcome: "failed", to: "done")])

    /// A flow with versions 1 (diffV1) and 2 (diffV2, live) and no draft; returns its id.
    static func twoVersions(_ tw: TempWorkspace, name: String = "Diffed") throws -> String {
        let id = try tw.flow(name)
        try tw.workspace.saveDraft(id, document: diffV1)
        try tw.workspace.makeLive(id, MakeLiveRequest(comment: "first"))
        try tw.workspace.saveDraft(id, document: diffV2)
        try tw.workspace.makeLive(id, MakeLiveRequest(comment: "reply instead of log"))
        return id
    }
}
