import FlowKit
import Foundation
import GRDB
import Testing
@testable import FlowRuntime

/// The runtime's tables come through the store's migration hook (`WorkspaceSchema`).
@Suite struct RuntimeSchemaTests {
    static func hasSessionTable(_ ws: Workspace) throws -> Bool {
        try DatabaseQueue(path: ws.databaseURL.path).read { db in try db.tableExists("runtime_session") }
    }

    @Test func theRuntimeTablesAreCreatedWhenTheRuntimeFirstAsksAndKeptOnReopen() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runtime-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "test")
        #expect(try !Self.hasSessionTable(ws))
        var s = Session(id: "s1", flowId: "f", version: 1, state: .running, currentNode: "start",
                        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        let store = try DatabaseSessionStore(workspace: ws)
        try store.save(&s)
        try await store.durable()
        store.close()
        #expect(try Self.hasSessionTable(ws))

        // A second open finds the store's and the runtime's migrations applied and the row kept.
        let again = try Workspace(directory: dir, author: "test")
        #expect(try DatabaseSessionStore(workspace: again).session(id: "s1")?.flowId == "f")
        #expect(try again.flows().isEmpty)
    }
}
