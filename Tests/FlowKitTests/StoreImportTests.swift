import Foundation
import Testing
@testable import FlowKit

/// Import and export through the store. Everything but the malformed-JSON and missing-file
/// refusals needs the real FlowCodec (codec helper).
@Suite struct StoreImportTests {
    static let unsupported = """
        {"format": "flowcanvas/1", "name": "CRM sync", "kind": "messaging",
         "nodes": [{"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "crm"}},
                   {"id": "crm", "type": "integration:salesforce", "config": {}}],
         "connections": [{"from": "start", "outcome": "next", "to": "crm"}]}
        """

    @Test func malformedJSONIsRefusedAndNothingIsWritten() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let before = try StoreFixture.rows(ws)
            let error = try #require(throws: WorkspaceError.self) {
                _ = try ws.importFlow(Data("{\"format\": \"flowcanvas/1\", \"nodes\": [".utf8))
            }
            guard case .importRefused(let cause) = error else {
                Issue.record("expected an import refusal, got \(error)")
                return
            }
            #expect(cause.reason == .malformedJSON)
            #expect(error.exitCode == 1)
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
            #expect(try StoreFixture.rows(ws) == before)
        }
    }

    @Test func unsupportedNodesRefuseTheWholeDocument() throws {
        try StoreFixture.withWorkspace { ws in
            let before = try StoreFixture.rows(ws)
            let error = try #require(throws: WorkspaceError.self) { _ = try ws.importFlow(Data(Self.unsupported.utf8)) }
            #expect(error.exitCode == 1)
            #expect(error.message.split(separator: "\n").map(String.init) == [
                "The flow cannot be imported. The following nodes used in the source stream are not accessed / supported in this account",
                "  - crm (integration:salesforce)",
            ])
            #expect(try StoreFixture.rows(ws) == before)
            #expect(try ws.flows().isEmpty)
        }
    }

    @Test func importCreatesAFlowWithItsOwnOrAGivenName() throws {
        try StoreFixture.withWorkspace { ws in
            let json = FlowCodec.exportJSON(StoreFixture.smsFlow(name: "Order status"))
            let flow = try ws.importFlow(Data(json.utf8))
            #expect(flow.name == "Order status" && flow.id == "order-status" && flow.draftRevision == 1)
            // Import may normalize order (nodes by id); the canonical export is the same.
            #expect(FlowCodec.exportJSON(try ws.document("Order status").document) == json)
            let before = try StoreFixture.rows(ws)
            try StoreFixture.expectRefusal(ws, .flowExists("Order status")) { _ = try ws.importFlow(Data(json.utf8)) }
            #expect(try StoreFixture.rows(ws) == before)
            let renamed = try ws.importFlow(Data(json.utf8), name: "Orders (copy)")
            #expect(renamed.id == "orders-copy")
            #expect(try ws.document("Orders (copy)").document.name == "Orders (copy)")
        }
    }

    @Test func exportIsCanonicalAndImportsBackIdentically() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlowWithLog())
            try ws.makeLive("Order status")
            let exported = try ws.export("Order status", .version(1))
            #expect(exported == FlowCodec.exportJSON(try ws.document("Order status", .version(1)).document))
            #expect(exported.hasSuffix("}\n") && exported.contains("\"format\": \"flowcanvas/1\""))
            #expect(try ws.export("Order status") == exported)
            _ = try ws.importFlow(Data(exported.utf8), name: "Again")
            var again = try ws.document("Again").document
            again.name = "Order status"
            #expect(FlowCodec.exportJSON(again) == exported)
            #expect(try ws.export("Order status", format: .mermaid).contains("\"Log\""))
            #expect(try ws.export("Order status", format: .dot).contains("digraph"))
        }
    }

    @Test func unreadableFilesAreUsageErrors() throws {
        try StoreFixture.withWorkspace { ws in
            let missing = ws.directory.appendingPathComponent("missing.json")
            try StoreFixture.expectRefusal(ws, .unreadableFile(path: missing.path, reason: "no such file")) {
                _ = try ws.importFlow(file: missing)
            }
            #expect(WorkspaceError.unreadableFile(path: "x", reason: "y").exitCode == 2)
            try StoreFixture.expectRefusal(ws, .unreadableFile(path: ws.mediaDirectory.path, reason: "is a directory")) {
                _ = try Workspace.loadDocument(file: ws.mediaDirectory)
            }
        }
    }
}
