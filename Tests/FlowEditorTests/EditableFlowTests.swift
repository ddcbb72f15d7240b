@testable import FlowCanvasView
import FlowKit
import Testing
@testable import FlowEditor

@Suite struct EditableFlowTests {
    func sample() -> FlowDocument {
        FlowDocument(
            name: "Sample",
            settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)]),
            nodes: [
                FlowNode(id: "start", type: "start", label: "Inbound", x: 2, y: 2,
                         config: ["trigger": "inbound-message", "channel": "sms", "address": "+1555"]),
                FlowNode(id: "tell", type: "send", label: "Tell", x: 40, y: 2,
                         config: ["channel": "sms", "to": "$(start.from)", "message": "hi"]),
                FlowNode(id: "done", type: "end", label: "Done", x: 80, y: 2, config: ["outcome": "done"]),
            ],
            connections: [Connection(from: "start", outcome: "next", to: "tell"),
                          Connection(from: "tell", outcome: "sent", to: "done")],
            notes: [FlowNote(id: "note-1", text: "about tell", node: "tell", x: 40, y: 10)]
        )
    }

    @Test func placeUsesCatalogDefaultsAndAFreshID() throws {
        var flow = EditableFlow(document: sample())
        let placed = flow.placeNode(type: "receive", at: (10, 20))
        let id = try #require(placed)
        let node = try #require(flow.document.node(withID: id))
        #expect(node.type == "receive")
        #expect(node.config["timeoutSeconds"] == 20)
        #expect((node.x, node.y) == (10, 20))
        let second = flow.placeNode(type: "receive", at: (10, 30))
        #expect(second != nil && second != id)
        let unsupported = flow.placeNode(type: "integration:salesforce", at: (0, 0))
        #expect(unsupported == nil)
    }

    @Test func moveCarriesAttachedNotes() {
        var flow = EditableFlow(document: sample())
        flow.moveNode("tell", to: (45, 7))
        #expect(flow.document.node(withID: "tell")?.x == 45)
        #expect(flow.document.notes[0].x == 45 && flow.document.notes[0].y == 15)
        flow.undo()
        #expect(flow.document == sample())
    }

    @Test func deleteRemovesConnectorsAndNotesAndUndoRestoresOrder() {
        var flow = EditableFlow(document: sample())
        flow.deleteNode("tell")
        #expect(flow.document.node(withID: "tell") == nil)
        #expect(flow.document.connections.isEmpty)
        #expect(flow.document.notes.isEmpty)
        flow.undo()
        #expect(flow.document == sample(), "undo restores nodes, connectors and notes in their original order")
        flow.redo()
        #expect(flow.document.connections.isEmpty)
    }

    @Test func connectReplacesTheOutcomesPreviousTarget() {
        var flow = EditableFlow(document: sample())
        flow.connect(from: "start", outcome: "next", to: "done")
        #expect(flow.document.connections.filter { $0.from == "start" } == [Connection(from: "start", outcome: "next", to: "done")])
        flow.undo()
        #expect(flow.document == sample())
    }

    @Test func unsavedTracksGenerations() {
        var flow = EditableFlow(document: sample())
        #expect(!flow.hasUnsavedChanges)
        flow.moveNode("done", to: (90, 2))
        #expect(flow.hasUnsavedChanges)
        flow.markSaved()
        #expect(!flow.hasUnsavedChanges)
        flow.moveNode("done", to: (90, 2))
        #expect(!flow.hasUnsavedChanges, "a no-op edit is not a change")
    }

    @Test func randomEditsUndoBackToTheOriginal() {
        var flow = EditableFlow(document: sample())
        var rng = SystemRandomNumberGenerator()
        let types = NodeCatalog.standard.types.map(\.type)
        for _ in 0..<2000 {
            let ids = flow.document.nodes.map(\.id)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: flow.placeNode(type: types.randomElement(using: &rng)!, at: (Int.random(in: -50...500), Int.random(in: -50...200)))
            case 1: if let id = ids.randomElement() { flow.moveNode(id, to: (Int.random(in: 0...300), Int.random(in: 0...100))) }
            case 2: if let id = ids.randomElement() { flow.deleteNode(id) }
            case 3: if let a = ids.randomElement(), let b = ids.randomElement() { flow.connect(from: a, outcome: "next", to: b) }
            case 4: if let c = flow.document.connections.randomElement() { flow.disconnect(c) }
            case 5: flow.addNote(text: "n", attachedTo: ids.randomElement(), at: (1, 1))
            case 6: flow.undo()
            default: flow.redo()
            }
        }
        while flow.canUndo { flow.undo() }
        #expect(flow.document == sample())
    }
}
