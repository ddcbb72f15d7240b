import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// `$(system.NAME)`: values every session has (DESIGN §10), resolved where templates are.
@Suite struct SystemValueTests {
    func flow(message: String, nodeNamedSystem: Bool = false) -> FlowDocument {
        let b = FlowBuilder(settings: FlowSettings(outcomes: [FlowOutcome(name: "told", kind: .success)]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("tell", "send", ["channel": "sms", "to": "$(system.customer)", "message": .string(message)])
            .node("done", "end", ["outcome": "told"])
            .link("start", "next", "tell").link("tell", "sent", "done")
        var doc = b.document
        doc.name = "Order status"
        if nodeNamedSystem {
            doc.nodes.append(FlowNode(id: "system", type: "set-variables", config: ["assignments": ["now": "mine"]]))
        }
        return doc
    }

    @Test func aMessageCarriesTheSessionsRealValues() async throws {
        let rig = MemoryRig(document: flow(message:
            "$(system.sessionId)|$(system.flowId)|$(system.flowName)|$(system.flowVersion)|$(system.now)|$(system.timestamp)"))
        let session = try await rig.sms(from: "+15550123")
        let sent = try #require(rig.outbox.messages.first)
        #expect(sent.to == "+15550123", "system.customer is the trigger's sender")
        let parts = sent.message.split(separator: "|").map(String.init)
        #expect(parts[0] == session.id && parts[1] == "f" && parts[2] == "Order status" && parts[3] == "1")
        #expect(parts[4] == RuntimeJSON.time(rig.clock.now), "the step's time on the engine's clock")
        #expect(parts[5] == String(Int(rig.clock.now.timeIntervalSince1970)))
    }

    @Test func aDraftRunSaysDraft() async throws {
        let rig = MemoryRig([LiveFlow(flowId: "f", version: nil, document: flow(message: "v=$(system.flowVersion)"))])
        _ = try await rig.sms()
        #expect(rig.outbox.messages.first?.message == "v=draft")
    }

    @Test func theValidatorKnowsThemAndNamesAWrongOne() {
        #expect(Validator().validate(flow(message: "$(system.now) $(system.sessionId)")).findings
            .filter { $0.code == .unknownVariable }.isEmpty)
        let wrong = Validator().validate(flow(message: "$(system.nope)")).findings.filter { $0.code == .unknownVariable }
        #expect(wrong.count == 1)
        #expect(wrong.first?.message.contains("\"nope\" is not a system value; they are sessionId, flowId") == true)
    }

    @Test func aNodeNamedSystemKeepsItsOwnOutputs() {
        // Its outputs win (as with any node id): $(system.now) is then a set-variables output, which it lacks.
        let doc = flow(message: "$(system.now)", nodeNamedSystem: true)
        #expect(!ReferenceCompletion.candidates(in: doc, for: "tell").contains { $0.kind == .system })
        #expect(Validator().validate(doc).findings.contains { $0.code == .unknownVariable && $0.node == "tell" })
    }
}
