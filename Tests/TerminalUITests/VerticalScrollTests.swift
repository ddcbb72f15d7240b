import Testing
@testable import TerminalUI

/// The scroll hint's arithmetic: what a band of rows looks like after a terminal scroll, and
/// how many cells a backend would send with and without scrolling first.
@Suite struct VerticalScrollTests {
    /// Rows "r0".."r9" between two fixed side columns ("|" left, a row-dependent pane text
    /// right), like a canvas between panes.
    func screen(offset: Int, paneText: (Int) -> String = { _ in "" }) -> CellBuffer {
        var b = CellBuffer(width: 12, height: 10)
        for y in 0..<10 {
            b.put("|", x: 0, y: y)
            b.put("row \(y + offset)", x: 1, y: y)
            b.put(paneText(y), x: 9, y: y)
        }
        return b
    }

    @Test func scrolledMovesTheBandFullWidthAndBlanksTheNewLines() {
        let before = screen(offset: 0)
        let up = before.scrolled(VerticalScroll(rows: 1..<9, lines: 3))
        let rows = up.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0] == "|row 0")       // outside the band: untouched
        #expect(rows[1] == "|row 4")       // row 1 shows what row 4 showed
        #expect(rows[5] == "|row 8")
        #expect(rows[6] == "" && rows[8] == "")  // scrolled in blank
        #expect(rows[9] == "|row 9")
        let down = before.scrolled(VerticalScroll(rows: 1..<9, lines: -2))
        let d = down.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(d[1] == "" && d[2] == "")
        #expect(d[3] == "|row 1" && d[8] == "|row 6" && d[9] == "|row 9")
        // A band that leaves nothing behind is no scroll at all.
        #expect(before.scrolled(VerticalScroll(rows: 1..<9, lines: 8)) == before)
    }

    @Test func changedCellsCountsWhatDiffersFromTheScrolledScreen() throws {
        let before = screen(offset: 0)
        var after = screen(offset: 3)  // every row's text moved up 3
        after.verticalScroll = VerticalScroll(rows: 0..<10, lines: 3)
        let cost = try #require(after.changedCells(from: before, scrolling: after.verticalScroll!))
        // Plain: each row's number changed (1 cell, 2 where it gained a digit). Scrolled: only
        // the 3 rows scrolled in differ, "|row 1x" but its space (a blank scrolled in).
        #expect(cost.plain == after.diff(from: before).reduce(0) { $0 + $1.cells.count })
        #expect(cost.scrolled == 3 * 6)
        #expect(cost.plain == 7 * 1 + 3 * 2)  // rows 0-6 one digit, rows 7-9 ("row 10"...) two
        // Side-pane text that stays put costs a repaint of the rows where it moved off.
        var paned = screen(offset: 3) { $0 < 2 ? "ab" : "" }
        paned.verticalScroll = after.verticalScroll
        let panedBefore = screen(offset: 0) { $0 < 2 ? "ab" : "" }
        let withPane = try #require(paned.changedCells(from: panedBefore, scrolling: paned.verticalScroll!))
        #expect(withPane.scrolled == cost.scrolled + 2 * 2)
        // Sizes that differ: no answer.
        #expect(after.changedCells(from: CellBuffer(width: 5, height: 5), scrolling: after.verticalScroll!) == nil)
    }

    @Test func theHintIsNotPartOfEquality() {
        var a = screen(offset: 0)
        let b = a
        a.verticalScroll = VerticalScroll(rows: 0..<10, lines: 1)
        #expect(a == b)
    }
}

extension VerticalScrollTests {
    @Test func diffAgainstTheScrolledPreviousFrameWithoutBuildingIt() {
        let before = screen(offset: 0) { $0 < 3 ? "pane" : "" }
        let after = screen(offset: 2) { $0 < 3 ? "pane" : "" }
        for scroll in [VerticalScroll(rows: 0..<10, lines: 2), VerticalScroll(rows: 2..<9, lines: -3), VerticalScroll(rows: 1..<5, lines: 1)] {
            #expect(after.diff(from: before, scrolled: scroll) == after.diff(from: before.scrolled(scroll)), "\(scroll)")
        }
        #expect(after.diff(from: before, scrolled: nil) == after.diff(from: before))
        // Scrolled by what the rows really moved, only the rows scrolled in and the pane text
        // that stayed put differ.
        let runs = after.diff(from: before, scrolled: VerticalScroll(rows: 0..<10, lines: 2))
        #expect(Set(runs.map(\.y)) == [1, 2, 8, 9])  // row 0 shows old row 2, which had the pane text too
    }
}
