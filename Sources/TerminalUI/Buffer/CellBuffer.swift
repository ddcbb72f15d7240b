import TerminalText

/// The in-memory screen every view draws into: a width×height grid of cells. Drawing is
/// clipped to `clip`; the backend copies only what changed between two buffers.
public struct CellBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Glyphs used by line, box and arrow drawing (ASCII when the terminal is not UTF-8).
    public var glyphs: GlyphSet
    /// Drawing outside this rectangle is ignored. Use `withClip` to narrow it for a region.
    public var clip: Rect
    /// Where the terminal cursor should be shown after this frame (nil: hidden).
    public var cursor: Point?
    /// Rows whose content moved vertically since the previous frame (a pan), for a backend
    /// that can scroll the terminal (VerticalScroll.swift). Not part of equality: it says
    /// how the frame may be sent, not what it shows.
    public var verticalScroll: VerticalScroll?

    var cells: [Cell]
    /// Directions of the lines drawn in each cell (0 when the cell holds no line).
    var lineBits: [UInt8]

    public init(width: Int, height: Int, glyphs: GlyphSet = .unicode, fill: Cell = .blank) {
        let w = max(0, width), h = max(0, height)
        self.width = w; self.height = h; self.glyphs = glyphs
        self.clip = Rect(x: 0, y: 0, width: w, height: h)
        self.cells = Array(repeating: fill, count: w * h)
        self.lineBits = Array(repeating: 0, count: w * h)
    }

    public init(size: Size, glyphs: GlyphSet = .unicode) {
        self.init(width: size.width, height: size.height, glyphs: glyphs)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public static func == (a: CellBuffer, b: CellBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.glyphs == b.glyphs && a.clip == b.clip
            && a.cursor == b.cursor && a.cells == b.cells && a.lineBits == b.lineBits
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Directions of the line drawn at (x, y), empty if the cell holds no line.
    public func lineDirections(x: Int, y: Int) -> LineDirections {
        guard x >= 0, y >= 0, x < width, y < height else { return [] }
        return LineDirections(rawValue: lineBits[y * width + x] & 0x0F)
    }

    /// Runs `body` with drawing clipped to `rect` (intersected with the current clip).
    public mutating func withClip<R>(_ rect: Rect, _ body: (inout CellBuffer) throws -> R) rethrows -> R {
        let saved = clip
        clip = clip.intersection(rect)
        defer { clip = saved }
        return try body(&self)
    }

    /// Clears everything to blank cells with `style` and resets the clip and cursor.
    public mutating func clear(style: Style = .plain) {
        clip = bounds
        cursor = nil
        for i in cells.indices { cells[i] = Cell(" ", style: style) }
        for i in lineBits.indices { lineBits[i] = 0 }
    }

    /// Changes the size, keeping nothing (a resized screen is redrawn from scratch).
    public mutating func resize(to size: Size) {
        self = CellBuffer(width: size.width, height: size.height, glyphs: glyphs)
    }

    // MARK: - Writing cells

    private func canDraw(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && clip.contains(Point(x: x, y: y))
    }

    /// Writes one cell, keeping wide characters whole: overwriting either half of a wide
    /// character blanks its other half.
    /// Stores a one-column character the caller already clipped (line glyphs): `put`
    /// without its width lookup.
    mutating func storeNarrow(_ ch: Character, x: Int, y: Int, style: Style) {
        store(Cell(ch, width: 1, style: style), x: x, y: y)
    }

    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        if old.width == 2, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
        lineBits[i] = 0
    }

    /// Puts one grapheme at (x, y); returns its width in cells (0 when nothing was drawn).
    /// A wide character that would stick out of the clip or the buffer is drawn as a space.
    @discardableResult
    public mutating func put(_ ch: Character, x: Int, y: Int, style: Style = .plain) -> Int {
        let w = DisplayWidth.of(ch)
        if w == 0 {
            // A control character is drawn as its escape (`\x1B`), as the CLI prints it, so
            // nothing invisible reaches the terminal.
            guard let first = ch.unicodeScalars.first, TerminalText.isControl(first) else { return 0 }
            var cx = x
            for c in TerminalText.escaped(String(ch)) { cx += put(c, x: cx, y: y, style: style) }
            return cx - x
        }
        guard canDraw(x, y) else { return w }
        if w == 2 {
            guard canDraw(x + 1, y) else {
                store(Cell(" ", style: style), x: x, y: y)
                return 2
            }
            store(Cell(ch, width: 2, style: style), x: x, y: y)
            store(.continuation(style), x: x + 1, y: y)
            return 2
        }
        store(Cell(ch, width: 1, style: style), x: x, y: y)
        return 1
    }

    /// Puts a string starting at (x, y), one grapheme after the other, clipped.
    /// Returns the column after the last character (x + display width).
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain) -> Int {
        var cx = x
        for ch in text {
            if cx >= clip.maxX || cx >= width { break }
            cx += put(ch, x: cx, y: y, style: style)
        }
        return cx
    }

    /// Puts a string cut to `maxWidth` cells (with an ellipsis when cut). Returns the next column.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style = .plain) -> Int {
        put(TextLayout.truncate(text, to: maxWidth, ellipsis: glyphs.ellipsis), x: x, y: y, style: style)
    }

    /// Fills a rectangle with one character (a space by default).
    public mutating func fill(_ rect: Rect, with ch: Character = " ", style: Style = .plain) {
        let r = rect.intersection(clip).intersection(bounds)
        guard !r.isEmpty else { return }
        let w = max(1, DisplayWidth.of(ch))
        if DisplayWidth.of(ch) == 1 {
            // The common case (a background of spaces): one cell value stored per cell, without
            // `put`'s width and clip checks per cell (`r` is inside the clip already).
            let cell = Cell(ch, width: 1, style: style)
            for y in r.y..<r.maxY {
                // Every cell of the row's span is overwritten, so only a wide character cut
                // by the span's ends (its other half outside) needs `store`'s care.
                store(cell, x: r.x, y: y)
                if r.width > 1 { store(cell, x: r.maxX - 1, y: y) }
                let row = y * width
                for i in (row + r.x + 1)..<max(row + r.x + 1, row + r.maxX - 1) {
                    cells[i] = cell
                    lineBits[i] = 0
                }
            }
            return
        }
        for y in r.y..<r.maxY {
            var x = r.x
            while x < r.maxX { put(ch, x: x, y: y, style: style); x += w }
        }
    }

    /// Changes only the style of the cells in `rect` (e.g. to highlight a selected row).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(clip).intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }
}
