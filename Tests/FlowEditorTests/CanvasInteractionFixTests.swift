@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 10, item 5: the canvas interaction fixes, each reproduced through the keys.
@Suite struct CanvasInteractionFixTests {
    func orderStatus(_ tw: TempWorkspace, _ doc: FlowDocument = CanvasFixtures.orderStatus()) throws -> CanvasScreen {
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: tw.flow("Order status"))
        s.state.flow.reset(to: doc)
        _ = renderFrame(s, 200, 60)
        return s
    }

    @Test func moveModeIsModalSaveAndTabDoNothingMidMove() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        s.state.focus(node: "reply")
        let revision = s.revision
        s.send(.char("m"), .key(.down))
        s.send(.char("s"))
        #expect(s.revision == revision, "s must not save in the middle of a move")
        #expect(s.message?.contains("Enter drops") == true)
        s.send(.key(.tab), .char("?"), .char("a"))
        #expect(s.focus == .canvas && s.modalName == nil)
        guard case .moving = s.state.mode else { Issue.record("left MOVE mode"); return }
        s.send(.key(.enter))
        #expect(s.state.mode == .normal && s.document.node(withID: "reply")?.y == 3)
    }

    @Test func aRefusedDropStaysInMoveModeAtTheLastFreePlace() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        s.state.focus(node: "lookup")
        s.send(.char("m"), .key(.down))  // (34, 3): free
        s.send(.key(.left, .shift))      // (26, 3): over the Start box
        s.send(.key(.enter))
        guard case .moving = s.state.mode else { Issue.record("a refused drop left MOVE mode"); return }
        #expect(s.message?.contains("cannot drop here") == true)
        #expect(s.state.cursor == GridPoint(34, 3), "back at the last free place")
        s.send(.key(.enter))
        #expect(s.state.mode == .normal)
        #expect(s.document.node(withID: "lookup").map { ($0.x, $0.y) }! == (34, 3))
    }

    @Test func connectingAConnectedOutcomeSaysWhatItReplacesAndIsOneUndo() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        s.state.focus(node: "lookup")
        s.send(.char("c"))  // every outcome is connected: it starts on success
        s.state.focus(node: "done")
        s.send(.key(.enter))
        #expect(s.message?.contains("replaced success → reply") == true, "\(s.message ?? "")")
        #expect(s.document.connections.contains(Connection(from: "lookup", outcome: "success", to: "done")))
        s.send(.char("u"))
        #expect(s.document.connections.contains(Connection(from: "lookup", outcome: "success", to: "reply")))
        #expect(!s.document.connections.contains(Connection(from: "lookup", outcome: "success", to: "done")))
    }

    @Test func afterAJoinTheCursorIsBackOnTheSourceAndCWiresTheNextOutcome() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = CanvasFixtures.orderStatus()
        doc.connections.removeAll { $0.from == "lookup" }
        let s = try orderStatus(tw, doc)
        s.state.focus(node: "lookup")
        for (outcome, target) in [("success", "reply"), ("error", "sorry"), ("timeout", "sorry")] {
            s.send(.char("c"))
            guard case .connecting(_, let outcomes, let i) = s.state.mode else { Issue.record("c did not connect"); return }
            #expect(outcomes[i] == outcome)
            s.state.focus(node: target)
            s.send(.key(.enter))
            #expect(s.state.nodeUnderCursor?.id == "lookup", "after joining \(outcome) the cursor is on the source")
        }
        #expect(s.document.connections(from: "lookup").count == 3)
    }

    @Test func aConnectorUnderTheCursorIsNamedInTheStatusLine() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        var spot: GridPoint?
        search: for y in 2..<12 { for x in 28..<34 where s.canvasView.connection(at: GridPoint(x, y))?.from == "start" {
            spot = GridPoint(x, y); break search
        } }
        let p = try #require(spot)
        s.state.cursor = p
        #expect(frameText(s, 200, 60).contains("start.next → lookup"))
    }
}
