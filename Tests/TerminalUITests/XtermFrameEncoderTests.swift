import Testing
import TerminalUI
@testable import TerminalUINcurses

/// The encoder's bytes, played on a small model of an xterm-like screen (cursor moves, SGR,
/// ECH, REP, the DEC special graphics set, UTF-8 with wide characters), must turn the
/// previous frame into the new one, cell for cell and style for style, and cost less than
/// the plain cells would.
@Suite struct XtermFrameEncoderTests {
    typealias Pen = XtermFrameEncoder.Pen

    static func pen(_ style: Style) -> Pen {
        Pen(foreground: NcursesBackend.colorNumber(style.foreground, foreground: true, colorCount: 256, defaultColors: true),
            background: NcursesBackend.colorNumber(style.background, foreground: false, colorCount: 256, defaultColors: true),
            attributes: NcursesBackend.attributes(of: style, colorCount: 256))
    }

    var encoder: XtermFrameEncoder { XtermFrameEncoder(pen: Self.pen, lineDrawing: true, repeatCharacter: true) }

    /// A screen of (character, pen) cells that plays the sequences the encoder writes.
    struct Screen {
        var width: Int, height: Int
        var cells: [[(Character, Pen)]]
        var y = 0, x = 0
        var pen = Pen()
        var graphics = false
        var last: Character?
        var top = 0, bottom: Int

        /// Scrolls the region by n lines (n > 0: up), blank lines in with the pen's background.
        mutating func scrollRegion(_ n: Int) {
            for _ in 0..<abs(n) {
                let blank = Array(repeating: (Character(" "), Pen(background: pen.background)), count: width)
                if n > 0 { cells.remove(at: top); cells.insert(blank, at: bottom) }
                else { cells.remove(at: bottom); cells.insert(blank, at: top) }
            }
        }

        init(_ buffer: CellBuffer) {
            width = buffer.width; height = buffer.height; bottom = buffer.height - 1
            cells = (0..<buffer.height).map { y in
                (0..<buffer.width).map { x in (buffer[x, y].character, XtermFrameEncoderTests.pen(buffer[x, y].style)) }
            }
        }

        mutating func put(_ c: Character, width w: Int) {
            guard y < height, x < width else { return }
            cells[y][x] = (c, pen)
            if w == 2, x + 1 < width { cells[y][x + 1] = (" ", pen) }
            x = min(width, x + w)
        }

        mutating func play(_ bytes: [UInt8]) throws {
            let text = String(decoding: bytes, as: UTF8.self)
            var it = Array(text).makeIterator()
            while let c = it.next() {
                if c == "\u{1B}" {
                    guard let kind = it.next() else { Issue.record("a lone ESC at the end"); return }
                    if kind == "(" { graphics = it.next() == "0"; continue }
                    #expect(kind == "[")
                    var params = ""
                    var final: Character = " "
                    while let p = it.next() { if p.isLetter { final = p; break }; params.append(p) }
                    let ns = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
                    let n = max(1, ns.first ?? 1)
                    switch final {
                    case "H": y = max(1, ns[0]) - 1; x = max(1, ns.count > 1 ? ns[1] : 1) - 1
                    case "C": x = min(width - 1, x + n)
                    case "X": for i in x..<min(width, x + n) { cells[y][i] = (" ", pen) }
                    case "b": if let l = last { for _ in 0..<n { put(l, width: 1) } }
                    case "m": sgr(params.isEmpty ? [0] : ns)
                    case "r":  // DECSTBM: the region, the cursor home
                        top = params.isEmpty ? 0 : max(1, ns[0]) - 1
                        bottom = params.isEmpty || ns.count < 2 ? height - 1 : min(height, ns[1]) - 1
                        y = 0; x = 0
                    case "S": scrollRegion(n)
                    case "T": scrollRegion(-n)
                    default: Issue.record("unexpected sequence ESC[\(params)\(final)")
                    }
                    if final != "b" { last = nil }
                    continue
                }
                if c == "\r\n" || c == "\r" || c == "\n" {
                    if c != "\n" { x = 0 }
                    if c != "\r" {
                        #expect(y != bottom, "a line feed at the region's last row scrolls")
                        y = min(height - 1, y + 1)
                    }
                    last = nil
                    continue
                }
                var shown = c
                if graphics, let g = TmuxGraphicsTable.glyph[c] { shown = g }
                let w = DisplayWidth.of(String(c))
                put(shown, width: w)
                last = w == 1 ? shown : nil
            }
        }

        mutating func sgr(_ ps: [Int]) {
            var i = 0
            while i < ps.count {
                let p = ps[i]
                switch p {
                case 0: pen = Pen()
                case 1: pen.attributes.insert(.bold)
                case 2: pen.attributes.insert(.dim)
                case 3: pen.attributes.insert(.italic)
                case 4: pen.attributes.insert(.underline)
                case 7: pen.attributes.insert(.reverse)
                case 30...37: pen.foreground = Int16(p - 30)
                case 39: pen.foreground = -1
                case 40...47: pen.background = Int16(p - 40)
                case 49: pen.background = -1
                case 90...97: pen.foreground = Int16(p - 90 + 8)
                case 100...107: pen.background = Int16(p - 100 + 8)
                case 38: pen.foreground = Int16(ps[i + 2]); i += 2
                case 48: pen.background = Int16(ps[i + 2]); i += 2
                default: Issue.record("unexpected SGR \(p)")
                }
                i += 1
            }
        }
    }

    /// The scroll step xterm's terminfo gives (csr, indn or rin, csr of the whole screen).
    static func xtermScrollStep(_ scroll: VerticalScroll, height: Int) -> [UInt8] {
        let step = "\u{1B}[\(scroll.rows.lowerBound + 1);\(scroll.rows.upperBound)r"
            + "\u{1B}[\(abs(scroll.lines))\(scroll.lines > 0 ? "S" : "T")" + "\u{1B}[1;\(height)r"
        return Array(step.utf8)
    }

    func check(from old: CellBuffer, to new: CellBuffer, scroll: VerticalScroll? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let runs = new.diff(from: old, scrolled: scroll)
        let step = scroll.map { Self.xtermScrollStep($0, height: new.height) } ?? []
        let bytes = step + encoder.encode(runs, of: new, cursor: Point(x: 4, y: 3))
        var screen = Screen(old)
        try screen.play(bytes)
        let want = Screen(new)
        for y in 0..<new.height {
            for x in 0..<new.width where !new[x, y].isContinuation {
                let got = screen.cells[y][x], exp = want.cells[y][x]
                #expect(got.0 == exp.0 && got.1 == exp.1, "cell \(x),\(y): \(got) instead of \(exp)", sourceLocation: sourceLocation)
            }
        }
        #expect(screen.y == 3 && screen.x == 4, "the cursor is left where the frame shows it", sourceLocation: sourceLocation)
        #expect(screen.pen == Pen() && !screen.graphics, "normal attributes and the ASCII set at the end", sourceLocation: sourceLocation)
        return bytes.count
    }

    @Test func boxesLabelsWideCharactersAndBlanksComeOutRight() throws {
        var old = CellBuffer(width: 60, height: 8)
        _ = old.put("old text that will be erased by blanks", x: 2, y: 1)
        _ = old.put("keep", x: 50, y: 1, style: Style(foreground: .cyan))
        var new = old
        _ = new.put(String(repeating: " ", count: 40), x: 0, y: 1)
        let box = Style(foreground: .cyan)
        _ = new.put("┌ " , x: 3, y: 2, style: box)
        _ = new.put("LG Log", x: 5, y: 2, style: Style(attributes: .bold))
        _ = new.put(" " + String(repeating: "─", count: 30) + "┐", x: 11, y: 2, style: box)
        _ = new.put("│", x: 3, y: 3, style: box)
        _ = new.put("日本 wide ✉ text", x: 5, y: 3, style: Style(foreground: .indexed(200), background: .gray))
        _ = new.put("├──┤", x: 50, y: 3, style: Style(foreground: .gray, attributes: [.dim]))
        _ = new.put("└" + String(repeating: "─", count: 40) + "┘", x: 3, y: 4, style: box)
        _ = new.put("aaaaaaaaaa", x: 0, y: 6, style: Style(attributes: [.reverse, .underline]))
        _ = new.put("x", x: 59, y: 7, style: Style(attributes: .italic))
        let n = try check(from: old, to: new)
        let plainBytes = new.diff(from: old).reduce(0) { $0 + $1.cells.reduce(0) { $0 + String($1.character).utf8.count } }
        #expect(n < plainBytes, "\(n) bytes for \(plainBytes) bytes of characters alone")
    }

    @Test func synchronizedOutputOnlyForTheXtermFamily() {
        for term in ["xterm", "xterm-256color", "tmux-256color", "screen-256color", "foot", "kitty", "alacritty", "xterm-kitty"] {
            #expect(NcursesBackend.wantsSynchronizedOutput(term: term), "\(term)")
        }
        for term in ["linux", "vt100", "vt220", "ansi", "dumb", "", "xtermish", "screenplay"] {
            #expect(!NcursesBackend.wantsSynchronizedOutput(term: term), "\(term)")
        }
    }

    @Test func aFullRepaintOverAnotherScreenAndAnUnchangedOne() throws {
        var a = CellBuffer(width: 30, height: 4)
        var b = CellBuffer(width: 30, height: 4)
        for y in 0..<4 {
            _ = a.put(String(repeating: "─", count: 30), x: 0, y: y, style: Style(foreground: .red))
            _ = b.put("row \(y) │ " + String(repeating: "q", count: 12), x: 1, y: y, style: Style(background: .blue))
        }
        _ = try check(from: a, to: b)
        _ = try check(from: b, to: a)
        #expect(try check(from: a, to: a) <= 8, "an unchanged frame is just the cursor")
    }

    /// A pan of a band (rows 1…6 of 8, with a status row below that changes too): the scroll
    /// step first, then the cells that differ from the old frame scrolled; the cursor's place
    /// after the step is not assumed, and the rows the band brings in start blank.
    @Test func aScrolledBandThenItsNewRowsComeOutRight() throws {
        var old = CellBuffer(width: 40, height: 8)
        for y in 1...6 {
            _ = old.put("row \(y) ┌──────┐ text", x: 2 + y, y: y, style: Style(foreground: .cyan, background: y == 3 ? .blue : .default))
        }
        _ = old.put("status: old", x: 0, y: 7, style: Style(attributes: .reverse))
        for lines in [2, -3] {
            let scroll = VerticalScroll(rows: 1..<7, lines: lines)
            var new = old.scrolled(scroll)
            for y in 1...6 where !(1...6).contains(y + lines) {
                _ = new.put("new row \(y) └─┘", x: 1, y: y, style: Style(foreground: .red))
            }
            _ = new.put("status: new \(lines)", x: 0, y: 7, style: Style(attributes: .reverse))
            let scrolledBytes = try check(from: old, to: new, scroll: scroll)
            let plainBytes = try check(from: old, to: new)
            #expect(scrolledBytes < plainBytes, "scrolled \(scrolledBytes) B, plain \(plainBytes) B")
        }
    }

    /// CellBuffer draws control characters as their escapes; should one reach a cell anyway,
    /// the terminal gets "?" (C0, DEL and the C1 controls, which xterm acts on in UTF-8).
    @Test func controlCharactersNeverReachTheTerminal() {
        let screen = CellBuffer(width: 20, height: 2)
        let controls = ["\u{1B}", "\u{07}", "\u{7F}", "\u{9B}", "\u{85}"].map { Cell(Character($0)) }
        let bytes = encoder.encode([CellRun(x: 2, y: 1, cells: controls)], of: screen, cursor: nil)
        #expect(bytes.filter { $0 == UInt8(ascii: "?") }.count == 5, "\(bytes)")
        #expect(!bytes.contains(0x07) && !bytes.contains(0x7F) && !bytes.contains(0xC2), "\(bytes)")
        #expect(bytes.filter { $0 == 0x1B }.count == 2, "only the cursor move and the pen: \(bytes)")
    }

    @Test func anUnchangedFrameWithAHiddenCursorIsNothing() {
        var a = CellBuffer(width: 20, height: 3)
        _ = a.put("same", x: 1, y: 1)
        #expect(encoder.encode(a.diff(from: a), of: a, cursor: nil).isEmpty)
    }
}

/// The DEC special graphics glyphs the model screen draws (the encoder's letters).
enum TmuxGraphicsTable {
    static let glyph: [Character: Character] = [
        "j": "┘", "k": "┐", "l": "┌", "m": "└", "n": "┼", "q": "─", "t": "├", "u": "┤", "v": "┴", "w": "┬", "x": "│",
    ]
}
