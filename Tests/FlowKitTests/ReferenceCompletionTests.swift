import FlowKit
import Testing

@Suite struct ReferenceCompletionTests {
    /// start → lookup → parse → reply; "side" is not before reply; "set" assigns `tier`.
    let doc = FlowDocument(
        name: "F",
        settings: FlowSettings(variables: [CustomVariable(name: "apiBase", default: "https://api", externalized: true)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "In", x: 0, y: 0, config: ["trigger": "inbound-message"]),
            FlowNode(id: "lookup", type: "http-request", label: "Lookup parcel", x: 20, y: 0, config: [:]),
            FlowNode(id: "parse", type: "data-parser", label: "", x: 40, y: 0, config: ["fields": ["eta": "$.eta"]]),
            FlowNode(id: "reply", type: "send", label: "Reply", x: 60, y: 0, config: [:]),
            FlowNode(id: "side", type: "http-request", label: "Side", x: 60, y: 20, config: [:]),
            FlowNode(id: "set", type: "set-variables", label: "Set tier", x: 80, y: 20, config: ["assignments": ["tier": "gold"]]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "lookup"),
            Connection(from: "lookup", outcome: "success", to: "parse"),
            Connection(from: "parse", outcome: "success", to: "reply"),
            Connection(from: "reply", outcome: "sent", to: "side"),
        ])

    @Test func variablesAssignmentsThenOutputsOfEarlierNodesNearestFirst() {
        let c = ReferenceCompletion.candidates(in: doc, for: "reply")
        let names = c.map(\.name)
        #expect(Array(names.prefix(2)) == ["apiBase", "tier"])
        #expect(c[0].detail == "variable = https://api" && c[1].detail == "set by Set tier")
        let outputs = Array(names.dropFirst(2))
        #expect(outputs.first == "parse.eta", "the nearest node's outputs come first (data-parser outputs from its fields)")
        #expect(outputs.contains("lookup.body") && outputs.contains("start.message"))
        #expect(outputs.firstIndex(of: "lookup.status")! < outputs.firstIndex(of: "start.from")!)
        #expect(!names.contains { $0.hasPrefix("side.") || $0.hasPrefix("reply.") }, "nodes after this one are not offered")
        #expect(c.first { $0.name == "parse.eta" }?.detail == "parse", "a node without a label is named by its id")
        #expect(c.first { $0.name == "lookup.body" }?.detail == "Lookup parcel")
    }

    @Test func aNodeOnALoopOffersItsOwnOutputs() {
        var d = doc
        d.connections.append(Connection(from: "side", outcome: "success", to: "lookup"))
        let names = ReferenceCompletion.candidates(in: d, for: "lookup").map(\.name)
        #expect(names.contains("lookup.status") && names.contains("side.body") && names.contains("reply.message") == false)
    }

    @Test func theOpenReferenceIsTheTextAfterTheLastUnclosedDollarParen() {
        func open(_ s: String, _ cursor: Int? = nil) -> String? {
            let chars = Array(s)
            return ReferenceCompletion.openReference(in: chars, cursor: cursor ?? chars.count)?.prefix
        }
        #expect(open("Hi $(") == "")
        #expect(open("Hi $(look") == "look")
        #expect(open("Hi $(a) and $(b.c") == "b.c")
        #expect(open("Hi $(a)") == nil)
        #expect(open("Hi $(a b") == nil)
        #expect(open("$(a\nb") == nil)
        #expect(open("Hi (x") == nil)
        #expect(open("Hi $(look) there", 9) == "look", "the cursor decides, not the end of the text")
        #expect(ReferenceCompletion.openReference(in: Array("ab $(x"), cursor: 6)?.start == 5)
    }

    @Test func filterPutsPrefixMatchesFirstThenSubstringsIgnoringCase() {
        let c = ReferenceCompletion.candidates(in: doc, for: "reply")
        let f = ReferenceCompletion.filter(c, prefix: "BOD").map(\.name)
        #expect(f == ["lookup.body", "start.body"], "a match inside the name counts, case ignored")
        let body = ReferenceCompletion.filter(c, prefix: "lookup.b").map(\.name)
        #expect(body == ["lookup.body"])
        let s = ReferenceCompletion.filter(c, prefix: "sta").map(\.name)
        #expect(s.first?.hasPrefix("start.") == true && s.contains("lookup.status"))
        #expect(ReferenceCompletion.filter(c, prefix: "").count == c.count)
    }
}
