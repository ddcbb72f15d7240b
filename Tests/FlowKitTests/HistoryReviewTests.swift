import Foundation
import Testing
import TestSupport
@testable import FlowKit

/// Blame, log and the unified diff over a real SQLite workspace (issue 17).
@Suite struct HistoryReviewTests {
    /// Five versions by two authors:
    /// v1 (alice) creates start → reply → done; v2 (bob) adds log `note-it` and edits the
    /// reply's message; v3 (alice) only moves `done`; v4 (bob) deletes `note-it`;
    /// v5 (alice) adds `note-it` back and changes the settings' logbooks.
    static func fiveVersions(_ dir: URL) throws {
        let alice = try Workspace(directory: dir, author: "alice", busyTimeout: 0.2)
        let bob = try Workspace(directory: dir, author: "bob", busyTimeout: 0.2)
        _ = try alice.createFlow(named: "Order status", document: StoreFixture.smsFlow())
        try alice.makeLive("Order status", MakeLiveRequest(comment: "first"))

        var v2 = StoreFixture.smsFlowWithLog()
        v2.nodes[1].config["message"] = "Hi there"
        try bob.saveDraft("Order status", document: v2)
        try bob.makeLive("Order status", MakeLiveRequest(comment: "log replies"))

        var v3 = v2
        let done = try #require(v3.nodeIndex(withID: "done"))
        v3.nodes[done].x = 80
        try alice.saveDraft("Order status", document: v3)
        try alice.makeLive("Order status", MakeLiveRequest(comment: "tidy layout"))

        var v4 = v3
        v4.nodes.removeAll { $0.id == "note-it" }
        v4.connections = [Connection(from: "start", outcome: "next", to: "reply"),
                          Connection(from: "reply", outcome: "sent", to: "done")]
        try bob.saveDraft("Order status", document: v4)
        try bob.makeLive("Order status", MakeLiveRequest(comment: "no logging"))

        var v5 = v2
        v5.nodes[try #require(v5.nodeIndex(withID: "done"))].x = 80
        v5.settings.logbooks = ["orders", "audit"]
        try alice.saveDraft("Order status", document: v5)
        try alice.makeLive("Order status", MakeLiveRequest(comment: "logging is back"))
    }

    static func withHistory<T>(_ body: (Workspace) throws -> T) throws -> T {
        let dir = StoreFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try fiveVersions(dir)
        return try body(try Workspace(directory: dir, author: "reader", busyTimeout: 0.2))
    }

    @Test func blameNamesTheLastAddChangeOrMoveOfEachNode() throws {
        try Self.withHistory { ws in
            let blame = try ws.blame("Order status")
            #expect(blame.at.version == 5)
            #expect(blame.nodes.map(\.id) == ["done", "note-it", "reply", "start"])
            let done = try #require(blame.line(for: "done"))
            #expect(done.change == .moved && done.fields == ["position"])
            #expect(done.origin.version == 3 && done.origin.author == "alice" && done.origin.comment == "tidy layout")
            let reAdded = try #require(blame.line(for: "note-it"))
            #expect(reAdded.change == .added && reAdded.origin.version == 5 && reAdded.origin.comment == "logging is back")
            let reply = try #require(blame.line(for: "reply"))
            #expect(reply.change == .changed && reply.fields == ["config.message"])
            #expect(reply.origin.version == 2 && reply.origin.author == "bob")
            let start = try #require(blame.line(for: "start"))
            #expect(start.change == .added && start.origin.version == 1)
            #expect(blame.settings.origin.version == 5 && blame.settings.fields == ["settings.logbooks"])
            #expect(blame.deleted.isEmpty)   // re-added in v5
        }
    }

    @Test func blameAtAnEarlierVersionListsTheDeletedNode() throws {
        try Self.withHistory { ws in
            let blame = try ws.blame("Order status", at: .version(4))
            #expect(blame.at.version == 4)
            #expect(blame.nodes.map(\.id) == ["done", "reply", "start"])
            let gone = try #require(blame.deleted.first)
            #expect(blame.deleted.count == 1 && gone.id == "note-it" && gone.label == "Log")
            #expect(gone.removedIn.version == 4 && gone.removedIn.author == "bob" && gone.lastSeenIn == 3)
            #expect(blame.settings.origin.version == 2)   // v2 added the "orders" logbook

            let atTwo = try ws.blame("Order status", at: .version(2))
            #expect(atTwo.line(for: "done")?.origin.version == 1)
            #expect(atTwo.line(for: "note-it")?.change == .added)
        }
    }

    @Test func blameOfTheDraftComesAfterEveryVersion() throws {
        try Self.withHistory { ws in
            var draft = try ws.version("Order status", 5).document
            draft.nodes[try #require(draft.nodeIndex(withID: "start"))].label = "SMS in"
            try ws.saveDraft("Order status", document: draft)
            let blame = try ws.blame("Order status", at: .draft)
            let start = try #require(blame.line(for: "start"))
            #expect(start.origin.version == nil && start.origin.status == .draft && start.origin.author == "reader")
            #expect(start.fields == ["label"])
            #expect(try ws.blame("Order status").line(for: "start")?.origin.version == 1)
        }
    }

    @Test func blameRefusesAnUnknownVersion() throws {
        _ = try Self.withHistory { ws in
            #expect(throws: WorkspaceError.noSuchVersion(flow: "Order status", version: 9)) {
                _ = try ws.blame("Order status", at: .version(9))
            }
        }
    }

    @Test func logListsEachVersionsOwnChangeNewestFirst() throws {
        try Self.withHistory { ws in
            let log = try ws.versionLog("Order status")
            #expect(log.map(\.entry.version) == [5, 4, 3, 2, 1])
            #expect(log.map(\.entry.comment) == ["logging is back", "no logging", "tidy layout", "log replies", "first"])
            let counts = log.map { [$0.diff.addedNodes.count, $0.diff.removedNodes.count, $0.diff.changedNodes.count] }
            #expect(counts == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [3, 0, 0]])
            #expect(log[2].diff.movedNodes == ["done"])
            #expect(log[0].diff.settingsChanged && !log[4].diff.settingsChanged)
        }
    }

    /// The printed diff, applied by the real `patch` to the older export, gives the newer
    /// export byte for byte.
    @Test(arguments: [(1, 2), (2, 3), (3, 4), (4, 5), (1, 5), (5, 1)])
    func unifiedDiffRoundTripsThroughPatch(from a: Int, to b: Int) throws {
        try Self.withHistory { ws in
            let old = try ws.export("Order status", .version(a)), new = try ws.export("Order status", .version(b))
            let (oldDoc, newDoc) = try ws.documents("Order status", .version(a), .version(b))
            let diff = UnifiedDiff.between(oldDoc, newDoc, oldName: "a/order-status.json\tv\(a)",
                                           newName: "b/order-status.json\tv\(b)")
            #expect(diff.hasPrefix("--- a/order-status.json\tv\(a)\n+++ b/order-status.json\tv\(b)\n@@ -"))
            #expect(try PatchTool.apply(diff, to: old) == new)
        }
    }

    @Test func hunkHeadersNameTheNode() throws {
        try Self.withHistory { ws in
            let (v1, v2) = try ws.documents("Order status", .version(1), .version(2))
            let diff = UnifiedDiff.between(v1, v2, oldName: "a", newName: "b")
            let headers = diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
            #expect(headers.contains { $0.hasSuffix(#"@@ node note-it "Log""#) })
            let (_, v3) = try ws.documents("Order status", .version(1), .version(3))
            let moved = UnifiedDiff.between(v2, v3, oldName: "a", newName: "b")
            #expect(moved.split(separator: "\n").filter { $0.hasPrefix("@@") }.map { $0.split(separator: "@@").last! }
                        == [#" node done "Resolved""#])
            #expect(UnifiedDiff.between(v1, v1, oldName: "a", newName: "b").isEmpty)
        }
    }

    @Test func unifiedDiffOfTextsWithoutAFinalNewline() throws {
        let cases = [("a\nb\nc", "a\nb\nd"), ("a\nb\nc\n", "a\nb\nc"), ("", "x\ny\n"), ("x\n", ""),
                     ((1...40).map { "l\($0)" }.joined(separator: "\n") + "\n",
                      (1...40).map { $0 % 9 == 0 ? "changed \($0)" : "l\($0)" }.joined(separator: "\n") + "\n")]
        for (old, new) in cases {
            let diff = UnifiedDiff.text(old: old, new: new, oldName: "a/f", newName: "b/f")
            #expect(try PatchTool.apply(diff, to: old) == new, "\(old.debugDescription) → \(new.debugDescription)")
        }
    }

    @Test func lineDiffIsMinimalAndFallsBackBeyondItsLimit() {
        let old = Array("abcabba"), new = Array("cbabac")
        let script = LineDiff.edits(old, new)
        #expect(script.filter { $0.operation != .equal }.count == 5)   // Myers' example: D = 5
        let rebuilt = script.compactMap { e -> Character? in
            switch e.operation {
            case .equal: return old[e.oldIndex]
            case .insert: return new[e.newIndex]
            case .delete: return nil
            }
        }
        #expect(rebuilt == new)
        let capped = LineDiff.edits(old, new, maxEdits: 2)
        #expect(capped.filter { $0.operation == .delete }.count + capped.filter { $0.operation == .insert }.count
                    >= 5)
        #expect(capped.compactMap { $0.operation == .delete ? nil : ($0.operation == .equal ? old[$0.oldIndex] : new[$0.newIndex]) } == new)
    }
}

/// Runs the real `patch` binary on a temporary copy of `original`.
enum PatchTool {
    static func apply(_ diff: String, to original: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fc-patch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("flow.json")
        try Data(original.utf8).write(to: file)
        let change = dir.appendingPathComponent("change.diff")
        try Data(diff.utf8).write(to: change)
        let (status, _) = try ProgramOutput.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                ["patch", "--silent", "--force", "-i", change.path, file.path])
        #expect(status == 0, "patch failed on:\n\(diff)")
        return String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }
}
