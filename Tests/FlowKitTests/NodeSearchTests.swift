import FlowKit
import Testing

/// The `/` query language (issue 11): words and filters, each term narrowing the result.
@Suite struct NodeSearchTests {
    static let doc = FlowDocument(
        name: "Orders",
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2, config: ["channel": "sms"]),
            FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 32, y: 2,
                     config: ["url": "https://shop.example/orders", "headers": .object(["X-Key": "k"])]),
            FlowNode(id: "reply", type: "send", label: "Tell", x: 62, y: 2,
                     config: ["message": "Your order: $( lookup.body )", "to": "$(start.from)"]),
            FlowNode(id: "island", type: "send", label: "Never sent", x: 62, y: 20, config: ["message": "$(lookupx.body)"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "lookup"),
            Connection(from: "lookup", outcome: "success", to: "reply"),
        ],
        notes: [FlowNote(id: "n1", text: "VIP customers", node: "reply"), FlowNote(id: "n2", text: "retry later")])

    func ids(_ q: String, severities: [String: Severity] = [:]) throws -> [String] {
        try NodeSearch(parsing: q).matches(in: Self.doc, severities: severities)
    }

    @Test func freeTextCoversLabelsIdsTypesConfigAndNotes() throws {
        #expect(try ids("order") == ["lookup", "reply"], "label, then a config value")
        #expect(try ids("HTTP") == ["lookup"], "type")
        #expect(try ids("x-key") == ["lookup"], "a nested config value")
        #expect(try ids("vip") == ["reply"], "an attached note finds its node")
        #expect(try ids("retry") == ["n2"], "a flow-level note is a result itself")
        #expect(try ids("order tell") == ["reply"], "words combine")
        #expect(try ids("\"find order\"") == ["lookup"], "quotes keep a phrase")
        #expect(try ids("") == [])
    }

    @Test func filtersCombine() throws {
        #expect(try ids("type:send") == ["reply", "island"])
        #expect(try ids("type:http") == ["lookup"], "a type id prefix")
        #expect(try ids("type:Send type:start") == ["start", "reply", "island"], "several type: are alternatives")
        #expect(try ids("is:unreachable") == ["island"])
        #expect(try ids("is:unconnected") == ["lookup", "reply", "island"], "lookup.error, reply.sent and island go nowhere")
        #expect(try ids("is:unconnected type:http-request") == ["lookup"])
        #expect(try ids("uses:lookup") == ["reply"], "lookupx is another name")
        #expect(try ids("uses:start tell") == ["reply"])
        #expect(try ids("note:") == ["reply", "n2"])
        #expect(try ids("note:vip") == ["reply"])
        let sev: [String: Severity] = ["lookup": .error, "island": .warning]
        #expect(try ids("is:invalid", severities: sev) == ["lookup"])
        #expect(try ids("is:warning type:send", severities: sev) == ["island"])
    }

    @Test func badFiltersSayWhatExists() {
        #expect(throws: NodeSearch.ParseError.self) { try NodeSearch(parsing: "is:broken") }
        do { _ = try NodeSearch(parsing: "is:broken") } catch {
            #expect(error.message == "is:broken is not a filter; there are is:invalid, is:warning, is:unconnected, is:unreachable")
        }
        #expect(throws: NodeSearch.ParseError.self) { try NodeSearch(parsing: "type:") }
        #expect(throws: NodeSearch.ParseError.self) { try NodeSearch(parsing: "uses:") }
        #expect((try? NodeSearch(parsing: "http://x"))?.matches(in: Self.doc) == [], "an unknown key: is just a word")
    }

    @Test func textReplacementListsEveryChange() {
        let r = TextReplacement("order", with: "purchase", in: Self.doc)
        #expect(r.changes.map(\.place) == ["lookup · label", "lookup · url", "reply · message"])
        #expect(r.nodes.map(\.id) == ["lookup", "reply"])
        #expect(r.nodes[0].config["url"] == "https://shop.example/purchases")
        #expect(TextReplacement("VIP", with: "Gold", in: Self.doc).notes.map(\.text) == ["Gold customers"])
    }
}
