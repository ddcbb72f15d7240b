import FlowKit
@testable import FlowRuntime
import Foundation
import Testing

@Suite struct SessionRedactionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func session() -> Session {
        Session(id: "s1", flowId: "shop", version: 1, state: .failed,
                variables: ["apiKey": "sk-live-123456", "pin": "42", "orderId": "A1",
                            "url": "https://api.example.com/orders?key=sk-live-123456"],
                outputs: ["lookup": ["request": .object(["headers": .array(["Bearer sk-live-123456"])]), "status": 401]],
                transcript: [TranscriptEntry(time: now, node: "lookup", kind: .step,
                                             text: "failed: GET https://api.example.com/orders?key=sk-live-123456 → 401")],
                failureReason: "lookup: 401 for key sk-live-123456", createdAt: now, updatedAt: now)
    }

    func document(secret: [String]) -> FlowDocument {
        FlowDocument(name: "Shop", settings: FlowSettings(variables: ["apiKey", "pin", "orderId"].map {
            CustomVariable(name: $0, externalized: true, secret: secret.contains($0))
        }))
    }

    @Test func secretVariablesAreMaskedByNameAndTheirValuesScrubbedEverywhereElse() throws {
        let shown = SessionRedaction(document: document(secret: ["apiKey", "pin"])).apply(session())
        #expect(shown.variables["apiKey"] == "••••••")
        #expect(shown.variables["pin"] == "••••••", "a short secret is still masked by name")
        #expect(shown.variables["orderId"] == "A1")
        #expect(shown.variables["url"] == "https://api.example.com/orders?key=••••••")
        let text = String(decoding: try JSONEncoder().encode(shown), as: UTF8.self)
        #expect(!text.contains("sk-live-123456"), "not in outputs, transcript or failure: \(text)")
        #expect(shown.transcript[0].text.contains("key=•••••• → 401"))
        #expect(shown.outputs["lookup"]?["status"] == 401)
        // "42" is too short to scrub: the 401 and other numbers stay readable.
        #expect(shown.failureReason == "lookup: 401 for key ••••••")
    }

    @Test func aFlowWithoutSecretsShowsTheSessionAsItIs() {
        #expect(SessionRedaction(document: document(secret: [])).apply(session()) == session())
    }

    @Test func anUnreadableFlowVersionMasksEveryVariable() {
        let shown = SessionRedaction.of(session(), flows: StaticFlowSource()).apply(session())
        #expect(shown.variables.values.allSatisfy { $0 == "••••••" })
    }

    @Test func aListReadsEachFlowVersionOnce() {
        final class CountingSource: LiveFlowSource, @unchecked Sendable {
            let inner: StaticFlowSource
            var reads = 0
            init(_ inner: StaticFlowSource) { self.inner = inner }
            func liveFlows() throws -> [LiveFlow] { try inner.liveFlows() }
            func flow(id: String, version: Int?) throws -> LiveFlow? { reads += 1; return try inner.flow(id: id, version: version) }
        }
        let flows = CountingSource(StaticFlowSource([LiveFlow(flowId: "shop", version: 1, document: document(secret: ["apiKey"])),
                                                     LiveFlow(flowId: "shop", version: 2, document: document(secret: []))]))
        var v2 = session(); v2.version = 2
        let shown = SessionRedaction.applied(to: [session(), session(), v2, session(), v2], flows: flows)
        #expect(flows.reads == 2, "one read per version, not per session")
        #expect(shown.map { $0.variables["apiKey"] } == ["••••••", "••••••", "sk-live-123456", "••••••", "sk-live-123456"])
    }

    @Test func theSessionsOwnVersionDecidesWhatIsSecret() {
        let flows = StaticFlowSource([LiveFlow(flowId: "shop", version: 1, document: document(secret: ["apiKey"])),
                                      LiveFlow(flowId: "shop", version: 2, document: document(secret: []))])
        #expect(SessionRedaction.of(session(), flows: flows).apply(session()).variables["apiKey"] == "••••••")
    }
}
