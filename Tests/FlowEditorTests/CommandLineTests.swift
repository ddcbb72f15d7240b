import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The `:` command line: fuzzy matching, completion, and running actions against a real
/// workspace; find cycling on the canvas.
@Suite struct CommandLineTests {
    func open(_ doc: FlowDocument = validSMSDocument) throws -> (TempWorkspace, CanvasScreen, String) {
        let tw = try TempWorkspace()
        let id = try tw.workspace.createFlow(named: doc.name, document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        _ = frameText(s, 100, 30)
        return (tw, s, id)
    }

    var context: CommandContext { CommandContext(document: validSMSDocument, catalog: .standard) }

    func lines(_ text: String) -> [String] { CommandLinePrompt.suggestions(for: text, context: context).map(\.line) }

    @Test func fuzzyMatchingRanksActionsAndArguments() {
        #expect(lines("").count == EditorActions.all.count, "an empty line lists every action")
        #expect(lines("mkl").first == "make-live")
        #expect(lines("exp").first == "export")
        #expect(lines("u").first == "undo")
        #expect(lines("set").first == "settings")
        #expect(lines("zzz").isEmpty)
        #expect(lines("place sen").first == "place send")
        #expect(lines("place http").first == "place http-request")
        #expect(!lines("place ").contains("place play"), "voice node types only in voice flows")
        #expect(lines("goto repl") == ["goto reply"])
        #expect(lines("goto inbound").first == "goto start", "labels match too")
        #expect(lines("export m") == ["export mermaid"])
        #expect(lines("export dot out.dot") == ["export dot out.dot"])
        #expect(FuzzyMatch.score("abc", in: "xaxbxc") != nil && FuzzyMatch.score("acb", in: "abc") == nil)
    }

    @Test func parseReportsWhatIsMissing() throws {
        #expect(try EditorActions.parse("export json /tmp/f.json").get() == .export(format: .json, path: "/tmp/f.json"))
        #expect(try EditorActions.parse("  goto  Find order ").get() == .goto(node: "Find order"))
        func error(_ line: String) -> String? {
            if case .failure(let e) = EditorActions.parse(line) { return e.message } else { return nil }
        }
        #expect(error("export pdf x") == "export: \"pdf\" is not a format (mermaid, dot, json)")
        #expect(error("export dot") == "export dot needs a file name")
        #expect(error("save now") == "save takes no arguments")
        #expect(error("frobnicate") == "no action is called \"frobnicate\"")
    }

    @Test func goldenFuzzyList() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char(":"))
        #expect(s.modalName == "command")
        assertScreenGolden(renderFrame(s, 100, 30), "command-line-all")
        s.type("e")
        assertScreenGolden(renderFrame(s, 100, 30), "command-line-fuzzy")
        s.send(.key(.escape))
        #expect(s.modalName == nil)
    }

    @Test func tabCompletesAndEnterRunsWithArguments() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char(":"))
        s.type("pla")
        s.send(.key(.tab))
        #expect(commandLine(s)?.text == "place ")
        s.type("snd")
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.state.mode == .placing(type: "send"))
        s.send(.key(.escape))

        // Enter on an action that needs an argument completes it and says what is missing.
        s.send(.char(":"))
        s.type("expo")
        s.send(.key(.enter))
        #expect(commandLine(s)?.text == "export ")
        s.send(.key(.down), .key(.enter))     // dot
        #expect(commandLine(s)?.text == "export dot ")
        #expect(commandLine(s)?.error == "export dot needs a file name")
        s.send(.key(.escape))
    }

    @Test func gotoJumpsToANodeByIdOrLabel() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char(":"))
        s.type("goto Resolved")
        s.send(.key(.enter))
        #expect(s.state.nodeUnderCursor?.id == "done" && s.state.highlighted == "done")
        s.send(.char(":"))
        s.type("goto reply")
        s.send(.key(.enter))
        #expect(s.state.nodeUnderCursor?.id == "reply")
    }

    @Test func layoutIsOneUndoableEditAndMovesAttachedNotes() throws {
        var doc = validSMSDocument
        doc.nodes[1].x = 5; doc.nodes[1].y = 40
        doc.nodes[2].x = 90; doc.nodes[2].y = 0
        doc.notes = [FlowNote(id: "note-1", text: "about reply", node: "reply", x: 5, y: 47)]
        let (tw, s, _) = try open(doc); defer { tw.cleanUp() }
        let original = s.document
        s.send(.char(":"))
        s.type("layout")
        s.send(.key(.enter))
        var expected = original
        AutoLayout.apply(to: &expected)
        #expect(s.document.nodes == expected.nodes)
        let reply = try #require(s.document.node(withID: "reply"))
        #expect(s.document.notes[0].x == (reply.x ?? 0) && s.document.notes[0].y == (reply.y ?? 0) + 7)
        #expect(s.state.flow.undoName == "auto-layout")
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func exportWritesTheFileOrSaysWhyNot() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        let file = tw.directory.appendingPathComponent("flow.mmd")
        s.send(.char(":"))
        s.type("export mermaid \(file.path)")
        s.send(.key(.enter))
        #expect(try String(contentsOf: file, encoding: .utf8) == GraphExport.mermaid(s.document))
        #expect(s.message == "exported mermaid to \(file.path)")

        let json = tw.directory.appendingPathComponent("flow.json")
        s.perform(.export(format: .json, path: json.path))
        #expect(try String(contentsOf: json, encoding: .utf8) == FlowCodec.exportJSON(s.document))

        s.perform(.export(format: .dot, path: tw.directory.appendingPathComponent("no/such/dir/f.dot").path))
        #expect(s.message?.hasPrefix("export: cannot write") == true)
    }

    @Test func makeLiveAndHistoryGoThroughPerformLikeTheirKeys() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char("L"))
        let byKey = s.modalName
        #expect(byKey != nil, "L opens the Make Live wizard (or its refusal)")
        s.send(.key(.escape))
        #expect(s.modalName == nil)
        s.send(.char(":"))
        s.type("make-live")
        s.send(.key(.enter))
        #expect(s.modalName == byKey)
        s.send(.key(.escape))
        s.send(.char("H"))
        let history = s.modalName
        #expect(history != nil, "H opens the version history")
        s.send(.key(.escape))
        s.send(.char(":"))
        s.type("history")
        s.send(.key(.enter))
        #expect(s.modalName == history)
        s.send(.key(.escape))
        s.send(.char(":"))
        s.type("settings")
        s.send(.key(.enter))
        #expect(s.modalName == "settings")
        s.send(.key(.escape))
        s.send(.char(":"))
        s.type("quit")
        #expect(s.send(.key(.enter)).isQuit)
    }

    @Test func findCyclesThroughMatchesAndShowsThePosition() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        s.send(.char("/"))
        s.type("sms")   // config values: Start's channel and Reply's channel
        #expect(s.state.findPosition! == (1, 2))
        #expect(frameText(s, 100, 30).contains("match 1/2"))
        #expect(s.state.nodeUnderCursor?.id == "start")
        s.send(.key(.tab))
        #expect(s.state.findPosition! == (2, 2) && s.state.nodeUnderCursor?.id == "reply")
        s.send(.key(.tab))
        #expect(s.state.nodeUnderCursor?.id == "start", "wraps round")
        s.send(.key(.backTab))
        #expect(s.state.nodeUnderCursor?.id == "reply")
        s.send(.key(.enter))
        #expect(s.state.mode == .normal && s.state.nodeUnderCursor?.id == "reply", "Enter stays on the match")
        #expect(s.message == "match 2/2 for \"sms\"; ^N / ^P next / previous, / then Tab goes on")
        // "/" then Tab repeats the last find from the next match.
        s.send(.char("/"), .key(.tab))
        #expect(s.state.nodeUnderCursor?.id == "start" && s.state.findPosition! == (1, 2))
        s.send(.key(.escape))
        // The command line starts a find too.
        s.send(.char(":"))
        s.type("find resolved")
        s.send(.key(.enter))
        #expect(s.state.highlighted == "done")
        #expect(s.state.findPosition! == (1, 1))
    }

    /// `<`, `>` and `!` have commands too (issue 10), and the list shows their keys.
    @Test func paneKeysHaveCommands() throws {
        let (tw, s, _) = try open(); defer { tw.cleanUp() }
        #expect(EditorKeymaps.key(forCommand: "palette") == "<")
        #expect(EditorKeymaps.key(forCommand: "errors-pane") == ">")
        #expect(EditorKeymaps.key(forCommand: "errors") == "!")
        func run(_ line: String) {
            s.send(.char(":"))
            s.type(line)
            s.send(.key(.enter))
            _ = frameText(s, 100, 30)
        }
        #expect(!s.isPaletteCollapsed(width: 100) && !s.isErrorsCollapsed(width: 100))
        run("palette")
        #expect(s.isPaletteCollapsed(width: 100))
        run("errors-pane")
        #expect(s.isErrorsCollapsed(width: 100))
        run("errors")
        #expect(s.focus == .errors, "the errors list opens over the canvas")
        s.send(.key(.escape))
        run("palette")
        run("errors-pane")
        #expect(!s.isPaletteCollapsed(width: 100) && !s.isErrorsCollapsed(width: 100))
    }
}

/// The command line on screen, if open.
func commandLine(_ s: CanvasScreen) -> CommandLinePrompt? {
    if case .tool(.commandLine(let p))? = s.modal { return p } else { return nil }
}
