@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI

/// Issue 10 item 6: the canvas tells the backend when a frame is the last one moved up or
/// down by whole rows, so the terminal can scroll instead of redrawing the canvas.
@Suite struct CanvasScrollHintTests {
    typealias F = CanvasFixtures

    func frame(_ view: CanvasView, _ state: CanvasState) -> CellBuffer {
        var buf = CellBuffer(width: 100, height: 30)
        view.render(state, into: &buf, area: Rect(x: 5, y: 2, width: 80, height: 24), theme: .standard)
        return buf
    }

    @Test func aVerticalPanMarksTheCanvasRowsAsScrolled() {
        var state = CanvasState(document: F.grid(side: 6))
        state.viewportSize = (80, 24)
        let view = CanvasView()
        let first = frame(view, state)
        #expect(first.verticalScroll == nil)  // nothing shown before
        state.viewportOrigin.y += 8
        let down = frame(view, state)
        #expect(down.verticalScroll == VerticalScroll(rows: 2..<26, lines: 8))
        // The hint is true: the canvas rows that stayed on screen moved up by 8.
        for y in 2..<18 {
            for x in 5..<85 { #expect(down[x, y] == first[x, y + 8], "cell \(x),\(y)") }
        }
        state.viewportOrigin.y -= 3
        #expect(frame(view, state).verticalScroll == VerticalScroll(rows: 2..<26, lines: -3))
    }

    @Test func noHintWhenTheViewDidNotMoveByWholeRowsAlone() {
        var state = CanvasState(document: F.grid(side: 6))
        state.viewportSize = (80, 24)
        let view = CanvasView()
        _ = frame(view, state)
        state.handle(.moveCursor(dx: 1, dy: 0))
        #expect(frame(view, state).verticalScroll == nil)  // the cursor moved, not the view
        state.viewportOrigin.x += 4; state.viewportOrigin.y += 4
        #expect(frame(view, state).verticalScroll == nil)  // diagonal: not a vertical scroll
        state.viewportOrigin.y += 30
        #expect(frame(view, state).verticalScroll == nil)  // further than the canvas is high
        // Zoomed out, the grid moves by screen rows of `scaleY` grid rows each.
        state.zoom = .preset(.compact)
        _ = frame(view, state)
        state.viewportOrigin.y += state.zoom.scaleY * 2
        #expect(frame(view, state).verticalScroll == VerticalScroll(rows: 2..<26, lines: 2))
        state.viewportOrigin.y += 1
        #expect(frame(view, state).verticalScroll == nil)  // part of a screen row
    }
}
