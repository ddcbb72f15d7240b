/// Horizontal scrolling of one line of text by display columns, shared by the text widgets.
enum LineScroll {
    /// Column where each character starts, plus the total width at the end.
    static func columns(_ chars: [Character]) -> [Int] {
        var cols: [Int] = [0]
        cols.reserveCapacity(chars.count + 1)
        var c = 0
        for ch in chars { c += DisplayWidth.of(ch); cols.append(c) }
        return cols
    }

    /// A scroll offset (in columns, on a character boundary) that keeps `cursor` visible in `width` cells.
    static func adjust(scroll: Int, cursor: Int, chars: [Character], width: Int) -> Int {
        let cols = columns(chars)
        let cursorCol = cols[min(cursor, chars.count)]
        // The cursor cell itself needs the width of the character under it (1 at the end).
        let cursorWidth = cursor < chars.count ? max(1, DisplayWidth.of(chars[cursor])) : 1
        var s = scroll
        if cursorCol < s { s = cursorCol }
        if cursorCol + cursorWidth > s + width { s = cursorCol + cursorWidth - width }
        s = max(0, s)
        // Snap to a character start so a wide character is never cut in half on the left.
        if let i = cols.firstIndex(where: { $0 >= s }) { s = cols[i] }
        return s
    }

    /// Draws `chars` scrolled by `scroll` columns into one row.
    static func draw(_ chars: [Character], scroll: Int, x: Int, y: Int, width: Int, style: Style, into b: inout CellBuffer) {
        var col = 0
        for ch in chars {
            let w = DisplayWidth.of(ch)
            if col >= scroll {
                if col - scroll + w > width { break }
                b.put(ch, x: x + col - scroll, y: y, style: style)
            }
            col += w
        }
    }
}
