/// A one-line text input with a cursor and horizontal scrolling.
/// Keys: characters insert; Backspace/Delete; Left/Right, Home/End (also Ctrl-A); Ctrl-U
/// deletes to the start, Ctrl-K to the end, Ctrl-W the word before the cursor.
/// Enter, Tab and Esc are left to the owner.
public struct TextField: Widget {
    public private(set) var characters: [Character]
    /// Cursor position as a character index (0...count).
    public var cursor: Int { didSet { cursor = min(max(0, cursor), characters.count) } }
    public var placeholder: String
    public var focused: Bool
    public var maxLength: Int?
    public var theme: Theme
    private var scroll = 0
    private var lastRect = Rect.zero

    public init(text: String = "", placeholder: String = "", focused: Bool = false, maxLength: Int? = nil, theme: Theme = .standard) {
        self.characters = Array(text); self.cursor = characters.count
        self.placeholder = placeholder; self.focused = focused; self.maxLength = maxLength; self.theme = theme
    }

    public var text: String {
        get { String(characters) }
        set { characters = Array(newValue); cursor = min(cursor, characters.count) }
    }

    public mutating func insert(_ s: String) {
        for ch in s where DisplayWidth.of(ch) > 0 {
            if let m = maxLength, characters.count >= m { break }
            characters.insert(ch, at: cursor); cursor += 1
        }
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let style = focused ? theme.fieldInputFocused : theme.fieldInput
        scroll = LineScroll.adjust(scroll: scroll, cursor: cursor, chars: characters, width: rect.width)
        buffer.withClip(row) { b in
            b.fill(row, style: style)
            if characters.isEmpty && !focused {
                b.put(placeholder, x: rect.x, y: rect.y, maxWidth: rect.width, style: style.adding(.dim))
            } else {
                LineScroll.draw(characters, scroll: scroll, x: rect.x, y: rect.y, width: rect.width, style: style, into: &b)
            }
        }
        if focused {
            let col = LineScroll.columns(characters)[cursor] - scroll
            buffer.cursor = Point(x: rect.x + col, y: rect.y)
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            switch (k.key, k.modifiers) {
            case (.left, []): cursor -= 1
            case (.right, []): cursor += 1
            case (.home, []), (.character("a"), .ctrl): cursor = 0
            case (.end, []): cursor = characters.count
            case (.backspace, []):
                guard cursor > 0 else { return true }
                characters.remove(at: cursor - 1); cursor -= 1
            case (.delete, []):
                if cursor < characters.count { characters.remove(at: cursor) }
            case (.character("u"), .ctrl):
                characters.removeFirst(cursor); cursor = 0
            case (.character("k"), .ctrl):
                characters.removeLast(characters.count - cursor)
            case (.character("w"), .ctrl):
                var start = cursor
                while start > 0, characters[start - 1] == " " { start -= 1 }
                while start > 0, characters[start - 1] != " " { start -= 1 }
                characters.removeSubrange(start..<cursor); cursor = start
            default:
                guard let c = k.character else { return false }
                insert(String(c))
            }
            return true
        case .mouse(let m):
            guard m.action == .press, lastRect.contains(m.position) else { return false }
            let target = m.x - lastRect.x + scroll
            let cols = LineScroll.columns(characters)
            cursor = cols.lastIndex(where: { $0 <= target }) ?? characters.count
            return true
        case .resize: return false
        }
    }
}
