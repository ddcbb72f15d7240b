@testable import FlowCanvasView
import FlowKit
import FlowRuntime
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The test-run panel takes the mouse (issue 12 item 3): a click on a hint presses its
/// key, the stub form's rows and footer take clicks, a trigger field takes the focus, a
/// transcript step naming a node shows it on the canvas, the wheel scrolls the transcript;
/// and every test-run action is a `:` command (`test-…`).
@Suite struct TestRunMouseTests {
    static let document = TestRunStubTests.document
    let w = 120, h = 40

    /// Where `text` first appears in the frame (inside `within` when given).
    func locate(_ text: String, in s: CanvasScreen, within: Rect? = nil, after row: Int = -1) -> Point? {
        let b = renderFrame(s, w, h)
        let wanted = Array(text)
        for y in 0..<h where y > row {
            let cells = (0..<w).map { b[$0, y].character }
            guard cells.count >= wanted.count else { continue }
            for x in 0...(cells.count - wanted.count) where Array(cells[x..<x + wanted.count]) == wanted {
                if let within, !within.contains(Point(x: x, y: y)) { continue }
                return Point(x: x, y: y)
            }
        }
        return nil
    }

    /// Renders a frame (where things are) and clicks the first cell of `text`.
    func click(_ s: CanvasScreen, _ text: String, within: Rect? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let p = locate(text, in: s, within: within) else {
            Issue.record("\"\(text)\" is not on screen:\n\(frameText(s, w, h))", sourceLocation: sourceLocation)
            return
        }
        click(s, at: p)
    }

    func click(_ s: CanvasScreen, at p: Point) {
        s.send(.mouse(MouseEvent(.press, x: p.x, y: p.y)))
        s.send(.mouse(MouseEvent(.release, x: p.x, y: p.y)))
    }

    /// The lookup flow run to its end by keys, its HTTP call stubbed.
    func finishedLookupRun(_ tw: TempWorkspace) async throws -> (CanvasScreen, TestRunPanel) {
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.httpLookup(baseURL: "https://shop.invalid"))
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        panel.stubs.set(HTTPStub(status: 200, body: ["status": "shipped"]), for: "lookup")
        s.send(.key(.tab), .key(.tab))
        s.type("EX1")
        s.send(.key(.enter))
        await s.settleTestRun()
        return (s, panel)
    }

    @Test func aStubbedRunStartedSavedAndClosedWithTheMouse() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        _ = renderFrame(s, w, h)
        let panelRect = s.testRunRect

        // ^B in the hints opens the stub form; a click on Answer opens its list, one on
        // "stub" in the list chooses it; "Enter keep" in the footer keeps the stub.
        click(s, "^B stubs", within: panelRect)
        #expect(frameText(s, w, h).contains("HTTP stubs (test runs only)"))
        let answer = try #require(locate("Answer", in: s))
        let realCall = try #require(locate("real call", in: s, within: Rect(x: answer.x, y: answer.y, width: w - answer.x, height: 1)))
        click(s, at: realCall)
        let choice = try #require(locate("stub", in: s, within: Rect(x: realCall.x - 2, y: realCall.y + 1, width: 20, height: 4)))
        click(s, at: choice)
        #expect(locate("real call", in: s, within: Rect(x: answer.x, y: answer.y, width: w - answer.x, height: 1)) == nil,
                "the Answer is now a stub")
        let body = try #require(locate("Body (JSON)", in: s))
        click(s, at: Point(x: realCall.x + 1, y: body.y))  // the body field takes the focus
        s.send(.key(.end), .ctrl("u"))
        s.type("{\"status\": \"shipped\"}")
        click(s, "Enter keep")
        #expect(panel.stubs.stub(for: "lookup") == HTTPStub(status: 200, body: ["status": "shipped"]))
        #expect(frameText(s, w, h).contains("lookup: stub HTTP 200"))

        // A click on the message field focuses it; "Enter start" starts the run.
        let to = try #require(locate("to       +15550100", in: s, within: panelRect))
        let message = try #require(locate("message", in: s, within: Rect(x: panelRect.x, y: to.y + 1, width: panelRect.width, height: 3)))
        click(s, at: message)
        #expect(panel.trigger.fields[panel.fieldIndex].name == "message")
        s.type("EX1")
        click(s, "Enter start", within: panelRect)
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "resolved"), "\(panel.transcript)")

        // A transcript step that names a node moves the canvas cursor to it.
        let step = try #require(locate("lookup:", in: s, within: panelRect))
        click(s, at: step)
        #expect(s.state.cursor == GridPoint(30, 2))
        #expect(s.message == "Find order (lookup)")
        #expect(s.testRunPanel != nil, "the panel stays open")

        // ^O save, a path, and "Enter OK" in the prompt's footer.
        let file = tw.directory.appendingPathComponent("clicked-run.json")
        click(s, "^O save", within: panelRect)
        s.send(.ctrl("u"))
        s.type(file.path)
        click(s, "Enter OK")
        #expect(panel.savedScriptPath == file.path)
        let script = try RunScript(json: Data(contentsOf: file))
        #expect(script.steps.first == .stub(node: "lookup", HTTPStub(status: 200, body: ["status": "shipped"])))

        // "Esc close" closes the panel; the cursor stays on the node clicked in the transcript.
        click(s, "Esc close", within: panelRect)
        #expect(s.testRunPanel == nil)
        #expect(s.state.cursor == GridPoint(30, 2))
    }

    @Test func theWheelScrollsTheTranscriptAndPansTheCanvasBeside() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (s, panel) = try await finishedLookupRun(tw)
        // A short terminal and the variables shown: the transcript does not fit, so there
        // is something to scroll.
        s.send(.char("v"))
        let small = Size(width: 120, height: 16)
        _ = renderFrame(s, small.width, small.height)
        let transcript = panel.hitAreas.transcript
        #expect(transcript.height > 0)
        let inside = Point(x: transcript.x + 2, y: transcript.y)
        s.send(.mouse(MouseEvent(.wheelUp, x: inside.x, y: inside.y)))
        _ = renderFrame(s, small.width, small.height)
        #expect(panel.scrollBack > 0, "the wheel scrolled the transcript back")
        let back = panel.scrollBack
        s.send(.mouse(MouseEvent(.wheelDown, x: inside.x, y: inside.y)))
        #expect(panel.scrollBack < back)

        // + / - zoom the canvas beside the panel (where no text is typed); the path stays drawn.
        let zoom = s.state.zoom
        s.send(.char("-"))
        #expect(s.state.zoom != zoom && s.testRunPanel != nil)
        #expect(TestRunStubTests.pathLineCells(renderFrame(s, 160, 40)) > 0)
        s.send(.char("+"))
        #expect(s.state.zoom == zoom)

        // Over the canvas the wheel pans it, as without the panel.
        let origin = s.state.viewportOrigin
        let canvas = Pane.contentRect(of: s.canvasRect)
        s.send(.mouse(MouseEvent(.wheelDown, x: canvas.x + 2, y: canvas.y + 2)))
        #expect(s.state.viewportOrigin.y == origin.y + 3)
        #expect(s.testRunPanel != nil)
    }

    @Test func aClickOnTheCanvasLooksAtANodeAndEditsNothing() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (s, _) = try await finishedLookupRun(tw)
        _ = renderFrame(s, w, h)
        let before = s.document
        // The node the run ended near, on screen beside the panel.
        let tell = try #require(before.node(withID: "tell"))
        let onBox = try #require(locate(tell.label, in: s, within: Pane.contentRect(of: s.canvasRect)))
        // Press, drag and release on the node: the cursor goes there, the node stays put.
        s.send(.mouse(MouseEvent(.press, x: onBox.x, y: onBox.y)))
        s.send(.mouse(MouseEvent(.drag, x: onBox.x + 6, y: onBox.y + 3)))
        s.send(.mouse(MouseEvent(.release, x: onBox.x + 6, y: onBox.y + 3)))
        #expect(s.state.node(at: s.state.cursor)?.id == "tell")
        #expect(s.message == "\(tell.label) (tell): on this run's path")
        #expect(s.document == before, "nothing is edited during a run")
        let failed = try #require(before.nodes.first { $0.label == "API failed" })
        click(s, "API failed", within: Pane.contentRect(of: s.canvasRect))
        #expect(s.message == "API failed (\(failed.id)): not reached in this run")
        #expect(s.testRunPanel != nil)
        // Closing the panel keeps the cursor where the click put it.
        let cursor = s.state.cursor
        s.send(.key(.escape))
        #expect(s.testRunPanel == nil && s.state.cursor == cursor)
    }

    @Test func everyTestRunActionIsACommand() async throws {
        // The names parse to the actions the panel's keys run.
        #expect(EditorActions.parse("test-stubs") == .success(.testRunCommand(.stubs)))
        #expect(EditorActions.parse("test-save") == .success(.testRunCommand(.save(path: nil))))
        #expect(EditorActions.parse("test-save run.json") == .success(.testRunCommand(.save(path: "run.json"))))
        #expect(EditorActions.parse("test-wait") == .success(.testRunCommand(.wait(seconds: nil))))
        #expect(EditorActions.parse("test-wait 30") == .success(.testRunCommand(.wait(seconds: 30))))
        #expect(EditorActions.parse("test-reply hello there") == .success(.testRunCommand(.reply("hello there"))))
        for name in ["test-start", "test-restart", "test-trigger", "test-variables", "test-close"] {
            guard case .success(.testRunCommand) = EditorActions.parse(name) else { Issue.record("\(name) does not parse"); continue }
        }
        #expect(EditorActions.spec(named: "test-stubs")?.key == "^B")
        #expect(EditorActions.spec(named: "test-save")?.key == "^O")

        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, Self.document)
        // From the canvas: `:test-stubs` opens the panel and its stub form.
        s.send(.char(":"))
        s.type("test-stubs")
        s.send(.key(.enter))
        let panel = try #require(s.testRunPanel)
        #expect(frameText(s, w, h).contains("HTTP stubs (test runs only)"))
        s.send(.key(.tab), .key(.left))  // Answer: stub
        s.send(.key(.tab), .key(.tab))    // Body
        s.send(.ctrl("u"))
        s.type("{\"status\": \"late\"}")
        s.send(.key(.enter))
        s.send(.key(.tab), .key(.tab))
        s.type("EX2")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.sentMessages == ["Your order is late"])

        // In the panel, `:` opens the command line on the test-run actions.
        s.send(.char(":"))
        #expect(frameText(s, w, h).contains("test-save"))
        #expect(panel.hints == CommandLinePrompt.hints, "the status bar shows the command line's keys")
        let file = tw.directory.appendingPathComponent("typed-run.json")
        s.type("save \(file.path)")
        s.send(.key(.enter))
        #expect(panel.savedScriptPath == file.path)
        #expect(FileManager.default.fileExists(atPath: file.path))
        s.send(.char(":"))
        s.send(.ctrl("u"))
        s.type("test-variables")
        s.send(.key(.enter))
        #expect(panel.showVariables)
        s.send(.char(":"))
        s.send(.ctrl("u"))
        s.type("test-trigger")
        s.send(.key(.enter))
        #expect(panel.phase == .setup)

        // Any other action closes the panel first, then runs.
        s.send(.key(.enter))
        await s.settleTestRun()
        s.send(.char(":"))
        s.send(.ctrl("u"))
        s.type("goto tell")
        s.send(.key(.enter))
        #expect(s.testRunPanel == nil)
        #expect(s.message?.contains("(tell)") == true)
        s.perform(.testRunCommand(.close))
        #expect(s.message == "no test run is open")
    }

    /// While a trigger field or a reply is typed, `:` is text and Esc closes the whole panel
    /// (the run is gone); Alt-x opens the command line there, and Esc on it comes back to
    /// the field with what was typed.
    @Test func altXOpensTheCommandLineWhereColonIsText() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        #expect(panel.phase == .setup)
        let field = panel.fieldIndex
        let typed = panel.trigger.fields[field].text
        s.send(.char(":"))
        #expect(panel.trigger.fields[field].text.count == typed.count + 1 && panel.commandPrompt == nil,
                "in a trigger field : is text")
        s.send(.key(.backspace))
        #expect(frameText(s, w, h).contains("Alt-x commands"), "the panel's hints name it")
        s.send(.key(.alt("x")))
        #expect(panel.commandPrompt != nil && s.testRunPanel === panel)
        s.send(.key(.escape))
        #expect(panel.commandPrompt == nil && s.testRunPanel === panel, "Esc on the command line keeps the panel")
        #expect(panel.trigger.fields[field].text == typed && panel.phase == .setup)

        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForReply, "\(panel.transcript)")
        s.type("EX1:")
        #expect(panel.inputText == "EX1:" && panel.commandPrompt == nil, "in a reply : is text")
        s.send(.key(.alt("x")))
        #expect(panel.commandPrompt != nil)
        #expect(panel.hints == CommandLinePrompt.hints)
        s.send(.ctrl("u"))
        s.type("test-variables")
        s.send(.key(.enter))
        #expect(panel.showVariables && panel.commandPrompt == nil)
        #expect(panel.inputText == "EX1:" && panel.phase == .waitingForReply, "the reply being typed stays")

        // Esc in a field closes the panel (its documented key), and `:` is then the canvas's.
        s.send(.key(.escape))
        #expect(s.testRunPanel == nil)
        s.send(.char(":"))
        #expect(s.modalName == "command")
    }

    @Test func repliesAndWaitsAsCommands() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        s.perform(.testRunCommand(.start))
        await s.settleTestRun()
        let panel = try #require(s.testRunPanel)
        #expect(panel.phase == .waitingForReply, "\(panel.transcript)")
        s.perform(.testRunCommand(.reply("A100")))
        await s.settleTestRun()
        #expect(panel.recorded.contains(.reply("A100")))
        s.perform(.testRunCommand(.restart))
        await s.settleTestRun()
        s.perform(.testRunCommand(.wait(seconds: nil)))
        await s.settleTestRun()
        #expect(panel.recorded.contains { if case .wait = $0 { return true } else { return false } })
        s.perform(.testRunCommand(.close))
        #expect(s.testRunPanel == nil)
    }
}
