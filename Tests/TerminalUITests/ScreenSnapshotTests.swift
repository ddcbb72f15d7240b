import Testing
import TestSupport
@testable import TerminalUI

/// The golden format: characters first (as `text()`), then style runs per row, then the cursor.
@Suite struct ScreenSnapshotTests {
    @Test func runsListOnlyStyledCellsMergedBySpan() {
        var b = CellBuffer(width: 12, height: 3)
        b.put("Flows", x: 0, y: 0, style: Style(attributes: .bold))
        b.put("a", x: 0, y: 1)
        b.put("Order", x: 2, y: 1, style: Style(foreground: .black, background: .cyan))
        b.put("!", x: 7, y: 1, style: Style(foreground: .indexed(196), attributes: [.reverse, .underline]))
        b.put("界", x: 4, y: 2, style: Style(foreground: .red))
        b.cursor = Point(x: 3, y: 2)
        #expect(b.snapshot().description == """
        Flows
        a Order!
            界
        -- styles (row: first-last style; unstyled cells omitted) --
        0: 0-4 bold
        1: 2-6 fg=black bg=cyan | 7 fg=#196 underline reverse
        2: 4-5 fg=red
        -- cursor 3,2 --
        """)
    }

    @Test func anUnstyledScreenHasAnEmptyStyleSection() {
        var b = CellBuffer(width: 5, height: 1)
        b.put("hi", x: 0, y: 0)
        #expect(b.snapshot().description == "hi\n" + ScreenSnapshot.stylesHeader)
    }

    @Test func stackingRenumbersTheLowerRows() {
        var top = CellBuffer(width: 3, height: 2), bottom = CellBuffer(width: 3, height: 2)
        top.put("x", x: 0, y: 1, style: Style(attributes: .dim))
        bottom.put("y", x: 1, y: 0, style: Style(attributes: .italic))
        let both = top.snapshot().stacked(above: bottom.snapshot())
        #expect(both.text == "\nx\n y\n")
        #expect(both.styleRuns.map(\.row) == [1, 2])
    }

    @Test func aChangedStyleIsAMismatchEvenWithTheSameCharacters() {
        var b = CellBuffer(width: 6, height: 1)
        b.put("item", x: 0, y: 0, style: Theme.standard.selected)
        let golden = b.snapshot().description + "\n"
        #expect(GoldenFile.mismatch(expected: golden, actual: golden) == nil)
        b.restyle(b.bounds) { _ in .plain }
        let lost = try? #require(GoldenFile.mismatch(expected: golden, actual: b.snapshot().description + "\n"))
        #expect(lost?.hasPrefix("the characters match; the styles differ") == true)
        b.put("iten", x: 0, y: 0)
        #expect(GoldenFile.mismatch(expected: golden, actual: b.snapshot().description + "\n")?
            .hasPrefix("the characters differ") == true)
    }

    @Test func recordingIsRefusedOnCI() {
        #expect(GoldenFile.recordMode([:]) == .compare)
        #expect(GoldenFile.recordMode(["GOLDEN_RECORD": ""]) == .compare)
        #expect(GoldenFile.recordMode(["GOLDEN_RECORD": "1"]) == .record)
        guard case .refused(let why) = GoldenFile.recordMode(["GOLDEN_RECORD": "1", "CI": "true"]) else {
            Issue.record("recording allowed on CI"); return
        }
        #expect(why.contains("CI"))
        guard case .refused = GoldenFile.recordMode(["GOLDEN_RECORD": "yes"]) else {
            Issue.record("GOLDEN_RECORD=yes silently compared"); return
        }
    }
}
