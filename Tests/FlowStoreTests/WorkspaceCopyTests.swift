import FlowKit
import FlowStorePostgres
import Foundation
import Testing
import TestSupport

/// `workspace copy`: a SQLite workspace into an empty PostgreSQL database, every row, the
/// counts checked; a database with rows refused untouched; the source only read.
@Suite struct WorkspaceCopyTests {
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("fc-copy-\(UUID().uuidString)", isDirectory: true)
    }

    /// A SQLite workspace with a flow of two versions and a draft, a draft-only flow, an
    /// app, a revoked and an active share, and recorded version changes.
    static func filledSource(_ dir: URL) throws -> Workspace {
        let ws = try Workspace(directory: dir, author: "ann")
        _ = try ws.createFlow(named: "Order status", document: ContractFixture.smsFlow())
        _ = try ws.addApp(name: "twilio-sms", channel: "sms", webhookURL: "https://example.com/hook")
        _ = try ws.makeLive("Order status", MakeLiveRequest(comment: "first", apps: ["sms": "twilio-sms"]))
        _ = try ws.editVersion("Order status", version: 1)
        _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Hi"))
        _ = try ws.makeLive("Order status", MakeLiveRequest(comment: "second", variables: ["greeting": "Hey"]))
        _ = try ws.editVersion("Order status", version: 2)
        _ = try ws.saveDraft("Order status", document: ContractFixture.smsFlow(greeting: "Draft"))
        _ = try ws.pause("Order status")
        _ = try ws.createFlow(named: "Billing", document: ContractFixture.smsFlow(name: "Billing"))
        try ws.enableShare("Order status", token: "tok-old", salt: Data([1, 2]), hash: Data([3, 4]), iterations: 10)
        try ws.enableShare("Order status", token: "tok-new", salt: Data([5]), hash: Data([6]), iterations: 20, port: 8080,
                             publicURL: "https://flows.example.com")
        return ws
    }

    @Test func everyRowArrivesAndTheCountsAreChecked() throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try Self.filledSource(dir)
        let sourceFile = dir.appendingPathComponent(Workspace.databaseFileName)
        let before = try Data(contentsOf: sourceFile)

        try TestPostgres.withDatabase { url in
            let report = try WorkspaceCopy.copy(sourceDirectory: dir, to: url, environment: ["HOME": dir.path])
            #expect(report.counts == StoreRowCounts(flows: 2, drafts: 2, versions: 2, versionChanges: 2, apps: 1, shares: 2))
            #expect(!report.target.contains("flowcanvas-test"))

            let copy = try WorkspaceOpening.open(option: url, environment: ["FLOWCANVAS_HOME": dir.path + "-pg", "HOME": dir.path])
            defer { try? FileManager.default.removeItem(atPath: dir.path + "-pg") }
            #expect(try copy.flows() == source.flows())
            #expect(try copy.history("Order status") == source.history("Order status"))
            #expect(try copy.document("Order status", .draft).document == source.document("Order status", .draft).document)
            #expect(try copy.version("Order status", 1) == source.version("Order status", 1))
            #expect(try copy.apps() == source.apps())
            #expect(try copy.shareStatus("Order status") == source.shareStatus("Order status"))
            #expect(try copy.share(token: "tok-old") == nil && copy.share(token: "tok-new") != nil)
            #expect(try copy.blame("Order status", at: .version(2)) == source.blame("Order status", at: .version(2)))
            // The copy is a workspace like any other: the revision rules carry on from where they were.
            #expect(throws: WorkspaceError.self) {
                try copy.saveDraft("Order status", document: ContractFixture.smsFlow(), expectedRevision: 1)
            }
        }
        #expect(try Data(contentsOf: sourceFile) == before, "the source is only read")
    }

    @Test func aDatabaseWithRowsIsRefusedAndLeftAsItWas() throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.filledSource(dir)
        try TestPostgres.withDatabase { url in
            let name = String(url.split(separator: "/").last!)
            // Someone else's table with a row: refused before anything of ours is created.
            try TestPostgres.administer("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('keep me')", database: name)
            do {
                _ = try WorkspaceCopy.copy(sourceDirectory: dir, to: url, environment: ["HOME": dir.path])
                Issue.record("copied into a database with rows")
            } catch let error as WorkspaceError {
                #expect(error.exitCode == 1 && !error.message.contains("\n") && error.message.contains("not empty (rows in notes)"),
                        "\(error.message)")
                #expect(!error.message.contains("flowcanvas-test"))
            }
            #expect(try TestPostgres.administer("SELECT count(*) FROM pg_tables WHERE tablename = 'flowcanvas_migrations'",
                                                database: name).hasPrefix("0"))

            // A copy done once: a second copy into it is refused and changes nothing.
            try TestPostgres.administer("DROP TABLE notes", database: name)
            _ = try WorkspaceCopy.copy(sourceDirectory: dir, to: url, environment: ["HOME": dir.path])
            #expect(throws: WorkspaceError.self) {
                try WorkspaceCopy.copy(sourceDirectory: dir, to: url, environment: ["HOME": dir.path])
            }
            #expect(try TestPostgres.administer("SELECT count(*) FROM flows", database: name).hasPrefix("2"))
        }
    }

    @Test func aFolderWithoutAWorkspaceIsRefusedInOneLine() throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: WorkspaceError.invalidArgument("no workspace at \(dir.standardizedFileURL.path) (it has no workspace.sqlite)")) {
            try WorkspaceCopy.copy(sourceDirectory: dir, to: "postgres://nobody@127.0.0.1:1/x")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path), "nothing is created where the source was looked for")
    }
}
