import Foundation
import Testing
@testable import FlowKit

@Suite struct StoreDraftTests {
    @Test func saveBumpsTheRevisionAndKeepsNameAndID() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let result = try ws.saveDraft("order-status", document: StoreFixture.smsFlowWithLog(name: "Renamed in file"))
            #expect(result.revision == 2)
            let stored = try ws.document("Order status")
            #expect(stored.ref == .draft && stored.draftRevision == 2)
            #expect(stored.document.name == "Order status")
            #expect(stored.document.nodes.count == 4)
            #expect(try ws.flows().map(\.id) == ["order-status"])
            #expect(try ws.saveDraft("Order status", document: StoreFixture.smsFlow(), expectedRevision: 2).revision == 3)
        }
    }

    @Test func saveKeepsDocumentsWithErrorsAndReportsThem() throws {
        // The findings need the real Validator (validation helper).
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let result = try ws.saveDraft("Order status", document: StoreFixture.brokenFlow())
            #expect(result.revision == 2)
            #expect(!result.report.isValid)
            #expect(result.report.errors.contains { $0.code == .noStart })
            #expect(try ws.document("Order status").document.nodes.allSatisfy { $0.type != "start" })
        }
    }

    @Test func staleRevisionIsAConflictAndNeverOverwrites() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            // Two editors both hold revision 1; the first saves, the second is refused.
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog(), expectedRevision: 1)
            let conflict = WorkspaceError.conflict(flow: "Order status", expected: 1, current: 2)
            #expect(conflict.exitCode == 1)
            try StoreFixture.expectRefusal(ws, conflict) {
                try ws.saveDraft("Order status", document: StoreFixture.brokenFlow(), expectedRevision: 1)
            }
            #expect(try ws.document("Order status").document.nodes.count == 4)
            // A revision from the future is just as stale.
            try StoreFixture.expectRefusal(ws, .conflict(flow: "Order status", expected: 9, current: 2)) {
                try ws.saveDraft("Order status", document: StoreFixture.brokenFlow(), expectedRevision: 9)
            }
        }
    }

    @Test func revisionsNeverRepeatAcrossDrafts() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.saveDraft("Order status", document: StoreFixture.smsFlow())  // rev 2
            try ws.makeLive("Order status")
            // The draft is gone: a save expecting its old revision is a conflict (current 0)…
            try StoreFixture.expectRefusal(ws, .conflict(flow: "Order status", expected: 2, current: 0)) {
                try ws.saveDraft("Order status", document: StoreFixture.smsFlow(), expectedRevision: 2)
            }
            #expect(try ws.document("Order status").draftRevision == 0)
            // …while one expecting "no draft" (0) creates a draft based on the live version.
            let saved = try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog(), expectedRevision: 0)
            #expect(saved.revision == 3)
            #expect(try ws.document("Order status", .draft).basedOn == 1)
        }
    }

    @Test func documentPicksDraftElseLiveVersion() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            #expect(try ws.document("Order status").ref == .draft)
            try StoreFixture.expectRefusal(ws, .noSuchVersion(flow: "Order status", version: 1)) {
                _ = try ws.document("Order status", .version(1))
            }
            try ws.makeLive("Order status")
            #expect(try ws.document("Order status").ref == .version(1))
            try StoreFixture.expectRefusal(ws, .noDraft(flow: "Order status")) {
                _ = try ws.document("Order status", .draft)
            }
        }
    }

    @Test func editFromVersionBranchesADraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")                                        // v1
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            try ws.makeLive("Order status")                                        // v2
            let draft = try ws.editVersion("Order status", version: 1)
            #expect(draft.ref == .draft && draft.basedOn == 1)
            #expect(draft.document == (try ws.document("Order status", .version(1)).document))
            #expect(try ws.flow("Order status").liveVersion == 2)
            #expect(try ws.history("Order status").first?.basedOn == 1)
        }
    }

    @Test func editFromVersionRefusesToDropAnExistingDraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())   // revision 2
            try StoreFixture.expectRefusal(ws, .draftExists(flow: "Order status", revision: 2)) {
                _ = try ws.editVersion("Order status", version: 1)
            }
            try StoreFixture.expectRefusal(ws, .noSuchVersion(flow: "Order status", version: 7)) {
                _ = try ws.editVersion("Order status", version: 7, discardDraft: true)
            }
            let draft = try ws.editVersion("Order status", version: 1, discardDraft: true)
            #expect(draft.draftRevision == 3 && draft.basedOn == 1)
            #expect(draft.document.nodes.count == 3)
        }
    }

    @Test func discardDraftNeedsAVersionToFallBackOn() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try StoreFixture.expectRefusal(ws, .onlyDraft(flow: "Order status")) { try ws.discardDraft("Order status") }
            try ws.makeLive("Order status")
            try StoreFixture.expectRefusal(ws, .noDraft(flow: "Order status")) { try ws.discardDraft("Order status") }
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            try ws.discardDraft("Order status")
            #expect(try !ws.flow("Order status").hasDraft)
        }
    }
}
