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
}
