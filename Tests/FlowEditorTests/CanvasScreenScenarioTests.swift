@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Editing scenarios driven by key and mouse events through the canvas screen, against a
/// real workspace in a temporary directory.
@Suite struct CanvasScreenScenarioTests {
    @Test func placeConnectFillSaveJumpQuitThenUndoAndRedo() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Scenario")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let original = s.document
        _ = frameText(s, 100, 30)

        // Place a Send node from the palette: the ghost starts in the first free spot below
        // Start (the cursor rests on Start), then goes 16 rows further down.
        s.send(.char("a"))
        #expect(s.focus == .palette)
        s.type("send")
        #expect(s.palette.selectedType?.type == "send")
        s.send(.key(.enter))
        #expect(s.state.mode == .placing(type: "send") && s.focus == .canvas)
        let ghost = s.state.cursor
        #expect(s.state.overlaps(s.state.previewRect(type: "send", at: ghost), except: nil) == nil)
        s.send(.key(.down, .shift), .key(.down, .shift), .key(.enter))
        let placed = try #require(s.document.nodes.first { $0.type == "send" })
        #expect((placed.x, placed.y) == (ghost.x, ghost.y + 16))
        #expect((placed.x, placed.y) == (3, 22))
        #expect(s.hasUnsavedChanges && frameText(s, 100, 30).contains("●"))

        // Move it three cells right by keyboard.
        s.send(.char("m"), .key(.right), .key(.right), .key(.right), .key(.enter))
        #expect(s.document.node(withID: placed.id)?.x == 6)

        // Connect Start.next to it: find Start, c, / picks the target, Enter joins.
        s.send(.char("/"))
        s.type("inbound")
        s.send(.key(.enter))
        #expect(s.state.nodeUnderCursor?.id == "start")
        s.send(.char("c"))
        #expect(s.state.mode == .connecting(from: "start", outcomes: ["next"], outcomeIndex: 0))
        s.send(.char("/"))
        s.type(placed.id)
        s.send(.key(.enter))
        #expect(s.state.mode == .connecting(from: "start", outcomes: ["next"], outcomeIndex: 0), "find returns to connecting")
        s.send(.key(.enter))
        #expect(s.document.connections.contains(Connection(from: "start", outcome: "next", to: placed.id)))
        #expect(!s.document.connections.contains(Connection(from: "start", outcome: "next", to: "done")))

        // Fill its form: Tab to Message, type, Ctrl-S applies.
        s.state.focus(node: placed.id)
        s.send(.key(.enter))
        let form = try #require(s.form)
        #expect(form.fieldIDs == ["label", "channel", "to", "from", "message"])
        s.send(.key(.tab), .key(.tab), .key(.tab), .key(.tab))
        #expect(s.form?.focusedFieldID == "message")
        s.type("Hi there")
        s.send(.ctrl("s"))
        #expect(s.modalName == nil)
        #expect(s.document.node(withID: placed.id)?.config["message"] == "Hi there")

        // Save: findings fill the errors pane.
        s.send(.char("s"))
        #expect(!s.hasUnsavedChanges && s.revision == 2)
        let sendFinding = try #require(s.findings.firstIndex { $0.node == placed.id })
        #expect(frameText(s, 100, 30).contains("Errors \(s.findings.filter { $0.severity == .error }.count)"))

        // Errors pane: Enter jumps to the node and highlights it; Enter again opens its form.
        s.send(.key(.tab))
        #expect(s.focus == .errors)
        s.send(Array(repeating: .key(.down), count: sendFinding))
        s.send(.key(.enter))
        #expect(s.focus == .canvas && s.state.highlighted == placed.id && s.state.nodeUnderCursor?.id == placed.id)
        s.send(.key(.enter))
        #expect(s.form?.original.id == placed.id)
        s.send(.key(.escape))

        // Nothing unsaved: q quits at once.
        #expect(s.send(.char("q")).isQuit)
        let stored = try tw.workspace.document(id)
        #expect(stored.draftRevision == 2)
        #expect(FlowCodec.exportJSON(stored.document) == FlowCodec.exportJSON(s.document))
        let edited = s.document

        // Undo everything: the original document; redo everything: the edited one.
        var guardCount = 0
        while s.state.flow.canUndo, guardCount < 50 { s.send(.char("u")); guardCount += 1 }
        #expect(s.document == original)
        while s.state.flow.canRedo, guardCount < 100 { s.send(.ctrl("r")); guardCount += 1 }
        #expect(s.document == edited)
    }

    @Test func conflictOffersSaveAsCopyAndNeverOverwrites() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Shared")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.focus(node: "done")
        s.send(.char("x"))
        try tw.workspace.saveDraft(id, document: validSMSDocument, expectedRevision: 1)
        let theirs = try tw.workspace.document(id)
        s.send(.char("s"))
        #expect(s.modalName == "conflict")
        #expect(try tw.workspace.document(id) == theirs, "the other save is untouched")
        s.send(.char("s"))  // "Save as copy" by its first letter
        #expect(s.modalName == "copy")
        s.send(.ctrl("u"))
        s.type("Shared mine")
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.flowName == "Shared mine" && !s.hasUnsavedChanges)
        let mine = try tw.workspace.document("Shared mine").document
        #expect(mine.nodes.map(\.id) == s.document.nodes.map(\.id) && mine.node(withID: "done") == nil)
        #expect(try tw.workspace.document(id) == theirs)
    }

    @Test func conflictReloadTakesTheStoredDraft() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Shared")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.focus(node: "done")
        s.send(.char("x"))
        try tw.workspace.saveDraft(id, document: validSMSDocument, expectedRevision: 1)
        s.send(.char("s"))
        s.send(.char("r"))  // Reload
        #expect(s.modalName == nil && !s.hasUnsavedChanges && s.revision == 2)
        #expect(s.document.node(withID: "reply") != nil)
        s.send(.char("s"))
        #expect(s.revision == 3, "after a reload, saving works again")
    }

    @Test func quitPromptSaveDiscardCancel() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Q")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.focus(node: "done")
        s.send(.char("x"))
        s.send(.char("q"))
        #expect(s.send(.char("c")).isQuit == false && s.modalName == nil, "Cancel stays")
        s.send(.char("q"))
        #expect(s.send(.char("s")).isQuit, "Save, then leave")
        #expect(try tw.workspace.document(id).document.node(withID: "done") == nil)
        s.state.focus(node: "start")
        s.send(.char("x"))
        s.send(.char("q"))
        #expect(s.send(.char("d")).isQuit, "Discard leaves without saving")
        #expect(try tw.workspace.document(id).document.node(withID: "start") != nil)
    }

    @Test func recoverySlotIsWrittenOnSignalAndOfferedOnOpen() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("R")
        let nav = EditorNavigator()
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id, navigator: nav)
        nav.push(s)
        s.state.focus(node: "done")
        s.send(.char("x"))
        let edited = s.document
        nav.preserveUnsavedWork()  // what SIGHUP/SIGTERM runs
        let slot = RecoverySlot(workspaceDirectory: tw.directory)
        #expect(FileManager.default.fileExists(atPath: slot.url(for: id).path))

        let again = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        #expect(again.modalName == "restore")
        #expect(frameText(again, 80, 24).contains("Unsaved changes found"))
        again.send(.key(.enter))  // Restore
        #expect(again.document == edited && again.hasUnsavedChanges)
        #expect(!FileManager.default.fileExists(atPath: slot.url(for: id).path), "the slot is gone after restore")
        again.send(.char("u"))
        #expect(again.document.node(withID: "done") != nil, "the restore is one undoable edit")

        // Discard also removes it.
        try slot.write(flowID: id, revision: 1, document: edited)
        let third = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        third.send(.char("d"))
        #expect(third.modalName == nil && third.document.node(withID: "done") != nil)
        #expect(slot.read(flowID: id) == nil)
    }

    @Test func ctrlCKeepsUnsavedWorkAndQuitsEverything() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("C")
        let nav = EditorNavigator()
        nav.push(FlowListScreen(workspace: tw.workspace, navigator: nav))
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id, navigator: nav)
        nav.push(s)
        s.state.focus(node: "done")
        _ = nav.handle(.char("x"))
        #expect(nav.handle(.ctrl("c")).isQuit)
        #expect(RecoverySlot(workspaceDirectory: tw.directory).read(flowID: id)?.document == s.document)
    }

    @Test func versionIsReadOnly() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        _ = try tw.workspace.createFlow(named: "Live", document: validSMSDocument)
        try tw.workspace.makeLive("Live", MakeLiveRequest(comment: "one"))
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: "Live", version: 1)
        #expect(s.isReadOnly && s.documentLabel == "v1 · Live · read-only")
        #expect(frameText(s, 100, 24).contains("v1 · Live · read-only"))
        let before = s.document
        s.state.focus(node: "reply")
        s.send(.char("x"), .char("m"), .key(.right), .char("a"), .char("u"), .ctrl("r"), .char("n"))
        #expect(s.document == before && s.modalName == nil && s.focus == .canvas)
        s.send(.char("s"))
        #expect(s.message?.contains("read-only") == true)
        s.send(.key(.escape))
        s.state.focus(node: "reply")
        s.send(.key(.enter))
        #expect(s.form?.readOnly == true)
        s.type("zzz")
        s.send(.ctrl("s"))
        #expect(s.document == before)
        // Without --version the live flow opens as a new draft based on v1.
        let draft = try CanvasScreen.open(workspace: tw.workspace, flow: "Live")
        #expect(draft.documentLabel == "Working Draft (based on v1)" && !draft.isReadOnly)
    }

    @Test func mouseClickSelectsDragMovesWheelPansPaletteClickPlaces() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("M")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = frameText(s, 100, 30)
        let inner = Pane.contentRect(of: s.canvasRect)
        func screenPoint(_ g: GridPoint) -> (Int, Int) {
            (inner.x + g.x - s.state.viewportOrigin.x, inner.y + g.y - s.state.viewportOrigin.y)
        }
        // Click selects: the cursor goes to the clicked cell.
        var (x, y) = screenPoint(GridPoint(37, 2))
        s.send(.mouse(MouseEvent(.press, x: x, y: y)), .mouse(MouseEvent(.release, x: x, y: y)))
        #expect(s.state.cursor == GridPoint(37, 2) && s.state.nodeUnderCursor?.id == "done")
        // Drag moves the node by the pointer's offset.
        s.send(.mouse(MouseEvent(.press, x: x, y: y)))
        (x, y) = screenPoint(GridPoint(37, 14))
        s.send(.mouse(MouseEvent(.drag, x: x, y: y)), .mouse(MouseEvent(.release, x: x, y: y)))
        #expect(s.document.node(withID: "done")?.y == 13)
        // Wheel pans.
        let origin = s.state.viewportOrigin
        s.send(.mouse(MouseEvent(.wheelDown, button: .none, x: x, y: y)))
        #expect(s.state.viewportOrigin.y == origin.y + 3)
        // Palette click, then a canvas click places there.
        _ = frameText(s, 100, 30)
        let row = try #require(s.paletteRowTypes.first { $0.type == "delay" })
        s.send(.mouse(MouseEvent(.press, x: 3, y: row.y)))
        #expect(s.focus == .palette)
        let target = GridPoint(s.state.viewportOrigin.x + 4, s.state.viewportOrigin.y + 19)
        (x, y) = screenPoint(target)
        s.send(.mouse(MouseEvent(.press, x: x, y: y)))
        let delay = try #require(s.document.nodes.first { $0.type == "delay" })
        #expect((delay.x, delay.y) == (target.x, target.y) && s.state.mode == .normal)
    }

    @Test func externalEditorReplacesTheFocusedText() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("E")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let script = tw.directory.appendingPathComponent("ed.sh")
        try "#!/bin/sh\nprintf 'first line\\nsecond line\\n' > \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        s.externalEditor = script.path
        s.state.focus(node: "start")
        s.send(.key(.enter))
        s.send(.ctrl("x"))
        let action = s.send(.ctrl("e"))  // label field
        guard case .suspend(let body) = action else { Issue.record("Ctrl-E should suspend the UI"); return }
        body()
        #expect(s.form?.value(of: "label") == "first line second line", "a one-line field gets the lines joined by a space")
        s.send(.key(.escape))
        #expect(s.document.node(withID: "start")?.label == "Inbound SMS", "Esc cancels the form")
    }
}
