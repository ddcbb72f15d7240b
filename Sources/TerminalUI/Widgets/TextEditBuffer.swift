/// The text and cursor behind `TextField` and `TextArea`, with the editing keys people know
/// from a shell (readline/Emacs), so every text input in the app behaves the same:
///
/// - Left/Right; Home/End and Ctrl-A/Ctrl-E go to the start/end of the (logical) line;
///   Alt-B/Alt-F and Ctrl-Left/Ctrl-Right move by words.
/// - Backspace, Delete (and Ctrl-D) delete a character.
/// - Ctrl-U kills to the line start, Ctrl-K to the line end (at the end of a line: the
///   newline), Ctrl-W the whitespace-delimited word before the cursor, Alt-D the word after
///   it, Alt-Backspace the word before it; Ctrl-Y yanks the last kill back. Kills made one
///   right after another join into one, as in readline.
///
/// Typed and pasted text loses its control characters (a terminal escape sequence never
/// reaches the text); a one-line buffer turns pasted newlines and tabs into spaces.
public struct TextEditBuffer: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position as a character index (0...count).
    public var cursor: Int { didSet { cursor = min(max(0, cursor), characters.count) } }
    public let multiline: Bool
    public var maxLength: Int?
    /// The text the last kill removed, for Ctrl-Y.
    public private(set) var killed: [Character] = []
    private var lastWasKill = false

    public init(text: String = "", multiline: Bool, maxLength: Int? = nil) {
        self.multiline = multiline
        self.maxLength = maxLength
        characters = Self.clean(Array(text), multiline: multiline)
        cursor = characters.count
    }

    public var text: String {
        get { String(characters) }
        set { characters = Self.clean(Array(newValue), multiline: multiline); cursor = min(cursor, characters.count) }
    }

    /// Drops control characters (escape sequences lose their ESC, so they cannot act);
    /// newlines survive only in a multi-line buffer, tabs become a space.
    static func clean(_ chars: [Character], multiline: Bool) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        for ch in chars {
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                out.append(multiline ? "\n" : " ")
            } else if ch == "\t" {
                out.append(" ")
            } else if ch.unicodeScalars.allSatisfy({ !isControl($0) }) {
                out.append(ch)
            }
        }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Inserts typed or pasted text at the cursor (cleaned; up to `maxLength`).
    public mutating func insert<S: Sequence>(_ text: S) where S.Element == Character {
        lastWasKill = false
        var chars = Self.clean(Array(text), multiline: multiline)
        if let m = maxLength { chars = Array(chars.prefix(max(0, m - characters.count))) }
        characters.insert(contentsOf: chars, at: cursor)
        cursor += chars.count
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func replaceAll(with text: String) {
        self.text = text
        cursor = characters.count
        lastWasKill = false
    }

    // MARK: - Positions

    public func lineStart(_ i: Int) -> Int {
        var s = min(i, characters.count)
        while s > 0, characters[s - 1] != "\n" { s -= 1 }
        return s
    }

    public func lineEnd(_ i: Int) -> Int {
        var e = max(0, i)
        while e < characters.count, characters[e] != "\n" { e += 1 }
        return e
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Where Alt-F lands: the end of the next word.
    public func wordEnd(after i: Int) -> Int {
        var e = i
        while e < characters.count, !Self.isWordCharacter(characters[e]) { e += 1 }
        while e < characters.count, Self.isWordCharacter(characters[e]) { e += 1 }
        return e
    }

    /// Where Alt-B lands: the start of the word before.
    public func wordStart(before i: Int) -> Int {
        var s = i
        while s > 0, !Self.isWordCharacter(characters[s - 1]) { s -= 1 }
        while s > 0, Self.isWordCharacter(characters[s - 1]) { s -= 1 }
        return s
    }

    /// Ctrl-W's start: back over blanks, then over non-blanks (unix-word-rubout).
    private func blankDelimitedWordStart(before i: Int) -> Int {
        var s = i
        while s > 0, characters[s - 1] == " " || characters[s - 1] == "\n" { s -= 1 }
        while s > 0, characters[s - 1] != " " && characters[s - 1] != "\n" { s -= 1 }
        return s
    }

    // MARK: - Editing

    /// Removes `range` into the kill buffer (joined to the previous kill when it came right before).
    private mutating func kill(_ range: Range<Int>, backwards: Bool) {
        guard !range.isEmpty else { lastWasKill = true; return }
        let text = Array(characters[range])
        if lastWasKill { killed = backwards ? text + killed : killed + text } else { killed = text }
        characters.removeSubrange(range)
        cursor = range.lowerBound
        lastWasKill = true
    }

    /// What a key does to the text (readline's keys, as bash and every prompt have them).
    public enum Key: Equatable, Sendable {
        case left, right, lineStart, lineEnd, wordBack, wordForward, backspace, deleteForward
        case killToStart, killToEnd, killWordBack, killWordForward, yank, newline, text
    }

    /// The keys of every text field and text area: `handle` looks them up here and the
    /// editor's `?` help lists the same table.
    public static let keymap = Keymap<Key>("Text fields (every field, filter and prompt)", [
        KeyBinding([.text], .text, "insert"),
        KeyBinding([.plain(.left), .plain(.right)], .left, "a character back / forward", label: "Left / Right"),
        KeyBinding([.plain(.right)], .right, "", hidden: true),
        KeyBinding([.plain(.home), .ctrl("a"), .plain(.end), .ctrl("e")], .lineStart, "start / end of the line",
                   label: "Home / End, Ctrl-A / Ctrl-E"),
        KeyBinding([.plain(.end), .ctrl("e")], .lineEnd, "", hidden: true),
        KeyBinding([.ctrl(.left), .alt("b"), .ctrl(.right), .alt("f")], .wordBack, "a word back / forward",
                   label: "Ctrl-Left / Ctrl-Right, Alt-b / Alt-f"),
        KeyBinding([.ctrl(.right), .alt("f")], .wordForward, "", hidden: true),
        KeyBinding([.plain(.backspace)], .backspace, "delete the character before the cursor"),
        KeyBinding([.plain(.delete), .ctrl("d")], .deleteForward, "delete the character under the cursor"),
        KeyBinding([.ctrl("u"), .ctrl("k")], .killToStart, "cut to the start / end of the line", label: "Ctrl-U / Ctrl-K"),
        KeyBinding([.ctrl("k")], .killToEnd, "", hidden: true),
        KeyBinding([.ctrl("w"), .alt(.backspace), .alt("d")], .killWordBack, "cut a word back / forward",
                   label: "Ctrl-W / Alt-Backspace, Alt-d"),
        KeyBinding([.alt("d")], .killWordForward, "", hidden: true),
        KeyBinding([.ctrl("y")], .yank, "paste what was cut"),
        KeyBinding([.plain(.enter)], .newline, "in a multi-line field: a new line"),
    ].reorderedForLookup())

    /// Handles an editing or movement key; false for keys it does not know (left to the owner).
    public mutating func handle(_ k: KeyEvent) -> Bool {
        guard let action = Self.keymap.action(for: k) else { return false }
        let wasKill = lastWasKill
        lastWasKill = false
        switch action {
        case .left: cursor -= 1
        case .right: cursor += 1
        case .lineStart: cursor = lineStart(cursor)
        case .lineEnd: cursor = lineEnd(cursor)
        case .wordBack: cursor = wordStart(before: cursor)
        case .wordForward: cursor = wordEnd(after: cursor)
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1); cursor -= 1
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .killToStart:
            lastWasKill = wasKill
            let s = lineStart(cursor)
            kill(s == cursor && s > 0 ? (s - 1)..<cursor : s..<cursor, backwards: true)
        case .killToEnd:
            lastWasKill = wasKill
            let e = lineEnd(cursor)
            kill(e == cursor && e < characters.count ? cursor..<(e + 1) : cursor..<e, backwards: false)
        case .killWordBack:
            lastWasKill = wasKill
            let s = k.key == .backspace ? wordStart(before: cursor) : blankDelimitedWordStart(before: cursor)
            kill(s..<cursor, backwards: true)
        case .killWordForward:
            lastWasKill = wasKill
            kill(cursor..<wordEnd(after: cursor), backwards: false)
        case .yank:
            insert(killed)
        case .newline:
            guard multiline else { lastWasKill = wasKill; return false }
            insert(["\n"])
        case .text:
            guard let c = k.character else { return false }
            insert([c])
        }
        return true
    }
}
