/// A one-line text input with a cursor and horizontal scrolling. Editing keys are those of
/// `TextEditBuffer` (readline's); a paste arrives as text, its newlines turned into spaces.
/// Enter, Tab and Esc are left to the owner.
public struct TextField: Widget {
    public private(set) var buffer: TextEditBuffer
    public var placeholder: String
    public var focused: Bool
    public var theme: Theme
    /// Draws each character as a dot (a secret being typed), the text itself unchanged.
    public var masked = false
    private var scroll = 0
    private var lastRect = Rect.zero

    public init(text: String = "", placeholder: String = "", focused: Bool = false, maxLength: Int? = nil, theme: Theme = .standard) {
        buffer = TextEditBuffer(text: text, multiline: false, maxLength: maxLength)
        self.placeholder = placeholder; self.focused = focused; self.theme = theme
    }

    public var characters: [Character] { buffer.characters }
    /// Cursor position as a character index (0...count).
    public var cursor: Int {
        get { buffer.cursor }
        set { buffer.cursor = newValue }
    }
    public var maxLength: Int? {
        get { buffer.maxLength }
        set { buffer.maxLength = newValue }
    }

    public var text: String {
        get { buffer.text }
        set { buffer.text = newValue }
    }

    public mutating func insert(_ s: String) { buffer.insert(s) }

    public mutating func render(into cells: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let style = focused ? theme.fieldInputFocused : theme.fieldInput
        let characters = masked ? Array(repeating: Character("•"), count: buffer.characters.count) : buffer.characters
        scroll = LineScroll.adjust(scroll: scroll, cursor: cursor, chars: characters, width: rect.width)
        cells.withClip(row) { b in
            b.fill(row, style: style)
            if characters.isEmpty && !focused {
                b.put(placeholder, x: rect.x, y: rect.y, maxWidth: rect.width, style: style.adding(.dim))
            } else {
                LineScroll.draw(characters, scroll: scroll, x: rect.x, y: rect.y, width: rect.width, style: style, into: &b)
            }
        }
        if focused {
            let col = LineScroll.columns(characters)[cursor] - scroll
            cells.cursor = Point(x: rect.x + col, y: rect.y)
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            return buffer.handle(k)
        case .paste(let text):
            buffer.insert(text)
            return true
        case .mouse(let m):
            guard m.action == .press, lastRect.contains(m.position) else { return false }
            let target = m.x - lastRect.x + scroll
            let cols = LineScroll.columns(buffer.characters)
            cursor = cols.lastIndex(where: { $0 <= target }) ?? buffer.characters.count
            return true
        case .resize: return false
        }
    }
}
