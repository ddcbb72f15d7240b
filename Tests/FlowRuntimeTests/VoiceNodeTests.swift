import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// Voice nodes, simulated: play records the prompt, collect-input waits for digits.
@Suite struct VoiceNodeTests {
    static func ivr() -> FlowDocument {
        let b = FlowBuilder(kind: .voice)
        b.node("start", "start", ["trigger": "inbound-call", "address": "+15550100"])
            .node("hello", "play", ["prompt": "welcome.wav"])
            .node("menu", "collect-input", ["prompt": "menu.wav", "maxDigits": 2, "timeoutSeconds": 5])
            .node("agent", "transfer", ["to": "+15550999"])
            .node("retry", "play", ["prompt": "sorry.wav"])
            .node("bye", "disconnect")
            .link("start", "next", "hello").link("hello", "done", "menu")
            .link("menu", "collected", "agent").link("menu", "invalid", "retry").link("menu", "timeout", "bye")
            .link("agent", "connected", "bye").link("retry", "done", "bye")
        return b.document
    }

    func call(_ rig: MemoryRig) async throws -> Session {
        try #require(try await rig.engine.startCall(from: "+15550111", to: "+15550100").started.first)
    }

    @Test func digitsAreCollectedAndTheCallTransferred() async throws {
        let rig = MemoryRig(document: Self.ivr())
        let s = try await call(rig)
        #expect(s.state == .waiting)
        #expect(s.waiting == SessionWait(kind: .digits, channel: "voice", address: "+15550111"))
        #expect(s.transcript.contains { $0.node == "hello" && $0.text == "done: played prompt welcome.wav" })
        let r = try await rig.engine.deliverInbound(channel: "voice", from: "+15550111", to: "+15550100", message: "12")
        let done = try #require(r.delivered)
        #expect(done.outputs["menu"]?["digits"] == "12")
        #expect(done.visitedNodes == ["start", "hello", "menu", "agent", "bye"])
        #expect(done.state == .done)
        #expect(done.outcome == nil)
    }

    @Test func tooManyOrNonKeypadDigitsAreInvalid() async throws {
        for input in ["123", "1a", ""] {
            let rig = MemoryRig(document: Self.ivr())
            let s = try await call(rig)
            let done = try await rig.engine.reply(toSession: s.id, message: input)
            #expect(done.visitedNodes.contains("retry"), "input '\(input)'")
            #expect(!done.visitedNodes.contains("agent"))
        }
    }

    @Test func noDigitsTimesOut() async throws {
        let rig = MemoryRig(document: Self.ivr())
        let s = try await call(rig)
        try await rig.engine.advanceClock(by: 5)
        let after = try #require(try rig.store.session(id: s.id))
        #expect(after.visitedNodes == ["start", "hello", "menu", "bye"])
        #expect(after.state == .done)
    }
}
