import FlowKit
import Foundation
import Testing

/// Blame from the changes recorded at Make Live, the same on SQLite and PostgreSQL
/// (issue 17): four versions that add, change, only move, delete and re-add nodes.
@Suite struct StoreBlameContractTests {
    @Test(arguments: StoreBackendKind.allCases)
    func blameReadsTheRecordedChangesOnEveryBackend(_ kind: StoreBackendKind) throws {
        try kind.withWorkspace { ws, open in
            let v1 = ContractFixture.smsFlow()
            _ = try ws.createFlow(named: "Order status", document: v1)
            try ws.makeLive("Order status", MakeLiveRequest(comment: "first"))

            var v2 = v1   // reply's message changed; done moved
            v2.nodes[1].config["message"] = "Hi there"
            v2.nodes[2].x = 90
            try ws.saveDraft("Order status", document: v2)
            try ws.makeLive("Order status", MakeLiveRequest(comment: "friendlier"))

            var v3 = v2   // the reply deleted: start goes straight to done
            v3.nodes.remove(at: 1)
            v3.connections = [Connection(from: "start", outcome: "next", to: "done")]
            try ws.saveDraft("Order status", document: v3)
            try ws.makeLive("Order status", MakeLiveRequest(comment: "no reply"))

            var v4 = v2   // the reply back, relabelled; done moved back
            v4.nodes[1].label = "Answer"
            v4.nodes[2].x = 60
            v4.settings.logbooks = ["audit"]
            try ws.saveDraft("Order status", document: v4)
            try ws.makeLive("Order status", MakeLiveRequest(comment: "reply again"))

            // A second connection (another process) reads the same recorded rows.
            let blame = try open().blame("Order status")
            #expect(blame.at.version == 4)
            #expect(blame.nodes.map(\.id) == ["done", "reply", "start"])
            let reply = try #require(blame.line(for: "reply"))
            #expect(reply.change == .added && reply.origin.version == 4 && reply.origin.comment == "reply again")
            #expect(reply.label == "Answer" && reply.origin.author == "tester")
            let done = try #require(blame.line(for: "done"))
            #expect(done.change == .moved && done.fields == ["position"] && done.origin.version == 4)
            #expect(blame.line(for: "start")?.change == .added && blame.line(for: "start")?.origin.version == 1)
            #expect(blame.settings.change == .changed && blame.settings.fields == ["settings.logbooks"])
            #expect(blame.deleted.isEmpty)

            let atThree = try ws.blame("Order status", at: .version(3))
            #expect(atThree.nodes.map(\.id) == ["done", "start"])
            let gone = try #require(atThree.deleted.first)
            #expect(gone.id == "reply" && gone.label == "Reply" && gone.removedIn.version == 3 && gone.lastSeenIn == 2)
            let doneAtThree = try #require(atThree.line(for: "done"))
            #expect(doneAtThree.change == .moved && doneAtThree.origin.version == 2)
            let atTwo = try ws.blame("Order status", at: .version(2))
            #expect(atTwo.line(for: "reply")?.change == .changed && atTwo.line(for: "reply")?.fields == ["config.message"])
        }
    }
}
