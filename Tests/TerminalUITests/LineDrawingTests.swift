import Testing
@testable import TerminalUI

@Suite struct LineDrawingTests {
    /// Every direction combination (bits 0…15: up 1, down 2, left 4, right 8) in every
    /// line style, one per column; a row per style.
    @Test func allDirectionCombinationsEveryStyle() {
        var b = makeBuffer(16, LineStyle.allCases.count)
        for (row, style) in LineStyle.allCases.enumerated() {
            for bits in 0..<16 {
                b.drawLineCell(x: bits, y: row, LineDirections(rawValue: UInt8(bits)), lineStyle: style)
            }
        }
        assertGolden(b, "lines-combos")
    }

    @Test func asciiCombos() {
        var b = makeBuffer(16, 1, .ascii)
        for bits in 0..<16 { b.drawLineCell(x: bits, y: 0, LineDirections(rawValue: UInt8(bits))) }
        // up/down-only cells are "|", left/right-only "-", anything with a bend or branch "+".
        #expect(b[1, 0].character == "|" && b[2, 0].character == "|" && b[3, 0].character == "|")
        #expect(b[4, 0].character == "-" && b[8, 0].character == "-" && b[12, 0].character == "-")
        for bits in [5, 6, 7, 9, 10, 11, 13, 14, 15] { #expect(b[bits, 0].character == "+", "bits \(bits)") }
    }

    /// Lines drawn one after another merge into junctions: T where a line ends on another,
    /// ┼ where two merge-mode lines cross.
    @Test func joinsMerge() {
        var b = makeBuffer(11, 7)
        b.verticalLine(x: 2, y: 0, length: 7)
        b.horizontalLine(x: 2, y: 1, length: 5)       // starts on the vertical: ├
        b.horizontalLine(x: 0, y: 3, length: 5)       // passes through it: ┼
        b.horizontalLine(x: 0, y: 5, length: 3)       // ends on it: ┤
        b.verticalLine(x: 6, y: 1, length: 5)         // starts on the first horizontal's end: ┐
        b.horizontalLine(x: 6, y: 6, length: 5)       // below the corner column: separate
        b.verticalLine(x: 8, y: 6, length: 1)
        assertGolden(b, "lines-joins")
        #expect(b[2, 3].character == "┼")
        #expect(b[2, 1].character == "├")
        #expect(b[2, 5].character == "┤")
        #expect(b[6, 1].character == "┐")
    }

    /// In crossing mode a line passing straight over a perpendicular one stays straight
    /// (the one drawn last wins), so a crossing never reads as a junction; an end or a bend
    /// on a line still joins it.
    @Test func crossingDoesNotJoin() {
        var b = makeBuffer(11, 5)
        b.verticalLine(x: 2, y: 0, length: 5, join: .cross)
        b.horizontalLine(x: 0, y: 1, length: 7, join: .cross)   // crosses: ─ over │
        #expect(b[2, 1].character == "─")
        b.verticalLine(x: 8, y: 0, length: 5)
        b.horizontalLine(x: 0, y: 2, length: 11, join: .merge)  // merge mode joins both: ┼ ┼
        #expect(b[2, 2].character == "┼")
        #expect(b[8, 2].character == "┼")
        b.horizontalLine(x: 0, y: 3, length: 3, join: .cross)   // ends on the vertical: joins ┤
        #expect(b[2, 3].character == "┤")
        b.verticalLine(x: 4, y: 0, length: 5, join: .cross)     // │ crosses y1, but y2 was merged…
        #expect(b[4, 1].character == "│")                       // …a crossing: the last drawn wins
        #expect(b[4, 2].character == "│")
        b.verticalLine(x: 6, y: 1, length: 4, join: .cross)     // starts on the y1 line's end: joins
        #expect(b[6, 1].character == "┐")
        assertGolden(b, "lines-crossing")
    }

    @Test func crossingInAsciiShowsNoPlus() {
        var b = makeBuffer(5, 3, .ascii)
        b.verticalLine(x: 2, y: 0, length: 3, join: .cross)
        b.horizontalLine(x: 0, y: 1, length: 5, join: .cross)
        #expect(b.text() == "  |\n-----\n  |")
        var j = makeBuffer(5, 3, .ascii)
        j.verticalLine(x: 2, y: 0, length: 3)
        j.horizontalLine(x: 0, y: 1, length: 5)
        #expect(j.text() == "  |\n--+--\n  |")
    }

    @Test func pathsBendAndCrossAndTakeArrowheads() {
        var b = makeBuffer(14, 7)
        b.drawBox(Rect(x: 0, y: 0, width: 4, height: 3))
        b.drawBox(Rect(x: 9, y: 4, width: 5, height: 3))
        // from the right edge of box 1 to the top of box 2, crossing a vertical line
        b.verticalLine(x: 6, y: 0, length: 7, join: .cross)
        b.drawPath([Point(x: 4, y: 1), Point(x: 11, y: 1), Point(x: 11, y: 3)])
        b.drawArrow(x: 11, y: 3, pointing: .down)
        #expect(b[6, 1].character == "─")   // crossing, not ┼
        #expect(b[11, 1].character == "┐")  // bend
        #expect(b[11, 3].character == "▼")
        #expect(b.lineDirections(x: 11, y: 3).isEmpty)  // an arrowhead is not a line
        assertGolden(b, "lines-path")
    }

    @Test func boxStylesAndSharedEdges() {
        var b = makeBuffer(30, 8)
        for (i, style) in LineStyle.allCases.enumerated() {
            b.drawBox(Rect(x: i * 7, y: 0, width: 6, height: 3), lineStyle: style)
        }
        // Two boxes sharing an edge, and a box split by a separator line.
        b.drawBox(Rect(x: 0, y: 4, width: 6, height: 4))
        b.drawBox(Rect(x: 5, y: 4, width: 6, height: 4))
        b.drawBox(Rect(x: 13, y: 4, width: 8, height: 4))
        b.horizontalLine(x: 13, y: 5, length: 8)
        assertGolden(b, "lines-boxes")
        var a = b
        a.glyphs = .ascii
        var ascii = makeBuffer(30, 8, .ascii)
        for (i, style) in LineStyle.allCases.enumerated() {
            ascii.drawBox(Rect(x: i * 7, y: 0, width: 6, height: 3), lineStyle: style)
        }
        ascii.drawBox(Rect(x: 0, y: 4, width: 6, height: 4))
        ascii.drawBox(Rect(x: 5, y: 4, width: 6, height: 4))
        ascii.drawBox(Rect(x: 13, y: 4, width: 8, height: 4))
        ascii.horizontalLine(x: 13, y: 5, length: 8)
        ascii.drawArrow(x: 24, y: 5, pointing: .right)
        ascii.drawArrow(x: 25, y: 5, pointing: .left)
        ascii.drawArrow(x: 26, y: 5, pointing: .up)
        ascii.drawArrow(x: 27, y: 5, pointing: .down)
        assertGolden(ascii, "lines-boxes-ascii")
    }

    @Test func textOverALineClearsItsDirections() {
        var b = makeBuffer(5, 3)
        b.verticalLine(x: 2, y: 0, length: 3)
        b.put("x", x: 2, y: 1)
        b.horizontalLine(x: 0, y: 1, length: 5)
        #expect(b[2, 1].character == "─")  // no ┼: the x replaced the vertical line in that cell
    }
}
