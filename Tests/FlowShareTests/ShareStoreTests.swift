import FlowKit
import Foundation
import Testing
@testable import FlowShare

/// The `shares` table through the Workspace API (FlowKit stores opaque hashes).
@Suite struct ShareStoreTests {
    let salt = Data(repeating: 1, count: 16), hash = Data(repeating: 2, count: 32)

    @Test func onStatusOffAndTheLinkIsGone() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow())
        #expect(try ws.shareStatus("order-status") == nil)

        let token = ShareToken.generate()
        let record = try ws.enableShare("Order STATUS", token: token, salt: salt, hash: hash, iterations: 600_000)
        #expect(record.flowID == "order-status" && record.token == token && record.isActive)
        #expect(record.salt == salt && record.hash == hash && record.iterations == 600_000)

        let status = try #require(try ws.shareStatus("order-status"))
        #expect(status == record)
        let shared = try #require(try ws.share(token: token))
        #expect(shared.share == record)
        #expect(shared.stored.document.nodes.map(\.label).contains("Find order"))

        let revoked = try #require(try ws.disableShare("order-status"))
        #expect(revoked.token == token && revoked.revokedAt != nil)
        #expect(try ws.shareStatus("order-status") == nil)
        #expect(try ws.share(token: token) == nil)
        #expect(try ws.disableShare("order-status") == nil)   // already off
    }

    @Test func turningSharingOnAgainMakesANewTokenAndKillsTheOldOne() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow())
        let first = ShareToken.generate(), second = ShareToken.generate()
        try ws.enableShare("order-status", token: first, salt: salt, hash: hash, iterations: 600_000)
        try ws.enableShare("order-status", token: second, salt: salt, hash: hash, iterations: 600_000)
        #expect(try ws.share(token: first) == nil)
        #expect(try ws.share(token: second) != nil)
        #expect(try ws.shareStatus("order-status")?.token == second)
        // A dead token is never reused, even for another flow.
        _ = try ws.createFlow(named: "Other", document: Samples.orderFlow())
        #expect(throws: WorkspaceError.self) {
            try ws.enableShare("other", token: first, salt: salt, hash: hash, iterations: 600_000)
        }
    }

    @Test func theServiceTurnsALinkOnWithAHashOfThePassword() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        _ = try temp.workspace.createFlow(named: "Order status", document: Samples.orderFlow())
        let service = ShareService(workspace: temp.workspace)
        let record = try service.enable("order-status", password: "open sesame", iterations: testIterations)
        #expect(ShareToken.isWellFormed(record.token))
        #expect(record.hash.count == 32 && record.salt.count == 16 && record.iterations == testIterations)
        #expect(!record.hash.contains(Data("open sesame".utf8)))
        #expect(SharePassword.verify(password: "open sesame", against: PasswordHash(record)))
        #expect(throws: ShareError.passwordTooShort(minimum: 8)) { try service.enable("order-status", password: "short") }
        #expect(try service.status("order-status") == record)   // a refused password changed nothing
    }

    @Test func unknownFlowsAreRefused() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        #expect(throws: WorkspaceError.noSuchFlow("ghost")) {
            try ws.enableShare("ghost", token: ShareToken.generate(), salt: salt, hash: hash, iterations: 1)
        }
        #expect(throws: WorkspaceError.noSuchFlow("ghost")) { try ws.disableShare("ghost") }
        #expect(throws: WorkspaceError.noSuchFlow("ghost")) { try ws.shareStatus("ghost") }
        #expect(try ws.share(token: "no-such-token") == nil)
        #expect(try ws.share(token: "") == nil)
    }

    /// "Latest saved state": the working draft when there is one, else the live version.
    @Test func aLinkShowsTheDraftElseTheLiveVersion() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow(label: "Live label"))
        let token = ShareToken.generate()
        try ws.enableShare("order-status", token: token, salt: salt, hash: hash, iterations: 600_000)
        #expect(try ws.share(token: token)?.stored.ref == .draft)

        _ = try ws.makeLive("order-status", MakeLiveRequest(comment: "v1"))
        let live = try #require(try ws.share(token: token))
        #expect(live.stored.ref == .version(1))
        #expect(live.stored.document.node(withID: "lookup")?.label == "Live label")

        _ = try ws.editVersion("order-status", version: 1)
        try ws.saveDraft("order-status", document: Samples.orderFlow(label: "Draft label"))
        let draft = try #require(try ws.share(token: token))
        #expect(draft.stored.ref == .draft)
        #expect(draft.stored.document.node(withID: "lookup")?.label == "Draft label")
    }

    @Test func deletingTheFlowDeletesItsLinks() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow())
        let token = ShareToken.generate()
        try ws.enableShare("order-status", token: token, salt: salt, hash: hash, iterations: 600_000)
        try ws.deleteFlow("order-status")
        #expect(try ws.share(token: token) == nil)
        // A new flow with the same id does not inherit the link.
        _ = try ws.createFlow(named: "Order status", document: Samples.orderFlow())
        #expect(try ws.share(token: token) == nil)
        #expect(try ws.shareStatus("order-status") == nil)
    }

    @Test func linksSurviveReopeningTheWorkspace() throws {
        let temp = try TempWorkspace()
        defer { temp.cleanUp() }
        _ = try temp.workspace.createFlow(named: "Order status", document: Samples.orderFlow())
        let token = ShareToken.generate()
        try temp.workspace.enableShare("order-status", token: token, salt: salt, hash: hash, iterations: 600_000)
        let reopened = try Workspace(directory: temp.directory)
        #expect(try reopened.share(token: token)?.share.hash == hash)
    }
}
