@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// What a selection looks like (issue 11): chosen boxes heavy and highlighted, a chosen
/// note heavy, the count in the status bar, at full zoom and zoomed out to compact.
@Suite struct SelectionGoldenTests {
    @Test func selectionAtFullAndCompactZoom() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try SelectionScenarioTests.open(tw)
        s.state.select(["lookup", "reply", "why"])
        s.state.focus(node: "start")
        let full = renderFrame(s, 120, 30)
        assertScreenGolden(full, "selection-full")
        #expect(full.text().contains("3 selected"))
        // A chosen box is drawn with heavy lines (the cursor's too), a chosen note likewise;
        // an unchosen note keeps its rounded corners.
        #expect(full.text().contains("┏ HT HTTP Request") && full.text().contains("┃ order API is slow ┃"))
        #expect(full.text().contains("│ add a retry │"))

        s.send(.char("-"))
        #expect(s.state.zoom.level == .compact)
        let compact = renderFrame(s, 120, 30)
        assertScreenGolden(compact, "selection-compact")
        #expect(compact.text().contains("3 selected"))
    }
}
