/// A multi-line text input without wrapping: long lines scroll horizontally at the cursor.
/// Enter inserts a newline; arrows, Home/End, PgUp/PgDn move; Tab and Esc go to the owner.
public struct TextArea: Widget {
    public private(set) var lines: [[Character]]
    public private(set) var row = 0
    public private(set) var column = 0
    public var focused: Bool
    public var theme: Theme
    private var scrollRow = 0
    private var scrollColumn = 0
    private var lastRect = Rect.zero

    public init(text: String = "", focused: Bool = false, theme: Theme = .standard) {
        self.lines = Self.split(text); self.focused = focused; self.theme = theme
    }

    private static func split(_ text: String) -> [[Character]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    public var text: String {
        get { lines.map { String($0) }.joined(separator: "\n") }
        set { lines = Self.split(newValue); row = min(row, lines.count - 1); column = min(column, lines[row].count) }
    }

    /// Moves the cursor to a line and character index (clamped).
    public mutating func moveCursor(row: Int, column: Int) {
        self.row = min(max(0, row), lines.count - 1)
        self.column = min(max(0, column), lines[self.row].count)
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let style = focused ? theme.fieldInputFocused : theme.fieldInput
        if row < scrollRow { scrollRow = row }
        if row >= scrollRow + rect.height { scrollRow = row - rect.height + 1 }
        scrollColumn = LineScroll.adjust(scroll: scrollColumn, cursor: column, chars: lines[row], width: rect.width)
        buffer.withClip(rect) { b in
            b.fill(rect, style: style)
            for r in 0..<rect.height {
                let li = scrollRow + r
                guard li < lines.count else { break }
                LineScroll.draw(lines[li], scroll: scrollColumn, x: rect.x, y: rect.y + r, width: rect.width, style: style, into: &b)
            }
        }
        if focused {
            let col = LineScroll.columns(lines[row])[column] - scrollColumn
            buffer.cursor = Point(x: rect.x + col, y: rect.y + row - scrollRow)
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        guard case .key(let k) = event else {
            if case .mouse(let m) = event, m.action == .press, lastRect.contains(m.position) {
                let r = min(scrollRow + m.y - lastRect.y, lines.count - 1)
                let cols = LineScroll.columns(lines[r])
                moveCursor(row: r, column: cols.lastIndex(where: { $0 <= m.x - lastRect.x + scrollColumn }) ?? 0)
                return true
            }
            return false
        }
        switch (k.key, k.modifiers) {
        case (.left, []):
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case (.right, []):
            if column < lines[row].count { column += 1 } else if row < lines.count - 1 { row += 1; column = 0 }
        case (.up, []): moveCursor(row: row - 1, column: column)
        case (.down, []): moveCursor(row: row + 1, column: column)
        case (.pageUp, []): moveCursor(row: row - max(1, lastRect.height - 1), column: column)
        case (.pageDown, []): moveCursor(row: row + max(1, lastRect.height - 1), column: column)
        case (.home, []), (.character("a"), .ctrl): column = 0
        case (.end, []): column = lines[row].count
        case (.enter, []):
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1; column = 0
        case (.backspace, []):
            if column > 0 {
                lines[row].remove(at: column - 1); column -= 1
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1].append(contentsOf: lines.remove(at: row))
                row -= 1
            }
        case (.delete, []):
            if column < lines[row].count { lines[row].remove(at: column) }
            else if row < lines.count - 1 { lines[row].append(contentsOf: lines.remove(at: row + 1)) }
        default:
            guard let c = k.character, DisplayWidth.of(c) > 0 else { return false }
            lines[row].insert(c, at: column); column += 1
        }
        return true
    }
}
