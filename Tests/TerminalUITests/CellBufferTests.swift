import Testing
@testable import TerminalUI

@Suite struct CellBufferTests {
    @Test func putReturnsNextColumnAndTextTrimsTrailingSpaces() {
        var b = makeBuffer(10, 2)
        let end = b.put("abc", x: 2, y: 0)
        #expect(end == 5)
        #expect(b.text() == "  abc\n")
        #expect(b[2, 0].character == "a")
    }

    @Test func clippingToBufferAndClipRect() {
        var b = makeBuffer(8, 3)
        b.put("0123456789", x: -2, y: 0)
        b.put("zz", x: 0, y: 5)  // outside: ignored
        b.withClip(Rect(x: 2, y: 1, width: 3, height: 1)) { b in
            b.put("abcdef", x: 0, y: 1)
            b.put("x", x: 3, y: 2)  // below the clip
        }
        b.put("!", x: 7, y: 2)  // clip restored
        assertGolden(b, "buffer-clipping")
    }

    @Test func wideCharactersUseTwoCells() {
        var b = makeBuffer(12, 3)
        let end = b.put("日本x", x: 0, y: 0)
        #expect(end == 5)
        #expect(b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b[4, 0].character == "x")
        // Overwriting the second half of a wide char blanks the first half.
        b.put("y", x: 1, y: 0)
        #expect(b[0, 0].character == " " && b[0, 0].width == 1)
        // Overwriting the first half blanks the continuation.
        b.put("a", x: 2, y: 0)
        #expect(b[3, 0].character == " " && !b[3, 0].isContinuation)
        // A wide char that would stick out of the clip becomes a space.
        b.put("中", x: 11, y: 1)
        #expect(b[11, 1].character == " ")
        b.withClip(Rect(x: 0, y: 2, width: 3, height: 1)) { b in _ = b.put("中文", x: 0, y: 2) }
        #expect(b.text(in: 2) == "中")
        b.put("🚀ok", x: 5, y: 2)
        assertGolden(b, "buffer-wide")
    }

    @Test func controlCharactersAreVisible() {
        var b = makeBuffer(6, 1)
        b.put("a\u{1B}b", x: 0, y: 0)
        #expect(b.text() == "a?b")
    }

    @Test func fillAndRestyle() {
        var b = makeBuffer(5, 3)
        b.fill(Rect(x: 1, y: 1, width: 3, height: 2), with: "#", style: Style(foreground: .red))
        #expect(b.text() == "\n ###\n ###")
        #expect(b[1, 1].style.foreground == .red)
        b.restyle(Rect(x: 0, y: 1, width: 2, height: 1)) { $0.adding(.bold) }
        #expect(b[1, 1].style.attributes.contains(.bold))
        #expect(!b[2, 1].style.attributes.contains(.bold))
    }

    @Test func diffListsOnlyChangedRuns() {
        var a = makeBuffer(10, 3)
        a.put("hello", x: 0, y: 0)
        var b = a
        #expect(b.diff(from: a).isEmpty)
        b.put("J", x: 0, y: 0)
        b.put("xy", x: 6, y: 2)
        let runs = b.diff(from: a)
        #expect(runs == [CellRun(x: 0, y: 0, cells: [Cell("J")]), CellRun(x: 6, y: 2, cells: [Cell("x"), Cell("y")])])
    }

    @Test func diffStyleChangeCounts() {
        let a = makeBuffer(4, 1)
        var b = a
        b.restyle(Rect(x: 1, y: 0, width: 2, height: 1)) { $0.with(background: .blue) }
        let runs = b.diff(from: a)
        #expect(runs.count == 1)
        #expect(runs[0].x == 1 && runs[0].cells.count == 2)
    }

    @Test func diffNeverSplitsWideCharacters() {
        var a = makeBuffer(10, 1)
        a.put("日本", x: 2, y: 0)
        var b = a
        b.put("語", x: 2, y: 0)  // only the lead cell differs
        let runs = b.diff(from: a)
        #expect(runs.count == 1)
        #expect(runs[0].x == 2)
        #expect(runs[0].cells.count == 2)  // lead + continuation
        #expect(runs[0].text == "語")
        // A change that only touches a continuation cell starts the run at its lead.
        var c = a
        c.put("x", x: 5, y: 0)  // second half of 本 → 本 blanked at 4, x at 5
        let r2 = c.diff(from: a)
        #expect(r2.first?.x == 4)
    }

    @Test func diffFromNilOrOtherSizeIsEverything() {
        var b = makeBuffer(3, 2)
        b.put("ab", x: 0, y: 0)
        #expect(b.diff(from: nil).map(\.cells.count) == [3, 3])
        #expect(b.diff(from: makeBuffer(4, 2)).count == 2)
    }
}

extension CellBuffer {
    func text(in row: Int) -> String { text().components(separatedBy: "\n")[row] }
}
