import Foundation
import TestSupport
import GRDB
import Testing
@testable import FlowKit

/// Documents, temporary workspaces and row snapshots shared by the Store*Tests suites.
enum StoreFixture {
    /// The shared "Order status" SMS flow (`SampleFlows.orderStatusSMS`).
    static func smsFlow(name: String = "Order status", greeting: String = "Hello") -> FlowDocument {
        SampleFlows.orderStatusSMS(name: name, greeting: greeting)
    }

    /// The SMS flow without its Start node: the validator reports `no-start` (an error).
    static func brokenFlow(name: String = "Order status") -> FlowDocument {
        var doc = smsFlow(name: name)
        doc.nodes.removeAll { $0.type == "start" }
        doc.connections.removeAll { $0.from == "start" }
        return doc
    }

    /// The SMS flow with one more node (a log step) between reply and done.
    static func smsFlowWithLog(name: String = "Order status") -> FlowDocument {
        var doc = smsFlow(name: name)
        doc.settings.logbooks = ["orders"]
        doc.nodes.append(FlowNode(id: "note-it", type: "log", label: "Log", x: 45, y: 2,
                                  config: ["logbook": "orders", "message": "replied to $(start.from)"]))
        doc.connections = [Connection(from: "start", outcome: "next", to: "reply"),
                           Connection(from: "reply", outcome: "sent", to: "note-it"),
                           Connection(from: "note-it", outcome: "next", to: "done")]
        return doc
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("flowcanvas-store-\(UUID().uuidString)", isDirectory: true)
    }

    /// A fresh workspace in a temporary directory, removed afterwards.
    static func withWorkspace<T>(_ body: (Workspace) throws -> T) throws -> T {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "tester", busyTimeout: 0.2)
        return try body(ws)
    }

    /// Every row of the store's tables, every column quoted by SQLite itself (blobs as
    /// hex), so two snapshots are equal only if the stored bytes are.
    static func rows(_ ws: Workspace) throws -> [String] {
        try #require(ws.sqliteDatabase).read { db in
            var out: [String] = []
            for table in ["flows", "drafts", "versions", "apps"] {
                let columns = try db.columns(in: table).map(\.name)
                let select = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
                out += try String.fetchAll(db, sql: "SELECT '\(table): ' || \(select) FROM \(table) ORDER BY 1")
            }
            return out
        }
    }

    /// Expects `body` to throw exactly `expected` and the stored rows not to change.
    static func expectRefusal(_ ws: Workspace, _ expected: WorkspaceError,
                              sourceLocation: SourceLocation = #_sourceLocation,
                              _ body: () throws -> Void) throws {
        let before = try rows(ws)
        #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
        #expect(try rows(ws) == before, "stored rows changed after a refusal", sourceLocation: sourceLocation)
    }
}

@Suite struct StoreTests {
    @Test func openingCreatesTheWorkspaceAndReopeningKeepsIt() throws {
        let dir = StoreFixture.temporaryDirectory().appendingPathComponent("nested/deeper", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent().deletingLastPathComponent()) }
        do {
            let ws = try Workspace(directory: dir, author: "tester")
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
        }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("workspace.sqlite").path))
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("media").path, isDirectory: &isDir))
        #expect(isDir.boolValue)
        let again = try Workspace(directory: dir, author: "tester")
        #expect(try again.flows().map(\.name) == ["Order status"])
        #expect(try #require(again.sqliteDatabase).read { db in try db.tableExists("flows") })
    }

    @Test func createGivesSanitizedUniqueIDsAndRefusesNameClashes() throws {
        try StoreFixture.withWorkspace { ws in
            let a = try ws.createFlow(named: "Order Status!", document: StoreFixture.smsFlow())
            #expect(a.id == "order-status")
            #expect(a.name == "Order Status!")
            #expect(a.status == .draft && a.state == nil && a.liveVersion == nil)
            #expect(a.hasDraft && a.draftRevision == 1)
            let b = try ws.createFlow(named: "order  status", document: StoreFixture.smsFlow())
            #expect(b.id == "order-status-2")
            let c = try ws.createFlow(named: "ÄÖÜ", document: StoreFixture.smsFlow())
            #expect(c.id == "flow")
            try StoreFixture.expectRefusal(ws, .flowExists("ORDER STATUS!")) {
                _ = try ws.createFlow(named: "ORDER STATUS!", document: StoreFixture.smsFlow())
            }
            #expect(WorkspaceError.flowExists("x").exitCode == 1)
            #expect(throws: WorkspaceError.invalidName("a flow name must not be empty")) {
                _ = try ws.createFlow(named: "   ", document: StoreFixture.smsFlow())
            }
            // The stored document carries the flow's name, whatever the document said.
            #expect(try ws.document("order-status").document.name == "Order Status!")
        }
    }

    @Test func flowsResolveByNameCaseInsensitivelyOrByID() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            #expect(try ws.flow("order STATUS").id == "order-status")
            #expect(try ws.flow("order-status").name == "Order status")
            #expect(try ws.flow("  Order status ").id == "order-status")
            // An id wins over another flow's name that reads the same.
            _ = try ws.createFlow(named: "order-status-2", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "Order Status 2", document: StoreFixture.smsFlow())
            #expect(try ws.flow("order-status-2").name == "order-status-2")
            #expect(try ws.flow("ORDER-STATUS-2").name == "order-status-2")
            #expect(try ws.flow("Order Status 2").id == "order-status-2-2")
            let error = WorkspaceError.noSuchFlow("nope")
            #expect(error.message == "no flow named 'nope'")
            #expect(error.exitCode == 2)
            try StoreFixture.expectRefusal(ws, error) { _ = try ws.flow("nope") }
            try StoreFixture.expectRefusal(ws, error) { try ws.saveDraft("nope", document: StoreFixture.smsFlow()) }
            try StoreFixture.expectRefusal(ws, error) { try ws.makeLive("nope") }
            try StoreFixture.expectRefusal(ws, error) { try ws.deleteFlow("nope") }
            try StoreFixture.expectRefusal(ws, error) { _ = try ws.history("nope") }
        }
    }

    @Test func listShowsStatusStateLiveVersionAndDraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Zeta", document: StoreFixture.smsFlow())
            _ = try ws.createFlow(named: "alpha", document: StoreFixture.smsFlow())
            try ws.makeLive("Zeta")
            let list = try ws.flows()
            #expect(list.map(\.name) == ["alpha", "Zeta"])
            #expect(list[0].status == .draft && list[0].hasDraft && list[0].state == nil)
            #expect(list[1].status == .live && !list[1].hasDraft && list[1].state == .running)
            #expect(list[1].liveVersion == 1 && list[1].latestVersion == 1)
        }
    }

    @Test func templatesCreateFlows() throws {
        // Needs the real FlowTemplates (codec helper).
        try StoreFixture.withWorkspace { ws in
            let blank = try ws.createFlow(named: "Empty")
            #expect(blank.kind == .messaging && blank.draftRevision == 1)
            let voice = try ws.createFlow(named: "Phone", voice: true)
            #expect(voice.kind == .voice)
            #expect(try ws.document("Phone").document.kind == .voice)
            let survey = try ws.createFlow(named: "Survey", template: "sms-survey")
            #expect(try ws.document("Survey").document.nodes.count > 1)
            #expect(throws: WorkspaceError.noSuchTemplate("nope")) { _ = try ws.createFlow(named: "X", template: "nope") }
            #expect(survey.name == "Survey")
        }
    }

    @Test func mediaFolderResolvesAgainstTheWorkspace() throws {
        try StoreFixture.withWorkspace { ws in
            var doc = StoreFixture.smsFlow()
            #expect(ws.mediaFolder(for: doc) == ws.mediaDirectory)
            doc.settings.mediaFolder = "prompts/ivr"
            #expect(ws.mediaFolder(for: doc).path == ws.directory.appendingPathComponent("prompts/ivr").path)
            doc.settings.mediaFolder = "/srv/prompts"
            #expect(ws.mediaFolder(for: doc).path == "/srv/prompts")
        }
    }

    @Test func defaultLocationFollowsTheEnvironment() {
        let cwd = "/work/here"
        #expect(WorkspaceLocation.resolve(option: "ws", environment: ["FLOWCANVAS_HOME": "/a"], currentDirectory: cwd).path
                == "/work/here/ws")
        #expect(WorkspaceLocation.resolve(option: nil, environment: ["FLOWCANVAS_HOME": "/a", "XDG_DATA_HOME": "/x"],
                                          currentDirectory: cwd).path == "/a")
        #expect(WorkspaceLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"],
                                          currentDirectory: cwd).path == "/x/flowcanvas")
        #expect(WorkspaceLocation.resolve(option: nil, environment: ["HOME": "/h"], currentDirectory: cwd).path
                == "/h/.local/share/flowcanvas")
        #expect(WorkspaceLocation.resolve(option: "~/w", environment: ["HOME": "/h"], currentDirectory: cwd).path == "/h/w")
    }
}
