@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Finishing a connect on an empty cell makes an End node there, joined from the outcome,
/// and opens its form to pick the flow outcome.
@Suite struct EndByConnectorTests {
    /// validSMSDocument without the Send node's `failed` connector.
    var document: FlowDocument {
        var d = validSMSDocument
        d.connections.removeAll { $0.outcome == "failed" }
        return d
    }

    func open(_ doc: FlowDocument) throws -> (TempWorkspace, CanvasScreen) {
        let tw = try TempWorkspace()
        let id = try tw.workspace.createFlow(named: doc.name, document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = frameText(s, 110, 30)
        return (tw, s)
    }

    @Test func enterOnAnEmptyCellMakesAnEndNodeAndOneUndoRemovesBoth() throws {
        let (tw, s) = try open(document); defer { tw.cleanUp() }
        let original = s.document
        s.state.focus(node: "reply")
        s.send(.char("c"))
        #expect(s.state.mode == .connecting(from: "reply", outcomes: ["sent", "failed"], outcomeIndex: 1))
        s.send(.key(.down, .shift))   // eight rows down: empty canvas
        let cell = s.state.cursor
        s.send(.key(.enter))
        let end = try #require(s.document.nodes.last)
        #expect(end.type == "end" && (end.x, end.y) == (cell.x, cell.y))
        #expect(s.document.connections.contains(Connection(from: "reply", outcome: "failed", to: end.id)))
        #expect(s.state.mode == .normal)

        // Its form opens on the first text field (the label: typing never changes the
        // outcome), with the first of the settings' outcomes filled in.
        let form = try #require(s.form)
        #expect(form.original.id == end.id && form.focusedFieldID == "label")
        #expect(form.value(of: "outcome") == "resolved" && form.error(of: "outcome") == nil)
        s.type("x")
        #expect(s.form?.value(of: "outcome") == "resolved")
        s.send(.ctrl("s"))
        #expect(s.document.node(withID: end.id)?.config["outcome"] == "resolved")

        s.send(.char("u"))
        #expect(s.document.node(withID: end.id)?.config["outcome"] == nil)
        s.send(.char("u"))
        #expect(s.document == original, "one undo removes the End node and its connector")
        s.send(.ctrl("r"))
        #expect(s.document.node(withID: end.id) != nil
                && s.document.connections.contains(Connection(from: "reply", outcome: "failed", to: end.id)))
    }

    @Test func anOccupiedSpotIsRefusedWithAMessage() throws {
        let (tw, s) = try open(document); defer { tw.cleanUp() }
        let original = s.document
        s.state.focus(node: "reply")
        s.send(.char("c"))
        // Below the Send box, but an End there would touch the Resolved box on its right.
        let done = s.state.rect(of: try #require(s.document.node(withID: "done")))
        s.state.handle(.jumpTo(GridPoint(done.x - 3, done.maxY - 1)))
        #expect(s.state.nodeUnderCursor == nil)
        s.send(.key(.enter))
        #expect(s.document == original)
        #expect(s.message?.contains("would overlap \"Resolved\"") == true)
        #expect(s.state.mode == .connecting(from: "reply", outcomes: ["sent", "failed"], outcomeIndex: 1), "still connecting")
        s.send(.key(.escape))
    }

    @Test func withoutFlowOutcomesItOffersToCreateOne() throws {
        var doc = document
        doc.settings.outcomes = []
        doc.nodes.removeAll { $0.id == "done" }
        doc.connections.removeAll { $0.to == "done" }
        let (tw, s) = try open(doc); defer { tw.cleanUp() }
        s.state.focus(node: "reply")
        s.send(.char("c"), .key(.down, .shift), .key(.enter))
        #expect(s.modalName == "outcome")
        assertScreenGolden(renderFrame(s, 100, 30), "end-by-connector-first-outcome")
        s.send(.key(.enter))   // accepts the suggested name "resolved"
        #expect(s.document.settings.outcomes == [FlowOutcome(name: "resolved", kind: .success)])
        #expect(s.form?.value(of: "outcome") == "resolved")
        s.send(.ctrl("s"))
        let end = try #require(s.document.nodes.first { $0.type == "end" })
        #expect(end.config["outcome"] == "resolved")
    }
}
