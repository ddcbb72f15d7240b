@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// `?` (or F1 where `?` is text) opens the help at the keys of the place it is pressed in,
/// over that place, and closing the help comes back to it as it was.
@Suite struct ContextHelpTests {
    typealias F = LifecycleFixtures

    /// The first line inside the help box: the section it opened at.
    func helpTop(_ s: CanvasScreen) -> String {
        let lines = frameText(s, 120, 30).split(separator: "\n").map(String.init)
        guard let box = lines.firstIndex(where: { $0.contains("═ Help ═") }), box + 1 < lines.count else { return "" }
        return lines[box + 1]
    }

    @Test func inADiffTheHelpOpensAtTheDiffsKeysAndClosesBackToTheDiff() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("H"), .char("d"), .key(.down), .char("d"))
        #expect(s.diffMarks != nil)
        s.send(.char("?"))
        #expect(s.modalName == "help")
        #expect(helpTop(s).contains(EditorKeymaps.diff.title))
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.diffMarks != nil, "back in the diff")
    }

    @Test func onTheCanvasTheHelpOpensAtWhatTheCanvasIsDoing() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.send(.char("?"))
        #expect(helpTop(s).contains("FlowCanvas editor — keys"), "at rest: the top")
        s.send(.key(.escape))
        s.send(.key(.tab))  // the Errors pane
        #expect(s.focus == .errors)
        s.send(.char("?"))
        #expect(helpTop(s).contains(EditorKeymaps.errors.title))
        s.send(.key(.escape))
        #expect(s.focus == .errors, "the key that closes the help does nothing else")
    }

    @Test func inMakeLiveQuestionMarkIsHelpOnChoicesAndTextInTheComment() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Orders")
        try tw.workspace.saveDraft(id, document: F.twoChannels)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.cursor = GridPoint(0, 20)
        s.send(.char("L"))
        #expect(s.makeLiveWizard?.step == .apps)
        s.send(.char("?"))
        #expect(helpTop(s).contains(EditorKeymaps.makeLive.title))
        if case .lifecycle(.makeLive)? = s.modalUnderHelp {} else { Issue.record("the wizard stays under the help") }
        s.send(.key(.escape))
        #expect(s.makeLiveWizard?.step == .apps, "Esc closed the help, not the wizard's step")
        while s.makeLiveWizard?.step != .comment { s.send(.key(.enter)) }
        s.type("why?")
        #expect(s.modalName == "make-live" && s.makeLiveWizard?.request.comment == "why?", "? is text in the comment")
        s.send(.key(.function(1)))
        #expect(helpTop(s).contains(EditorKeymaps.makeLive.title), "F1 opens it there")
        s.send(.char("x"))
        #expect(s.makeLiveWizard?.request.comment == "why?", "the comment is as it was")
    }

    @Test func f1InANodeFormOpensAtTheFormsKeysAndKeepsWhatWasTyped() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        let node = try #require(s.document.nodes.first)
        s.state.cursor = GridPoint(node.x ?? 0, node.y ?? 0)
        s.send(.key(.enter))
        let before = try #require(s.form)
        let field = try #require(before.focusedFieldID)
        let text = before.value(of: field) ?? ""
        s.type("?")
        #expect(s.modalName == "form", "? is text in a form")
        s.send(.key(.function(1)))
        #expect(helpTop(s).contains(EditorKeymaps.nodeForm.title))
        s.send(.key(.escape))
        let after = try #require(s.form, "closing the help comes back to the form")
        #expect(after.focusedFieldID == field && after.value(of: field) == text + "?")
    }

    @Test func theHelpListsTheNewAppAndStubFormKeys() {
        let help = HelpOverlay.text
        #expect(help.contains(EditorKeymaps.newApp.title + "\n"))
        #expect(help.contains(EditorKeymaps.testRunStub.title + "\n"))
    }
}
