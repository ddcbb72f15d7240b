import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The flow list as a manager (issue 12): delete, rename, export, filter, sort, the
/// columns, the preview, a refused import's nodes, and following other processes.
@Suite struct FlowListManagerTests {
    func select(_ s: FlowListScreen, _ name: String) throws {
        let row = try #require(s.flows.firstIndex { $0.name == name })
        s.send(.key(.home))
        s.send(Array(repeating: Event.key(.down), count: row))
        #expect(s.selectedFlow?.name == name)
    }

    /// A live flow, paused, with a newer draft that has errors; a running live flow; a
    /// draft-only flow with a warning-free draft.
    func threeFlows(_ tw: TempWorkspace) throws {
        _ = try tw.workspace.createFlow(named: "Order status", document: validSMSDocument)
        try tw.workspace.makeLive("Order status", MakeLiveRequest(comment: "first cut"))
        try tw.workspace.saveDraft("Order status", document: FlowTemplates.named("blank")!.document, expectedRevision: 0)
        _ = try tw.workspace.createFlow(named: "Survey", document: validSMSDocument)
        try tw.workspace.makeLive("Survey", MakeLiveRequest(comment: "launch"))
        _ = try tw.workspace.pause("Survey")
        _ = try tw.workspace.createFlow(named: "Draft only", document: validSMSDocument)
    }

    @Test func everyColumnAt80And200Columns() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (nav, s) = openFlowList(tw)
        try select(s, "Order status")
        let small = renderFrame(nav, 80, 24)
        assertScreenGolden(small, "flow-list-columns-80x24")
        let text = small.text()
        for title in ["NAME", "STATUS", "STATE", "LIVE", "DRAFT", "FINDINGS", "EDITED", "BY"] {
            #expect(text.contains(title), "\(title) fits 80 columns")
        }
        let order = try #require(text.split(separator: "\n").first { $0.contains("Order status") })
        #expect(order.contains("Live") && order.contains("running") && order.contains("v1") && order.contains("r2")
                && order.contains("✖") && order.contains("3h ago") && order.contains("tester"))
        #expect(text.contains("v1 (live)") && text.contains("first cut"), "the preview shows the versions and comments")

        let wide = renderFrame(nav, 200, 60)
        assertScreenGolden(wide, "flow-list-columns-200x60")
        #expect(wide.text().contains("first cut"))

        // At 60 columns the least needed columns go first, the name stays readable.
        let narrow = renderFrame(nav, 60, 20).text()
        #expect(narrow.contains("Order status") && !narrow.contains(" BY ") && !narrow.contains("EDITED"))
    }

    @Test func deleteAsksAndALiveFlowNeedsItsNameTyped() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (nav, s) = openFlowList(tw)
        try select(s, "Draft only")
        s.send(.char("x"))
        #expect(s.modalName == "delete")
        #expect(renderFrame(nav, 80, 24).text().contains("Delete Draft only?"))
        s.send(.key(.enter))  // Cancel has focus
        #expect(s.modalName == nil && (try? tw.workspace.flow("Draft only")) != nil)
        s.send(.char("x"))
        s.send(.key(.left))
        s.send(.key(.enter))
        #expect((try? tw.workspace.flow("Draft only")) == nil)
        #expect(s.message == "deleted 'Draft only'" && !s.flows.contains { $0.name == "Draft only" })

        try select(s, "Survey")
        s.send(.key(.delete))
        #expect(s.modalName == "delete")
        #expect(renderFrame(nav, 80, 24).text().contains("Type its name"))
        s.type("survey")
        s.send(.key(.enter))
        #expect(s.modalName == "delete", "the name must be typed exactly")
        #expect(renderFrame(nav, 80, 24).text().contains("nothing was deleted"))
        s.send(.ctrl("u"))
        s.type("Survey")
        s.send(.key(.enter))
        #expect(s.modalName == nil && (try? tw.workspace.flow("Survey")) == nil)
    }

    @Test func renameKeepsTheIDAndExportWritesTheFile() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (_, s) = openFlowList(tw)
        try select(s, "Draft only")
        let id = try #require(s.selectedFlow?.id)
        s.send(.char("r"))
        #expect(s.modalName == "rename")
        s.send(.ctrl("u"))
        s.type("Survey")
        s.send(.key(.enter))
        #expect(s.modalName == "rename", "a taken name keeps the dialog open")
        s.send(.ctrl("u"))
        s.type("Renamed")
        s.send(.key(.enter))
        #expect(try tw.workspace.flow(id).name == "Renamed")
        #expect(s.selectedFlow?.id == id)

        let out = tw.directory.appendingPathComponent("out.json")
        s.send(.char("e"))
        #expect(s.modalName == "export")
        s.send(.ctrl("u"))
        s.type(out.path)
        s.send(.key(.enter))
        #expect(s.modalName == nil)
        let exported = try Workspace.loadDocument(file: out)
        #expect(exported.name == "Renamed" && exported.nodes.map(\.id).sorted() == validSMSDocument.nodes.map(\.id).sorted())
    }

    @Test func slashFiltersAndSSorts() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (nav, s) = openFlowList(tw)
        s.send(.char("/"))
        s.type("S")
        #expect(s.flows.map(\.name) == ["Order status", "Survey"], "names containing s, case-insensitively")
        s.type("ux")
        #expect(s.flows.isEmpty)
        #expect(renderFrame(nav, 80, 24).text().contains("no flow name contains \"Sux\""))
        s.send(.key(.backspace))
        #expect(s.flows.map(\.name) == ["Survey"])
        #expect(renderFrame(nav, 80, 24).text().contains("/Su_"))
        s.send(.key(.enter))
        #expect(!s.isTypingFilter && s.filterText == "Su")
        #expect(renderFrame(nav, 80, 24).text().contains("1 of 3 flows"))
        s.send(.char("/"))
        s.send(.key(.escape))
        #expect(s.flows.count == 3 && s.filterText.isEmpty)

        s.send(.char("s"))
        #expect(s.sort == .lastEdited)
        #expect(s.flows.first?.name == "Draft only", "the newest edit first")
        s.send(.char("s"))
        #expect(s.sort == .status)
        #expect(s.flows.map(\.name) == ["Order status", "Survey", "Draft only"], "running, paused, draft")
    }

    @Test func aChangeByAnotherProcessShowsOnTheNextTick() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (_, s) = openFlowList(tw)
        #expect(s.tick().isNone, "nothing changed: no reload, no redraw")
        // Another connection (as another process has) deletes a flow and adds one.
        let other = try Workspace(directory: tw.directory, author: "someone")
        try other.deleteFlow("Survey")
        _ = try other.createFlow(named: "From the CLI", document: validSMSDocument)
        #expect(!s.tick().isNone)
        #expect(s.flows.map(\.name).sorted() == ["Draft only", "From the CLI", "Order status"])
        #expect(s.tick().isNone)
    }

    @Test func aRefusedImportListsEveryOffendingNode() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        var doc = validSMSDocument
        for i in 1...25 {
            doc.nodes.append(FlowNode(id: "odd-\(i)", type: "teleport", label: "Odd node \(i)", x: 0, y: i * 4, config: [:]))
        }
        let file = tw.directory.appendingPathComponent("odd.json")
        try FlowCodec.exportJSON(doc).write(to: file, atomically: true, encoding: .utf8)
        let (nav, s) = openFlowList(tw)
        s.send(.char("i"))
        s.type(file.path)
        s.send(.key(.enter))
        #expect(s.modalName == "import-refused")
        var text = renderFrame(nav, 100, 30).text()
        #expect(text.contains("25 nodes") && text.contains("odd-1 ") && text.contains("Odd node 1") && text.contains("teleport"))
        #expect(!text.contains("Odd node 9 "), "the last (by id) is below the fold")
        s.send(.key(.end))
        text = renderFrame(nav, 100, 30).text()
        #expect(text.contains("odd-9 ") && text.contains("Odd node 9 "), "the list scrolls to every node")
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.flows.count == 3)
    }

    @Test func theTemplateChooserShowsWhatEachDoesAndWhatToFillIn() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (nav, s) = openFlowList(tw)
        s.send(.char("n"))
        #expect(s.modalName == "templates")
        let chosen = try #require(s.templateChooserSelection)
        let text = renderFrame(nav, 120, 30).text()
        let (summary, fillIn) = TemplateDescription.parts(chosen)
        #expect(text.contains(String(summary.prefix(30))))
        #expect(!fillIn.isEmpty && text.contains("To fill in:"))
    }

    @Test func aNewIVRMenuSaysOnTheCanvasHowToMakeItsMediaFolder() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        try threeFlows(tw)
        let (nav, s) = openFlowList(tw)
        s.send(.char("n"))
        let index = try #require(FlowTemplates.all.firstIndex { $0.name == "ivr-menu" })
        for _ in 0..<index { s.send(.key(.down)) }
        #expect(s.templateChooserSelection?.name == "ivr-menu")
        s.send(.key(.enter))
        s.type("Phone menu")
        s.send(.key(.enter))
        let canvas = try #require(nav.top as? CanvasScreen)
        #expect(canvas.flowName == "Phone menu")
        #expect(canvas.message == "no media folder yet; run: flowcanvas media create ivr-menu --languages en")
        #expect(renderFrame(nav, 80, 24).text().contains("run: flowcanvas media create ivr-menu --languages en"))

        // Once the folder exists, nothing is said.
        _ = try tw.workspace.mediaLibrary.create("ivr-menu", languages: ["en"])
        #expect(nav.handle(.char("q")).isQuit == false)
        s.send(.char("n"))
        for _ in 0..<index { s.send(.key(.down)) }
        s.send(.key(.enter))
        s.type("Phone menu 2")
        s.send(.key(.enter))
        #expect((nav.top as? CanvasScreen)?.message == nil)
    }

    @Test func tabCompletesAPath() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let dir = tw.directory.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("order-status.json"))
        try Data().write(to: dir.appendingPathComponent("order-survey.json"))
        let base = tw.directory.path + "/"
        #expect(PathCompletion.complete(base + "exp").text == base + "exports/")
        let two = PathCompletion.complete(base + "exports/o")
        #expect(two.text == base + "exports/order-s" && two.choices == "order-status.json  order-survey.json")
        #expect(PathCompletion.complete(base + "exports/order-sta").text == base + "exports/order-status.json")
        #expect(PathCompletion.complete(base + "exports/zzz").choices?.contains("nothing") == true)
        #expect(PathCompletion.complete("exp", currentDirectory: tw.directory.path).text == "exports/")
    }
}

extension ScreenAction {
    var isNone: Bool { if case .none = self { return true } else { return false } }
}
