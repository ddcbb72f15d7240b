import Foundation
import Testing
@testable import FlowKit

@Suite struct StoreLifecycleTests {
    @Test func pauseAndResumeOnlyLiveFlows() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let notLive = WorkspaceError.notLive(flow: "Order status")
            #expect(notLive.exitCode == 1)
            try StoreFixture.expectRefusal(ws, notLive) { _ = try ws.pause("Order status") }
            try StoreFixture.expectRefusal(ws, notLive) { _ = try ws.resume("Order status") }
            try ws.makeLive("Order status")
            #expect(try ws.pause("Order status").state == .paused)
            #expect(try ws.flow("order-status").state == .paused)
            #expect(try ws.liveFlows().map(\.state) == [.paused])
            #expect(try ws.pause("Order status").state == .paused)   // pausing twice is harmless
            #expect(try ws.resume("Order status").state == .running)
            // A new version goes live running.
            _ = try ws.pause("Order status")
            _ = try ws.editVersion("Order status", version: 1)
            try ws.makeLive("Order status")
            #expect(try ws.flow("Order status").state == .running)
        }
    }

    @Test func copyTakesTheDraftElseTheNewestVersion() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let fromDraft = try ws.copyFlow("Order status", to: "Order status copy")
            #expect(fromDraft.id == "order-status-copy" && fromDraft.status == .draft && fromDraft.draftRevision == 1)
            let copied = try ws.document("Order status copy")
            #expect(copied.document.nodes.count == 4 && copied.document.name == "Order status copy" && copied.basedOn == nil)
            #expect(try ws.history("Order status copy").map(\.status) == [.draft])

            try ws.makeLive("Order status")   // v2, no draft now
            _ = try ws.copyFlow("order-status", to: "From live")
            var expected = try ws.version("Order status", 2).document
            expected.name = "From live"
            #expect(try ws.document("From live").document == expected)

            try StoreFixture.expectRefusal(ws, .flowExists("from LIVE")) { _ = try ws.copyFlow("Order status", to: "from LIVE") }
            try StoreFixture.expectRefusal(ws, .noSuchFlow("ghost")) { _ = try ws.copyFlow("ghost", to: "Ghost 2") }
        }
    }

    @Test func deleteRemovesTheFlowWithItsDraftAndVersions() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "Other", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let otherRows = try StoreFixture.rows(ws).filter { $0.contains("'other'") }
            try ws.deleteFlow("Order status")
            #expect(try ws.flows().map(\.name) == ["Other"])
            let rows = try StoreFixture.rows(ws)
            #expect(!rows.contains { $0.contains("'order-status'") })
            #expect(rows.filter { $0.contains("'other'") } == otherRows)
            // The name and id are free again.
            #expect(try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow()).id == "order-status")
            #expect(try ws.history("Order status").count == 1)
        }
    }

    @Test func historyIsNewestFirstWithDraftLiveAndPrevious() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            #expect(try ws.history("Order status").map(\.status) == [.draft])
            try ws.makeLive("Order status", MakeLiveRequest(comment: "one"))
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            try ws.makeLive("Order status", MakeLiveRequest(comment: "two"))
            _ = try ws.editVersion("Order status", version: 1)
            try ws.makeLive("Order status", MakeLiveRequest(comment: "three"))
            try ws.saveDraft("Order status", document: StoreFixture.smsFlow())
            let h = try ws.history("Order status")
            #expect(h.map(\.version) == [nil, 3, 2, 1])
            #expect(h.map(\.status) == [.draft, .live, .previous, .previous])
            #expect(h.map(\.comment) == ["", "three", "two", "one"])
            #expect(h.map(\.basedOn) == [3, 1, 1, nil])
            #expect(h.allSatisfy { $0.author == "tester" })
            #expect(h[0].revision == 4)   // create 1, save 2, edit 3, save 4
            #expect(h[1].createdAt >= h[2].createdAt && h[2].createdAt >= h[3].createdAt)
        }
    }

    @Test func diffComparesAnyTwoOfVersionsAndDraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let v1 = try ws.document("Order status", .version(1)).document
            let draft = try ws.document("Order status", .draft).document
            #expect(try ws.diff("Order status", from: .version(1), to: .draft) == FlowDiff.between(v1, draft))
            #expect(try ws.diff("Order status", from: .draft, to: .version(1)) == FlowDiff.between(draft, v1))
            #expect(try ws.diff("Order status", from: .version(1), to: .version(1)).isEmpty)
            try StoreFixture.expectRefusal(ws, .noSuchVersion(flow: "Order status", version: 4)) {
                _ = try ws.diff("Order status", from: .version(4), to: .draft)
            }
        }
    }

    @Test func diffNamesWhatChanged() throws {
        // Needs the real FlowDiff (codec helper).
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let d = try ws.diff("Order status", from: .version(1), to: .draft)
            #expect(d.addedNodes == ["note-it"])
            #expect(d.removedNodes.isEmpty)
            #expect(d.addedConnections.contains(Connection(from: "reply", outcome: "sent", to: "note-it")))
            #expect(d.removedConnections == [Connection(from: "reply", outcome: "sent", to: "done")])
            #expect(d.settingsChanged)
        }
    }

    @Test func renameKeepsTheIDAndRenamesTheDraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "Other", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlow())
            let renamed = try ws.renameFlow("Order status", to: "Where is my order")
            #expect(renamed.id == "order-status" && renamed.name == "Where is my order")
            #expect(try ws.document("order-status", .draft).document.name == "Where is my order")
            #expect(try ws.document("order-status", .version(1)).document.name == "Order status")
            try StoreFixture.expectRefusal(ws, .flowExists("other")) { _ = try ws.renameFlow("order-status", to: "other") }
            // Changing only the case of its own name is fine.
            #expect(try ws.renameFlow("order-status", to: "WHERE IS MY ORDER").name == "WHERE IS MY ORDER")
        }
    }

    @Test func liveFlowsListEveryLiveVersionForTheRuntime() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Draft only", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status", MakeLiveRequest(variables: ["greeting": "Hey"]))
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let live = try ws.liveFlows()
            #expect(live.map(\.id) == ["order-status"])
            #expect(live[0].version.number == 1)
            #expect(live[0].version.variables == ["greeting": "Hey"])
            #expect(live[0].version.document.nodes.count == 3)   // not the newer draft
        }
    }
}
