import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The canvas screen with the test-run panel open, as golden text.
@Suite struct TestRunGoldenTests {
    @Test func triggerStep() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        s.send(.char("T"))
        assertScreenGolden(renderFrame(s, 120, 40), "test-run-trigger")
    }

    @Test func midRunWaitingForTheCustomer() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        _ = frameText(s, 120, 40)
        s.send(.char("T"))
        #expect(s.testRunPanel?.phase == .setup)
        s.send(.key(.tab), .key(.tab))
        s.type("where is my order")
        s.send(.key(.enter))
        await s.settleTestRun()
        s.type("EX12")
        let frame = renderFrame(s, 120, 40)
        assertScreenGolden(frame, "test-run-waiting")
        let text = frame.text()
        #expect(text.contains("reply › EX12"))
        #expect(text.contains("Enter send"))

        s.send(.key(.enter))
        await s.settleTestRun()
        s.send(.char("v"))
        assertScreenGolden(renderFrame(s, 100, 30), "test-run-done-variables")
        assertScreenGolden(renderFrame(s, 100, 30, glyphs: .ascii), "test-run-done-ascii")
    }

    /// Below 100 columns the panel is a drawer across the bottom: the canvas keeps its width.
    @Test func narrowScreensGetABottomDrawer() async throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try TestRunFixtures.screen(tw, TestRunFixtures.orderChat)
        _ = frameText(s, 80, 24)
        let canvasWidth = s.canvasRect.width
        s.send(.char("T"))
        let frame = renderFrame(s, 80, 24)
        assertScreenGolden(frame, "test-run-drawer-80x24")
        #expect(s.canvasRect.width == canvasWidth && s.canvasRect.width >= 64, "the canvas keeps \(canvasWidth) columns")
        #expect(s.testRunRect.y == s.canvasRect.maxY && s.testRunRect.maxY == 23 && s.testRunRect.width == 80)
        let lines = frame.text().components(separatedBy: "\n")
        #expect(lines.firstIndex { $0.contains("Step 1 · trigger") }.map { $0 > s.canvasRect.maxY } == true)

        // Running: the transcript shows in the drawer.
        s.send(.key(.tab), .key(.tab))
        s.type("where is my order")
        s.send(.key(.enter))
        await s.settleTestRun()
        let running = renderFrame(s, 80, 24)
        assertScreenGolden(running, "test-run-drawer-running-80x24")
        #expect(running.text().contains("waiting for a reply"))

        // Wide again: the right pane.
        _ = renderFrame(s, 120, 40)
        #expect(s.testRunRect == s.errorsRect && s.testRunRect.maxX == 120 && s.testRunRect.height == 39)
    }
}
