import FlowKit
import Testing
import TerminalUI
@testable import FlowCanvasView
@testable import FlowEditor

/// Choosing and moving many nodes with the mouse (issue 11's gap): a drag from empty
/// canvas selects what its rectangle touches, Ctrl/Alt-click toggles one node, a drag of a
/// selected node moves the whole selection, a drag of another node moves it alone.
@Suite struct MouseSelectionTests {
    /// start (2,2) → lookup (32,2) → reply (62,2) → done (92,2); sorry at (62,12); a note
    /// on lookup at (32,10) and one on the canvas at (2,20).
    func open(_ tw: TempWorkspace) throws -> CanvasScreen {
        let s = try SelectionScenarioTests.open(tw)
        _ = frameText(s, 200, 60)  // every node on the canvas
        return s
    }

    func mouse(_ s: CanvasScreen, _ action: MouseAction, at g: GridPoint, modifiers: KeyModifiers = []) {
        let inner = Pane.contentRect(of: s.canvasRect)
        s.send(.mouse(MouseEvent(action, x: inner.x + g.x - s.state.viewportOrigin.x,
                                 y: inner.y + g.y - s.state.viewportOrigin.y, modifiers: modifiers)))
    }

    @Test func aDragFromEmptyCanvasSelectsWhatItsRectangleTouches() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        #expect(s.state.node(at: GridPoint(28, 0)) == nil)
        mouse(s, .press, at: GridPoint(28, 0))
        mouse(s, .drag, at: GridPoint(50, 5))
        #expect(s.state.selection.anchor != nil, "the rectangle is open while the button is down")
        mouse(s, .drag, at: GridPoint(70, 8))
        mouse(s, .release, at: GridPoint(70, 8))
        #expect(s.state.selectedNodeIDs == ["lookup", "reply"])
        #expect(s.state.selectedNoteIDs.isEmpty)
        #expect(s.state.selection.anchor == nil && s.state.mode == .normal)
        #expect(s.message?.contains("2 selected") == true)
        #expect(s.document.nodes == SelectionScenarioTests.document.nodes, "selecting moves nothing")
        // A second rectangle adds to the first, as `v` does.
        mouse(s, .press, at: GridPoint(58, 11))
        mouse(s, .drag, at: GridPoint(64, 13))
        mouse(s, .release, at: GridPoint(64, 13))
        #expect(s.state.selectedNodeIDs == ["lookup", "reply", "sorry"])
    }

    @Test func aPlainClickOnEmptyCanvasMovesTheCursorAndKeepsTheSelection() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        s.state.select(["lookup"])
        mouse(s, .press, at: GridPoint(28, 0))
        mouse(s, .release, at: GridPoint(28, 0))
        #expect(s.state.cursor == GridPoint(28, 0))
        #expect(s.state.selectedNodeIDs == ["lookup"] && s.state.selection.anchor == nil)
    }

    @Test func ctrlOrAltClickTogglesANode() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        mouse(s, .press, at: GridPoint(93, 3), modifiers: .ctrl)
        mouse(s, .release, at: GridPoint(93, 3), modifiers: .ctrl)
        #expect(s.state.selectedNodeIDs == ["done"])
        mouse(s, .press, at: GridPoint(33, 3), modifiers: .alt)
        mouse(s, .release, at: GridPoint(33, 3), modifiers: .alt)
        #expect(s.state.selectedNodeIDs == ["lookup", "done"])
        mouse(s, .press, at: GridPoint(93, 3), modifiers: .ctrl)
        #expect(s.state.selectedNodeIDs == ["lookup"])
        #expect(s.state.mode == .normal, "a toggle never starts a move")
    }

    @Test func draggingASelectedNodeMovesTheSelectionAsOneUndoableEdit() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        s.state.select(["lookup", "reply"])
        let before = s.document
        mouse(s, .press, at: GridPoint(33, 3))
        mouse(s, .drag, at: GridPoint(33, 13))
        mouse(s, .drag, at: GridPoint(33, 23))
        mouse(s, .release, at: GridPoint(33, 23))
        #expect(s.state.mode == .normal)
        #expect(s.document.node(withID: "lookup")?.y == 22 && s.document.node(withID: "reply")?.y == 22)
        #expect(s.document.node(withID: "lookup")?.x == 32 && s.document.node(withID: "reply")?.x == 62)
        #expect(s.document.node(withID: "sorry")?.y == 12, "unselected nodes stay")
        #expect(s.state.selectedNodeIDs == ["lookup", "reply"])
        s.send(.char("u"))
        #expect(s.document == before, "one undo puts both back")
    }

    @Test func draggingANodeOutsideTheSelectionMovesItAloneAndKeepsTheSelection() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        s.state.select(["lookup", "reply"])
        mouse(s, .press, at: GridPoint(93, 3))  // done, not selected
        mouse(s, .drag, at: GridPoint(93, 23))
        mouse(s, .release, at: GridPoint(93, 23))
        #expect(s.state.mode == .normal)
        #expect(s.document.node(withID: "done")?.y == 22)
        #expect(s.document.node(withID: "lookup")?.y == 2 && s.document.node(withID: "reply")?.y == 2)
        #expect(s.state.selectedNodeIDs == ["lookup", "reply"])
    }

    @Test func aGroupDropOnABoxIsRefusedAndPutsEveryNodeBack() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        s.state.select(["lookup"])
        let before = s.document
        mouse(s, .press, at: GridPoint(33, 3))
        mouse(s, .drag, at: GridPoint(63, 3))  // onto reply
        mouse(s, .release, at: GridPoint(63, 3))
        #expect(s.state.mode == .normal)
        #expect(s.document == before)
        #expect(s.message?.isEmpty == false, "the refusal stays on screen")
    }
}

extension MouseSelectionTests {
    @Test func aReleaseOutsideTheCanvasStillEndsTheRectangleAndTheDrag() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try open(tw)
        mouse(s, .press, at: GridPoint(28, 0))
        mouse(s, .drag, at: GridPoint(70, 8))
        s.send(.mouse(MouseEvent(.release, x: 0, y: 0)))  // the screen's corner, not the canvas
        #expect(s.state.selection.anchor == nil && s.state.selectedNodeIDs == ["lookup", "reply"])
        mouse(s, .press, at: GridPoint(93, 3))
        mouse(s, .drag, at: GridPoint(93, 23))
        s.send(.mouse(MouseEvent(.release, x: 0, y: 0)))
        #expect(s.state.mode == .normal && s.document.node(withID: "done")?.y == 22)
    }
}
