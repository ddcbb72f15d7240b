@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 10: side panes that make room for the canvas, and the minimap.
@Suite struct CanvasPanesTests {
    func orderStatus(_ tw: TempWorkspace) throws -> CanvasScreen {
        try CanvasScreen.open(workspace: tw.workspace, flow: tw.flow("Order status"))
    }

    /// The column of the frame's row `y` as a string, top to bottom.
    static func column(_ x: Int, of frame: CellBuffer) -> String {
        String(frame.text().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Character in let a = Array(line); return x < a.count ? a[x] : " " })
    }

    @Test func below100ColumnsBothPanesAreStripsAndTheCanvasGetsTheRest() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        let frame = renderFrame(s, 80, 24)
        #expect(s.canvasRect.width >= 64, "canvas is \(s.canvasRect.width) columns at 80×24")
        #expect(s.paletteRect.width == 1 && s.errorsRect.width == 1)
        #expect(Self.column(0, of: frame).hasPrefix("▸"))
        #expect(Self.column(79, of: frame).hasPrefix("◂"))
        // At 100 columns and more, both are docked as before.
        _ = renderFrame(s, 120, 40)
        #expect(s.paletteRect.width > 1 && s.errorsRect.width > 1)
    }

    @Test func theErrorsStripShowsTheCountsOfTheLastSave() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        s.send(.char("s"))
        let e = s.findings.filter { $0.severity == .error }.count, w = s.findings.count - e
        #expect(e > 0)
        let strip = Self.column(79, of: renderFrame(s, 80, 24))
        #expect(strip.contains("✖\(e)") && strip.contains("▲\(w)"), "strip reads \(strip)")
    }

    @Test func lessAndGreaterDockAndCollapseThePanesWhateverTheWidth() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        _ = renderFrame(s, 80, 24)
        s.send(.char("<"))
        _ = renderFrame(s, 80, 24)
        #expect(s.paletteRect.width > 1 && s.errorsRect.width == 1)
        s.send(.char(">"))
        _ = renderFrame(s, 80, 24)
        #expect(s.errorsRect.width > 1)
        s.send(.char("<"), .char(">"))
        _ = renderFrame(s, 80, 24)
        #expect(s.paletteRect.width == 1 && s.errorsRect.width == 1)
        // Collapsed at a wide screen too: the choice outlives the width.
        _ = renderFrame(s, 160, 40)
        #expect(s.paletteRect.width == 1 && s.canvasRect.width == 158)
    }

    @Test func aAndTheErrorKeysOpenCollapsedPanesOverTheCanvas() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        _ = renderFrame(s, 80, 24)
        s.send(.char("a"))
        #expect(s.focus == .palette)
        var frame = renderFrame(s, 80, 24)
        #expect(frame.text().contains("Palette") && s.paletteRect.width > 1)
        #expect(s.canvasRect.x == 1, "the palette lies over the canvas; the canvas keeps its width")
        assertScreenGolden(frame, "canvas-palette-overlay-80x24")
        s.send(.key(.escape))
        frame = renderFrame(s, 80, 24)
        #expect(s.focus == .canvas && s.paletteRect.width == 1 && !frame.text().contains("Palette"))
        // Save, then ! opens the findings over the canvas; Enter jumps to the node.
        s.send(.char("s"), .char("!"))
        #expect(s.focus == .errors)
        frame = renderFrame(s, 80, 24)
        #expect(frame.text().contains("Inbound SMS: Address") && s.errorsRect.width > 1)
        assertScreenGolden(frame, "canvas-errors-overlay-80x24")
        s.send(.key(.enter))
        #expect(s.focus == .canvas && s.state.highlighted != nil)
        _ = renderFrame(s, 80, 24)
        #expect(s.errorsRect.width == 1)
        // Tab reaches the collapsed errors pane as well.
        s.send(.key(.tab))
        #expect(s.focus == .errors)
    }

    @Test func collapsedPaneGoldens() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try orderStatus(tw)
        s.send(.char("s"))
        assertScreenGolden(renderFrame(s, 80, 24), "canvas-collapsed-80x24")
        s.send(.char("<"), .char(">"))
        _ = renderFrame(s, 200, 60)
        s.send(.char("<"), .char(">"))
        assertScreenGolden(renderFrame(s, 200, 60), "canvas-collapsed-200x60")
    }

    // MARK: Minimap

    func gridScreen(_ tw: TempWorkspace, side: Int) throws -> CanvasScreen {
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: tw.flow("Grid"))
        s.state.flow.reset(to: CanvasFixtures.grid(side: side))
        s.state.focus(node: "n0-0")
        return s
    }

    @Test func mTogglesAMinimapWhoseViewportFollowsThePan() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 10)
        _ = renderFrame(s, 80, 24)
        s.send(.char("M"))
        #expect(s.showsMinimap)
        let before = renderFrame(s, 80, 24)
        let box = try #require(CanvasView.minimapRect(in: Pane.contentRect(of: s.canvasRect)))
        let text = before.text()
        #expect(text.contains(" map "))
        func mapRows(_ f: CellBuffer) -> [String] {
            f.text().split(separator: "\n", omittingEmptySubsequences: false)[box.y..<box.maxY]
                .map { String(Array($0)[box.x..<box.maxX]) }
        }
        let rowsBefore = mapRows(before)
        #expect(rowsBefore.joined().contains("▪"))
        #expect(rowsBefore.joined().contains("┌") || rowsBefore.joined().contains("▪"), "the viewport shows")
        s.send(.key(.pageDown), .key(.right, .ctrl), .key(.right, .ctrl))
        let after = renderFrame(s, 80, 24)
        #expect(mapRows(after) != rowsBefore, "the viewport's rectangle moves with the pan")
        assertScreenGolden(after, "minimap-80x24")
        s.send(.char("s"))  // findings as marks in the map
        let withFindings = mapRows(renderFrame(s, 80, 24)).joined()
        #expect(withFindings.contains("▲") || withFindings.contains("✖"))
        assertScreenGolden(renderFrame(s, 200, 60), "minimap-200x60")
        s.send(.char("M"))
        #expect(!frameText(s, 80, 24).contains(" map "))
    }
}
