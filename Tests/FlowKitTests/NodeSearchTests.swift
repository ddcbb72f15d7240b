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

    /// The byte-scan fast path must answer as `lowercased().contains` does, on ASCII and on
    /// text with other characters (which takes the exact path), for labels and values alike.
    @Test func freeTextMatchesTheExactCaseInsensitiveAnswer() throws {
        let pieces = ["A", "a", "Or", "DER", "é", "É", "ß", "SS", " ", "\r\n", "\r", "\n", "x-", "İ", "1"]
        var rng = SystemRandomNumberGenerator()
        func text(_ n: Int) -> String { (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined() }
        for _ in 0..<300 {
            let label = text(Int.random(in: 0...8, using: &rng)), value = text(Int.random(in: 0...8, using: &rng))
            let doc = FlowDocument(name: "t", nodes: [
                FlowNode(id: "n", type: "send", label: label, x: 0, y: 0,
                         config: ["message": .string(value), "list": .array([.string(value)])])])
            let raw = text(Int.random(in: 1...3, using: &rng))
            let tokens = NodeSearch.tokens(raw).filter { !$0.isEmpty }
            guard let search = try? NodeSearch(parsing: raw), !search.isEmpty else { continue }
            let expected = tokens.allSatisfy { t in
                let w = t.lowercased()
                return label.lowercased().contains(w) || "n".contains(w) || "send".contains(w) || value.lowercased().contains(w)
            }
            #expect((search.matches(in: doc) == ["n"]) == expected, "label \(label.debugDescription) value \(value.debugDescription) query \(raw.debugDescription)")
        }
        let accents = FlowDocument(name: "t", nodes: [FlowNode(id: "n", type: "send", label: "Ördér Straße", x: 0, y: 0)])
        #expect(try NodeSearch(parsing: "ÖRDÉR").matches(in: accents) == ["n"])
        #expect(try NodeSearch(parsing: "straße").matches(in: accents) == ["n"])
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
