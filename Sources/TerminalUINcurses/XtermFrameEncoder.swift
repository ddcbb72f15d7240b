import TerminalUI

/// The bytes of a frame's changed cells for an xterm-like terminal, written by the backend
/// instead of ncurses for frames that change part of the screen (issue 10: bytes per 8-row
/// pan ≤ 2 KB, key → first byte < 3 ms).
///
/// Why not ncurses: measured on an 8-row pan at 200×60, half of ncurses' bytes were
/// attribute changes (every change of bold or dim is a full `sgr` with the colours again and
/// a charset reset, `ESC(B ESC[0;1m ESC[36m`), and it never uses REP in a UTF-8 screen, so
/// a line of 120 `─` is 360 bytes. This encoder sends what changes between two cells'
/// attributes (`ESC[22m`-style resets only where an attribute goes off), sends the light
/// box-drawing characters through the DEC special graphics set (one byte each, see
/// `LineDrawing`), repeats runs of one ASCII-byte character with REP (`ESC[n b`) where
/// terminfo has `rep`, and erases runs of plain blanks with ECH. And ncurses' own update,
/// even with its bytes thrown away, cost a third of a pan's time to its first byte.
///
/// The terminal must start in normal attributes with the ASCII set in G0 and the scroll
/// region the whole screen (as ncurses and the scroll step leave it); the encoder leaves it
/// the same way.
struct XtermFrameEncoder {
    /// The colours and attributes a style is drawn with: the backend's own mapping (the
    /// same colour numbers ncurses is given; -1 is the terminal's default).
    struct Pen: Equatable {
        var foreground: Int16 = -1
        var background: Int16 = -1
        var attributes: TextAttributes = []
    }

    var pen: (Style) -> Pen
    /// Light box lines through the DEC special graphics set.
    var lineDrawing: Bool
    /// REP (CSI n b) for runs of one ASCII-byte character.
    var repeatCharacter: Bool

    /// Fewest equal cells sent as one character and a REP (`ESC[nb` is 4-6 bytes).
    static let minimumRepeat = 6
    /// Fewest line cells in a row worth switching to the graphics set for (the switch in and
    /// out is 6 bytes; a line cell saves 2).
    static let minimumLineRun = 4

    /// Line cells in a row from `start` (any style: the set does not change with it).
    func lineRun(_ cells: [Cell], from start: Int) -> Int {
        var n = 0
        for c in cells[start...] {
            if c.isContinuation || LineDrawing.decSpecialGraphics(scalar: Self.singleScalar(c.character)) == nil { break }
            n += 1
        }
        return n
    }

    /// Fewest plain blanks erased with ECH (4-5 bytes, and a cursor step after) instead of sent.
    static let minimumErase = 6

    /// The bytes that turn the terminal's screen into `buffer`, given the runs of cells that
    /// differ; `cursor`: where to leave the cursor (nil: anywhere, it is hidden). Short gaps
    /// between runs on a row are sent as their (unchanged) characters when that is shorter
    /// than a cursor step. The cursor's position at the start is not assumed (a scroll step
    /// may come first).
    func encode(_ runs: [CellRun], of buffer: CellBuffer, cursor: Point?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(runs.reduce(0) { $0 + $1.cells.count } * 2 + 64)
        var current = Pen()
        var penKnown = false  // the first character sets every attribute
        var graphics = false
        var y = -1, x = -1    // the terminal's cursor, -1: unknown
        // A frame has few styles and asks for each cell's pen several times: the last one kept.
        var lastStyle: Style?
        var lastPen = Pen()
        func pen(_ style: Style) -> Pen {
            if style == lastStyle { return lastPen }
            lastStyle = style
            lastPen = self.pen(style)
            return lastPen
        }

        func number(_ n: Int) {
            if n >= 10 { number(n / 10) }
            out.append(UInt8(ascii: "0") + UInt8(n % 10))
        }
        func csi() { out.append(0x1B); out.append(UInt8(ascii: "[")) }
        /// The one byte that shows `cell` with the current pen and character set, if any.
        func sameStateByte(_ cell: Cell) -> UInt8? {
            guard cell.width == 1, penKnown, pen(cell.style) == current else { return nil }
            let scalar = Self.singleScalar(cell.character)
            if lineDrawing, let acs = LineDrawing.decSpecialGraphics(scalar: scalar) { return graphics ? acs : nil }
            guard scalar >= 0x20, scalar < 0x7F, !graphics || scalar == 0x20 else { return nil }
            return UInt8(scalar)
        }
        func move(toY ty: Int, x tx: Int) {
            if ty == y && tx == x { return }
            if ty == y, x >= 0, tx > x, tx - x <= 3, tx <= buffer.width {
                var gap: [UInt8] = []
                for gx in x..<tx {
                    guard let b = sameStateByte(buffer[gx, ty]) else { gap.removeAll(); break }
                    gap.append(b)
                }
                if gap.count == tx - x {
                    out.append(contentsOf: gap)
                    x = tx
                    return
                }
            }
            if ty == y, x >= 0, tx > x {
                csi(); if tx - x > 1 { number(tx - x) }; out.append(UInt8(ascii: "C"))
            } else if tx == 0, y >= 0, ty == y + 1, ty < buffer.height {
                // The next row's start: CR LF (the scroll region is the whole screen: the
                // scroll step gives it back, and the row is not the last, so LF never scrolls).
                out.append(0x0D); out.append(0x0A)
            } else {
                csi(); number(ty + 1)
                if tx > 0 { out.append(UInt8(ascii: ";")); number(tx + 1) }
                out.append(UInt8(ascii: "H"))
            }
            y = ty; x = tx
        }
        func setPen(_ p: Pen) {
            if penKnown && p == current { return }
            let removed = !current.attributes.subtracting(p.attributes).isEmpty
            let reset = !penKnown || removed
            csi()
            var first = true
            func parameter(_ n: Int) {
                if !first { out.append(UInt8(ascii: ";")) }
                first = false
                number(n)
            }
            if reset { parameter(0) }
            let added = reset ? p.attributes : p.attributes.subtracting(current.attributes)
            if added.contains(.bold) { parameter(1) }
            if added.contains(.dim) { parameter(2) }
            if added.contains(.italic) { parameter(3) }
            if added.contains(.underline) { parameter(4) }
            if added.contains(.reverse) { parameter(7) }
            func colour(_ n: Int16, base: Int, bright: Int, extended: Int) {
                if n < 0 { parameter(base + 9) } else if n < 8 { parameter(base + Int(n)) }
                else if n < 16 { parameter(bright + Int(n) - 8) }
                else { parameter(extended); parameter(5); parameter(Int(n)) }
            }
            if reset ? p.foreground != -1 : p.foreground != current.foreground {
                colour(p.foreground, base: 30, bright: 90, extended: 38)
            }
            if reset ? p.background != -1 : p.background != current.background {
                colour(p.background, base: 40, bright: 100, extended: 48)
            }
            out.append(UInt8(ascii: "m"))
            current = p
            penKnown = true
        }
        func setGraphics(_ on: Bool) {
            guard on != graphics else { return }
            out.append(contentsOf: on ? [0x1B, UInt8(ascii: "("), UInt8(ascii: "0")] : [0x1B, UInt8(ascii: "("), UInt8(ascii: "B")])
            graphics = on
        }

        // Columns of `doneRow` before `doneEnd` already show the buffer (an erase or a
        // repeat reached past its run): later runs skip them.
        var doneRow = -1, doneEnd = 0
        func isPlainBlank(_ c: Cell) -> Bool { c.width == 1 && Self.singleScalar(c.character) == 0x20 && pen(c.style) == Pen() }
        for run in runs {
            let cells = run.cells
            let row = run.y
            var i = 0
            while i < cells.count {
                let cell = cells[i]
                let col = run.x + i
                if cell.isContinuation || (row == doneRow && col < doneEnd) { i += 1; continue }
                let p = pen(cell.style)
                let scalar = Self.singleScalar(cell.character)
                // A long stretch of plain blanks (in the buffer, past the run too): erase it.
                if scalar == 0x20, isPlainBlank(cell) {
                    var k = 1
                    while col + k < buffer.width, isPlainBlank(buffer[col + k, row]) { k += 1 }
                    if k >= Self.minimumErase {
                        move(toY: row, x: col)
                        setPen(p)
                        csi(); number(k); out.append(UInt8(ascii: "X"))
                        doneRow = row; doneEnd = col + k
                        i += 1
                        continue
                    }
                }
                move(toY: row, x: col)
                setPen(p)
                var byte: UInt8? = nil
                if lineDrawing, let acs = LineDrawing.decSpecialGraphics(scalar: scalar),
                   graphics || lineRun(cells, from: i) >= Self.minimumLineRun {
                    setGraphics(true)
                    byte = acs
                } else if scalar == 0x20 {
                    byte = UInt8(ascii: " ")  // a blank in either set
                } else {
                    setGraphics(false)
                    if scalar < 0x80 {
                        byte = scalar < 0x20 || scalar == 0x7F ? UInt8(ascii: "?") : UInt8(scalar)
                    } else if scalar < 0xA0 {
                        byte = UInt8(ascii: "?")  // a C1 control: in UTF-8, xterm would act on it
                    } else {
                        out.append(contentsOf: cell.character.utf8)
                    }
                }
                if let byte {
                    out.append(byte)
                    x += 1
                    // The same cell again (in the buffer, past the run too): one REP.
                    var more = 0
                    if repeatCharacter {
                        while col + 1 + more < buffer.width, buffer[col + 1 + more, row].isSameCell(as: cell) { more += 1 }
                    }
                    if more >= Self.minimumRepeat - 1 {
                        csi(); number(more); out.append(UInt8(ascii: "b"))
                        x += more
                        doneRow = row; doneEnd = col + 1 + more
                    }
                } else {
                    x += max(1, Int(cell.width))
                }
                i += 1
            }
        }
        setGraphics(false)
        if penKnown && current != Pen() { csi(); out.append(UInt8(ascii: "m")) }
        if let cursor {
            y = -2  // always place the cursor absolutely: a run may have ended on the last column
            move(toY: cursor.y, x: cursor.x)
        }
        return out
    }

    /// The scalar value of a one-scalar character; for a character of several scalars (a
    /// combining sequence, an emoji with modifiers) a value above every scalar, so it is
    /// sent as its UTF-8 and never taken for a blank, an ASCII byte or a line.
    @inline(__always)
    static func singleScalar(_ c: Character) -> UInt32 {
        let scalars = c.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next(), it.next() == nil else { return 0x11_0000 }
        return first.value
    }
}
