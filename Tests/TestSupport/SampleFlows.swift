import FlowKit

/// Documents several test targets share.
public enum SampleFlows {
    /// A valid messaging flow, "Order status": Start (inbound SMS on +15550100) → send a reply
    /// → End; one externalized variable (`greeting`) and one internal one. Its only finding is
    /// the `unassigned-outcome` warning on `reply.failed`.
    public static func orderStatusSMS(name: String = "Order status", greeting: String = "Hello") -> FlowDocument {
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
}
