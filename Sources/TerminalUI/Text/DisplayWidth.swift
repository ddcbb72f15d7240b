/// How many terminal cells text occupies, using the same table as the platform's wcwidth().
public enum DisplayWidth {
    /// 0, 1 or 2 cells for one Unicode scalar. Control characters count 0 (they are never drawn).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }  // fast path: Latin, no combining marks below U+0300
        // Fast path: box drawing, blocks and most geometric shapes (every frame is full of
        // them); U+25FD and U+25FE are wide and take the table.
        if v >= 0x2500 && v <= 0x25FC { return 1 }
        if contains(WidthTables.zero, v) { return 0 }
        if v >= 0x1100 && contains(WidthTables.wide, v) { return 2 }
        return 1
    }

    /// Cells for one grapheme cluster: the width of its first scalar, which is how ncurses
    /// lays out a cchar_t (combining marks and variation selectors ride along for free).
    public static func of(_ character: Character) -> Int {
        if let a = character.asciiValue { return a >= 0x20 && a != 0x7F ? 1 : 0 }
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Total cells for a string.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for ch in string { total += of(ch) }
        return total
    }

    private static func contains(_ table: [ClosedRange<UInt32>], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let r = table[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}

/// Width-aware string helpers used by widgets.
public enum TextLayout {
    /// Cuts `text` to at most `width` cells, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ew = DisplayWidth.of(ellipsis)
        guard width > ew else { return prefix(text, width: width) }
        return prefix(text, width: width - ew) + ellipsis
    }

    /// The longest prefix of `text` that fits in `width` cells (never splits a wide character).
    public static func prefix(_ text: String, width: Int) -> String {
        var used = 0
        var out = ""
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > width { break }
            used += w
            out.append(ch)
        }
        return out
    }

    /// Pads with spaces (or cuts) to exactly `width` cells.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = prefix(text, width: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }

    /// Word-wraps `text` into lines of at most `width` cells. Hard newlines are kept;
    /// words longer than a line are split.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var ww = DisplayWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + word; lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    let head = prefix(word, width: width)
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    ww = DisplayWidth.of(word)
                }
                line = word; lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}
