import FlowKit
import Foundation
import Testing
import TestSupport
import TerminalUI
@testable import FlowEditor

/// The test-run panel driven by keys through the canvas screen, against real flows on
/// the real engine (memory store, virtual clock; real HTTP against a local server).
@Suite struct TestRunPanelTests {
    @Test func tKeyOpensTheTestRunAndHelpListsIt() {
        #expect(CanvasKeymap.action(for: .char("T"), mode: .normal) == .testRun)
        #expect(HelpOverlay.text.contains("  T  "))
        #expect(HelpOverlay.text.contains("Test run"))
    }

    @Test func sendReceiveBranchEndFollowsTheNodeAndLeavesTheFlowAlone() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        let stored = try tw.workspace.document(s.flowID, nil)
        _ = frameText(s, 120, 40)
        let cursor = s.state.cursor
        #expect(s.state.nodeUnderCursor?.id == "start")

        s.send(.char("T"))
        #expect(s.state.nodeUnderCursor == nil, "the cursor is parked off the boxes while the panel is open")
        #expect(TestRunFixtures.corner(of: "start", in: s) == "┌", "so no box is drawn as selected")
        let panel = try #require(s.testRunPanel)
        #expect(s.modalName == "test-run")
        #expect(panel.phase == .setup && panel.activeNode == nil)
        #expect(panel.trigger.fields.map(\.name) == ["from", "to", "message"])
        #expect(panel.trigger.value("from") == "+15550123" && panel.trigger.value("to") == "+15550100")
        let setup = frameText(s, 120, 40)
        #expect(setup.contains("Test run · draft") && setup.contains("inbound sms message to +15550100"))

        // Step 1: type the first message, Enter starts the session.
        s.send(.key(.tab), .key(.tab))
        s.type("where is my order")
        #expect(panel.trigger.value("message") == "where is my order")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForReply)
        #expect(panel.activeNode == "wait")
        #expect(panel.stateText == "waiting for a reply from +15550123 · timeout in 60 s")
        #expect(TestRunFixtures.corner(of: "wait", in: s) == "╔", "the waiting node is drawn as the active one, scrolled into view")
        #expect(TestRunFixtures.corner(of: "ask", in: s).map { $0 != "╔" } ?? true)
        #expect(panel.transcript == [
            "+0s ▶ start: started (draft) by inbound sms from +15550123 to +15550100: where is my order",
            "+0s → ask: sent: sms to +15550123 via outbox: What is your order number?",
            "+0s … wait: waiting for a sms message from +15550123 (timeout 60 s)",
        ])
        let waiting = frameText(s, 120, 40)
        #expect(waiting.contains("What is your order number?") && waiting.contains("reply ›"))

        // The customer answers; the branch takes `known`, the flow answers and ends.
        s.type("EX123")
        #expect(panel.inputText == "EX123")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "resolved"))
        #expect(panel.activeNode == "done")
        #expect(TestRunFixtures.corner(of: "done", in: s) == "╔")
        #expect(TestRunFixtures.corner(of: "wait", in: s).map { $0 != "╔" } ?? true)
        #expect(Array(panel.transcript.dropFirst(3)) == [
            "+0s ← wait: received: from +15550123: EX123",
            "+0s · check: known: wait.message starts-with 'EX'",
            "+0s → found: sent: sms to +15550123 via outbox: Order EX123 is on its way",
            "+0s ■ done: ended with outcome resolved",
        ])
        #expect(panel.sentMessages == ["What is your order number?", "Order EX123 is on its way"])
        #expect(panel.stateText == "done · outcome resolved")
        #expect(frameText(s, 120, 40).contains("done · outcome resolved"))

        // v shows variables and node outputs.
        s.send(.char("v"))
        #expect(panel.showVariables)
        #expect(panel.variableLines.contains("wait.message = 'EX123'"))
        #expect(panel.variableLines.contains("start.from = '+15550123'"))
        let withVariables = frameText(s, 120, 40)
        #expect(withVariables.contains("Variables") && withVariables.contains("wait.message = 'EX123'"))

        // Esc closes; the document and the stored draft are as they were.
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.testRunPanel == nil)
        #expect(s.state.cursor == cursor, "the cursor is back where it was")
        #expect(s.document == TestRunFixtures.orderChat)
        let after = try tw.workspace.document(s.flowID, nil)
        #expect(after.document == stored.document && after.draftRevision == stored.draftRevision)
        #expect(!frameText(s, 120, 40).contains("Test run"))
    }

    @Test func restartTimeoutAndBackToTheTrigger() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        s.send(.key(.tab), .key(.tab))
        s.type("hi")
        s.send(.key(.enter))
        await s.settleTestRun()
        s.type("nope")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "not-found"))
        #expect(panel.activeNode == "unknown")
        #expect(panel.transcript.contains("+0s · check: none: no branch held"))

        // r: the same trigger on a fresh runtime.
        s.send(.char("r"))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForReply)
        #expect(panel.transcript.count == 3 && panel.sentMessages.count == 1)
        #expect(panel.transcript.first?.hasSuffix("+15550100: hi") == true)

        // Letters are typed into the reply; Ctrl-T lets the reply's timeout pass.
        s.type("rv")
        #expect(panel.inputText == "rv" && !panel.showVariables)
        s.send(.ctrl("t"))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "no-reply"))
        #expect(panel.activeNode == "silent")
        #expect(panel.clockSeconds == 60)
        #expect(panel.transcript.contains("+60s ~ wait: timeout: no message within 60 s"))

        // e: back to step 1 with what was typed there.
        s.send(.char("e"))
        #expect(panel.phase == .setup && panel.activeNode == nil)
        #expect(panel.trigger.value("message") == "hi")
        #expect(TestRunFixtures.corner(of: "silent", in: s).map { $0 != "╔" } ?? true)
    }

    @Test func webhookBodyAndADelayAdvancedByW() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.reminder)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        #expect(panel.trigger.fields.map(\.name) == ["body"] && panel.trigger.value("body") == "{}")
        #expect(frameText(s, 120, 40).contains("webhook on /bookings"))

        // A body that is not JSON is refused with the reason; the run does not start.
        s.send(.ctrl("u"))
        s.type(#"{"name": "Ann", "phone": "+15550999""#)
        s.send(.key(.enter))
        #expect(panel.phase == .setup)
        #expect(panel.problem?.hasPrefix("the body is not valid JSON") == true)
        #expect(frameText(s, 120, 40).contains("not valid JSON"))
        s.type("}")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForTimer)
        #expect(panel.activeNode == "pause")
        #expect(panel.stateText == "waiting: timer due in 30 s")
        #expect(TestRunFixtures.corner(of: "pause", in: s) == "╔")

        // Typed seconds wait that long; w alone waits past the timer.
        s.type("10")
        s.send(.char("w"))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForTimer && panel.clockSeconds == 10)
        #expect(panel.stateText == "waiting: timer due in 20 s")
        s.send(.char("w"))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "reminded"))
        #expect(panel.clockSeconds == 30)
        #expect(panel.sentMessages == ["Hi Ann, see you soon"])
        #expect(panel.transcript.contains("+30s ~ pause: next: waited 30 s"))
        #expect(panel.transcript.contains("+30s → remind: sent: sms to +15550999 via outbox: Hi Ann, see you soon"))
        #expect(TestRunFixtures.corner(of: "done", in: s) == "╔")
    }

    @Test func aFailingExpressionFailsTheSessionWithTheReason() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.failing)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        s.send(.key(.tab), .key(.tab))
        s.type("abc")
        s.send(.key(.enter))
        await s.settleTestRun()
        guard case .failed(let reason) = panel.phase else {
            Issue.record("expected a failed session, got \(panel.phase)")
            return
        }
        #expect(reason.contains("'error' outcome has no connector"))
        #expect(reason.contains("number()"))
        #expect(panel.activeNode == "size")
        #expect(TestRunFixtures.corner(of: "size", in: s) == "╔")
        #expect(panel.transcript.last?.hasPrefix("+0s ✖ size: node 'size' failed") == true)
        let frame = frameText(s, 120, 40)
        #expect(frame.contains("failed: node 'size' failed"))

        // A number runs it through.
        s.send(.char("e"), .key(.backspace), .key(.backspace), .key(.backspace))
        s.type("7")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "big"))
    }

    @Test func collectInputTakesDigitsAndSmallScreensStillDraw() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.callMenu)
        _ = frameText(s, 100, 30)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        #expect(panel.trigger.fields.map(\.name) == ["from", "to"] && panel.trigger.value("to") == "+15550200")
        _ = frameText(s, 60, 16)
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForDigits && panel.activeNode == "menu")
        #expect(panel.stateText == "waiting for keypad digits · timeout in 5 s")
        s.type("12")
        #expect(frameText(s, 100, 30).contains("digits › 12"))
        _ = frameText(s, 60, 16)
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForDigits, "two digits are invalid for a one-digit menu, which asks again")
        #expect(panel.transcript.contains("+0s ← menu: invalid: '12' is not up to 1 keypad digits"))
        s.type("2")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: nil))
        #expect(panel.stateText == "done · no flow outcome")
        #expect(panel.activeNode == "bye")
        #expect(panel.transcript.contains("+0s ← menu: collected: digits 2"))
        s.send(.char("v"))
        _ = frameText(s, 60, 16)
        #expect(panel.variableLines.contains("menu.digits = '2'"))
    }

    @Test func aFlowThatCannotRunSaysWhyAndNothingCrashes() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var noStart = TestRunFixtures.failing
        noStart.nodes.removeAll { $0.type == "start" }
        noStart.connections.removeAll { $0.from == "start" }
        let s = try TestRunFixtures.screen(tw, noStart)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        #expect(panel.trigger.problem == "the flow has no Start node: add one (a) to try it")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .setup && panel.activeNode == nil)
        #expect(panel.problem == "the flow has no Start node: add one (a) to try it")
        #expect(frameText(s, 120, 40).contains("no Start node"))
        s.type("xyz")
        s.send(.char("r"), .char("w"), .ctrl("t"), .key(.pageUp))
        s.send(.key(.escape))
        #expect(s.modalName == nil && s.document == noStart)

        var twoStarts = TestRunFixtures.failing
        twoStarts.nodes.append(FlowNode(id: "start-2", type: "start", x: 2, y: 12,
                                        config: ["trigger": "custom-event", "event": "x"]))
        s.state.flow.replaceDocument(with: twoStarts, name: "two starts")
        s.send(.char("T"))
        let second = try #require(s.testRunPanel)
        #expect(second.trigger.problem?.contains("2 Start nodes") == true)
        s.send(.key(.enter))
        #expect(second.phase == .setup)
    }

    @Test func worksOnAReadOnlyVersion() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Versioned")
        let s = CanvasScreen(workspace: tw.workspace, flowID: id, flowName: "Versioned", document: TestRunFixtures.orderChat,
                             revision: 1, source: .version(2, isLive: true))
        #expect(s.isReadOnly)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        #expect(panel.version == 2)
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .waitingForReply)
        #expect(panel.transcript.first?.contains("started (version 2)") == true)
        #expect(frameText(s, 120, 40).contains("Test run · v2"))
        s.type("EX9")
        s.send(.key(.enter))
        await s.settleTestRun()
        #expect(panel.phase == .done(outcome: "resolved"))
        s.send(.key(.escape))
        #expect(s.document == TestRunFixtures.orderChat && !s.hasUnsavedChanges)
    }

    /// An http-request node makes its real call; while the answer is out the panel says
    /// "running…" and keys do not block; `tick()` brings the answer in and asks for a redraw.
    @Test func realHTTPWithTheAnswerCollectedByTick() async throws {
        let gate = DispatchSemaphore(value: 0)
        let server = try LoopbackHTTPServer { request in
            gate.wait()
            return .json(#"{"status": "shipped", "id": "\#(request.path.split(separator: "/").last ?? "")"}"#)
        }
        defer { server.stop() }
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.httpLookup(baseURL: server.baseURL))
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        let panel = try #require(s.testRunPanel)
        panel.syncWait = 0  // never hold the UI: the answer comes through tick()
        s.send(.key(.tab), .key(.tab))
        s.type("EX1")
        s.send(.key(.enter))
        #expect(panel.isBusy && panel.phase == .running)
        #expect(frameText(s, 120, 40).contains("running…"))
        if case .none = s.tick() {} else { Issue.record("tick() asked for a redraw while the call was out") }
        s.type("x")
        #expect(panel.problem?.hasPrefix("still running") == true)

        gate.signal()
        // The engine answers on its own queue; the wait is a bound, not a timing (a wall-clock
        // loop of sleeps could see its deadline pass while the test task waited for a thread).
        #expect(panel.waitForAnswer(upTo: 60), "the engine answered once the server did")
        var redrawn = false
        if case .redraw = s.tick() { redrawn = true }
        #expect(redrawn, "tick() collects the answer and asks for a redraw")
        #expect(panel.phase == .done(outcome: "resolved"))
        #expect(panel.sentMessages == ["Your order is shipped"])
        #expect(server.requests.map(\.path) == ["/orders/EX1"])
        #expect(panel.transcript.contains { $0.contains("lookup: success: GET \(server.baseURL)/orders/EX1 → HTTP 200") })
        #expect(panel.activeNode == "done")
    }
}
