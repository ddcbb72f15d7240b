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

    // MARK: - Notes

    /// Every node box grown by the cells a note must leave free: its ports and entry
    /// (one cell left and right) and one more cell of air.
    func keepOut(_ s: CanvasScreen) -> [GridRect] {
        s.document.nodes.map { n in
            let r = s.state.rect(of: n)
            return GridRect(x: r.x - 2, y: r.y - 1, width: r.width + 4, height: r.height + 2)
        }
    }

    @Test func nOnANodePutsTheNoteBesideItInFreeSpaceNotOnTheBoxOrItsPorts() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        for id in ["lookup", "reply", "sorry"] {
            s.state.focus(node: id)
            s.send(.char("n"))
            s.type("ask ops about \(id) first")
            s.send(.key(.enter))
            let note = try #require(s.document.notes.last)
            #expect(note.node == id)
            let r = try #require(s.canvasView.noteRect(note.id) ?? { _ = renderFrame(s, 200, 60); return s.canvasView.noteRect(note.id) }())
            for (k, box) in keepOut(s).enumerated() {
                #expect(!r.intersects(box), "note for \(id) at \(r) is on \(s.document.nodes[k].id) or its ports")
            }
            for other in s.document.notes where other.id != note.id {
                #expect(!r.intersects(try #require(s.canvasView.noteRect(other.id))), "notes overlap")
            }
            let box = s.state.rect(of: try #require(s.document.node(withID: id)))
            let gap = max(0, r.x - box.maxX, box.x - r.maxX) + max(0, r.y - box.maxY, box.y - r.maxY)
            #expect(gap <= 4, "the note for \(id) is beside its node, not \(gap) cells away")
            #expect(s.message?.contains("beside") == true)
            _ = renderFrame(s, 200, 60)
        }
        // The note looks like one, next to its node, in the frame.
        #expect(frameText(s, 200, 60).contains("ask ops about lookup"))
    }

    @Test func mOnANoteMovesThatNoteAloneAndRefusesToDropItOnABox() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = CanvasFixtures.orderStatus()
        doc.notes = [FlowNote(id: "note-1", text: "free note", x: 4, y: 12)]
        let s = try orderStatus(tw, doc)
        s.state.handle(.jumpTo(GridPoint(6, 13)))
        #expect(frameText(s, 200, 60).contains("m moves"), "the note's status line names m")
        s.send(.char("m"))
        guard case .movingSelection = s.state.mode else { Issue.record("m on a note did not start a move: \(s.message ?? "")"); return }
        s.send(.char("s"))
        #expect(s.state.selection.notes == ["note-1"])
        s.send(.key(.down), .key(.down), .key(.right))
        s.send(.key(.enter))
        #expect(s.state.mode == .normal)
        #expect(s.document.notes.first.map { ($0.x, $0.y) }! == (5, 14))
        #expect(s.state.selection.isEmpty, "a note moved alone is not left selected")
        #expect(s.message == "moved the note (u to undo)")

        // Up onto the Start box (2,2 26×3): refused, still moving, back at the last free place.
        s.state.handle(.jumpTo(GridPoint(6, 15)))
        s.send(.char("m"))
        for _ in 0..<9 { s.send(.key(.up)) }
        s.send(.key(.enter))
        guard case .movingSelection = s.state.mode else { Issue.record("a refused note drop left MOVE mode"); return }
        #expect(s.message?.contains("cannot drop here") == true, "\(s.message ?? "")")
        s.send(.key(.escape))
        #expect(s.state.mode == .normal && s.state.selection.isEmpty)
        #expect(s.document.notes.first.map { ($0.x, $0.y) }! == (5, 14), "Esc puts it back")
        s.send(.char("u"))
        #expect(s.document.notes.first.map { ($0.x, $0.y) }! == (4, 12), "one undo takes the move back")
    }

    @Test func anAttachedNoteFollowsItsNodeInASingleAndAGroupMove() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = CanvasFixtures.orderStatus()
        doc.notes = [FlowNote(id: "note-1", text: "about sorry", node: "sorry", x: 68, y: 7)]
        let s = try orderStatus(tw, doc)
        s.state.focus(node: "sorry")
        s.send(.char("m"), .key(.right), .key(.right), .key(.enter))
        #expect(s.document.notes[0].x == 70 && s.document.notes[0].y == 7)
        // A group move of the node (not the note): the note comes along.
        s.state.focus(node: "sorry")
        s.send(.char(" "), .char("m"), .key(.down), .key(.enter))
        #expect(s.state.mode == .normal)
        #expect(s.document.node(withID: "sorry")?.y == 12)
        #expect(s.document.notes[0].x == 70 && s.document.notes[0].y == 8)
    }

    @Test func aDraggedNodesAttachedNoteIsShownMovingWithItBeforeTheDrop() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = CanvasFixtures.orderStatus()
        doc.notes = [FlowNote(id: "note-1", text: "about sorry", node: "sorry", x: 68, y: 7)]
        let s = try orderStatus(tw, doc)
        s.state.focus(node: "sorry")
        func locate(_ f: CellBuffer) -> (x: Int, y: Int)? {
            for (y, line) in f.text().components(separatedBy: "\n").enumerated() {
                if let r = line.range(of: "about sorry") { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
            }
            return nil
        }
        let before = try #require(locate(renderFrame(s, 200, 60)))
        s.send(.char("m"), .key(.right), .key(.right), .key(.down))
        let during = try #require(locate(renderFrame(s, 200, 60)))
        #expect(during.x == before.x + 2 && during.y == before.y + 1)
        #expect(s.document.notes[0].x == 68, "the document changes only at the drop")
        s.send(.key(.escape))
        let after = try #require(locate(renderFrame(s, 200, 60)))
        #expect(after.x == before.x && after.y == before.y)
    }

    @Test func aGroupMoveRefusesANoteDroppedOnABoxButLetsAnOldNoteOnABoxGo() throws {
        var doc = CanvasFixtures.orderStatus()
        doc.notes = [FlowNote(id: "free", text: "free", node: nil, x: 2, y: 12),
                     FlowNote(id: "old", text: "old", node: nil, x: 70, y: 21)]  // on the "failed" box
        var state = CanvasState(document: doc)
        // The free note and the start node, moved so the note lands on "done" (34, 20).
        state.select(["free", "start"])
        state.cursor = GridPoint(2, 12)
        state.handle(.startMove)
        state.handle(.moveCursor(dx: 33, dy: 8))
        state.handle(.confirm)
        #expect(state.mode == .movingSelection(origin: GridPoint(2, 12)), "refused: still moving")
        #expect(state.message?.contains("would overlap \"Resolved\"") == true)
        state.handle(.cancel)
        #expect(state.document.notes[0].x == 2 && state.document.notes[0].y == 12)
        // The old note already on a box moves with its group without pinning it.
        state.select(["old", "start"])
        state.cursor = GridPoint(3, 3)
        state.handle(.startMove)
        state.handle(.moveCursor(dx: 0, dy: 2))
        state.handle(.confirm)
        #expect(state.mode == .normal)
        #expect(state.document.notes[1].y == 23 && state.document.node(withID: "start")?.y == 4)
    }

    @Test func notesAreObstaclesForConnectorRouting() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = CanvasFixtures.orderStatus()
        doc.nodes = [CanvasFixtures.start(2, 2), CanvasFixtures.end("done", "Resolved", "resolved", 90, 2)]
        doc.connections = [Connection(from: "start", outcome: "next", to: "done")]
        let s = try orderStatus(tw, doc)
        let link = doc.connections[0]
        let before = try #require(s.canvasView.router.cachedRoute(link)).cells
        // A note across the middle of the straight line between the two boxes.
        s.state.flow.addNote(text: "one\ntwo\nthree", attachedTo: nil, at: (55, 1))
        _ = renderFrame(s, 200, 60)
        let r = try #require(s.canvasView.noteRect(s.document.notes[0].id))
        #expect(before.contains { r.contains($0) }, "the line ran where the note now is")
        let after = try #require(s.canvasView.router.cachedRoute(link)).cells
        #expect(!after.contains { r.contains($0) }, "the connector now goes round the note")
        #expect(after.first == before.first && after.last == before.last)
        // Moved by m, the note is an obstacle where it now is.
        let id = s.document.notes[0].id
        s.state.handle(.jumpTo(GridPoint(r.x + 1, r.y + 1)))
        s.send(.char("m"))
        for _ in 0..<12 { s.send(.key(.down)) }
        s.send(.key(.enter))
        _ = renderFrame(s, 200, 60)
        #expect(s.canvasView.router.noteObstacles.rect(of: id) == GridRect(x: r.x, y: r.y + 12, width: r.width, height: r.height))
        // Deleting the note takes it out of the router's obstacles.
        s.state.flow.deleteNote(s.document.notes[0].id)
        _ = renderFrame(s, 200, 60)
        #expect(s.canvasView.router.noteObstacles.all.isEmpty)
    }

    // MARK: - Conflict dialog

    @Test func conflictDialogDifferencesShowsTheUnsavedDocumentAgainstTheStoredDraftAndComesBack() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Shared")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.focus(node: "done")
        s.send(.char("x"))  // ours: without "done"
        var theirs = try tw.workspace.document(id).document
        let other = try #require(theirs.nodes.firstIndex { $0.id != "done" })
        theirs.nodes[other].label = "Renamed elsewhere"
        try tw.workspace.saveDraft(id, document: theirs, expectedRevision: 1)  // someone else saves
        let ours = s.document
        s.send(.char("s"))
        #expect(s.modalName == "conflict")
        #expect(frameText(s, 80, 24).contains("Differences"))
        s.send(.char("d"))
        #expect(s.modalName == nil && s.isShowingDiff)
        #expect(s.isReadOnly && s.document == ours, "the canvas shows the unsaved document")
        let removed = try #require(s.diffMarks?.diff.removedNodes)
        #expect(removed == ["done"], "against the stored draft, ours removes done")
        #expect(s.diffMarks?.diff.changedNodes.map(\.id) == [theirs.nodes[other].id], "and has the old label")
        let frame = frameText(s, 120, 30)
        #expect(frame.contains("Your unsaved changes against the stored draft"))
        s.send(.char("s"))
        #expect(try tw.workspace.document(id).document == theirs, "nothing saves from the diff")

        // Esc: back to the dialog, focus on Cancel, our document and its undo kept.
        s.send(.char("q"))
        #expect(s.modalName == "conflict" && !s.isShowingDiff)
        #expect(s.document == ours && s.hasUnsavedChanges && !s.isReadOnly)
        s.send(.key(.enter))  // Cancel has the focus
        #expect(s.modalName == nil && s.message?.contains("not saved") == true)
        s.send(.char("u"))
        #expect(s.document.node(withID: "done") != nil, "the undo history came back too")
        #expect(try tw.workspace.document(id).document == theirs)
    }
}
