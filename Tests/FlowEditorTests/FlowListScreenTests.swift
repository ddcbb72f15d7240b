import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

@Suite struct FlowListScreenTests {
    @Test func emptyWorkspaceInvitesToATemplateAndCreatesTheFlow() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (nav, s) = openFlowList(tw)
        let frame = renderFrame(nav, 80, 24)
        assertScreenGolden(frame, "flow-list-empty")
        let text = frame.text()
        #expect(text.contains("No flows yet"))
        for t in FlowTemplates.all { #expect(text.contains(t.name)) }

        s.send(.key(.down))  // second template
        let chosen = FlowTemplates.all[1]
        s.send(.key(.enter))
        #expect(s.modalName == "new")
        s.type("My first flow")
        s.send(.key(.enter))
        #expect(nav.stack.count == 2, "the new flow opens on the canvas")
        let canvas = try #require(nav.top as? CanvasScreen)
        #expect(canvas.flowName == "My first flow")
        let stored = try tw.workspace.document("My first flow").document
        #expect(stored.nodes.count == chosen.document.nodes.count)

        // q on the canvas goes back to the (now filled) list.
        #expect(!nav.handle(.char("q")).isQuit)
        #expect(nav.top === s && s.flows.count == 1)
    }

    @Test func filledListShowsStatusStateVersionAndDraft() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        _ = try tw.workspace.createFlow(named: "Live one", document: validSMSDocument)
        try tw.workspace.makeLive("Live one", MakeLiveRequest(comment: "v1"))
        _ = try tw.workspace.pause("Live one")
        try tw.flow("Draft only")
        let (nav, s) = openFlowList(tw)
        let frame = renderFrame(nav, 80, 24)
        assertScreenGolden(frame, "flow-list")
        let text = frame.text()
        let live = try #require(text.split(separator: "\n").first { $0.contains("Live one") })
        #expect(live.contains("Live") && live.contains("paused") && live.contains("v1") && !live.contains("draft"))
        let draft = try #require(text.split(separator: "\n").first { $0.contains("Draft only") })
        #expect(draft.contains("Draft") && draft.contains("r1") && draft.contains("3h ago") && draft.contains("tester"))

        // p resumes a paused flow at once; pausing a running one asks first.
        let row = try #require(s.flows.firstIndex { $0.name == "Live one" })
        s.send(.key(.home))
        s.send(Array(repeating: Event.key(.down), count: row))
        s.send(.char("p"))
        #expect(try tw.workspace.flow("Live one").state == .running)
        s.send(.char("p"))
        #expect(s.modalName == "pause")
        #expect(renderFrame(nav, 80, 24).text().contains("Pause Live one?"))
        s.send(.key(.escape))
        #expect(try tw.workspace.flow("Live one").state == .running, "Esc pauses nothing")
        s.send(.char("p"))
        s.send(.key(.left))  // Cancel has focus first
        s.send(.key(.enter))
        #expect(try tw.workspace.flow("Live one").state == .paused)
    }

    /// The first line inside the help box (the section it opened at).
    func helpTop(_ nav: EditorNavigator) -> String {
        let rows = renderFrame(nav, 100, 30).text().split(separator: "\n").map(String.init)
        guard let box = rows.firstIndex(where: { $0.contains("═ Help ═") }), box + 1 < rows.count else { return "" }
        return rows[box + 1]
    }

    @Test func helpInADialogOpensAtItsKeysAndComesBackToIt() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try tw.flow("Draft only")
        let (nav, s) = openFlowList(tw)
        s.send(.char("n"), .key(.down))
        let chosen = s.templateChooserSelection?.name
        s.send(.char("?"))
        #expect(s.modalName == "help" && helpTop(nav).contains(EditorKeymaps.flowList.title))
        s.send(.key(.escape))
        #expect(s.templateChooserSelection?.name == chosen && chosen != nil, "back in the chooser, where it was")
        s.send(.key(.escape))

        // In a path prompt ? is text; F1 opens the help at the path prompt's keys.
        s.send(.char("i"))
        s.send(.ctrl("u"))
        s.type("a?")
        s.send(.key(.function(1)))
        #expect(helpTop(nav).contains(EditorKeymaps.pathPrompt.title))
        s.send(.key(.escape))
        guard case .importPath(let d)? = s.modal else { Issue.record("back in the import prompt"); return }
        #expect(d.text == "a?")
        s.send(.key(.escape))

        // While a filter is typed, likewise.
        s.send(.char("/"))
        s.type("dr?")
        #expect(s.filterText == "dr?")
        s.send(.key(.function(1)))
        #expect(helpTop(nav).contains(EditorKeymaps.flowListFilter.title))
    }

    @Test func helpOnTheListOpensAtTheListsKeys() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try tw.flow("Draft only")
        let (nav, s) = openFlowList(tw)
        _ = renderFrame(nav, 80, 24)
        s.send(.char("?"))
        #expect(s.modalName == "help")
        let rows = renderFrame(nav, 80, 24).text().split(separator: "\n")
        #expect(rows[2].contains(EditorKeymaps.flowList.title), "first line of the box: \(rows[2])")
        #expect(!rows.contains { $0.contains("next / previous pane (palette") }, "the canvas's keys are further down")
        s.send(.key(.home))
        #expect(renderFrame(nav, 80, 24).text().contains("Anywhere"), "and the whole help is a key away")
        #expect(s.modalName == "help")
    }

    @Test func copyAndImportAskForANameOrPath() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try tw.flow("Source")
        let (_, s) = openFlowList(tw)
        s.send(.char("c"))
        #expect(s.modalName == "copy")
        s.send(.ctrl("u"))
        s.type("Source")
        s.send(.key(.enter))
        #expect(s.modalName == "copy", "a taken name keeps the dialog open with the reason")
        s.send(.ctrl("u"))
        s.type("Copied")
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.flows.map(\.name).sorted() == ["Copied", "Source"])

        let file = tw.directory.appendingPathComponent("in.json")
        try FlowCodec.exportJSON(validSMSDocument).write(to: file, atomically: true, encoding: .utf8)
        s.send(.char("i"))
        s.type("/nonexistent/file.json")
        s.send(.key(.enter))
        #expect(s.modalName == "import")
        s.send(.ctrl("u"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-name")
        s.send(.ctrl("u"))
        s.type("Imported SMS")
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.flows.contains { $0.name == "Imported SMS" })
    }
}
