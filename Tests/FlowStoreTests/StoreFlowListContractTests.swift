import FlowKit
import Foundation
import Testing

/// The flow list's one query: who saved each draft and newest version last and when,
/// read with the flow rows (no document, no query per flow), the same on every backend.
@Suite struct StoreFlowListContractTests {
    @Test(arguments: StoreBackendKind.allCases)
    func theFlowListRowsCarryTheLastSaversWithoutReadingDocuments(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            let bob = try Workspace(backend: ws.backend, directory: ws.directory, author: "bob")
            // Live and edited since: the draft (bob) is the last edit, v2 (tester) the newest version.
            _ = try ws.createFlow(named: "Both", document: ContractFixture.smsFlow(name: "Both"))
            _ = try ws.makeLive("Both", MakeLiveRequest(comment: "v1"))
            _ = try ws.saveDraft("Both", document: ContractFixture.smsFlow(name: "Both", greeting: "Hi"))
            _ = try ws.makeLive("Both", MakeLiveRequest(comment: "v2"))
            _ = try bob.saveDraft("Both", document: ContractFixture.smsFlow(name: "Both", greeting: "Hey"))
            // Live only (Make Live removed the draft): the newest version, by bob.
            _ = try ws.createFlow(named: "Live only", document: ContractFixture.smsFlow(name: "Live only"))
            _ = try bob.makeLive("Live only", MakeLiveRequest(comment: "go"))
            // A draft only.
            _ = try ws.createFlow(named: "Draft only", document: ContractFixture.smsFlow(name: "Draft only"))

            let rows = try ws.backend.read { try $0.flowList() }
            #expect(rows.map(\.flow.name) == ["Both", "Draft only", "Live only"])
            let both = rows[0], draftOnly = rows[1], liveOnly = rows[2]
            let bothSummary = try ws.flow("Both")
            #expect(both.draftRevision == bothSummary.draftRevision && both.draftUpdatedBy == "bob")
            #expect(both.draftUpdatedAt == bothSummary.draftUpdatedAt)
            #expect(both.latestVersion == 2 && both.latestVersionAuthor == "tester")
            #expect(both.latestVersionCreatedAt == (try ws.preview("Both").versions.first?.createdAt))
            #expect(draftOnly.draftUpdatedBy == "tester" && draftOnly.latestVersion == nil)
            #expect(draftOnly.latestVersionAuthor == nil && draftOnly.latestVersionCreatedAt == nil)
            #expect(liveOnly.draftRevision == nil && liveOnly.draftUpdatedBy == nil && liveOnly.draftUpdatedAt == nil)
            #expect(liveOnly.latestVersion == 1 && liveOnly.latestVersionAuthor == "bob")
            #expect(liveOnly.latestVersionCreatedAt == (try ws.preview("Live only").versions.first?.createdAt))

            // The list's columns: the draft's saver, else the newest version's author.
            let entries = try ws.flowListEntries()
            #expect(entries.map(\.lastEditedBy) == ["bob", "tester", "bob"])
            #expect(entries[0].lastEditedAt == bothSummary.draftUpdatedAt)
            #expect(entries[2].lastEditedAt == liveOnly.latestVersionCreatedAt)
            #expect(entries.map(\.summary.name) == (try ws.flows().map(\.name)))
        }
    }
}
