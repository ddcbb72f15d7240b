/// What a `capture-pane -p -e` screen shows, as text. The editor sends runs of light box
/// lines through the terminal's DEC special graphics set (issue 10: one byte a cell instead
/// of three), and tmux keeps such cells as their ASCII letters with a charset flag: plain
/// `capture-pane -p` prints a line as `lqqk`. With `-e` the flagged cells come between SO
/// and SI, so they can be read back as the line glyphs a terminal draws.
enum TmuxScreenText {
    /// DEC special graphics letters and the glyphs they are drawn as (the VT100 table).
    static let graphics: [Character: Character] = [
        "j": "┘", "k": "┐", "l": "┌", "m": "└", "n": "┼", "q": "─", "t": "├", "u": "┤", "v": "┴", "w": "┬",
        "x": "│", "`": "◆", "a": "▒", "f": "°", "g": "±", "o": "⎺", "p": "⎻", "r": "⎼", "s": "⎽", "~": "·",
        "y": "≤", "z": "≥", "{": "π", "|": "≠", "}": "£",
    ]

    /// The screen as `capture-pane -p` would print it with the graphics cells as their glyphs:
    /// escape sequences dropped, trailing blanks of each line trimmed.
    static func plain(_ escaped: String) -> String {
        decode(escaped, keepingStyle: false).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var l = Substring(line)
                while l.last == " " { l.removeLast() }
                return String(l)
            }
            .joined(separator: "\n")
    }

    /// The `-e` screen with the graphics cells as their glyphs and SO/SI dropped; the SGR
    /// sequences stay (to compare colours and attributes too).
    static func styled(_ escaped: String) -> String { decode(escaped, keepingStyle: true) }

    private static func decode(_ escaped: String, keepingStyle: Bool) -> String {
        var out = ""
        var inGraphics = false
        var chars = escaped.makeIterator()
        while let c = chars.next() {
            switch c {
            case "\u{0E}": inGraphics = true
            case "\u{0F}": inGraphics = false
            case "\u{1B}":
                guard let kind = chars.next() else { break }
                if kind == "[" {
                    var sequence = "\u{1B}["
                    while let p = chars.next() {
                        sequence.append(p)
                        if let a = p.asciiValue, (0x40...0x7E).contains(a) { break }
                    }
                    if keepingStyle { out += sequence }
                } else if kind == "(" {
                    if let set = chars.next() { inGraphics = set == "0" }
                } else if keepingStyle {
                    out.append(c); out.append(kind)
                }
            case "\n": inGraphics = false; out.append(c)
            default: out.append(inGraphics ? (graphics[c] ?? c) : c)
            }
        }
        return out
    }
}
