/// A hint that a band of rows shows the same picture as the previous frame, moved up or down
/// by whole rows (a vertical pan of the canvas). A backend that can scroll the terminal may
/// scroll the band's full width and then send only the cells that still differ, instead of
/// every cell the pan changed. The hint never changes what a frame shows: a backend that
/// ignores it, or a wrong hint, costs bytes, not correctness.
public struct VerticalScroll: Equatable, Sendable {
    /// The screen rows whose content moved.
    public var rows: Range<Int>
    /// How far it moved: positive when the content moved up (the view went down), negative
    /// when it moved down.
    public var lines: Int

    public init(rows: Range<Int>, lines: Int) {
        self.rows = rows; self.lines = lines
    }

    /// Whether scrolling `rows` by `lines` leaves anything of the old band on screen.
    public var isUseful: Bool { lines != 0 && abs(lines) < rows.count }
}

extension CellBuffer {
    /// Cells (continuations not counted) that differ from `previous` as it is, and as it would
    /// be after scrolling `scroll.rows` (full width) by `scroll.lines` with blank lines
    /// scrolled in: what a backend sends without and with the scroll. Nil when the sizes
    /// differ or the band does not fit.
    public func changedCells(from previous: CellBuffer, scrolling scroll: VerticalScroll) -> (plain: Int, scrolled: Int)? {
        guard previous.width == width, previous.height == height,
              scroll.rows.lowerBound >= 0, scroll.rows.upperBound <= height, scroll.isUseful else { return nil }
        var plain = 0, scrolled = 0
        let blank = Cell.blank
        for y in 0..<height {
            let row = y * width
            let inBand = scroll.rows.contains(y)
            let source = y + scroll.lines
            let sourceRow: Int? = inBand ? (scroll.rows.contains(source) ? source * width : nil) : row
            for x in 0..<width {
                let cell = cells[row + x]
                if cell.isContinuation { continue }
                let old = previous.cells[row + x]
                let plainSame = old.isSameCell(as: cell)
                if !plainSame { plain += 1 }
                if !inBand {
                    if !plainSame { scrolled += 1 }
                } else if let s = sourceRow {
                    if !previous.cells[s + x].isSameCell(as: cell) { scrolled += 1 }
                } else if !cell.isSameCell(as: blank) {
                    scrolled += 1
                }
            }
        }
        return (plain, scrolled)
    }
}

extension CellBuffer {
    /// This buffer with `scroll.rows` (full width) scrolled by `scroll.lines`, blank cells
    /// scrolled in: what a terminal shows after scrolling that band. Unchanged when the
    /// band does not fit.
    public func scrolled(_ scroll: VerticalScroll) -> CellBuffer {
        guard scroll.rows.lowerBound >= 0, scroll.rows.upperBound <= height, scroll.isUseful else { return self }
        var out = self
        out.verticalScroll = nil
        for y in scroll.rows {
            let source = y + scroll.lines
            let row = y * width
            if scroll.rows.contains(source) {
                let from = source * width
                for x in 0..<width {
                    out.cells[row + x] = cells[from + x]
                    out.lineBits[row + x] = lineBits[from + x]
                }
            } else {
                for x in 0..<width {
                    out.cells[row + x] = .blank
                    out.lineBits[row + x] = 0
                }
            }
        }
        return out
    }
}
