/// A multi-line text input that soft-wraps at its width (at a blank where there is one) and
/// scrolls vertically; when the text is taller than the box, the last column shows where
/// the view is (a scroll bar). Editing keys are those of `TextEditBuffer`; Enter inserts a
/// newline; Up/Down move by screen rows, PgUp/PgDn by pages; Tab and Esc go to the owner.
/// The cursor starts at the end of the text.
public struct TextArea: Widget {
    public private(set) var buffer: TextEditBuffer
    public var focused: Bool
    public var theme: Theme
    private var scrollRow = 0
    private var lastRect = Rect.zero
    /// The screen column Up/Down aim for (kept across short rows).
    private var goalColumn: Int?

    public init(text: String = "", focused: Bool = false, theme: Theme = .standard) {
        buffer = TextEditBuffer(text: text, multiline: true)
        self.focused = focused; self.theme = theme
    }

    public var text: String {
        get { buffer.text }
        set { buffer.text = newValue }
    }

    /// The logical lines (split at newlines).
    public var lines: [[Character]] {
        buffer.characters.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    /// Logical line and character index of the cursor.
    public var row: Int { buffer.characters[..<buffer.cursor].reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
    public var column: Int { buffer.cursor - buffer.lineStart(buffer.cursor) }
    public var cursor: Int {
        get { buffer.cursor }
        set { buffer.cursor = newValue }
    }

    /// Moves the cursor to a logical line and character index (clamped).
    public mutating func moveCursor(row: Int, column: Int) {
        var start = 0, line = 0
        let chars = buffer.characters
        while line < row, let nl = chars[start...].firstIndex(of: "\n") { start = nl + 1; line += 1 }
        let end = buffer.lineEnd(start)
        buffer.cursor = start + min(max(0, column), end - start)
    }

    /// Columns available to text in a box of `width` (the last one is the scroll bar's).
    static func textWidth(_ width: Int) -> Int { max(1, width - 1) }

    /// Screen rows of the text wrapped at `width` columns.
    public func wrappedRows(width: Int) -> [WrappedRow] {
        WrappedRow.layout(buffer.characters, width: width)
    }

    public mutating func render(into cells: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let style = focused ? theme.fieldInputFocused : theme.fieldInput
        let width = Self.textWidth(rect.width)
        let rows = wrappedRows(width: width)
        let cursorRow = WrappedRow.index(of: buffer.cursor, in: rows)
        if cursorRow < scrollRow { scrollRow = cursorRow }
        if cursorRow >= scrollRow + rect.height { scrollRow = cursorRow - rect.height + 1 }
        scrollRow = max(0, min(scrollRow, max(0, rows.count - rect.height)))
        let chars = buffer.characters
        cells.withClip(rect) { b in
            b.fill(rect, style: style)
            for r in 0..<rect.height {
                let i = scrollRow + r
                guard i < rows.count else { break }
                LineScroll.draw(Array(chars[rows[i].range]), scroll: 0, x: rect.x, y: rect.y + r, width: width,
                                style: style, into: &b)
            }
            if rows.count > rect.height && rect.width > 1 {
                Self.drawScrollBar(into: &b, x: rect.maxX - 1, y: rect.y, height: rect.height,
                                   first: scrollRow, total: rows.count, style: style)
            }
        }
        if focused {
            let row = rows[cursorRow]
            let col = LineScroll.columns(Array(chars[row.start..<buffer.cursor])).last ?? 0
            cells.cursor = Point(x: rect.x + min(col, width), y: rect.y + cursorRow - scrollRow)
        }
    }

    /// A track with a thumb whose size and place show which part of `total` rows is visible.
    static func drawScrollBar(into b: inout CellBuffer, x: Int, y: Int, height: Int, first: Int, total: Int, style: Style) {
        let thumb = max(1, height * height / max(1, total))
        let maxFirst = max(1, total - height)
        let top = min(height - thumb, (height - thumb) * first / maxFirst)
        for r in 0..<height {
            let inThumb = r >= top && r < top + thumb
            b.put(inThumb ? b.glyphs.scrollThumb : b.glyphs.scrollTrack, x: x, y: y + r,
                  style: inThumb ? style.adding(.reverse) : style.adding(.dim))
        }
    }

    private var layoutWidth: Int { lastRect.isEmpty ? Int.max / 4 : Self.textWidth(lastRect.width) }

    /// Up/Down by screen rows, keeping the goal column.
    private mutating func moveRows(_ delta: Int) {
        let rows = wrappedRows(width: layoutWidth)
        let chars = buffer.characters
        let current = WrappedRow.index(of: buffer.cursor, in: rows)
        let goal = goalColumn ?? (LineScroll.columns(Array(chars[rows[current].start..<buffer.cursor])).last ?? 0)
        let target = min(max(0, current + delta), rows.count - 1)
        if target == current {
            buffer.cursor = delta < 0 ? rows[current].start : rows[current].end
        } else {
            let row = rows[target]
            let cols = LineScroll.columns(Array(chars[row.range]))
            let offset = cols.lastIndex(where: { $0 <= goal }) ?? 0
            // A soft-wrapped row's end belongs to the next row: stay before it.
            buffer.cursor = row.start + min(offset, row.isSoft ? max(0, row.range.count - 1) : row.range.count)
        }
        goalColumn = goal
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .paste(let text):
            buffer.insert(text); goalColumn = nil
            return true
        case .mouse(let m):
            guard m.action == .press, lastRect.contains(m.position) else { return false }
            let rows = wrappedRows(width: layoutWidth)
            guard let row = rows.indices.contains(scrollRow + m.y - lastRect.y) ? rows[scrollRow + m.y - lastRect.y] : rows.last
            else { return true }
            let cols = LineScroll.columns(Array(buffer.characters[row.range]))
            let offset = cols.lastIndex(where: { $0 <= m.x - lastRect.x }) ?? 0
            buffer.cursor = row.start + min(offset, row.isSoft ? max(0, row.range.count - 1) : row.range.count)
            goalColumn = nil
            return true
        case .resize: return false
        case .key(let k):
            switch (k.key, k.modifiers) {
            case (.up, []): moveRows(-1); return true
            case (.down, []): moveRows(1); return true
            case (.pageUp, []): moveRows(-max(1, lastRect.height - 1)); return true
            case (.pageDown, []): moveRows(max(1, lastRect.height - 1)); return true
            default:
                goalColumn = nil
                return buffer.handle(k)
            }
        }
    }
}

/// One screen row of wrapped text: characters `start..<end` of the text (never a newline).
public struct WrappedRow: Equatable, Sendable {
    public var start: Int
    public var end: Int
    /// The row was broken to fit (the text goes on in the next row without a newline), so
    /// a cursor at `end` is shown at the start of the next row.
    public var isSoft: Bool
    public var range: Range<Int> { start..<end }

    /// Breaks each line of `chars` into rows of at most `width` columns, after the last
    /// blank that fits (or mid-word when a word is longer than a row). A line that fills
    /// its last row exactly gets an empty row after it, so the cursor at its end is visible.
    public static func layout(_ chars: [Character], width: Int) -> [WrappedRow] {
        let width = max(1, width)
        var rows: [WrappedRow] = []
        var s = 0
        while true {
            var lineEnd = s
            while lineEnd < chars.count, chars[lineEnd] != "\n" { lineEnd += 1 }
            var start = s
            while true {
                var e = start, col = 0
                while e < lineEnd {
                    let w = DisplayWidth.of(chars[e])
                    if col + w > width { break }
                    col += w; e += 1
                }
                if e == start && e < lineEnd { e += 1 }  // a character wider than the row
                if e < lineEnd {
                    if let blank = chars[start..<e].lastIndex(of: " "), blank > start { e = blank + 1 }
                    rows.append(WrappedRow(start: start, end: e, isSoft: true))
                    start = e
                } else {
                    let full = col >= width && lineEnd > start
                    rows.append(WrappedRow(start: start, end: e, isSoft: full))
                    if full { rows.append(WrappedRow(start: e, end: e, isSoft: false)) }
                    break
                }
            }
            guard lineEnd < chars.count else { break }
            s = lineEnd + 1
        }
        return rows
    }

    /// The row showing the cursor at character index `cursor`.
    public static func index(of cursor: Int, in rows: [WrappedRow]) -> Int {
        for (i, r) in rows.enumerated() where cursor >= r.start && (cursor < r.end || (cursor == r.end && !r.isSoft)) {
            return i
        }
        return max(0, rows.count - 1)
    }
}
