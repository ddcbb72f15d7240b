import TerminalUI

/// The side panes make room for the canvas (issue 10): the palette and the Errors &
/// Warnings pane are each docked (full width) or collapsed to a one-column strip. Below
/// `collapseBelowWidth` columns both start collapsed, so an 80-column terminal gives the
/// canvas 78 columns; `<` and `>` dock or collapse them whatever the width. A collapsed
/// pane still works: `a`, Tab and `!` focus it, and it opens as an overlay over the
/// canvas's edge until the focus leaves it.
extension CanvasScreen {
    /// Screens narrower than this start with both side panes collapsed.
    static let collapseBelowWidth = 100

    func isPaletteCollapsed(width: Int) -> Bool { !(paletteDocked ?? (width >= Self.collapseBelowWidth)) }

    /// The test-run panel takes the right pane whole, so it is never a strip (unless the
    /// panel is a bottom drawer: narrow screens).
    func isErrorsCollapsed(width: Int) -> Bool {
        (testRunPanel == nil || isTestRunDrawer(width: width)) && !(errorsDocked ?? (width >= Self.collapseBelowWidth))
    }

    /// The frame's rectangles: the strips or docked panes, and the canvas between them.
    /// A focused collapsed pane is drawn over the canvas afterwards (`renderPaneOverlays`).
    func layOutPanes(size: Size) {
        let drawer = isTestRunDrawer(width: size.width) ? TestRunPanel.drawerHeight(forBody: size.height - 1) : 0
        let body = size.height - 1 - drawer
        let cols = Self.columns(width: size.width)
        let paletteWidth = isPaletteCollapsed(width: size.width) ? 1 : cols.palette
        let right = isErrorsCollapsed(width: size.width) ? 1 : rightPaneWidth(screenWidth: size.width)
        paletteRect = Rect(x: 0, y: 0, width: paletteWidth, height: body)
        errorsRect = Rect(x: size.width - right, y: 0, width: right, height: body)
        canvasRect = Rect(x: paletteRect.maxX, y: 0, width: errorsRect.x - paletteRect.maxX, height: body)
        testRunRect = drawer > 0 ? Rect(x: 0, y: body, width: size.width, height: drawer) : errorsRect
    }

    func renderSidePanes(into b: inout CellBuffer, size: Size) {
        if isPaletteCollapsed(width: size.width) { renderPaletteStrip(into: &b) } else { renderPalette(into: &b) }
        if isErrorsCollapsed(width: size.width) { renderErrorsStrip(into: &b) } else { renderErrors(into: &b) }
    }

    /// A focused collapsed pane opens over the canvas, at its docked width.
    func renderPaneOverlays(into b: inout CellBuffer, size: Size) {
        let cols = Self.columns(width: size.width)
        if focus == .palette, isPaletteCollapsed(width: size.width) {
            paletteRect = Rect(x: 0, y: 0, width: min(cols.palette, size.width), height: paletteRect.height)
            b.fill(paletteRect, style: theme.text)
            renderPalette(into: &b)
        }
        if focus == .errors, isErrorsCollapsed(width: size.width) {
            let w = min(cols.errors, size.width)
            errorsRect = Rect(x: size.width - w, y: 0, width: w, height: errorsRect.height)
            b.fill(errorsRect, style: theme.text)
            renderErrors(into: &b)
        }
    }

    /// The palette's strip: an arrow that says it opens, and its name down the column.
    func renderPaletteStrip(into b: inout CellBuffer) {
        paletteRowTypes = []
        drawStrip(at: paletteRect, opener: b.glyphs == .unicode ? "▸" : ">", into: &b) { y, b in
            putDown("Palette", x: paletteRect.x, from: y, style: theme.dimText, into: &b)
        }
    }

    /// The errors pane's strip: the counts of the last Save, down the column (✖ 3 ▲ 1),
    /// or its name before the first Save (or "Changes" while a diff is shown).
    func renderErrorsStrip(into b: inout CellBuffer) {
        errorRowIndices = []
        drawStrip(at: errorsRect, opener: b.glyphs == .unicode ? "◂" : "<", into: &b) { y, b in
            let x = errorsRect.x
            if lifecycle.diff != nil { putDown("Changes", x: x, from: y, style: theme.dimText, into: &b); return }
            guard hasSaved else { putDown("Errors", x: x, from: y, style: theme.dimText, into: &b); return }
            let e = findings.filter { $0.severity == .error }.count, w = findings.count - e
            var row = y
            row = putDown(b.glyphs.errorMark, x: x, from: row, style: e > 0 ? theme.error : theme.dimText, into: &b)
            row = putDown(String(e), x: x, from: row, style: theme.text, into: &b) + 1
            row = putDown(b.glyphs.warningMark, x: x, from: row, style: w > 0 ? theme.warning : theme.dimText, into: &b)
            putDown(String(w), x: x, from: row, style: theme.text, into: &b)
        }
    }

    private func drawStrip(at rect: Rect, opener: String, into b: inout CellBuffer,
                           content: (Int, inout CellBuffer) -> Void) {
        guard !rect.isEmpty else { return }
        b.withClip(rect) { b in
            for y in rect.y..<rect.maxY { b.put(b.glyphs == .unicode ? "│" : "|", x: rect.x, y: y, style: theme.paneBorder) }
            b.put(opener, x: rect.x, y: rect.y, style: theme.paneTitle)
            content(rect.y + 2, &b)
        }
    }

    /// Writes `text` one character a row, downwards; returns the row after it.
    @discardableResult
    private func putDown(_ text: String, x: Int, from y: Int, style: Style, into b: inout CellBuffer) -> Int {
        var row = y
        for c in text {
            b.put(String(c), x: x, y: row, style: style)
            row += 1
        }
        return row
    }

    /// `<` / `>`: dock a collapsed pane, collapse a docked one (the choice outlives resizes).
    func togglePane(_ which: Focus) {
        let width = lastFrameWidth
        switch which {
        case .palette:
            let collapse = !isPaletteCollapsed(width: width)
            paletteDocked = !collapse
            if collapse, focus == .palette { focus = .canvas }
            message = collapse ? "palette collapsed (< reopens it; a still opens it over the canvas)" : "palette docked (< collapses it)"
        case .errors:
            guard testRunPanel == nil || isTestRunDrawer(width: width) else {
                message = "the test-run panel has the right pane (Esc closes it)"; return
            }
            let collapse = !isErrorsCollapsed(width: width)
            errorsDocked = !collapse
            if collapse, focus == .errors { focus = .canvas }
            message = collapse ? "errors & warnings collapsed (> reopens it; ! opens it over the canvas)"
                : "errors & warnings docked (> collapses it)"
        case .canvas:
            break
        }
    }
}
