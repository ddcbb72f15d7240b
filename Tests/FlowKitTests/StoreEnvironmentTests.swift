import Foundation
import GRDB
import Testing
@testable import FlowKit

/// Refusals that come from the environment: another process holding the write lock, a
/// read-only database file. Each gives a one-line error with exit code 2 and leaves the
/// stored flows as they were.
@Suite(.serialized) struct StoreEnvironmentTests {
    @Test func aHeldWriteLockGivesALockedErrorAndChangesNothing() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let before = try StoreFixture.rows(ws)
            // A second connection, as another process would, takes the write lock and holds it.
            let other = try DatabaseQueue(path: ws.databaseURL.path)
            try other.inTransaction(.immediate) { db in
                try db.execute(sql: "UPDATE apps SET channel = channel")
                let expected = WorkspaceError.databaseLocked(path: ws.databaseURL.path)
                #expect(throws: expected) {
                    try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
                }
                #expect(throws: expected) { try ws.makeLive("Order status") }
                #expect(expected.exitCode == 2)
                #expect(expected.message.contains("locked"))
                // Readers are not blocked (WAL).
                #expect(try ws.flows().count == 1)
                return .rollback
            }
            #expect(try StoreFixture.rows(ws) == before)
            // Once the lock is gone, writing works again.
            #expect(try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog()).revision == 2)
        }
    }

    @Test func aWorkspaceOpenedWhileLockedCanBeReadButNotWritten() throws {
        let dir = StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(Workspace.databaseFileName).path
        do {
            let ws = try Workspace(directory: dir, author: "tester")
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
        }
        // Every connection is closed, so the WAL file is gone and opening must write to
        // set it up again; another process holds the write lock meanwhile.
        let other = try DatabaseQueue(path: path)
        try other.inTransaction(.immediate) { _ in
            let ws = try Workspace(directory: dir, author: "tester", busyTimeout: 0.1)
            #expect(try ws.flows().map(\.id) == ["order-status"])
            #expect(throws: WorkspaceError.databaseLocked(path: path)) {
                try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            }
            return .rollback
        }
    }

    @Test func aReadOnlyDatabaseFileGivesAClearErrorAndChangesNothing() throws {
        let dir = StoreFixture.temporaryDirectory()
        defer {
            _ = ReadOnlyFile.set(dir.appendingPathComponent(Workspace.databaseFileName), readOnly: false)
            try? FileManager.default.removeItem(at: dir)
        }
        let file = dir.appendingPathComponent(Workspace.databaseFileName)
        let before: [String]
        do {
            let ws = try Workspace(directory: dir, author: "tester")
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            before = try StoreFixture.rows(ws)
        }
        try #require(ReadOnlyFile.set(file, readOnly: true), "could not make the database file read-only")
        let expected = WorkspaceError.readOnlyDatabase(path: file.path)
        #expect(expected.exitCode == 2)
        do {
            // A read-only workspace can still be read; every write is refused with the reason.
            let ws = try Workspace(directory: dir, author: "tester", busyTimeout: 0.2)
            #expect(try ws.flows().map(\.name) == ["Order status"])
            #expect(try ws.document("Order status").ref == .version(1))
            #expect(throws: expected) { try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog()) }
            #expect(throws: expected) { _ = try ws.createFlow(named: "New", document: StoreFixture.smsFlow()) }
            #expect(throws: expected) { _ = try ws.pause("Order status") }
            #expect(throws: expected) { try ws.addApp(name: "a", channel: "sms", webhookURL: "http://x.example") }
        }
        try #require(ReadOnlyFile.set(file, readOnly: false))
        let ws = try Workspace(directory: dir, author: "tester")
        #expect(try StoreFixture.rows(ws) == before)
    }

    @Test func aFileInPlaceOfTheWorkspaceIsAUsageError() throws {
        let file = StoreFixture.temporaryDirectory()
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: WorkspaceError.invalidArgument("\(file.path) is not a directory")) {
            _ = try Workspace(directory: file)
        }
    }

    @Test func aDatabaseThatIsNotSQLiteIsReportedNotCrashed() throws {
        let dir = StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(Workspace.databaseFileName)
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: file)
        let error = try #require(throws: WorkspaceError.self) { _ = try Workspace(directory: dir) }
        #expect(error.exitCode == 2)
        #expect(error.message.contains("not a FlowCanvas workspace database"))
    }
}

/// Makes a file read-only for this process: `chmod` for ordinary users; root ignores
/// permission bits, so as root the immutable attribute (`chattr +i`).
enum ReadOnlyFile {
    static func set(_ url: URL, readOnly: Bool) -> Bool {
        if getuid() != 0 {
            let mode: Int16 = readOnly ? 0o444 : 0o644
            return (try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)) != nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        p.arguments = [readOnly ? "+i" : "-i", url.path]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
