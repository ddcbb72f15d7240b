import FlowKit
import Foundation

/// The Start node's trigger kinds (DESIGN §4).
public enum TriggerKind: String, Codable, Sendable, CaseIterable {
    case inboundMessage = "inbound-message"
    case webhook
    case customEvent = "custom-event"
    case inboundCall = "inbound-call"
}

/// What started a session; becomes the Start node's outputs `from`, `to`, `message`,
/// `channel`, `body`. Fields a trigger does not have stay nil (they render empty).
public struct TriggerPayload: Sendable, Equatable {
    public var kind: TriggerKind
    public var channel: String?
    public var from: String?
    public var to: String?
    public var message: String?
    /// Webhook / event JSON body.
    public var body: JSONValue?

    public init(kind: TriggerKind, channel: String? = nil, from: String? = nil, to: String? = nil,
                message: String? = nil, body: JSONValue? = nil) {
        self.kind = kind
        self.channel = channel
        self.from = from
        self.to = to
        self.message = message
        self.body = body
    }

    public static func inboundMessage(channel: String, from: String, to: String, message: String) -> TriggerPayload {
        TriggerPayload(kind: .inboundMessage, channel: channel, from: from, to: to, message: message)
    }

    public static func webhook(body: JSONValue) -> TriggerPayload {
        TriggerPayload(kind: .webhook, body: body)
    }

    public static func event(body: JSONValue) -> TriggerPayload {
        TriggerPayload(kind: .customEvent, body: body)
    }

    public static func inboundCall(from: String, to: String) -> TriggerPayload {
        TriggerPayload(kind: .inboundCall, channel: "voice", from: from, to: to)
    }

    /// The Start node's outputs.
    var outputs: [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        if let channel { out["channel"] = .string(channel) }
        if let from { out["from"] = .string(from) }
        if let to { out["to"] = .string(to) }
        if let message { out["message"] = .string(message) }
        if let body { out["body"] = body }
        return out
    }

    var summary: String {
        switch kind {
        case .inboundMessage:
            return "inbound \(channel ?? "message") from \(from ?? "?") to \(to ?? "?"): \(message ?? "")"
        case .webhook: return "webhook"
        case .customEvent: return "custom event"
        case .inboundCall: return "call from \(from ?? "?") to \(to ?? "?")"
        }
    }
}

/// What a trigger led to. A trigger can start several flows (two flows on one webhook
/// path); refusals (paused, duplicate) are reported per flow. `serve` answers 2xx if
/// anything was delivered or started, else the first refusal's status, else 404.
public struct TriggerResult: Sendable {
    /// The waiting session an inbound message or digits went to, if any.
    public var delivered: Session?
    public var started: [Session]
    public var refused: [RuntimeError]

    public init(delivered: Session? = nil, started: [Session] = [], refused: [RuntimeError] = []) {
        self.delivered = delivered
        self.started = started
        self.refused = refused
    }

    public var accepted: Bool { delivered != nil || !started.isEmpty }
}
