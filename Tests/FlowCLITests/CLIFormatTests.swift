import Foundation
import Testing
@testable import FlowCLI
import FlowKit

/// The `--json` shapes of DESIGN §7 and the argument helpers, on real store data.
@Suite struct StoreCLIFormatTests {
    static func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func listJSONHasExactlyTheContractKeys() throws {
        try CLIFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Draft one", document: CLIFixture.smsFlow())
            _ = try ws.createFlow(named: "Live one", document: CLIFixture.smsFlow())
            try ws.makeLive("Live one")
            let json = try Self.decode(CLIJSON.list(try ws.flows()))
            let items = try #require(json.arrayValue)
            #expect(items.count == 2)
            for item in items {
                #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == ["id", "name", "status", "state", "liveVersion", "hasDraft"])
            }
            #expect(items[0] == .object(["id": "draft-one", "name": "Draft one", "status": "draft", "state": .null,
                                         "liveVersion": .null, "hasDraft": true]))
            #expect(items[1] == .object(["id": "live-one", "name": "Live one", "status": "live", "state": "running",
                                         "liveVersion": 1, "hasDraft": false]))
        }
    }

    @Test func showJSONIsTheDocumentPlusRevisionAndVersion() throws {
        try CLIFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: CLIFixture.smsFlow())
            let draft = try Self.decode(CLIJSON.show(try ws.document("Order status")))
            #expect(draft["revision"] == 1 && draft["version"] == .null)
            #expect(draft["format"] == "flowcanvas/1" && draft["name"] == "Order status")
            #expect(draft["nodes"]?.arrayValue?.count == 3)
            try ws.makeLive("Order status")
            let live = try Self.decode(CLIJSON.show(try ws.document("Order status")))
            #expect(live["revision"] == 0 && live["version"] == 1)
        }
    }

    @Test func historyJSONHasTheContractKeysNewestFirst() throws {
        try CLIFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: CLIFixture.smsFlow())
            try ws.makeLive("Order status", MakeLiveRequest(comment: "first"))
            try ws.saveDraft("Order status", document: CLIFixture.smsFlowWithLog())
            let items = try #require(try Self.decode(CLIJSON.history(try ws.history("Order status"))).arrayValue)
            #expect(items.count == 2)
            for item in items {
                #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == ["version", "status", "basedOn", "comment", "author", "createdAt"])
            }
            #expect(items[0]["version"] == .null && items[0]["status"] == "draft" && items[0]["basedOn"] == 1)
            #expect(items[1]["version"] == 1 && items[1]["status"] == "live" && items[1]["comment"] == "first")
            #expect(items[1]["author"] == "tester")
            let stamp = try #require(items[1]["createdAt"]?.stringValue)
            #expect(try Date(stamp, strategy: .iso8601) <= Date())
        }
    }

    @Test func validationAndDiffJSONShapes() throws {
        let report = ValidationReport(findings: [
            Finding(code: .noStart, message: "The flow has no Start node."),
            Finding(code: .unassignedOutcome, node: "reply", field: nil, message: "Outcome failed is not connected."),
        ])
        let v = try Self.decode(CLIJSON.validation(report))
        #expect(v["valid"] == false)
        #expect(v["errors"] == .array([.object(["code": "no-start", "node": .null, "field": .null,
                                                "message": "The flow has no Start node."])]))
        #expect(v["warnings"]?.arrayValue?.first?["node"] == "reply")

        let diff = FlowDiff(addedNodes: ["a"], removedNodes: ["b"],
                            changedNodes: [.init(id: "c", fields: ["label", "config.url"])],
                            addedConnections: [Connection(from: "a", outcome: "next", to: "c")],
                            removedConnections: [], settingsChanged: true)
        let d = try Self.decode(CLIJSON.diff(diff))
        #expect(Set(d.objectValue?.keys.map { $0 } ?? []) == ["addedNodes", "removedNodes", "changedNodes",
                                                               "addedConnections", "removedConnections", "settingsChanged"])
        #expect(d["changedNodes"] == .array([.object(["id": "c", "fields": ["label", "config.url"]])]))
        #expect(d["addedConnections"] == .array([.object(["from": "a", "outcome": "next", "to": "c"])]))
        #expect(d["settingsChanged"] == true)
    }

    @Test func keyValueArguments() throws {
        #expect(try CLIArguments.keyValues(["a=1", "url=https://x?y=z", "empty="], option: "--set")
                == ["a": "1", "url": "https://x?y=z", "empty": ""])
        #expect(throws: WorkspaceError.invalidArgument("--set takes KEY=VALUE, not 'oops'")) {
            _ = try CLIArguments.keyValues(["oops"], option: "--set")
        }
        #expect(throws: WorkspaceError.invalidArgument("--app sms is given twice")) {
            _ = try CLIArguments.keyValues(["sms=a", "sms=b"], option: "--app")
        }
        #expect(try CLIArguments.documentRef("draft") == .draft)
        #expect(try CLIArguments.documentRef("3") == .version(3))
        #expect(throws: WorkspaceError.self) { _ = try CLIArguments.documentRef("latest") }
        #expect(throws: WorkspaceError.self) { _ = try CLIArguments.documentRef("0") }
    }

    @Test func findingsTextSaysHowManyAndWhere() {
        let text = CLIText.findings(ValidationReport(findings: [
            Finding(code: .missingParameter, node: "reply", field: "to", message: "Reply: To is empty."),
            Finding(code: .unreachableNode, node: "orphan", message: "Orphan is never reached."),
        ]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "1 error, 1 warning")
        #expect(lines[1].contains("error") && lines[1].contains("missing-parameter") && lines[1].contains("reply.to"))
        #expect(lines[2].contains("warning") && lines[2].contains("orphan"))
        #expect(CLIText.findings(ValidationReport(findings: [])) == "No findings: the flow is valid.\n")
    }
}
