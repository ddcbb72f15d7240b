import Foundation
import Testing
@testable import FlowKit

/// Copy and paste of nodes between flows (issue 11's paste rules), in the library the editor
/// and `flowcanvas export --nodes` / `paste` share.
@Suite struct FlowFragmentTests {
    /// start → lookup → reply, with a note on lookup and references to lookup downstream.
    static let source = FlowDocument(
        name: "Source",
        nodes: [
            FlowNode(id: "start", type: "start", label: "Start", x: 2, y: 2, config: ["trigger": "inbound-message", "address": "+1555"]),
            FlowNode(id: "lookup", type: "http-request", label: "Lookup", x: 30, y: 2,
                     config: ["method": "GET", "url": "https://example.com/$(start.message)"]),
            FlowNode(id: "reply", type: "send", label: "Reply", x: 58, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Status: $(lookup.body.status) $(lookupx.y)"]),
            FlowNode(id: "check", type: "branch", label: "Check", x: 58, y: 10,
                     config: ["branches": .array([.object(["name": "ok", "variable": "lookup.status", "op": "equals", "value": "200"])])]),
        ],
        connections: [Connection(from: "start", outcome: "next", to: "lookup"),
                      Connection(from: "lookup", outcome: "success", to: "reply"),
                      Connection(from: "lookup", outcome: "failure", to: "check")],
        notes: [FlowNote(id: "n1", text: "calls the API", node: "lookup", x: 30, y: 0),
                FlowNote(id: "n2", text: "flow note", node: nil, x: 0, y: 20)])

    @Test func extractKeepsInsideConnectorsAndAttachedNotesAndCountsTheRest() {
        let (fragment, leftOut) = FlowFragment.extract(["lookup", "reply", "check"], from: Self.source)
        #expect(fragment.nodes.map(\.id) == ["lookup", "reply", "check"])
        #expect(Set(fragment.connections) == [Connection(from: "lookup", outcome: "success", to: "reply"),
                                              Connection(from: "lookup", outcome: "failure", to: "check")])
        #expect(leftOut == 1, "start → lookup goes to a node outside")
        #expect(fragment.notes.map(\.id) == ["n1"])
    }

    @Test func pasteIntoTheSameFlowRenamesCollidingIdsAndRewritesReferences() throws {
        let (fragment, _) = FlowFragment.extract(["lookup", "reply", "check"], from: Self.source)
        let pasted = try FlowFragment.paste(fragment, into: Self.source, at: (x: 10, y: 30))
        #expect(pasted.renamed == ["lookup": "lookup-2", "reply": "reply-2", "check": "check-2"])
        #expect(pasted.nodeIDs == ["lookup-2", "reply-2", "check-2"])
        let doc = pasted.document
        #expect(doc.nodes.count == 7)
        // The fragment's top-left node lands on the cursor; the others keep their offsets.
        #expect(doc.node(withID: "lookup-2")?.x == 10 && doc.node(withID: "lookup-2")?.y == 30)
        #expect(doc.node(withID: "check-2")?.x == 38 && doc.node(withID: "check-2")?.y == 38)
        // $(lookup.…) follows the rename; $(start.…) (not pasted) and $(lookupx…) do not.
        #expect(doc.node(withID: "reply-2")?.config["message"] == "Status: $(lookup-2.body.status) $(lookupx.y)")
        #expect(doc.node(withID: "reply-2")?.config["to"] == "$(start.from)")
        let branches = doc.node(withID: "check-2")?.config["branches"]
        #expect(branches == .array([.object(["name": "ok", "variable": "lookup-2.status", "op": "equals", "value": "200"])]))
        #expect(doc.connections.contains(Connection(from: "lookup-2", outcome: "success", to: "reply-2")))
        #expect(doc.connections.contains(Connection(from: "lookup-2", outcome: "failure", to: "check-2")))
        #expect(doc.notes.count == 3 && doc.notes.last?.node == "lookup-2" && doc.notes.last?.id == "n1-2")
        // The original is untouched.
        #expect(Array(doc.nodes.prefix(4)) == Self.source.nodes)
        #expect(pasted.summary == "pasted 3 nodes (3 renamed)")
    }

    @Test func pasteIntoAnotherFlowKeepsIdsAndDropsConnectorsToNodesItLacks() throws {
        var fragment = FlowFragment.extract(["lookup", "reply"], from: Self.source).fragment
        fragment.connections.append(Connection(from: "reply", outcome: "next", to: "elsewhere"))
        let target = FlowDocument(name: "Target", nodes: [FlowNode(id: "start", type: "start", x: 2, y: 2)])
        let pasted = try FlowFragment.paste(fragment, into: target, at: nil)
        #expect(pasted.renamed.isEmpty)
        #expect(pasted.droppedConnectors == 1)
        #expect(pasted.summary == "pasted 2 nodes (1 connector to a node outside dropped)")
        #expect(pasted.document.node(withID: "lookup")?.x == 30, "no origin: positions as copied")
    }

    @Test func voiceNodesInAMessagingFlowAndUnknownTypesRefuseThePasteWhole() throws {
        let voice = FlowDocument(name: "V", kind: .voice, nodes: [FlowNode(id: "hello", type: "play", x: 1, y: 1, config: ["prompt": "hi"])])
        let target = Self.source
        #expect(throws: FlowImportError.self) { try FlowFragment.paste(voice, into: target, at: nil) }
        do {
            _ = try FlowFragment.paste(voice, into: target, at: nil)
        } catch {
            #expect(error.reason == .unsupportedNodes)
            #expect(error.message.hasPrefix(FlowImportError.unsupportedNodesHeading))
            #expect(error.message.contains("  - hello (play)"))
        }
        let unknown = FlowDocument(name: "U", nodes: [FlowNode(id: "x", type: "teleport", x: 1, y: 1)])
        #expect(throws: FlowImportError.self) { try FlowFragment.paste(unknown, into: target, at: nil) }
    }

    @Test func textThatIsNotAFragmentIsOneClearRefusal() {
        for text in ["hello", "{\"format\": \"other/2\"}", ""] {
            do {
                _ = try FlowFragment.paste(text: text, into: Self.source, at: nil)
                Issue.record("pasted \(text)")
            } catch {
                #expect(error.message.hasPrefix("not a flowcanvas/1 fragment: "), "\(error.message)")
                #expect(!error.message.contains("\n"))
            }
        }
    }

    @Test func aCopiedFragmentRoundTripsThroughItsJSON() throws {
        let (fragment, _) = FlowFragment.extract(["lookup", "reply"], from: Self.source)
        let text = FlowCodec.exportJSON(fragment)
        let viaText = try FlowFragment.paste(text: text, into: Self.source, at: (x: 0, y: 40))
        let direct = try FlowFragment.paste(fragment, into: Self.source, at: (x: 0, y: 40))
        #expect(viaText.document.nodes == direct.document.nodes)
        #expect(viaText.document.connections == direct.document.connections)
    }

    @Test func storePasteHonoursTheExpectedRevisionAndChangesNothingOnRefusal() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fragment-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(directory: dir, author: "t")
        let id = try ws.createFlow(named: "Source", document: Self.source).id
        let text = try ws.exportFragment(id, nodes: ["lookup", "reply"])
        #expect(throws: WorkspaceError.self) { try ws.exportFragment(id, nodes: ["nope"]) }

        let before = try ws.document(id)
        #expect(throws: WorkspaceError.self) { try ws.pasteFragment(id, text: text, at: nil, expectedRevision: before.draftRevision + 1) }
        #expect(throws: WorkspaceError.self) { try ws.pasteFragment(id, text: "not json", at: nil) }
        #expect(try ws.document(id) == before, "refusals leave the draft alone")

        let (saved, pasted) = try ws.pasteFragment(id, text: text, at: (x: 5, y: 30), expectedRevision: before.draftRevision)
        #expect(saved.revision == before.draftRevision + 1)
        #expect(pasted.nodeIDs == ["lookup-2", "reply-2"])
        #expect(try ws.document(id).document.node(withID: "reply-2")?.config["message"] == "Status: $(lookup-2.body.status) $(lookupx.y)")
    }
}
