import FlowKit
import Foundation
import GRDB
import Testing
import TestSupport
@testable import FlowRuntime

/// Issue 13: after a kill of `serve` between a send and the save that records it, the
/// resumed session sends again; the outbox must not hold the message twice, and a webhook
/// app must be able to tell the repeat (`Idempotency-Key`).
@Suite struct ExactlyOnceTests {
    @Test func theOutboxStoresAKeyOnce() async throws {
        let (_, pool) = try makeWorkspace()
        let outbox = OutboxDelivery(writer: pool)
        let m = OutboundMessage(channel: "sms", to: "+1", from: "", message: "hello", app: "outbox",
                                sessionId: "s1", flowId: "f", time: Date(), idempotencyKey: "s1/ask/1")
        guard case .sent(let first) = await outbox.deliver(m) else { Issue.record("not sent"); return }
        guard case .sent(let again) = await outbox.deliver(m) else { Issue.record("not sent"); return }
        #expect(first == "stored in the outbox as #1")
        #expect(again == "already in the outbox as #1 (sent before a restart)")
        var next = m
        next.idempotencyKey = "s1/ask/5"
        _ = await outbox.deliver(next)
        // Messages without a key (none come from sessions) are never merged.
        var keyless = m
        keyless.idempotencyKey = ""
        _ = await outbox.deliver(keyless)
        _ = await outbox.deliver(keyless)
        #expect(try outbox.messages().count == 4)
    }

    /// The database as a kill leaves it when the send's row was committed but the
    /// session's next save was not: the session is back at its checkpoint before the send.
    @Test func aSendReRunFromItsCheckpointAfterACrashIsNotStoredTwice() async throws {
        let (ws, pool) = try makeWorkspace()
        let flows = StaticFlowSource([LiveFlow(flowId: "f", version: 1, document: PersistenceTests.conversation())])
        let engine = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
        let started = try await engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "hi").started[0]
        #expect(try OutboxDelivery(writer: pool).messages().map(\.message) == ["Order number?"])

        let store = DatabaseSessionStore(writer: pool)
        var rewound = try #require(try store.session(id: started.id))
        rewound.state = .running
        rewound.currentNode = "ask"
        rewound.steps = 1
        rewound.waiting = nil
        rewound.timerDue = nil
        try store.save(&rewound)
        try await store.durable()
        store.close()

        let restarted = try FlowEngine.persistent(workspace: ws, flows: flows, clock: VirtualClock())
        let recovered = await restarted.resumeAll()
        #expect(recovered.resumed == 1)
        let resumed = try #require(try DatabaseSessionStore(writer: pool).session(id: started.id))
        #expect(resumed.state == .waiting)
        #expect(resumed.transcript.contains { $0.text == "resumed after a restart" })
        let messages = try OutboxDelivery(writer: pool).messages()
        #expect(messages.map(\.message) == ["Order number?"], "the resumed send stored nothing new")
    }

    @Test func webhookAppsGetAStableIdempotencyKey() async throws {
        let received = ReceivedRequests()
        let receiver = try LoopbackHTTPServer { request in
            received.append(request)
            return .init(status: 200, body: "ok")
        }
        defer { receiver.stop() }
        let delivery = WebhookDelivery(url: URL(string: receiver.baseURL + "/send")!)
        let m = OutboundMessage(channel: "sms", to: "+1", from: "", message: "x", app: "gw",
                                sessionId: "0196abc", flowId: "f", time: Date(),
                                idempotencyKey: OutboundMessage.idempotencyKey(session: "0196abc", node: "ask", step: 3))
        _ = await delivery.deliver(m)
        _ = await delivery.deliver(m)
        let keys = received.all.map { r in r.headers.first { $0.key.lowercased() == "idempotency-key" }?.value }
        #expect(keys == ["0196abc/ask/3", "0196abc/ask/3"])
    }
}

final class ReceivedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [LoopbackHTTPServer.Request] = []
    func append(_ r: LoopbackHTTPServer.Request) { lock.withLock { requests.append(r) } }
    var all: [LoopbackHTTPServer.Request] { lock.withLock { requests } }
}
