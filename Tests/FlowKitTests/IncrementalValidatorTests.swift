import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// `IncrementalValidator` says exactly what `Validator` says, edit after edit, while
/// checking again only the nodes an edit can affect.
@Suite struct IncrementalValidatorTests {
    /// Validates `doc` both ways, expects the same report, returns it.
    @discardableResult
    static func same(_ incremental: inout IncrementalValidator, _ doc: FlowDocument,
                     sourceLocation: SourceLocation = #_sourceLocation) -> ValidationReport {
        let full = Validator().validate(doc)
        let live = incremental.validate(doc)
        #expect(live == full, "incremental findings differ from a full check", sourceLocation: sourceLocation)
        return live
    }

    // MARK: - What is checked again

    @Test func aFieldEditChecksOnlyThatNode() {
        var v = IncrementalValidator()
        let doc = Fixture.orderStatus()
        Self.same(&v, doc)
        #expect(v.lastCheckedNodeCount == doc.nodes.count)
        let edited = doc.setting("note", "message", "looked up $(nosuch)")
        #expect(Self.same(&v, edited).with(.unknownVariable).map(\.node) == ["note"])
        #expect(v.lastCheckedNodeCount == 1)
        Self.same(&v, edited)
        #expect(v.lastCheckedNodeCount == 0, "nothing changed")
    }

    @Test func movingANodeChecksNothingAgain() {
        var v = IncrementalValidator()
        Self.same(&v, Fixture.orderStatus())
        let moved = Fixture.orderStatus().editing { $0.nodes[2].x = 40; $0.nodes[2].y = 7 }
        Self.same(&v, moved)
        #expect(v.lastCheckedNodeCount == 0)
    }

    @Test func changingANodeChecksTheNodesThatNameIt() {
        var v = IncrementalValidator()
        let doc = Fixture.orderStatus()
        Self.same(&v, doc)
        // lookup is named by check, remember, route, reply; start by lookup, reply, note.
        Self.same(&v, doc.editing { $0.nodes[1].label = "Find the order" })
        #expect(v.lastCheckedNodeCount == 5)
    }

    // MARK: - Each family of codes, introduced and fixed again

    @Test func fieldFindingsFollowEdits() {
        var v = IncrementalValidator()
        var doc = Fixture.orderStatus()
        Self.same(&v, doc)
        doc = doc.setting("lookup", "url", "")
        #expect(Self.same(&v, doc).with(.missingParameter).map(\.node) == ["lookup"])
        doc = doc.setting("lookup", "timeoutSeconds", "soon")
        #expect(Self.same(&v, doc).with(.invalidParameter).map(\.field) == ["timeoutSeconds"])
        doc = doc.setting("done", "outcome", "")
        #expect(Self.same(&v, doc).with(.endWithoutOutcome).map(\.node) == ["done"])
        doc = doc.setting("done", "outcome", "shipped")
        #expect(Self.same(&v, doc).with(.unknownFlowOutcome).map(\.node) == ["done"])
        doc = doc.setting("note", "logbook", "nope").setting("reply", "message", "$(start.message")
        #expect(Self.same(&v, doc).with(.invalidParameter).count == 3)
        Self.same(&v, Fixture.orderStatus())
        #expect(Validator().validate(Fixture.orderStatus()).findings.isEmpty)
    }

    @Test func settingsFindingsAndSettingsEditsRecheckEverything() {
        var v = IncrementalValidator()
        var doc = Fixture.orderStatus()
        Self.same(&v, doc)
        doc.settings.uniqueIdentifier = ""
        #expect(Self.same(&v, doc).with(.missingUniqueIdentifier).count == 1)
        #expect(v.lastCheckedNodeCount == doc.nodes.count)
        // A flow outcome renamed: the End node using it is now wrong.
        doc.settings.outcomes[0].name = "done"
        #expect(Self.same(&v, doc).with(.unknownFlowOutcome).map(\.node) == ["done"])
        doc.settings.logbooks = []
        #expect(Self.same(&v, doc).with(.invalidParameter).map(\.node) == ["note"])
    }

    @Test func unknownVariablesFollowRenamesOfNodesAndVariables() {
        var v = IncrementalValidator()
        var doc = Fixture.orderStatus()
        Self.same(&v, doc)
        // The custom variable renamed: lookup's URL names a variable that is gone.
        doc.settings.variables[0].name = "base"
        #expect(Self.same(&v, doc).with(.unknownVariable).map(\.node) == ["lookup"])
        doc.settings.variables[0].name = "apiBase"
        Self.same(&v, doc)
        // The set-variables assignment renamed: route and reply use $(orderId).
        doc = doc.setting("remember", "assignments", ["orderNo": "$(lookup.body.id)"])
        #expect(Set(Self.same(&v, doc).with(.unknownVariable).compactMap(\.node)) == ["route", "reply"])
        doc = doc.setting("remember", "assignments", ["orderId": "$(lookup.body.id)"])
        #expect(Self.same(&v, doc).findings.isEmpty)
        // A node renamed: every reference to it breaks; renamed back, all fine again.
        let i = doc.nodeIndex(withID: "lookup")!
        doc.nodes[i].id = "find"
        doc.connections = doc.connections.map { Connection(from: $0.from == "lookup" ? "find" : $0.from, outcome: $0.outcome,
                                                           to: $0.to == "lookup" ? "find" : $0.to) }
        #expect(Set(Self.same(&v, doc).with(.unknownVariable).compactMap(\.node)) == ["check", "remember", "route", "reply"])
        doc.nodes[i].id = "lookup"
        doc.connections = Fixture.orderStatus().connections
        #expect(Self.same(&v, doc).findings.isEmpty)
        // A named node's label appears in the message about a missing output.
        doc = doc.setting("reply", "to", "$(lookup.nothing)")
        Self.same(&v, doc)
        doc.nodes[i].label = "Order lookup"
        let found = Self.same(&v, doc).with(.unknownVariable)
        #expect(found.count == 1 && found[0].message.contains("\"Order lookup\""))
    }

    @Test func duplicateIdsComeAndGo() {
        var v = IncrementalValidator()
        var doc = Fixture.orderStatus()
        Self.same(&v, doc)
        var copy = doc.nodes[5]
        copy.label = "Other reply"
        doc.nodes.insert(copy, at: 2)  // now the first "reply" is the copy
        let report = Self.same(&v, doc)
        #expect(report.findings.contains { $0.node == "reply" && $0.message.contains("already used by an earlier node") })
        doc.nodes.remove(at: 2)
        #expect(Self.same(&v, doc).findings.isEmpty)
        doc.nodes.append(doc.nodes[5])  // an identical node after it
        Self.same(&v, doc)
        doc.nodes.removeLast()
        Self.same(&v, doc)
    }

    @Test func graphFindingsFollowConnectAndDisconnect() {
        var v = IncrementalValidator()
        var doc = Fixture.orderStatus()
        Self.same(&v, doc)
        doc.connections.removeAll { $0.from == "reply" && $0.outcome == "failed" }
        #expect(Self.same(&v, doc).with(.unassignedOutcome).map(\.node) == ["reply"])
        doc.connections.removeAll { $0.from == "reply" }
        let report = Self.same(&v, doc)
        #expect(report.with(.noOutcomeConnected).map(\.node) == ["reply"])
        #expect(Set(report.with(.unreachableNode).compactMap(\.node)) == ["note", "done"])
        doc.connections.append(Connection(from: "reply", outcome: "sent", to: "gone"))
        doc.connections.append(Connection(from: "ghost", outcome: "next", to: "done"))
        doc.connections.append(Connection(from: "reply", outcome: "sent", to: "note"))
        doc.connections.append(Connection(from: "reply", outcome: "nope", to: "note"))
        let wired = Self.same(&v, doc)
        #expect(wired.with(.incompleteConnector).count == 3)
        #expect(wired.with(.duplicateConnector).map(\.node) == ["reply"])
        doc.nodes.append(FlowNode(id: "start-2", type: "start", label: "Second", config: doc.nodes[0].config))
        #expect(Self.same(&v, doc).with(.multipleStarts).count == 2)
        doc.nodes.removeAll { $0.type == "start" }
        #expect(Self.same(&v, doc).with(.noStart).count == 1)
    }

    @Test func voiceFlowsNeedADisconnect() {
        var v = IncrementalValidator()
        var doc = Fixture.voiceMenu()
        Self.same(&v, doc)
        doc.connections.removeAll { $0.to == "bye" }
        #expect(Self.same(&v, doc).with(.voiceMissingDisconnect).count == 1)
        doc.nodes.removeAll { $0.id == "bye" }
        Self.same(&v, doc)
        doc.kind = .messaging
        #expect(Self.same(&v, doc).with(.invalidParameter).contains { $0.node == "start" })
        #expect(v.lastCheckedNodeCount == doc.nodes.count, "a change of kind checks every node again")
    }

    // MARK: - Random edits

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomEditsKeepIncrementalEqualToFull(seed: UInt64) {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15)
        var doc = seed % 3 == 0 ? Fixture.voiceMenu() : Fixture.orderStatus()
        var v = IncrementalValidator()
        Self.same(&v, doc)
        for step in 0..<250 {
            RandomEdit.apply(&doc, &rng)
            let full = Validator().validate(doc)
            let live = v.validate(doc)
            if live != full {
                Issue.record("seed \(seed), step \(step): incremental \(live.findings.count) findings, full \(full.findings.count)")
                return
            }
        }
    }
}


/// One random edit of the kinds the editor makes: add, delete, connect, disconnect,
/// change config, rename (id or label), move; now and then the settings or the kind.
enum RandomEdit {
    static let ids = ["start", "lookup", "check", "remember", "route", "reply", "note", "done", "failed",
                      "welcome", "menu", "agent", "bye", "extra", "x-1", "Bad Id"]
    static let values: [JSONValue] = [
        "", "  ", "hello", "$(start.message)", "$(start.from)", "$(lookup.body.id)", "$(lookup.status)", "$(lookup.nope)",
        "$(orderId)", "$(apiBase)/x", "$(nosuch)", "$(lookup)", "$(check.result", "Order $(orderId) $(extra.body.a)",
        "resolved", "api-failed", "orders", "sms", "GET", "equals", 5, 0, -3, 1_000_000, true,
        ["a": "$(start.message)"], ["orderId": "$(lookup.body.id)"], ["bad name": "x"],
        [["name": "big", "variable": "$(orderId)", "op": "matches", "value": "^[0-9]+$"]],
        [["name": "", "variable": "lookup.body.state", "op": "nope", "value": "$(nosuch)"]],
        "$(lookup.status) == 200", "len($(x.y)) >", "welcome.wav", "../up.wav",
    ]

    static func apply(_ doc: inout FlowDocument, _ rng: inout SplitMix64) {
        let catalog = NodeCatalog.standard
        let roll = Int.random(in: 0..<100, using: &rng)
        func someNode() -> Int? { doc.nodes.isEmpty ? nil : Int.random(in: 0..<doc.nodes.count, using: &rng) }
        func someID() -> String {
            if !doc.nodes.isEmpty && Bool.random(using: &rng) { return doc.nodes[someNode()!].id }
            return ids.randomElement(using: &rng)!
        }
        switch roll {
        case 0..<12:  // add a node
            let type = catalog.types.randomElement(using: &rng)!
            var config = type.defaultConfig()
            for field in type.fields where Bool.random(using: &rng) { config[field.name] = values.randomElement(using: &rng)! }
            let node = FlowNode(id: someID(), type: Int.random(in: 0..<20, using: &rng) == 0 ? "mystery" : type.type,
                                label: Bool.random(using: &rng) ? type.title : "", x: 0, y: 0, config: config)
            doc.nodes.insert(node, at: Int.random(in: 0...doc.nodes.count, using: &rng))
        case 12..<20:  // delete a node, usually with its connectors
            guard let i = someNode() else { return }
            let id = doc.nodes.remove(at: i).id
            if Int.random(in: 0..<4, using: &rng) > 0 { doc.connections.removeAll { $0.from == id || $0.to == id } }
        case 20..<35:  // connect
            guard let i = someNode() else { return }
            let outcomes = catalog.type(doc.nodes[i].type)?.outcomes(for: doc.nodes[i]) ?? []
            let outcome = outcomes.randomElement(using: &rng) ?? "next"
            if Bool.random(using: &rng) { doc.connections.removeAll { $0.from == doc.nodes[i].id && $0.outcome == outcome } }
            doc.connections.append(Connection(from: doc.nodes[i].id, outcome: outcome, to: someID()))
        case 35..<45:  // disconnect
            guard !doc.connections.isEmpty else { return }
            doc.connections.remove(at: Int.random(in: 0..<doc.connections.count, using: &rng))
        case 45..<75:  // change config
            guard let i = someNode() else { return }
            let fields = catalog.type(doc.nodes[i].type)?.fields.map(\.name) ?? ["x"]
            let key = fields.randomElement(using: &rng) ?? "x"
            doc.nodes[i].config[key] = Int.random(in: 0..<8, using: &rng) == 0 ? nil : values.randomElement(using: &rng)!
        case 75..<83:  // rename the id, sometimes with its connectors
            guard let i = someNode() else { return }
            let old = doc.nodes[i].id, new = someID()
            doc.nodes[i].id = new
            if Bool.random(using: &rng) {
                doc.connections = doc.connections.map {
                    Connection(from: $0.from == old ? new : $0.from, outcome: $0.outcome, to: $0.to == old ? new : $0.to)
                }
            }
        case 83..<88:  // relabel
            guard let i = someNode() else { return }
            doc.nodes[i].label = ["", "Find order", "Reply", "Ünïcode", "  "].randomElement(using: &rng)!
        case 88..<94:  // move
            guard let i = someNode() else { return }
            doc.nodes[i].x = Int.random(in: 0..<100, using: &rng)
            doc.nodes[i].y = Int.random(in: 0..<100, using: &rng)
        case 94..<99:  // settings
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: doc.settings.variables = Bool.random(using: &rng) ? [] : [CustomVariable(name: "apiBase", default: "x")]
            case 1: doc.settings.outcomes = Bool.random(using: &rng) ? [] : [FlowOutcome(name: "resolved", kind: .success)]
            case 2: doc.settings.logbooks = Bool.random(using: &rng) ? [] : ["orders"]
            case 3: doc.settings.uniqueIdentifier = ["", "$(start.from)", "$(nosuch)"].randomElement(using: &rng)!
            default: doc.settings.preventDuplicateSessions.toggle()
            }
        default:
            doc.kind = doc.kind == .voice ? .messaging : .voice
        }
    }
}
