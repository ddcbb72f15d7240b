import FlowKit
import Foundation
import Testing
import TestSupport
@testable import FlowRuntime

/// Triggers that arrive while another session is suspended in an HTTP call.
@Suite struct ConcurrencyTests {
    /// A server that holds every request until the test opens the gate.
    final class GatedServer: @unchecked Sendable {
        let gate = DispatchSemaphore(value: 0)
        var server: LoopbackHTTPServer!
        init() throws {
            server = try LoopbackHTTPServer { [gate] _ in
                gate.wait()
                return .init(status: 200)
            }
        }
        func waitForRequests(_ n: Int) async {
            while server.requests.count < n { try? await Task.sleep(nanoseconds: 5_000_000) }
        }
    }

    @Test func theDuplicateGuardHoldsWhileTheFirstSessionIsMidCall() async throws {
        let gated = try GatedServer()
        defer { gated.server.stop() }
        let b = FlowBuilder(settings: FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "only-one"))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("call", "http-request", ["method": "GET", "url": .string(gated.server.baseURL), "timeoutSeconds": 30])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "call").link("call", "success", "done")
        let rig = MemoryRig(document: b.document)
        let first = Task { try await rig.sms(from: "+1") }
        await gated.waitForRequests(1)
        await #expect(throws: RuntimeError.self) { try await rig.sms(from: "+2") }
        gated.gate.signal()
        let a = try await first.value
        #expect(a.outcome == "ok")
        #expect(gated.server.requests.count == 1)
    }

    @Test func aSecondReplyDoesNotWakeASessionTwice() async throws {
        let gated = try GatedServer()
        defer { gated.server.stop() }
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("wait", "receive", ["channel": "sms", "timeoutSeconds": 60])
            .node("call", "http-request", ["method": "GET", "url": .string(gated.server.baseURL), "timeoutSeconds": 30])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "wait").link("wait", "received", "call").link("call", "success", "done")
        let rig = MemoryRig(document: b.document)
        let a = try await rig.sms(from: "+1")
        let wake = Task { try await rig.engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "one") }
        await gated.waitForRequests(1)
        // A is mid-call: the same customer's next message starts a new session instead.
        let second = try await rig.engine.deliverInbound(channel: "sms", from: "+1", to: "+15550100", message: "two")
        #expect(second.delivered == nil)
        #expect(second.started.count == 1)
        // Nor can its old timer fire.
        try await rig.engine.advanceClock(by: 120)
        gated.gate.signal()
        gated.gate.signal()
        let done = try #require(try await wake.value.delivered)
        #expect(done.id == a.id)
        #expect(done.outcome == "ok")
        #expect(done.transcript.filter { $0.kind == .received }.count == 1)
        #expect(done.transcript.filter { $0.kind == .timer }.isEmpty)
    }
}
