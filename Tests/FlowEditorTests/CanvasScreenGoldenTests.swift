import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The canvas screen's frame (panes, status bar, modal layers) as golden text. The canvas
/// pane's content is the renderer's and is covered by its own goldens.
@Suite struct CanvasScreenGoldenTests {
    func screen(_ tw: TempWorkspace, name: String = "Order status") throws -> CanvasScreen {
        let id = try tw.flow(name)
        return try CanvasScreen.open(workspace: tw.workspace, flow: id)
    }

    @Test func frameAt80x24And120x40() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        let smallFrame = renderFrame(s, 80, 24)
        assertScreenGolden(smallFrame, "canvas-80x24")
        let small = smallFrame.text()
        // Below 100 columns the side panes are one-column strips (CanvasPanesTests).
        #expect(!small.contains("Errors & Warnings") && s.canvasRect.width >= 64)
        #expect(small.contains("Order status │ Working Draft (new)"))
        let wide = renderFrame(s, 120, 40)
        assertScreenGolden(wide, "canvas-120x40")
        #expect(wide.text().contains("Palette") && wide.text().contains("Errors 1 · Warnings 0"),
                "live findings count in the errors pane's title")
    }

    @Test func errorsPaneAfterSave() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.send(.char("s"))
        #expect(s.findings.contains { $0.node == "start" && $0.field == "address" })
        s.send(.key(.tab))  // canvas → errors
        #expect(s.focus == .errors)
        let frame = renderFrame(s, 100, 24)
        let text = frame.text()
        assertScreenGolden(frame, "canvas-errors-pane")
        #expect(text.contains("Errors 1 · Warnings 0"))
    }

    @Test func nodeFormWithErrors() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.state.focus(node: "start")
        s.send(.key(.enter))
        #expect(s.modalName == "form")
        let frame = renderFrame(s, 80, 24)
        let text = frame.text()
        assertScreenGolden(frame, "canvas-node-form")
        #expect(text.contains("Address (number or id) ★"))
        #expect(text.contains("✖"), "the empty mandatory address shows its finding inline")
    }

    @Test func helpOverlay() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.send(.char("?"))
        #expect(s.modalName == "help")
        assertScreenGolden(renderFrame(s, 80, 24), "canvas-help")
        s.send(.char("x"))
        #expect(s.modalName == nil, "any other key closes the help")
    }

    @Test func quitPrompt() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.state.focus(node: "done")
        s.send(.char("x"))
        #expect(s.hasUnsavedChanges)
        #expect(!s.send(.char("q")).isQuit)
        #expect(s.modalName == "quit")
        assertScreenGolden(renderFrame(s, 80, 24), "canvas-quit-prompt")
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.hasUnsavedChanges)
    }

    @Test func conflictDialog() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.state.focus(node: "done")
        s.send(.char("x"))
        try tw.workspace.saveDraft(s.flowID, document: validSMSDocument, expectedRevision: 1)  // someone else saves
        s.send(.char("s"))
        #expect(s.modalName == "conflict")
        assertScreenGolden(renderFrame(s, 80, 24), "canvas-conflict")
    }

    @Test func tooSmall() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        let frame = renderFrame(s, 40, 10)
        let text = frame.text()
        assertScreenGolden(frame, "canvas-too-small")
        #expect(text.contains("terminal too small (need 60×16)"))
    }

    @Test func asciiFallback() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        let frame = renderFrame(s, 80, 24, glyphs: .ascii)
        let text = frame.text()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII } || !text.contains("╭"))
        assertScreenGolden(frame, "canvas-ascii")
    }
}
