import FlowKit
import Foundation
import NIOConcurrencyHelpers

/// A message a `send` node hands to a channel's app.
public struct OutboundMessage: Codable, Equatable, Sendable {
    public var channel: String
    public var to: String
    public var from: String
    public var message: String
    public var app: String
    public var sessionId: String
    public var flowId: String
    public var time: Date
    /// The same for every attempt at this send: `SESSION/NODE/STEP`, where STEP is the
    /// session's step count at the send node, which a resume after a crash restores from
    /// the checkpoint saved before the send. The outbox keeps one row per key; webhook
    /// apps get it as the `Idempotency-Key` header. "" for messages with no session.
    public var idempotencyKey: String

    public init(channel: String, to: String, from: String, message: String, app: String,
                sessionId: String, flowId: String, time: Date, idempotencyKey: String = "") {
        self.idempotencyKey = idempotencyKey
        self.channel = channel
        self.to = to
        self.from = from
        self.message = message
        self.app = app
        self.sessionId = sessionId
        self.flowId = flowId
        self.time = time
    }

    /// The JSON a webhook app posts: `{"to","from","message","channel"}`.
    public var webhookJSON: JSONValue {
        ["to": .string(to), "from": .string(from), "message": .string(message), "channel": .string(channel)]
    }
}

/// `sent` or `failed` with a reason — the send node's two outcomes.
public enum DeliveryResult: Equatable, Sendable {
    case sent(detail: String)
    case failed(reason: String)
}

/// A channel app: how a message leaves the runtime. The built-in `outbox` app stores it
/// (`OutboxDelivery`, `MemoryOutbox`); a webhook app POSTs it (`WebhookDelivery`).
public protocol MessageDelivery: Sendable {
    func deliver(_ message: OutboundMessage) async -> DeliveryResult
}

/// Finds the delivery for an app name bound to a channel at Make Live.
public protocol AppResolver: Sendable {
    /// nil: no app with that name.
    func delivery(forApp name: String) throws -> (any MessageDelivery)?
}

/// Sends every message through one delivery whatever the bindings say: test runs use
/// it with a `MemoryOutbox` so trying a draft never messages a real customer.
public struct SingleDeliveryResolver: AppResolver {
    public let delivery: any MessageDelivery

    public init(_ delivery: any MessageDelivery) {
        self.delivery = delivery
    }

    public func delivery(forApp name: String) throws -> (any MessageDelivery)? { delivery }
}

extension OutboundMessage {
    /// See `idempotencyKey`.
    public static func idempotencyKey(session: String, node: String, step: Int) -> String {
        "\(session)/\(node)/\(step)"
    }
}

/// A message stored by the built-in outbox app.
public struct OutboxMessage: Codable, Equatable, Sendable {
    public var id: Int64
    public var sessionId: String
    public var flowId: String
    public var app: String
    public var channel: String
    public var to: String
    public var from: String
    public var message: String
    public var time: Date

    public init(id: Int64, sessionId: String, flowId: String, app: String, channel: String, to: String, from: String,
                message: String, time: Date) {
        self.id = id
        self.sessionId = sessionId
        self.flowId = flowId
        self.app = app
        self.channel = channel
        self.to = to
        self.from = from
        self.message = message
        self.time = time
    }
}

/// The built-in `outbox` app, in memory (test runs).
public final class MemoryOutbox: MessageDelivery {
    private let stored = NIOLockedValueBox<[OutboxMessage]>([])

    public init() {}

    public func deliver(_ m: OutboundMessage) async -> DeliveryResult {
        let count = stored.withLockedValue { stored in
            stored.append(OutboxMessage(id: Int64(stored.count + 1), sessionId: m.sessionId, flowId: m.flowId,
                                        app: m.app, channel: m.channel, to: m.to, from: m.from,
                                        message: m.message, time: m.time))
            return stored.count
        }
        return .sent(detail: "stored in the outbox as #\(count)")
    }

    public var messages: [OutboxMessage] { stored.withLockedValue { $0 } }
}
