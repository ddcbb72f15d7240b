import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Flows and helpers for the test-run panel's tests.
enum TestRunFixtures {
    static func outcomes(_ names: [(String, FlowOutcome.Kind)]) -> FlowSettings {
        FlowSettings(outcomes: names.map { FlowOutcome(name: $0.0, kind: $0.1) })
    }

    /// Inbound SMS → ask for the order number → wait for the reply → branch on it → answer → end.
    static let orderChat = FlowDocument(
        name: "Order chat",
        settings: outcomes([("resolved", .success), ("not-found", .failure), ("no-reply", .failure)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "ask", type: "send", label: "Ask number", x: 30, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "What is your order number?"]),
            FlowNode(id: "wait", type: "receive", label: "Wait reply", x: 58, y: 2,
                     config: ["channel": "sms", "timeoutSeconds": 60]),
            FlowNode(id: "check", type: "branch", label: "Known?", x: 30, y: 12,
                     config: ["branches": [["name": "known", "variable": "wait.message", "op": "starts-with", "value": "EX"]]]),
            FlowNode(id: "found", type: "send", label: "Tell status", x: 58, y: 12,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Order $(wait.message) is on its way"]),
            FlowNode(id: "done", type: "end", label: "Resolved", x: 86, y: 12, config: ["outcome": "resolved"]),
            FlowNode(id: "unknown", type: "end", label: "Not found", x: 58, y: 22, config: ["outcome": "not-found"]),
            FlowNode(id: "silent", type: "end", label: "No reply", x: 86, y: 2, config: ["outcome": "no-reply"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "ask"),
            Connection(from: "ask", outcome: "sent", to: "wait"),
            Connection(from: "ask", outcome: "failed", to: "unknown"),
            Connection(from: "wait", outcome: "received", to: "check"),
            Connection(from: "wait", outcome: "timeout", to: "silent"),
            Connection(from: "check", outcome: "known", to: "found"),
            Connection(from: "check", outcome: "none", to: "unknown"),
            Connection(from: "found", outcome: "sent", to: "done"),
            Connection(from: "found", outcome: "failed", to: "done"),
        ])

    /// Webhook → wait 30 s → remind the customer named in the body → end.
    static let reminder = FlowDocument(
        name: "Reminder",
        settings: outcomes([("reminded", .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Booking hook", x: 2, y: 2,
                     config: ["trigger": "webhook", "path": "bookings"]),
            FlowNode(id: "pause", type: "delay", label: "Half a minute", x: 30, y: 2, config: ["seconds": 30]),
            FlowNode(id: "remind", type: "send", label: "Remind", x: 58, y: 2,
                     config: ["channel": "sms", "to": "$(start.body.phone)", "message": "Hi $(start.body.name), see you soon"]),
            FlowNode(id: "done", type: "end", label: "Reminded", x: 86, y: 2, config: ["outcome": "reminded"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "pause"),
            Connection(from: "pause", outcome: "next", to: "remind"),
            Connection(from: "remind", outcome: "sent", to: "done"),
            Connection(from: "remind", outcome: "failed", to: "done"),
        ])

    /// An evaluate whose expression fails at run time on a non-numeric message, with its
    /// `error` outcome unconnected: the session fails with the reason.
    static let failing = FlowDocument(
        name: "Failing",
        settings: outcomes([("big", .success), ("small", .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "size", type: "evaluate", label: "Big order?", x: 30, y: 2,
                     config: ["expression": "number($(start.message)) > 3"]),
            FlowNode(id: "big", type: "end", label: "Big", x: 58, y: 2, config: ["outcome": "big"]),
            FlowNode(id: "small", type: "end", label: "Small", x: 58, y: 10, config: ["outcome": "small"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "size"),
            Connection(from: "size", outcome: "true", to: "big"),
            Connection(from: "size", outcome: "false", to: "small"),
        ])

    /// A call → a one-digit menu → disconnect.
    static let callMenu = FlowDocument(
        name: "Call menu",
        kind: .voice,
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound call", x: 2, y: 2,
                     config: ["trigger": "inbound-call", "address": "+15550200"]),
            FlowNode(id: "menu", type: "collect-input", label: "Menu", x: 30, y: 2,
                     config: ["prompt": "menu", "maxDigits": 1, "timeoutSeconds": 5]),
            FlowNode(id: "bye", type: "disconnect", label: "Hang up", x: 58, y: 2),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "menu"),
            Connection(from: "menu", outcome: "collected", to: "bye"),
            Connection(from: "menu", outcome: "invalid", to: "menu"),
            Connection(from: "menu", outcome: "timeout", to: "bye"),
        ])

    /// Inbound SMS → real HTTP GET of the order → tell its status → end.
    static func httpLookup(baseURL: String) -> FlowDocument {
        FlowDocument(
            name: "Lookup",
            settings: outcomes([("resolved", .success), ("api-failed", .failure)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 30, y: 2,
                         config: ["method": "GET", "url": .string(baseURL + "/orders/$(start.message)"), "timeoutSeconds": 20]),
                FlowNode(id: "tell", type: "send", label: "Tell", x: 58, y: 2,
                         config: ["channel": "sms", "to": "$(start.from)", "message": "Your order is $(lookup.body.status)"]),
                FlowNode(id: "done", type: "end", label: "Resolved", x: 86, y: 2, config: ["outcome": "resolved"]),
                FlowNode(id: "broken", type: "end", label: "API failed", x: 58, y: 12, config: ["outcome": "api-failed"]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "tell"),
                Connection(from: "lookup", outcome: "error", to: "broken"),
                Connection(from: "lookup", outcome: "timeout", to: "broken"),
                Connection(from: "tell", outcome: "sent", to: "done"),
                Connection(from: "tell", outcome: "failed", to: "done"),
            ])
    }

    /// A canvas screen on a stored flow whose document is then replaced, unsaved, by
    /// `document`: the test run must use what is on screen, not what is stored.
    static func screen(_ tw: TempWorkspace, _ document: FlowDocument) throws -> CanvasScreen {
        let id = try tw.flow(document.name)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.flow.replaceDocument(with: document, name: "test document")
        s.validateNow()  // as if opened with this document
        return s
    }

    /// The character at the top-left corner of a node's box in the frame, if it is on screen.
    static func corner(of id: String, in s: CanvasScreen, _ w: Int = 120, _ h: Int = 40) -> Character? {
        let buffer = TerminalApp.frame(for: s, size: Size(width: w, height: h), glyphs: .unicode)
        guard let node = s.document.node(withID: id) else { return nil }
        let r = s.state.rect(of: node)
        let inner = Pane.contentRect(of: s.canvasRect)
        let p = Point(x: inner.x + r.x - s.state.viewportOrigin.x, y: inner.y + r.y - s.state.viewportOrigin.y)
        guard inner.contains(p) else { return nil }
        return buffer[p.x, p.y].character
    }
}
