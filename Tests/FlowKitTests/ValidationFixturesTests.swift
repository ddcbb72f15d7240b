import Foundation
import Testing
@testable import FlowKit

/// Flows built in Swift for the validation, expression and voice suites. Each starts
/// valid (no findings at all); a test changes one thing and looks for one finding.
enum Fixture {
    /// The DESIGN §3 "Order status" flow, extended so every outcome is connected.
    static func orderStatus() -> FlowDocument {
        FlowDocument(
            name: "Order status",
            kind: .messaging,
            settings: FlowSettings(
                preventDuplicateSessions: true,
                uniqueIdentifier: "$(start.from)",
                logbooks: ["orders"],
                outcomes: [FlowOutcome(name: "resolved", kind: .success), FlowOutcome(name: "api-failed", kind: .failure)],
                variables: [CustomVariable(name: "apiBase", default: "https://api.example.com", externalized: true)]
            ),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound SMS",
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
                FlowNode(id: "lookup", type: "http-request", label: "Find order",
                         config: ["method": "GET", "url": "$(apiBase)/orders/$(start.message)", "timeoutSeconds": 10]),
                FlowNode(id: "check", type: "evaluate", label: "Found?",
                         config: ["expression": "$(lookup.status) == 200 && len($(lookup.body.items)) > 0"]),
                FlowNode(id: "remember", type: "set-variables", label: "Remember",
                         config: ["assignments": ["orderId": "$(lookup.body.id)"]]),
                FlowNode(id: "route", type: "branch", label: "Route",
                         config: ["branches": [
                            ["name": "shipped", "variable": "lookup.body.state", "op": "equals", "value": "shipped"],
                            ["name": "big", "variable": "$(orderId)", "op": "matches", "value": "^[0-9]{6}$"],
                         ]]),
                FlowNode(id: "reply", type: "send", label: "Reply",
                         config: ["channel": "sms", "to": "$(start.from)",
                                  "message": "Order $(orderId) is $(lookup.body.state)"]),
                FlowNode(id: "note", type: "log", label: "Note",
                         config: ["logbook": "orders", "message": "looked up $(start.message)"]),
                FlowNode(id: "done", type: "end", label: "Resolved", config: ["outcome": "resolved"]),
                FlowNode(id: "failed", type: "end", label: "Failed", config: ["outcome": "api-failed"]),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "check"),
                Connection(from: "lookup", outcome: "error", to: "failed"),
                Connection(from: "lookup", outcome: "timeout", to: "failed"),
                Connection(from: "check", outcome: "true", to: "remember"),
                Connection(from: "check", outcome: "false", to: "failed"),
                Connection(from: "check", outcome: "error", to: "failed"),
                Connection(from: "remember", outcome: "next", to: "route"),
                Connection(from: "route", outcome: "shipped", to: "reply"),
                Connection(from: "route", outcome: "big", to: "reply"),
                Connection(from: "route", outcome: "none", to: "reply"),
                Connection(from: "reply", outcome: "sent", to: "note"),
                Connection(from: "reply", outcome: "failed", to: "failed"),
                Connection(from: "note", outcome: "next", to: "done"),
            ]
        )
    }

    /// A voice menu: welcome prompt, collect a digit, transfer, hang up.
    static func voiceMenu(mediaFolder: String? = nil, languages: [FlowLanguage] = [FlowLanguage(code: "en", required: true)]) -> FlowDocument {
        FlowDocument(
            name: "Support line",
            kind: .voice,
            settings: FlowSettings(outcomes: [FlowOutcome(name: "handled", kind: .success)],
                                   mediaFolder: mediaFolder, languages: languages),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Call", config: ["trigger": "inbound-call", "address": "+15550199"]),
                FlowNode(id: "welcome", type: "play", label: "Welcome", config: ["prompt": "welcome.wav"]),
                FlowNode(id: "menu", type: "collect-input", label: "Menu", config: ["prompt": "menu", "maxDigits": 1]),
                FlowNode(id: "agent", type: "transfer", label: "Agent", config: ["to": "+15550111"]),
                FlowNode(id: "bye", type: "disconnect", label: "Bye"),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "welcome"),
                Connection(from: "welcome", outcome: "done", to: "menu"),
                Connection(from: "welcome", outcome: "error", to: "bye"),
                Connection(from: "menu", outcome: "collected", to: "agent"),
                Connection(from: "menu", outcome: "timeout", to: "bye"),
                Connection(from: "menu", outcome: "invalid", to: "bye"),
                Connection(from: "agent", outcome: "connected", to: "bye"),
                Connection(from: "agent", outcome: "failed", to: "bye"),
            ]
        )
    }
}

extension FlowDocument {
    /// Changes one node's config key (nil removes it).
    func setting(_ id: String, _ key: String, _ value: JSONValue?) -> FlowDocument {
        var copy = self
        let i = copy.nodeIndex(withID: id)!
        copy.nodes[i].config[key] = value
        return copy
    }

    func editing(_ change: (inout FlowDocument) -> Void) -> FlowDocument {
        var copy = self
        change(&copy)
        return copy
    }
}

extension ValidationReport {
    func with(_ code: FindingCode) -> [Finding] { findings.filter { $0.code == code } }
}

func validate(_ document: FlowDocument) -> ValidationReport {
    Validator().validate(document)
}

@Suite struct ValidationFixturesTests {
    @Test func fixturesAreValidWithoutAnyFinding() {
        #expect(validate(Fixture.orderStatus()).findings == [])
        #expect(validate(Fixture.voiceMenu()).findings == [])
    }
}
