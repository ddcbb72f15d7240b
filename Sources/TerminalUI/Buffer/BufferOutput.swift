extension CellBuffer {
    /// The buffer as plain text, one line per row, trailing spaces trimmed (for golden tests).
    public func text() -> String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { line.append(c.character) }
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Runs of cells that differ from `previous`. A buffer of another size differs everywhere.
    /// Runs are widened so that a wide character is never split between two runs.
    public func diff(from previous: CellBuffer?) -> [CellRun] {
        diff(from: previous, scrolled: nil)
    }

    /// Runs of cells that differ from `previous` as it looks after `scroll` (its band moved,
    /// blank lines in; see `scrolled(_:)`), without building that buffer. Nil `scroll`: as is.
    public func diff(from previous: CellBuffer?, scrolled scroll: VerticalScroll?) -> [CellRun] {
        var runs: [CellRun] = []
        let sameSize = previous.map { $0.width == width && $0.height == height } ?? false
        let scroll = sameSize ? scroll.flatMap { $0.rows.lowerBound >= 0 && $0.rows.upperBound <= height && $0.isUseful ? $0 : nil } : nil
        let old = previous?.cells ?? []
        for y in 0..<height {
            let row = y * width
            // Where row y's old cells are: the row itself, another row of the band, or none
            // (a blank line scrolled in).
            var oldRow: Int? = sameSize ? row : nil
            var blankRow = false
            if let s = scroll, s.rows.contains(y) {
                if s.rows.contains(y + s.lines) { oldRow = (y + s.lines) * width } else { oldRow = nil; blankRow = true }
            }
            @inline(__always) func same(_ x: Int) -> Bool {
                if let o = oldRow { return cells[row + x].isSameCell(as: old[o + x]) }
                return blankRow && cells[row + x].isSameCell(as: .blank)
            }
            var x = 0
            while x < width {
                if same(x) { x += 1; continue }
                var start = x
                if cells[row + start].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                while end < width, !same(end) { end += 1 }
                if end < width, cells[row + end].isContinuation { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    // Merge runs that touch after widening.
                    let from = last.x + last.cells.count
                    runs[runs.count - 1].cells.append(contentsOf: cells[(row + from)..<(row + max(from, end))])
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(row + start)..<(row + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
