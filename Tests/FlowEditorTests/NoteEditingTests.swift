@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Notes through key events: add (flow-level and attached), edit, delete, undo, save,
/// and how they look (Markdown as cell attributes, the link's URL when selected).
@Suite struct NoteEditingTests {
    /// The (x, y) of the first occurrence of `text` in the frame.
    func locate(_ text: String, in buffer: CellBuffer) -> (x: Int, y: Int)? {
        for (y, line) in buffer.text().components(separatedBy: "\n").enumerated() {
            if let r = line.range(of: text) { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
        }
        return nil
    }

    @Test func addEditDeleteAndUndoBack() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.workspace.createFlow(named: "Notes", document: validSMSDocument).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = frameText(s, 110, 30)
        let original = s.document

        // A flow-level note on an empty cell.
        s.state.handle(.jumpTo(GridPoint(4, 14)))
        s.send(.char("n"))
        #expect(s.modalName == "note")
        s.type("Orders API: **v2** only, *beta*. See [docs](https://example.com/api)")
        s.send(.key(.enter))
        let flowNote = try #require(s.document.notes.first)
        #expect(flowNote.node == nil && (flowNote.x, flowNote.y) == (4, 14))
        let afterAdd = s.document

        // A note attached to a node moves with it.
        s.state.focus(node: "reply")
        s.send(.char("n"))
        s.type("retry twice")
        s.send(.key(.enter, .alt))
        s.type("then give up")
        s.send(.key(.enter))
        let attached = try #require(s.document.notes.last)
        #expect(attached.node == "reply" && attached.text == "retry twice\nthen give up")
        s.send(.char("m"), .key(.down), .key(.down), .key(.enter))
        #expect(s.document.notes.last?.y == attached.y + 2, "an attached note moves with its node")
        s.send(.char("u"))

        // The cursor on the flow note: its link's URL shows; Enter edits it. (Esc first: a key
        // clears the undo's message, as the arrows that would bring the cursor there do.)
        s.send(.key(.escape))
        s.state.handle(.jumpTo(GridPoint(6, 15)))
        #expect(s.state.noteUnderCursor?.id == flowNote.id)
        #expect(frameText(s, 110, 30).contains("docs → https://example.com/api"))
        s.send(.key(.enter))
        #expect(s.modalName == "note")
        s.type(" Ask Ana.")
        s.send(.key(.enter))
        #expect(s.document.notes.first?.text == flowNote.text + " Ask Ana.")

        // x deletes it.
        s.send(.char("x"))
        #expect(!s.document.notes.contains { $0.id == flowNote.id })
        #expect(s.message?.hasPrefix("deleted note") == true)

        // Saved in the document.
        s.send(.char("s"))
        #expect(try tw.workspace.document(id).document.notes == s.document.notes)

        // Undo back: delete, edit, attached note, flow note.
        s.send(.char("u"))
        #expect(s.document.notes.first?.text == flowNote.text + " Ask Ana.")
        s.send(.char("u"))
        #expect(s.document.notes.first?.text == flowNote.text)
        s.send(.char("u"))
        #expect(s.document == afterAdd)
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func theStatusLineOnANoteWithoutLinksShowsItsTextNotItsID() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = validSMSDocument
        doc.notes = [FlowNote(id: "note-7", text: "\n  Ask legal before changing the opt-out wording, it is regulated\nsecond line",
                              node: nil, x: 2, y: 12)]
        let id = try tw.workspace.createFlow(named: "Gist", document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.handle(.jumpTo(GridPoint(3, 13)))
        let text = TerminalApp.frame(for: s, size: Size(width: 200, height: 30), glyphs: .unicode).text()
        #expect(text.contains("note \"Ask legal before changing the opt-out w…\" · Enter edits, m moves, x deletes"))
        #expect(!text.contains("note-7"))
    }

    @Test func formattingIsDrawnAsAttributesAndEmptyNotesAreRefused() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = validSMSDocument
        doc.notes = [FlowNote(id: "note-1", text: "Use **v2** or *v1* per [docs](https://x.test)", node: nil, x: 2, y: 12)]
        let id = try tw.workspace.createFlow(named: "Formatted", document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let opened = s.document
        s.state.handle(.jumpTo(GridPoint(3, 13)))  // inside the note, on its padding
        let frame = TerminalApp.frame(for: s, size: Size(width: 110, height: 30), glyphs: .unicode)
        assertScreenGolden(frame, "note-formatting-selected")
        let at = try #require(locate("Use v2 or v1 per docs", in: frame))
        func attrs(_ dx: Int) -> TextAttributes { frame[at.x + dx, at.y].style.attributes }
        #expect(attrs(0).isEmpty)                                       // U
        #expect(attrs(4).contains(.bold) && attrs(5).contains(.bold))   // v2
        #expect(attrs(10).contains(.italic) && !attrs(10).contains(.bold))  // v1
        #expect(attrs(17).contains(.underline) && attrs(20).contains(.underline))  // docs
        #expect(!attrs(16).contains(.underline))
        #expect(frame.text().contains("docs → https://x.test · Enter edits, m moves, x deletes"))

        // Editing to nothing is refused, not a silent delete.
        s.send(.key(.enter))
        for _ in 0..<60 { s.send(.key(.backspace)) }
        s.send(.key(.enter))
        #expect(s.modalName == "note")
        #expect(frameText(s, 110, 30).contains("a note needs some text"))
        s.send(.key(.escape))
        #expect(s.document == opened)
    }

    @Test func readOnlyVersionsShowNotesButDoNotChangeThem() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = validSMSDocument
        doc.notes = [FlowNote(id: "note-1", text: "hello", node: nil, x: 2, y: 12)]
        let s = CanvasScreen(workspace: tw.workspace, flowID: "x", flowName: "X", document: doc, revision: 1,
                             source: .version(1, isLive: true))
        s.state.handle(.jumpTo(GridPoint(3, 13)))
        s.send(.char("x"))
        #expect(s.document.notes.count == 1)
        s.send(.char("n"))
        #expect(s.modalName == nil)
    }
}
