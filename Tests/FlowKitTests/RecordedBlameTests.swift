import Foundation
import GRDB
import Testing
@testable import FlowKit

/// Blame from the changes Make Live records (`version_changes`), against blame from every
/// document, and the back-fill for versions made before changes were recorded (issue 17).
@Suite struct RecordedBlameTests {
    typealias H = HistoryReviewTests

    /// Blame by walking the documents: the reference the recorded path must match.
    static func blameFromDocuments(_ ws: Workspace, at ref: DocumentRef?) throws -> FlowBlame {
        FlowBlame.compute(try ws.historySteps("Order status", through: ref))
    }

    static func pool(_ ws: Workspace) throws -> DatabasePool {
        try #require(ws.backend as? SQLiteWorkspaceBackend).pool
    }

    @Test func makeLiveRecordsEachVersionsOwnChange() throws {
        try H.withHistory { ws in
            let rows = try Self.pool(ws).read { db in
                try Row.fetchAll(db, sql: "SELECT number, changes FROM version_changes ORDER BY number")
            }
            #expect(rows.map { $0["number"] as Int } == [1, 2, 3, 4, 5])
            let sets = try rows.map { try VersionChangeSet.decode($0["changes"]) }
            #expect(sets[0].nodes.map(\.id) == ["done", "reply", "start"] && sets[0].nodes.allSatisfy { $0.kind == .added })
            #expect(sets[1].nodes.map { "\($0.id) \($0.kind)" } == ["note-it added", "reply changed"])
            #expect(sets[1].nodes[1].fields == ["config.message"] && sets[1].settings == ["settings.logbooks"])
            #expect(sets[2].nodes == [.init(id: "done", kind: .moved, label: "Resolved", type: "end", fields: ["position"])])
            #expect(sets[3].nodes == [.init(id: "note-it", kind: .removed, label: "Log", type: "log")])
            #expect(sets[4].nodes.map { "\($0.id) \($0.kind)" } == ["note-it added"])
        }
    }

    @Test func recordedBlameEqualsBlameFromTheDocuments() throws {
        try H.withHistory { ws in
            var draft = try ws.version("Order status", 5).document
            draft.nodes[try #require(draft.nodeIndex(withID: "reply"))].label = "Answer"
            draft.nodes.removeAll { $0.id == "note-it" }
            draft.connections.removeAll { $0.from == "note-it" || $0.to == "note-it" }
            try ws.saveDraft("Order status", document: draft)
            for ref: DocumentRef? in [nil, .version(1), .version(2), .version(3), .version(4), .version(5), .draft] {
                #expect(try ws.blame("Order status", at: ref) == Self.blameFromDocuments(ws, at: ref), "at \(String(describing: ref))")
            }
            let atDraft = try ws.blame("Order status", at: .draft)
            #expect(atDraft.deleted.map(\.id) == ["note-it"] && atDraft.deleted[0].removedIn.version == nil)
            #expect(atDraft.line(for: "reply")?.origin.status == .draft)
        }
    }

    /// Versions made before the table existed (rows deleted here) are diffed once by the
    /// first blame, which stores their changes; a damaged row is diffed again, not trusted.
    @Test func blameBackFillsVersionsWithoutRecordedChanges() throws {
        try H.withHistory { ws in
            let expected = try Self.blameFromDocuments(ws, at: nil)
            try Self.pool(ws).write { db in
                try db.execute(sql: "DELETE FROM version_changes WHERE number IN (2, 4)")
                try db.execute(sql: "UPDATE version_changes SET changes = ? WHERE number = 3", arguments: [Data("garbage".utf8)])
            }
            #expect(try ws.blame("Order status") == expected)
            let numbers = try Self.pool(ws).read { db in try Int.fetchAll(db, sql: "SELECT number FROM version_changes ORDER BY number") }
            #expect(numbers == [1, 2, 3, 4, 5])
            #expect(try ws.blame("Order status") == expected)
        }
    }

    @Test func aReadOnlyWorkspaceStillGetsItsBlame() throws {
        let dir = StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try H.fiveVersions(dir)
        do {
            let ws = try Workspace(directory: dir, author: "reader", busyTimeout: 0.2)
            try Self.pool(ws).write { db in try db.execute(sql: "DELETE FROM version_changes") }
        }
        let file = dir.appendingPathComponent("workspace.sqlite")
        try #require(ReadOnlyFile.set(file, readOnly: true))
        do {
            defer { _ = ReadOnlyFile.set(file, readOnly: false) }
            let ws = try Workspace(directory: dir, author: "reader", busyTimeout: 0.2)
            let blame = try ws.blame("Order status")
            #expect(blame.line(for: "done")?.change == .moved && blame.line(for: "done")?.origin.version == 3)
            #expect(blame.line(for: "reply")?.origin.author == "bob")
        }
        // Nothing was written: the next writable blame back-fills.
        let ws = try Workspace(directory: dir, author: "reader", busyTimeout: 0.2)
        #expect(try Self.pool(ws).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM version_changes") } == 0)
    }

    @Test func theStoredFormRoundTripsAwkwardText() throws {
        let set = VersionChangeSet(nodes: [
            .init(id: "a\tb", kind: .added, label: "line\nbreak \\ back\\slash\r", type: "send"),
            .init(id: "c", kind: .changed, label: "", type: "log", fields: ["config.we\tird", "label"]),
            .init(id: "d", kind: .moved, label: "Ünïcødé ✓", type: "end", fields: ["position"]),
            .init(id: "e", kind: .removed, label: "gone", type: "log"),
        ], settings: ["name", "settings.outcomes"])
        #expect(try VersionChangeSet.decode(set.encoded()) == set)
        #expect(try VersionChangeSet.decode(VersionChangeSet().encoded()) == VersionChangeSet())
        for bad in ["", "not a change set\n", "flowcanvas-changes/1\nX\tid\ttype\tlabel\n", "flowcanvas-changes/1\nA\tonly\n"] {
            #expect(throws: VersionChangeSet.Unreadable.self) { try VersionChangeSet.decode(Data(bad.utf8)) }
        }
    }
}
