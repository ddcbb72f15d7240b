import FlowKit
import Foundation
import Testing

/// The store's rules, the same on every backend: each test runs on SQLite and on a real
/// PostgreSQL (TestPostgres), through `Workspace`'s public API only.
@Suite struct StoreContractTests {
    @Test(arguments: StoreBackendKind.allCases)
    func flowsAreCreatedListedRenamedCopiedAndDeleted(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            let created = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            #expect(created.id == "order-status" && created.draftRevision == 1 && created.status == .draft)
            // Names clash case-insensitively; ids get a suffix when the stem is taken.
            #expect(throws: WorkspaceError.flowExists("ORDER STATUS")) {
                try ws.createFlow(named: "ORDER STATUS", document: ContractFixture.smsFlow())
            }
            _ = try ws.createFlow(named: "order_status", document: ContractFixture.smsFlow())
            _ = try ws.createFlow(named: "billing", document: ContractFixture.smsFlow())
            #expect(try ws.flows().map(\.name) == ["billing", "Order status", "order_status"])
            #expect(try ws.flows().map(\.id) == ["billing", "order-status", "order-status-2"])
            #expect(try ws.flow("ORDER status").id == "order-status")

            let renamed = try ws.renameFlow("billing", to: "Invoices")
            #expect(renamed.id == "billing" && renamed.name == "Invoices")
            #expect(try ws.document("Invoices").document.name == "Invoices")
            #expect(throws: WorkspaceError.flowExists("invoices")) { try ws.renameFlow("order-status", to: "invoices") }

            let copy = try ws.copyFlow("Invoices", to: "Invoices copy")
            #expect(copy.draftRevision == 1)
            #expect(try ws.document("Invoices copy").document.nodes == ContractFixture.smsFlow().nodes)

            _ = try ws.makeLive("Invoices")
            try ws.deleteFlow("Invoices")
            #expect(throws: WorkspaceError.noSuchFlow("Invoices")) { try ws.flow("Invoices") }
            #expect(try ws.flows().map(\.name) == ["Invoices copy", "Order status", "order_status"])
            // The id is free again, and nothing of the old flow (versions) comes back.
            let again = try ws.createFlow(named: "billing", document: ContractFixture.smsFlow())
            #expect(again.id == "billing" && again.latestVersion == nil)
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func draftsKeepRevisionsAndRefuseStaleSaves(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let saved = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Hi"),
                                         expectedRevision: 1)
            #expect(saved.revision == 2 && saved.report.isValid)
            #expect(throws: WorkspaceError.conflict(flow: "Order status", expected: 1, current: 2)) {
                try ws.saveDraft("Order status", document: ContractFixture.smsFlow(), expectedRevision: 1)
            }
            let stored = try ws.document("order-status", .draft)
            #expect(stored.draftRevision == 2)
            #expect(stored.document.settings.variables.first?.default == "Hi")

            // Errors do not block saving; they come back in the report.
            #expect(try ws.saveDraft("Order status", document: ContractFixture.brokenFlow()).report.isValid == false)
            _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow())
            let version = try ws.makeLive("Order status", MakeLiveRequest(comment: "first"))
            #expect(version.number == 1)
            // The draft is gone: a save expecting its revision is a conflict with current 0.
            #expect(throws: WorkspaceError.conflict(flow: "Order status", expected: 4, current: 0)) {
                try ws.saveDraft("Order status", document: ContractFixture.smsFlow(), expectedRevision: 4)
            }
            #expect(throws: WorkspaceError.noDraft(flow: "Order status")) { try ws.document("Order status", .draft) }
            #expect(try ws.document("Order status").ref == .version(1))

            // A new draft from version 1 takes the next revision (never reused).
            let branched = try ws.editVersion("Order status", version: 1)
            #expect(branched.draftRevision == 5 && branched.basedOn == 1)
            #expect(throws: WorkspaceError.draftExists(flow: "Order status", revision: 5)) {
                try ws.editVersion("Order status", version: 1)
            }
            #expect(try ws.editVersion("Order status", version: 1, discardDraft: true).draftRevision == 6)
            try ws.discardDraft("Order status")
            #expect(try ws.flow("Order status").hasDraft == false)

            _ = try ws.createFlow(named: "Fresh", document: ContractFixture.smsFlow())
            #expect(throws: WorkspaceError.onlyDraft(flow: "Fresh")) { try ws.discardDraft("Fresh") }
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func makeLivePauseResumeAndHistory(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.brokenFlow())
            #expect(throws: WorkspaceError.notLive(flow: "Order status")) { try ws.pause("Order status") }
            do {
                _ = try ws.makeLive("Order status")
                Issue.record("an invalid draft went live")
            } catch WorkspaceError.validationFailed(let flow, let report) {
                #expect(flow == "Order status" && !report.isValid)
            }
            #expect(try ws.flow("Order status").latestVersion == nil)
            #expect(try ws.history("Order status").map(\.status) == [.draft])

            _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow())
            let v1 = try ws.makeLive("Order status", MakeLiveRequest(comment: "first", variables: ["greeting": "Hey"]))
            #expect(v1.number == 1 && v1.comment == "first" && v1.author == "tester")
            #expect(v1.apps == ["sms": "outbox"] && v1.variables == ["greeting": "Hey"])
            #expect(try ws.version("Order status", 1) == v1)

            _ = try ws.editVersion("Order status", version: 1)
            _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Yo"))
            let v2 = try ws.makeLive("Order status", MakeLiveRequest(comment: "second"))
            #expect(v2.number == 2 && v2.basedOn == 1 && v2.variables == ["greeting": "Yo"])

            var summary = try ws.flow("Order status")
            #expect(summary.state == .running && summary.liveVersion == 2 && summary.latestVersion == 2)
            summary = try ws.pause("Order status")
            #expect(summary.state == .paused)
            #expect(try ws.liveFlowPointers().map(\.state) == [.paused])
            #expect(try ws.resume("Order status").state == .running)

            _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Later"))
            let history = try ws.history("Order status")
            #expect(history.map(\.version) == [nil, 2, 1])
            #expect(history.map(\.status) == [.draft, .live, .previous])
            #expect(history.map(\.comment) == ["", "second", "first"])
            #expect(history[1].createdAt == v2.createdAt)

            let live = try ws.liveFlows()
            #expect(live.map(\.version.number) == [2] && live.first?.state == .running)
            let pointer = try #require(try ws.liveFlowPointers().first)
            #expect(pointer.liveVersion == 2 && pointer.versionCreatedAt == v2.createdAt)
            let pinned = try #require(try ws.pinnedVersion(flowID: "order-status", number: 1))
            #expect(pinned.version == v1 && pinned.state == .running)
            #expect(try ws.pinnedVersion(flowID: "order-status", number: 9) == nil)

            let diff = try ws.diff("Order status", from: .version(1), to: .draft)
            #expect(!diff.isEmpty)
            #expect(throws: WorkspaceError.noSuchVersion(flow: "Order status", version: 7)) {
                try ws.version("Order status", 7)
            }
        }
    }

    /// The runtime's per-request stamp of a pinned version reads that one version's header
    /// (the transaction's `versionHeader`), whichever version of how many it is.
    @Test(arguments: StoreBackendKind.allCases)
    func oneVersionsHeaderAndStamp(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, open in
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            var made: [FlowVersion] = []
            for i in 1...4 {
                _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Hello \(i)"))
                made.append(try ws.makeLive("Order status", MakeLiveRequest(comment: "v\(i)")))
            }
            let id = "order-status"
            for v in made {
                let header = try #require(try ws.backend.read { try $0.versionHeader(flowID: id, number: v.number) })
                #expect(header.number == v.number && header.comment == v.comment && header.author == "tester")
                #expect(header.createdAt == v.createdAt && header.basedOn == v.basedOn)
                let all = try ws.backend.read { try $0.versionHeaders(flowID: id) }
                #expect(all.first { $0.number == v.number }.map { ($0.createdAt, $0.comment) } ?? (.distantPast, "")
                        == (header.createdAt, header.comment), "the same row versionHeaders lists")
                let stamp = try #require(try ws.versionStamp(flowID: id, number: v.number))
                #expect(stamp.createdAt == v.createdAt && stamp.state == .running)
            }
            #expect(try ws.backend.read { try $0.versionHeader(flowID: id, number: 5) } == nil)
            #expect(try ws.backend.read { try $0.versionHeader(flowID: "no-such-flow", number: 1) } == nil)
            #expect(try ws.versionStamp(flowID: id, number: 5) == nil)
            #expect(try ws.versionStamp(flowID: "Order status", number: 1) == nil, "an id, not a name")

            // Paused, as another process sees it; then deleted and made again under the same
            // id: version 1 is another version, with another stamp.
            _ = try ws.pause("Order status")
            #expect(try open().versionStamp(flowID: id, number: 2)?.state == .paused)
            try ws.deleteFlow("Order status")
            #expect(try ws.versionStamp(flowID: id, number: 1) == nil)
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let again = try ws.makeLive("Order status")
            let stamp = try #require(try open().versionStamp(flowID: id, number: 1))
            #expect(stamp.createdAt == again.createdAt && stamp.createdAt != made[0].createdAt)
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func appsBindToLiveVersions(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            try ws.addApp(name: "twilio-sms", channel: "sms", webhookURL: "https://example.com/hook")
            try ws.addApp(name: "wa", channel: "whatsapp", webhookURL: "http://localhost:9/x")
            #expect(throws: WorkspaceError.appExists("twilio-sms")) {
                try ws.addApp(name: "twilio-sms", channel: "sms", webhookURL: "https://example.com/other")
            }
            #expect(try ws.apps().map(\.name) == ["outbox", "twilio-sms", "wa"])
            #expect(try ws.app(named: "Twilio-SMS").webhookURL == "https://example.com/hook")

            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            #expect(throws: WorkspaceError.appChannelMismatch(app: "wa", appChannel: "whatsapp", channel: "sms")) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "wa"]))
            }
            let v = try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "TWILIO-sms"]))
            #expect(v.apps == ["sms": "twilio-sms"])
            #expect(throws: WorkspaceError.appInUse(app: "twilio-sms", flow: "Order status")) {
                try ws.removeApp(named: "twilio-sms")
            }
            try ws.removeApp(named: "WA")
            #expect(throws: WorkspaceError.unknownApp("wa")) { try ws.app(named: "wa") }
            #expect(throws: WorkspaceError.builtInApp("outbox")) { try ws.removeApp(named: "outbox") }
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func anAppsSigningSecretIsStoredOnlyByACompletedMakeLive(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            try ws.addApp(name: "signed", channel: "sms", webhookURL: "https://example.com/a", signingSecret: " k1 ")
            try ws.addApp(name: "plain", channel: "sms", webhookURL: "https://example.com/b", signingSecret: "")
            #expect(try ws.app(named: "signed").signingSecret == "k1")
            #expect(try ws.app(named: "plain").signingSecret == nil)
            #expect(throws: WorkspaceError.invalidArgument("a signing secret must be one line")) {
                try ws.addApp(name: "bad", channel: "sms", webhookURL: "https://example.com/c", signingSecret: "a\nb")
            }
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let newApp = WorkspaceApp(name: "wizard-app", channel: "sms", webhookURL: "https://example.com/w",
                                      signingSecret: "wk")
            // A refused Make Live (stale revision) stores no app and no secret.
            #expect(throws: WorkspaceError.self) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "wizard-app"], newApps: [newApp],
                                                               expectedRevision: 99))
            }
            #expect(throws: WorkspaceError.unknownApp("wizard-app")) { try ws.app(named: "wizard-app") }
            try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "wizard-app"], newApps: [newApp]))
            #expect(try ws.app(named: "wizard-app").signingSecret == "wk")
            #expect(try ws.apps().map(\.hasSigningSecret) == [false, false, true, true])
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func shareLinksAreRevokedAndNeverReused(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let salt = Data([1, 2, 3]), hash = Data(repeating: 0xAB, count: 32)
            let first = try ws.enableShare("order-status", token: "tok-1", salt: salt, hash: hash, iterations: 1000)
            #expect(first.isActive && first.salt == salt && first.hash == hash)
            #expect(try ws.shareStatus("Order status") == first)
            #expect(try ws.share(token: "tok-1")?.stored.document.name == "Order status")

            let second = try ws.enableShare("order-status", token: "tok-2", salt: salt, hash: hash, iterations: 1000)
            #expect(try ws.share(token: "tok-1") == nil)
            #expect(try ws.shareStatus("Order status") == second)
            #expect(throws: WorkspaceError.invalidArgument("the share token is already in use; make a new one")) {
                try ws.enableShare("order-status", token: "tok-1", salt: salt, hash: hash, iterations: 1000)
            }
            // The address a link was printed under is kept with it (share --status prints it again).
            let third = try ws.enableShare("order-status", token: "tok-3", salt: salt, hash: hash, iterations: 1000,
                                           port: 8443, publicURL: "https://flows.example.com")
            #expect(third.publicURL == "https://flows.example.com" && third.port == 8443)
            #expect(try ws.shareStatus("Order status")?.publicURL == "https://flows.example.com")
            #expect(second.publicURL == nil)
            let revoked = try #require(try ws.disableShare("Order status"))
            #expect(revoked.token == "tok-3" && !revoked.isActive && revoked.publicURL == "https://flows.example.com")
            #expect(try ws.disableShare("Order status") == nil)
            #expect(try ws.share(token: "tok-2") == nil)
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func importAndExportRoundTrip(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            let json = FlowCodec.exportJSON(ContractFixture.smsFlow(name: "Imported"))
            let flow = try ws.importFlow(Data(json.utf8))
            #expect(flow.name == "Imported")
            #expect(try ws.export("Imported") == json)
            #expect(throws: WorkspaceError.flowExists("Imported")) { try ws.importFlow(Data(json.utf8)) }
        }
    }

    @Test(arguments: StoreBackendKind.allCases)
    func aFiveThousandNodeDraftRoundTrips(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, _ in
            let big = ContractFixture.bigFlow(nodes: 5000)
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            #expect(try ws.saveDraft("Order status", document: big, expectedRevision: 1).revision == 2)
            let stored = try ws.document("Order status").document
            #expect(stored.nodes.count == 5000)
            #expect(stored.nodes == big.nodes && stored.connections == big.connections)
        }
    }

    /// Two workspaces on one database, as two editors on two machines: the second sees the
    /// first's saves, and a save based on a revision the other replaced is a conflict.
    @Test(arguments: StoreBackendKind.allCases)
    func twoWorkspacesOnOneDatabaseFollowTheSameRevisions(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { first, open in
            let second = try open()
            _ = try first.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            #expect(try second.flow("Order status").draftRevision == 1)
            _ = try second.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "B"), expectedRevision: 1)
            #expect(throws: WorkspaceError.conflict(flow: "Order status", expected: 1, current: 2)) {
                try first.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "A"), expectedRevision: 1)
            }
            #expect(try first.document("Order status").document.settings.variables.first?.default == "B")
        }
    }

    /// Eight writers at once, each from its own workspace, each expecting revision 1:
    /// exactly one saves; every other gets a conflict (or, past the wait, "locked").
    @Test(arguments: StoreBackendKind.allCases)
    func concurrentSavesOfOneRevisionLetExactlyOneThrough(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, open in
            _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
            let writers = try (0..<8).map { _ in try open() }
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: writers.count) { i in
                do {
                    _ = try writers[i].saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "w\(i)"),
                                                 expectedRevision: 1)
                    outcomes.add("saved")
                } catch let error as WorkspaceError {
                    switch error {
                    case .conflict(_, 1, 2): outcomes.add("conflict")
                    case .databaseLocked: outcomes.add("locked")
                    default: outcomes.add("\(error)")
                    }
                } catch {
                    outcomes.add("\(error)")
                }
            }
            let all = outcomes.all
            #expect(all.filter { $0 == "saved" }.count == 1, "\(all)")
            #expect(all.allSatisfy { ["saved", "conflict", "locked"].contains($0) }, "\(all)")
            #expect(try ws.flow("Order status").draftRevision == 2)
        }
    }
}

final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}
