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
        let small = frameText(s, 80, 24)
        assertScreenGolden(small, "canvas-80x24")
        #expect(small.contains("Palette") && small.contains("✖ 1 · ▲ 0"))
        #expect(small.contains("Order status │ Working Draft (new)"))
        assertScreenGolden(frameText(s, 120, 40), "canvas-120x40")
    }

    @Test func errorsPaneAfterSave() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.send(.char("s"))
        #expect(s.findings.contains { $0.node == "start" && $0.field == "address" })
        s.send(.key(.tab))  // canvas → errors
        #expect(s.focus == .errors)
        let text = frameText(s, 100, 24)
        assertScreenGolden(text, "canvas-errors-pane")
        #expect(text.contains("Errors 1 · Warnings 0"))
    }

    @Test func nodeFormWithErrors() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.state.focus(node: "start")
        s.send(.key(.enter))
        #expect(s.modalName == "form")
        let text = frameText(s, 80, 24)
        assertScreenGolden(text, "canvas-node-form")
        #expect(text.contains("Address (number or id) ★"))
        #expect(text.contains("✖"), "the empty mandatory address shows its finding inline")
    }

    @Test func helpOverlay() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        s.send(.char("?"))
        #expect(s.modalName == "help")
        assertScreenGolden(frameText(s, 80, 24), "canvas-help")
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
        assertScreenGolden(frameText(s, 80, 24), "canvas-quit-prompt")
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
        assertScreenGolden(frameText(s, 80, 24), "canvas-conflict")
    }

    @Test func tooSmall() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        let text = frameText(s, 40, 10)
        assertScreenGolden(text, "canvas-too-small")
        #expect(text.contains("terminal too small (need 60×16)"))
    }

    @Test func asciiFallback() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try screen(tw)
        let text = frameText(s, 80, 24, glyphs: .ascii)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII } || !text.contains("╭"))
        assertScreenGolden(text, "canvas-ascii")
    }
}
