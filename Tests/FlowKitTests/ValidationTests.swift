import Foundation
import Testing
@testable import FlowKit

@Suite struct ValidationStartTests {
    @Test func noStart() {
        let doc = Fixture.orderStatus().editing { $0.nodes.removeAll { $0.id == "start" } }
        let found = validate(doc).with(.noStart)
        #expect(found.count == 1)
        #expect(found.first?.node == nil)
        #expect(found.first?.severity == .error)
        // Without a Start every node would be unreachable; that noise is left out.
        #expect(validate(doc).with(.unreachableNode).isEmpty)
        #expect(validate(Fixture.orderStatus()).with(.noStart).isEmpty)
    }

    @Test func multipleStartsNameEveryStartNode() {
        let doc = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "start-2", type: "start", label: "Hook", config: ["trigger": "webhook", "path": "orders"]))
            $0.connections.append(Connection(from: "start-2", outcome: "next", to: "lookup"))
        }
        let found = validate(doc).with(.multipleStarts)
        #expect(found.map(\.node) == ["start", "start-2"])
        #expect(found[1].message.hasPrefix("Start \"Hook\" (start-2): "))
        #expect(validate(Fixture.orderStatus()).with(.multipleStarts).isEmpty)
    }
}

@Suite struct ValidationParameterTests {
    @Test func missingMandatoryFieldNamesNodeAndField() throws {
        let report = validate(Fixture.orderStatus().setting("lookup", "url", ""))
        let finding = try #require(report.with(.missingParameter).first)
        #expect(finding.message == "HTTP Request \"Find order\" (lookup): URL is required")
        #expect(finding.node == "lookup")
        #expect(finding.field == "url")
        #expect(finding.severity == .error)
        #expect(report.with(.missingParameter).count == 1)
    }

    @Test func absentAndWhitespaceValuesAreMissing() {
        #expect(validate(Fixture.orderStatus().setting("reply", "message", nil)).with(.missingParameter).map(\.field) == ["message"])
        #expect(validate(Fixture.orderStatus().setting("reply", "message", "  \n")).with(.missingParameter).map(\.field) == ["message"])
        // An optional field left empty is fine.
        #expect(validate(Fixture.orderStatus().setting("reply", "from", "")).findings.isEmpty)
    }

    @Test func startFieldsFollowTheTrigger() {
        let sms = Fixture.orderStatus().setting("start", "address", nil)
        #expect(validate(sms).with(.missingParameter).map(\.field) == ["address"])
        var webhook = Fixture.orderStatus().setting("start", "trigger", "webhook")
        webhook = webhook.setting("start", "channel", nil).setting("start", "address", nil)
        #expect(validate(webhook).with(.missingParameter).isEmpty, "webhook needs no channel or address; path is optional")
        let event = Fixture.orderStatus().setting("start", "trigger", "custom-event")
        #expect(validate(event).with(.missingParameter).map(\.field) == ["event"])
        let none = Fixture.orderStatus().setting("start", "trigger", nil)
        #expect(validate(none).with(.missingParameter).map(\.field) == ["trigger"])
    }

    @Test func endWithoutOutcomeIsAWarningNotMissingParameter() throws {
        let report = validate(Fixture.orderStatus().setting("done", "outcome", ""))
        #expect(report.with(.missingParameter).isEmpty)
        let finding = try #require(report.with(.endWithoutOutcome).first)
        #expect(finding.severity == .warning)
        #expect(finding.node == "done")
        #expect(finding.field == "outcome")
        #expect(finding.message.hasPrefix("End \"Resolved\" (done): Flow outcome"))
        #expect(report.isValid)
        #expect(validate(Fixture.orderStatus()).with(.endWithoutOutcome).isEmpty)
    }

    @Test func unknownFlowOutcome() throws {
        let report = validate(Fixture.orderStatus().setting("done", "outcome", "resolvd"))
        let finding = try #require(report.with(.unknownFlowOutcome).first)
        #expect(finding.node == "done")
        #expect(finding.field == "outcome")
        #expect(finding.message.contains("\"resolvd\""))
        #expect(finding.message.contains("resolved, api-failed"))
        #expect(validate(Fixture.orderStatus()).with(.unknownFlowOutcome).isEmpty)
    }

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        var node: String
        var key: String
        var value: JSONValue
        var mentions: String
        var testDescription: String { "\(node).\(key) = \(value.templateText)" }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(node: "lookup", key: "timeoutSeconds", value: 0, mentions: "at least 1"),
        InvalidCase(node: "lookup", key: "timeoutSeconds", value: 301, mentions: "at most 300"),
        InvalidCase(node: "lookup", key: "timeoutSeconds", value: "soon", mentions: "must be a number"),
        InvalidCase(node: "lookup", key: "timeoutSeconds", value: "0x10", mentions: "must be a number"),
        InvalidCase(node: "lookup", key: "method", value: "FETCH", mentions: "not one of GET, POST, PUT, PATCH, DELETE"),
        InvalidCase(node: "reply", key: "channel", value: "pigeon", mentions: "not a channel"),
        InvalidCase(node: "reply", key: "message", value: .string(String(repeating: "x", count: 1025)), mentions: "1025 characters; sms allows at most 1024"),
        InvalidCase(node: "reply", key: "message", value: "Hi $(orderId", mentions: "unclosed $("),
        InvalidCase(node: "reply", key: "to", value: "$()", mentions: "empty reference"),
        InvalidCase(node: "reply", key: "to", value: ["+1"], mentions: "must be text"),
        InvalidCase(node: "note", key: "logbook", value: "audit", mentions: "not a logbook"),
        InvalidCase(node: "check", key: "expression", value: "$(lookup.status) = 200", mentions: "use == to compare"),
        InvalidCase(node: "check", key: "expression", value: "len(1, 2)", mentions: "takes 1 argument"),
        InvalidCase(node: "check", key: "expression", value: "matches($(orderId), '[')", mentions: "not a valid regular expression"),
        InvalidCase(node: "remember", key: "assignments", value: ["order id": "1"], mentions: "not a valid name"),
        InvalidCase(node: "remember", key: "assignments", value: ["x": "$(a"], mentions: "unclosed $("),
        InvalidCase(node: "remember", key: "assignments", value: ["x": ["nested": 1]], mentions: "must be text"),
        InvalidCase(node: "remember", key: "assignments", value: "x=1", mentions: "name = value pairs"),
        InvalidCase(node: "start", key: "channel", value: "fax", mentions: "not a channel"),
        InvalidCase(node: "start", key: "trigger", value: "inbound-call", mentions: "only voice flows"),
    ]

    @Test(arguments: invalidCases)
    func invalidParameter(_ c: InvalidCase) throws {
        let report = validate(Fixture.orderStatus().setting(c.node, c.key, c.value))
        let found = report.with(.invalidParameter)
        #expect(found.count == 1, "\(report.findings.map(\.message))")
        let finding = try #require(found.first)
        #expect(finding.node == c.node)
        #expect(finding.field == c.key)
        #expect(finding.message.contains(c.mentions), "\(finding.message)")
        let label = Fixture.orderStatus().node(withID: c.node)!.label
        #expect(finding.message.contains("\"\(label)\" (\(c.node)): "), "\(finding.message)")
    }

    @Test func valuesInsideLimitsAreAccepted() {
        let doc = Fixture.orderStatus()
            .setting("lookup", "timeoutSeconds", "300")
            .setting("reply", "message", .string(String(repeating: "é", count: 1024)))
            .setting("reply", "channel", "whatsapp")
        #expect(validate(doc).findings.isEmpty)
        // The sms limit does not apply to other channels.
        let long = Fixture.orderStatus().setting("reply", "channel", "email")
            .setting("reply", "message", .string(String(repeating: "x", count: 5000)))
        #expect(validate(long).findings.isEmpty)
    }

    @Test func dataParserPathsAndNamesAreChecked() {
        func parser(_ fields: JSONValue) -> FlowDocument {
            Fixture.orderStatus().editing {
                $0.nodes.append(FlowNode(id: "parse", type: "data-parser", label: "Parse",
                                         config: ["source": "$(lookup.body)", "fields": fields]))
                $0.connections.removeAll { $0.from == "remember" }
                $0.connections += [Connection(from: "remember", outcome: "next", to: "parse"),
                                   Connection(from: "parse", outcome: "success", to: "route"),
                                   Connection(from: "parse", outcome: "error", to: "failed")]
            }
        }
        #expect(validate(parser(["sku": "order.items[0].sku", "first": "$.rows[1][0]"])).findings.isEmpty)
        let bad = validate(parser(["sku": "order..sku"])).with(.invalidParameter)
        #expect(bad.map(\.field) == ["fields"])
        #expect(bad.first?.message.contains("invalid path") == true)
    }

    @Test func branchEntriesAreChecked() {
        func branches(_ entries: JSONValue) -> [Finding] {
            validate(Fixture.orderStatus().setting("route", "branches", entries)).with(.invalidParameter)
        }
        let ok: JSONValue = [["name": "a", "variable": "orderId", "op": "is-empty"]]
        #expect(branches(ok).isEmpty)
        #expect(branches([["variable": "orderId", "op": "equals", "value": "1"]]).first?.message.contains("has no name") == true)
        #expect(branches([["name": "a", "op": "equals", "value": "1"]]).first?.message.contains("has no variable") == true)
        #expect(branches([["name": "a", "variable": "orderId", "value": "1"]]).first?.message.contains("has no operator") == true)
        #expect(branches([["name": "a", "variable": "orderId", "op": "like", "value": "1"]]).first?.message.contains("\"like\" is not an operator") == true)
        #expect(branches([["name": "a", "variable": "orderId", "op": "equals", "value": "$(x"]]).first?.message.contains("unclosed $(") == true)
        #expect(branches([["name": "a", "variable": "orderId", "op": "matches", "value": "(*"]]).first?.message.contains("regular expression") == true)
        #expect(branches([["name": "none", "variable": "orderId", "op": "is-empty"]]).first?.message.contains("reserved") == true)
        #expect(branches(["yes"]).count == 1)
        let duplicate = branches([["name": "a", "variable": "orderId", "op": "equals", "value": "1"],
                                  ["name": "a", "variable": "orderId", "op": "equals", "value": "2"]])
        #expect(duplicate.count == 1)
        #expect(duplicate.first?.message == "Branch \"Route\" (route): Branches entry 2 (\"a\"): the name \"a\" is used by an earlier entry")
        #expect(duplicate.first?.field == "branches")
    }

    @Test func voiceOnlyNodeInMessagingFlow() throws {
        let doc = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "hello", type: "play", label: "Hello", config: ["prompt": "hello.wav"]))
            $0.connections.removeAll { $0.from == "note" }
            $0.connections += [Connection(from: "note", outcome: "next", to: "hello"),
                               Connection(from: "hello", outcome: "done", to: "done"),
                               Connection(from: "hello", outcome: "error", to: "done")]
        }
        let finding = try #require(validate(doc).with(.invalidParameter).first)
        #expect(finding.node == "hello")
        #expect(finding.field == "type")
        #expect(finding.message == "Play Prompt \"Hello\" (hello): this node works only in voice flows")
        #expect(validate(doc.editing { $0.kind = .voice }).with(.invalidParameter).isEmpty)
    }

    @Test func invalidAndDuplicateNodeIDs() {
        let bad = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "Bad Id", type: "end", label: "X", config: ["outcome": "resolved"]))
            $0.nodes.append(FlowNode(id: "done", type: "end", label: "Again", config: ["outcome": "resolved"]))
        }
        let found = validate(bad).with(.invalidParameter)
        #expect(found.map(\.node) == ["Bad Id", "done"])
        #expect(found.allSatisfy { $0.field == "id" })
        #expect(found[0].message.contains("a-z, 0-9 and -"))
        #expect(found[1].message.contains("already used"))
    }

    @Test func unknownNodeTypeIsAFindingNotACrash() throws {
        let doc = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "crm", type: "integration:salesforce", label: "CRM", config: ["x": 1]))
            $0.connections.removeAll { $0.from == "note" }
            $0.connections += [Connection(from: "note", outcome: "next", to: "crm"),
                               Connection(from: "crm", outcome: "whatever", to: "done")]
        }
        let report = validate(doc)
        let finding = try #require(report.with(.invalidParameter).first)
        #expect(finding.node == "crm")
        #expect(finding.field == "type")
        #expect(finding.message.contains("integration:salesforce"))
        #expect(report.with(.incompleteConnector).isEmpty, "its outcomes are unknown, so its connectors are not judged")
        #expect(report.findings.count == 1)
    }

    @Test func settingsNamesAreChecked() {
        let doc = Fixture.orderStatus().editing {
            $0.settings.outcomes.append(FlowOutcome(name: "resolved", kind: .failure))
            $0.settings.variables.append(CustomVariable(name: "api base"))
            $0.settings.logbooks.append("")
        }
        let found = validate(doc).with(.invalidParameter)
        #expect(Set(found.compactMap(\.field)) == ["outcomes", "variables", "logbooks"])
        #expect(found.allSatisfy { $0.node == nil && $0.message.hasPrefix("Flow settings: ") })
    }
}

@Suite struct ValidationConnectorTests {
    @Test func noOutcomeConnected() throws {
        let doc = Fixture.orderStatus().editing { $0.connections.removeAll { $0.from == "reply" } }
        let report = validate(doc)
        let finding = try #require(report.with(.noOutcomeConnected).first)
        #expect(finding.node == "reply")
        #expect(finding.message.contains("(sent, failed)"))
        #expect(report.with(.unassignedOutcome).isEmpty, "not both codes for one node")
        // Terminal nodes have no outcomes to connect.
        #expect(validate(Fixture.orderStatus()).with(.noOutcomeConnected).isEmpty)
    }

    @Test func unassignedOutcomeIsAWarningPerOutcome() throws {
        let doc = Fixture.orderStatus().editing {
            $0.connections.removeAll { $0.from == "lookup" && $0.outcome != "success" }
        }
        let found = validate(doc).with(.unassignedOutcome)
        #expect(found.map(\.node) == ["lookup", "lookup"])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found[0].message.contains("\"error\""))
        #expect(found[1].message.contains("\"timeout\""))
        #expect(validate(doc).isValid)
    }

    @Test func branchOutcomesIncludeNone() {
        let doc = Fixture.orderStatus().editing { $0.connections.removeAll { $0.from == "route" && $0.outcome == "none" } }
        let found = validate(doc).with(.unassignedOutcome)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("\"none\"") == true)
    }

    @Test func branchOutcomesAgreeWithTheCatalog() throws {
        let entries: JSONValue = [["name": "a", "variable": "orderId", "op": "is-empty"],
                                  ["name": "a", "variable": "orderId", "op": "is-empty"]]
        let doc = Fixture.orderStatus().setting("route", "branches", entries).editing {
            $0.connections.removeAll { $0.from == "route" }
            $0.connections += [Connection(from: "route", outcome: "a", to: "reply"),
                               Connection(from: "route", outcome: "none", to: "reply")]
        }
        let node = try #require(doc.node(withID: "route"))
        #expect(NodeCatalog.standard.type("branch")?.outcomes(for: node) == ["a", "none"])
        let report = validate(doc)
        #expect(report.with(.incompleteConnector).isEmpty)
        #expect(report.with(.unassignedOutcome).isEmpty)
        #expect(report.with(.invalidParameter).count == 1, "the duplicate name")
    }

    @Test func incompleteConnectors() {
        let doc = Fixture.orderStatus().editing {
            $0.connections.append(Connection(from: "ghost", outcome: "next", to: "done"))
            $0.connections.append(Connection(from: "lookup", outcome: "redirect", to: "done"))
            $0.connections.append(Connection(from: "done", outcome: "next", to: "lookup"))
            $0.connections.removeAll { $0.from == "check" && $0.outcome == "error" }
            $0.connections.append(Connection(from: "check", outcome: "error", to: "nowhere"))
        }
        let found = validate(doc).with(.incompleteConnector)
        #expect(found.count == 4)
        #expect(found.map(\.node) == ["lookup", "check", "done", nil], "document order, the missing source last")
        #expect(found[0].message.contains("\"redirect\""))
        #expect(found[1].message.contains("\"nowhere\", which does not exist"))
        #expect(found[2].message.contains("has no outcomes"))
        #expect(found[3].message.contains("\"ghost\""))
        #expect(validate(Fixture.orderStatus()).with(.incompleteConnector).isEmpty)
    }

    @Test func duplicateConnector() throws {
        let doc = Fixture.orderStatus().editing {
            $0.connections.append(Connection(from: "reply", outcome: "sent", to: "done"))
        }
        let finding = try #require(validate(doc).with(.duplicateConnector).first)
        #expect(finding.node == "reply")
        #expect(finding.message.contains("to both \"note\" and \"done\""))
        let twice = Fixture.orderStatus().editing { $0.connections.append(Connection(from: "reply", outcome: "sent", to: "note")) }
        #expect(validate(twice).with(.duplicateConnector).count == 1)
        #expect(validate(Fixture.orderStatus()).with(.duplicateConnector).isEmpty)
    }

    @Test func unreachableNode() throws {
        let doc = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "orphan", type: "end", label: "Orphan", config: ["outcome": "resolved"]))
            $0.nodes.append(FlowNode(id: "island", type: "delay", label: "Wait", config: ["seconds": 5]))
            $0.connections.append(Connection(from: "island", outcome: "next", to: "orphan"))
        }
        let found = validate(doc).with(.unreachableNode)
        #expect(found.map(\.node) == ["orphan", "island"])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(validate(Fixture.orderStatus()).with(.unreachableNode).isEmpty)
    }

    @Test func voiceMissingDisconnect() throws {
        let noDisconnect = Fixture.voiceMenu().editing {
            $0.nodes.removeAll { $0.type == "disconnect" }
            $0.nodes.append(FlowNode(id: "bye", type: "end", label: "Bye", config: ["outcome": "handled"]))
        }
        let finding = try #require(validate(noDisconnect).with(.voiceMissingDisconnect).first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("no Disconnect node"))
        // A Disconnect that exists but cannot be reached from Start does not count.
        let unreachable = Fixture.voiceMenu().editing {
            $0.connections.removeAll { $0.to == "bye" }
            $0.nodes.insert(FlowNode(id: "end", type: "end", label: "End", config: ["outcome": "handled"]), at: 4)
            for c in ["welcome/error", "menu/timeout", "menu/invalid", "agent/connected", "agent/failed"] {
                let p = c.split(separator: "/").map(String.init)
                $0.connections.append(Connection(from: p[0], outcome: p[1], to: "end"))
            }
        }
        #expect(validate(unreachable).with(.voiceMissingDisconnect).count == 1)
        #expect(validate(Fixture.voiceMenu()).with(.voiceMissingDisconnect).isEmpty)
        #expect(validate(Fixture.orderStatus()).with(.voiceMissingDisconnect).isEmpty, "messaging flows need none")
    }
}

@Suite struct ValidationVariableTests {
    func unknown(in template: String) -> [Finding] {
        validate(Fixture.orderStatus().setting("reply", "message", .string(template))).with(.unknownVariable)
    }

    @Test func knownReferencesAreAccepted() {
        #expect(unknown(in: "$(apiBase) $(orderId) $(start.from) $(start.body.customer.name) $(lookup.body.items[0].sku) $(lookup.headers.etag) $(lookup.status)").isEmpty)
    }

    @Test func unknownVariableNamesNodeFieldAndReference() throws {
        let finding = try #require(unknown(in: "Hi $(nmae)").first)
        #expect(finding.severity == .warning)
        #expect(finding.node == "reply")
        #expect(finding.field == "message")
        #expect(finding.message == "Send Message \"Reply\" (reply): Message uses $(nmae), but no custom variable or Set Variables assignment is named \"nmae\"")
    }

    @Test func unknownOutputsAndDeepPaths() {
        #expect(unknown(in: "$(lookup.sttus)").first?.message.contains("its outputs are status, body, headers") == true)
        #expect(unknown(in: "$(lookup.status.code)").first?.message.contains("only body and headers allow deeper paths") == true)
        #expect(unknown(in: "$(reply.message)").first?.message.contains("it has no outputs") == true)
        #expect(unknown(in: "$(nosuch.thing)").first?.message.contains("no node has the id \"nosuch\"") == true)
        #expect(unknown(in: "$(lookup)").first?.message.contains("is a node, not a variable") == true)
        #expect(unknown(in: "$(a) $(a) $(b)").count == 2, "one warning per reference and field")
    }

    @Test func referencesAreCheckedInEveryKindOfField() {
        let doc = Fixture.orderStatus()
            .setting("check", "expression", "$(x1) == 1")
            .setting("remember", "assignments", ["orderId": "$(x2)"])
            .setting("route", "branches", [["name": "a", "variable": "x3", "op": "equals", "value": "$(x4)"]])
            .setting("lookup", "headers", ["Authorization": "Bearer $(x5)"])
            .editing { $0.settings.uniqueIdentifier = "$(x6)" }
        let found = validate(doc).with(.unknownVariable)
        #expect(Set(found.map { $0.message.components(separatedBy: "$(")[1].prefix(2) }) == ["x1", "x2", "x3", "x4", "x5", "x6"])
        #expect(found.first { $0.message.contains("x6") }?.field == "uniqueIdentifier")
        #expect(found.first { $0.message.contains("x6") }?.node == nil)
    }

    @Test func dataParserFieldsBecomeOutputs() {
        let doc = Fixture.orderStatus().editing {
            $0.nodes.append(FlowNode(id: "parse", type: "data-parser", label: "Parse",
                                     config: ["source": "$(lookup.body)", "fields": ["sku": "items[0].sku"]]))
        }
        #expect(validate(doc.setting("reply", "message", "$(parse.sku)")).with(.unknownVariable).isEmpty)
        #expect(validate(doc.setting("reply", "message", "$(parse.price)")).with(.unknownVariable).count == 1)
    }

    @Test func missingUniqueIdentifier() throws {
        let doc = Fixture.orderStatus().editing { $0.settings.uniqueIdentifier = " " }
        let finding = try #require(validate(doc).with(.missingUniqueIdentifier).first)
        #expect(finding.field == "uniqueIdentifier")
        #expect(finding.severity == .error)
        let off = doc.editing { $0.settings.preventDuplicateSessions = false }
        #expect(validate(off).with(.missingUniqueIdentifier).isEmpty)
        #expect(validate(Fixture.orderStatus()).with(.missingUniqueIdentifier).isEmpty)
        let malformed = Fixture.orderStatus().editing { $0.settings.uniqueIdentifier = "$(start.from" }
        #expect(validate(malformed).with(.invalidParameter).first?.field == "uniqueIdentifier")
    }
}

@Suite struct ValidationOrderTests {
    @Test func findingsComeInDocumentOrderThenCode() {
        let doc = Fixture.orderStatus().editing {
            $0.settings.uniqueIdentifier = ""
            $0.connections.removeAll { $0.from == "reply" }
            let reply = $0.nodeIndex(withID: "reply")!
            $0.nodes[reply].config["message"] = "$(zzz)"
            $0.nodes[reply].config["to"] = nil
            $0.nodes[$0.nodeIndex(withID: "lookup")!].config["url"] = nil
        }
        let report = validate(doc)
        let summary = report.findings.map { "\($0.node ?? "-") \($0.code.rawValue)" }
        #expect(summary == [
            "- missing-unique-identifier",
            "lookup missing-parameter",
            "reply missing-parameter",
            "reply no-outcome-connected",
            "reply unknown-variable",
            "note unreachable-node",
            "done unreachable-node",
        ])
        #expect(validate(doc) == report, "stable across runs")
    }

    @Test func largeFlowValidatesCleanly() {
        // Shape of the 10,000-node benchmark flow: a long chain; correctness only here.
        var doc = Fixture.orderStatus()
        doc.nodes = [FlowNode(id: "start", type: "start", config: ["trigger": "webhook"])]
        doc.connections = []
        var previous = "start"
        for n in 0..<2_000 {
            let id = "set-\(n)"
            doc.nodes.append(FlowNode(id: id, type: "set-variables", config: ["assignments": .object(["v\(n)": .string("$(start.body.x) $(v\(max(0, n - 1)))")])]))
            doc.connections.append(Connection(from: previous, outcome: "next", to: id))
            previous = id
        }
        doc.nodes.append(FlowNode(id: "done", type: "end", config: ["outcome": "resolved"]))
        doc.connections.append(Connection(from: previous, outcome: "next", to: "done"))
        #expect(validate(doc).findings == [])
    }
}
