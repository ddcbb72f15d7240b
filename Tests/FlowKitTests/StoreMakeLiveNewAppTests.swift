import Foundation
import Testing
@testable import FlowKit

/// Make Live's new apps (stored in its transaction only), its revision check, the
/// import refusal's offending nodes and the flow list's entries (issue 12).
@Suite struct StoreMakeLiveNewAppTests {
    @Test func newAppsAreStoredWithTheVersionAndOnlyThen() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let app = WorkspaceApp(name: "sms-out", channel: "sms", webhookURL: "https://hooks.example.com/sms")
            // A wrong variable refuses Make Live: the new app is not stored either.
            #expect(throws: WorkspaceError.self) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "sms-out"], variables: ["nope": "1"], newApps: [app]))
            }
            #expect(try ws.apps().map(\.name) == ["outbox"])
            let bad = WorkspaceApp(name: "Bad Name", channel: "sms", webhookURL: "https://x.example.com")
            #expect(throws: WorkspaceError.self) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "Bad Name"], newApps: [bad]))
            }
            let v1 = try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "sms-out"], newApps: [app]))
            #expect(v1.apps == ["sms": "sms-out"])
            #expect(try ws.app(named: "sms-out") == app)
            #expect(throws: WorkspaceError.appExists("sms-out")) {
                try ws.checkNewApp(name: "sms-out", channel: "sms", webhookURL: "https://x.example.com")
            }
        }
    }

    @Test func expectedRevisionRefusesADraftChangedMeanwhile() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            #expect(throws: WorkspaceError.conflict(flow: "Order status", expected: 1, current: 2)) {
                try ws.makeLive("Order status", MakeLiveRequest(expectedRevision: 1))
            }
            #expect(try ws.flow("Order status").liveVersion == nil)
            #expect(try ws.makeLive("Order status", MakeLiveRequest(expectedRevision: 2)).number == 1)
        }
    }

    @Test func theChangeAgainstTheLiveVersionNamesNodesByLabel() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let draft = try ws.document("Order status").document
            #expect(MakeLiveChange.lines(live: nil, draft: draft, apps: [:], variables: [:]) == ["Change: first version (nothing is live yet)"])
            let v1 = try ws.makeLive("Order status")
            #expect(MakeLiveChange.lines(live: v1, draft: v1.document, apps: v1.apps, variables: v1.variables)
                    == ["Change against v1:", "  nothing (the same flow, apps and values)"])
            let withLog = StoreFixture.smsFlowWithLog()
            let added = Set(withLog.nodes.map(\.id)).subtracting(v1.document.nodes.map(\.id))
            let labels = withLog.nodes.filter { added.contains($0.id) }.map { $0.label.isEmpty ? $0.id : $0.label }
            let lines = MakeLiveChange.lines(live: v1, draft: withLog, apps: v1.apps, variables: ["greeting": "Hi"])
            #expect(lines.contains("  + nodes: " + labels.joined(separator: ", ")))
            #expect(lines.contains("  greeting: Hello → Hi"))
        }
    }

    @Test func aRefusedImportNamesEveryOffendingNode() throws {
        var doc = StoreFixture.smsFlow()
        for i in 1...30 { doc.nodes.append(FlowNode(id: "x\(i)", type: "warp", label: "Warp \(i)", x: 0, y: i)) }
        do {
            _ = try FlowCodec.importDocument(Data(FlowCodec.exportJSON(doc).utf8))
            Issue.record("imported")
        } catch {
            #expect(error.offendingNodes.count == 30)
            #expect(error.offendingNodes.contains(ImportOffender(id: "x30", label: "Warp 30", type: "warp")))
            #expect(error.message.contains("and 10 more"), "the message still lists 20")
        }
    }

    @Test func flowListEntriesSayWhoEditedLast() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "Live only", document: StoreFixture.smsFlow())
            try ws.makeLive("Live only", MakeLiveRequest(comment: "go"))
            let entries = try ws.flowListEntries()
            #expect(entries.map(\.summary.name) == ["Live only", "Order status"])
            #expect(entries.allSatisfy { $0.lastEditedBy == "tester" })
            #expect(entries[0].summary == (try ws.flow("Live only")))
            let preview = try ws.preview("Live only")
            #expect(preview.versions.map(\.comment) == ["go"])
        }
    }
}
