import TerminalUI

/// The viewport a frame showed: enough to tell that the next frame is the same picture
/// moved up or down by whole rows.
struct RenderedViewport: Equatable {
    var area: Rect
    var origin: GridPoint
    var zoom: CanvasZoom
}

extension CanvasView {
    /// Marks the canvas rows as scrolled in `buffer` when only the viewport's top moved since
    /// the last frame, by whole screen rows and by less than the canvas's height, so a
    /// terminal backend can scroll them instead of redrawing them (issue 10: an 8-row pan
    /// costs the new rows, not the screen). Edits, the cursor and marks may change the
    /// picture too; the backend sends what still differs after the scroll, so the hint only
    /// has to say how the rows moved, not that nothing else changed.
    func noteVerticalScroll(_ state: CanvasState, area: Rect, into buffer: inout CellBuffer) {
        let now = RenderedViewport(area: area, origin: state.viewportOrigin, zoom: state.zoom)
        defer { lastViewport = now }
        guard let last = lastViewport, last.area == now.area, last.zoom == now.zoom,
              last.origin.x == now.origin.x, last.origin.y != now.origin.y else { return }
        let dy = now.origin.y - last.origin.y
        guard dy % now.zoom.scaleY == 0 else { return }
        let scroll = VerticalScroll(rows: area.y..<(area.y + area.height), lines: dy / now.zoom.scaleY)
        if scroll.isUseful { buffer.verticalScroll = scroll }
    }
}
