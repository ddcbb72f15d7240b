import Testing
@testable import TerminalUI

/// One scenario per text key (issue 9: "readline keys in every text field"), each run in a
/// one-line field and a multi-line area, which share `TextEditBuffer`.
@Suite struct TextEditingKeyTests {
    /// A field with `text`, the cursor at `cursor` (nil: the end), after `keys`.
    private func field(_ text: String, cursor: Int? = nil, _ keys: [Event]) -> TextField {
        var f = TextField(text: text, focused: true)
        if let cursor { f.cursor = cursor }
        for k in keys { _ = f.handle(k) }
        return f
    }

    private func area(_ text: String, cursor: Int? = nil, _ keys: [Event]) -> TextArea {
        var a = TextArea(text: text, focused: true)
        if let cursor { a.cursor = cursor }
        for k in keys { _ = a.handle(k) }
        return a
    }

    @Test func cursorStartsAtTheEnd() {
        #expect(TextField(text: "hello").cursor == 5)
        #expect(TextArea(text: "one\ntwo").cursor == 7)
        #expect(TextArea(text: "one\ntwo").row == 1 && TextArea(text: "one\ntwo").column == 3)
    }

    @Test func ctrlAAndHomeGoToTheLineStart() {
        #expect(field("hello world", [.ctrl("a")]).cursor == 0)
        #expect(field("hello world", [.key(.home)]).cursor == 0)
        #expect(area("one\ntwo", [.ctrl("a")]).cursor == 4, "the start of the cursor's line")
        #expect(area("one\ntwo", [.key(.home)]).cursor == 4)
    }

    @Test func ctrlEAndEndGoToTheLineEnd() {
        #expect(field("hello", cursor: 1, [.ctrl("e")]).cursor == 5)
        #expect(field("hello", cursor: 1, [.key(.end)]).cursor == 5)
        #expect(area("one\ntwo", cursor: 1, [.ctrl("e")]).cursor == 3)
        #expect(area("one\ntwo", cursor: 1, [.key(.end)]).cursor == 3)
    }

    @Test func ctrlUKillsToTheLineStart() {
        let f = field("hello world", cursor: 6, [.ctrl("u")])
        #expect(f.text == "world" && f.cursor == 0)
        let a = area("one\ntwo three", [.ctrl("u")])
        #expect(a.text == "one\n")
    }

    @Test func ctrlKKillsToTheLineEnd() {
        let f = field("hello world", cursor: 5, [.ctrl("k")])
        #expect(f.text == "hello" && f.cursor == 5)
        let a = area("one\ntwo", cursor: 1, [.ctrl("k")])
        #expect(a.text == "o\ntwo")
        let joined = area("one\ntwo", cursor: 3, [.ctrl("k")])
        #expect(joined.text == "onetwo", "at a line end Ctrl-K kills the newline")
    }

    @Test func ctrlWKillsTheWordBefore() {
        let f = field("send $(start.from) now", [.ctrl("w")])
        #expect(f.text == "send $(start.from) ")
        let g = field("send $(start.from) ", [.ctrl("w")])
        #expect(g.text == "send ", "a blank-delimited word, like readline's unix-word-rubout")
        let a = area("one\ntwo three", [.ctrl("w")])
        #expect(a.text == "one\ntwo ")
    }

    @Test func ctrlYYanksTheLastKill() {
        let f = field("hello world", cursor: 5, [.ctrl("k"), .ctrl("a"), .ctrl("y")])
        #expect(f.text == " worldhello")
        let joined = field("one two three", [.ctrl("w"), .ctrl("w"), .ctrl("y")])
        #expect(joined.text == "one two three", "kills in a row join into one yank")
        let a = area("line one\nline two", [.ctrl("u"), .key(.up), .ctrl("e"), .ctrl("y")])
        #expect(a.text == "line oneline two\n")
    }

    @Test func altBAndAltFMoveByWords() {
        #expect(field("send the reply", [.key(.character("b"), .alt)]).cursor == 9)
        #expect(field("send the reply", [.key(.character("b"), .alt), .key(.character("b"), .alt)]).cursor == 5)
        #expect(field("send the reply", cursor: 0, [.key(.character("f"), .alt)]).cursor == 4)
        #expect(area("one two\nthree", cursor: 0, [.key(.character("f"), .alt), .key(.character("f"), .alt)]).cursor == 7)
    }

    @Test func ctrlLeftAndCtrlRightMoveByWords() {
        #expect(field("send the reply", [.key(.left, .ctrl)]).cursor == 9)
        #expect(field("send the reply", cursor: 0, [.key(.right, .ctrl)]).cursor == 4)
        #expect(area("a b", cursor: 0, [.key(.right, .ctrl), .key(.right, .ctrl)]).cursor == 3)
    }

    @Test func backspaceDeleteAndCtrlD() {
        #expect(field("abc", [.key(.backspace)]).text == "ab")
        #expect(field("abc", cursor: 0, [.key(.delete)]).text == "bc")
        #expect(field("abc", cursor: 0, [.ctrl("d")]).text == "bc")
        #expect(area("ab\ncd", cursor: 3, [.key(.backspace)]).text == "abcd")
    }

    @Test func altDAndAltBackspaceKillWords() {
        #expect(field("one two", cursor: 0, [.key(.character("d"), .alt)]).text == " two")
        #expect(field("one two", [.key(.backspace, .alt)]).text == "one ")
    }

    @Test func clearingAFieldTakesTwoKeys() {
        // Issue 9: clearing a long field took 260 Delete presses.
        let long = String(repeating: "x", count: 260)
        #expect(field(long, [.ctrl("a"), .ctrl("k")]).text == "")
        #expect(field(long, [.ctrl("u")]).text == "")
        #expect(area(long + "\n" + long, [.ctrl("u"), .key(.backspace), .ctrl("u")]).text == "")
    }

    @Test func typedControlCharactersAreDropped() {
        var b = TextEditBuffer(multiline: false)
        b.insert("a\u{1B}[2;2Rb\u{7}c\u{9B}d")
        #expect(b.text == "a[2;2Rbcd", "ESC, BEL and C1 controls never reach the text")
    }

    @Test func pasteIsTextNeverKeys() {
        let f = field("", [.paste("line one\r\nline two\n")])
        #expect(f.text == "line one line two ", "a one-line field turns newlines into spaces")
        let a = area("", [.paste("line one\nline two\u{1B}[A")])
        #expect(a.text == "line one\nline two[A")
    }

    @Test func tabAndEnterAreTheOwners() {
        var f = TextField(text: "x")
        #expect(!f.handle(.key(.tab)) && !f.handle(.key(.enter)) && !f.handle(.key(.escape)))
        var a = TextArea(text: "x")
        #expect(!a.handle(.key(.tab)) && !a.handle(.key(.escape)))
        #expect(a.handle(.key(.enter)) && a.text == "x\n")
    }
}

@Suite struct TextAreaWrapTests {
    @Test func softWrapsAtBlanksAndShowsTheScrollPosition() {
        let text = "Your order $(lookup.body.id) is on its way and should arrive on Tuesday. Reply STOP to opt out.\nThanks!"
        var a = TextArea(text: text, focused: true)
        var b = makeBuffer(24, 4)
        a.render(into: &b, in: b.bounds)
        assertGolden(b, "text-area-wrapped-end")
        #expect(b.cursor == Point(x: 7, y: 3))
        a.moveCursor(row: 0, column: 0)
        b.clear()
        a.render(into: &b, in: b.bounds)
        assertGolden(b, "text-area-wrapped-top")
        #expect(b.cursor == Point(x: 0, y: 0))
    }

    @Test func upAndDownMoveByScreenRows() {
        var a = TextArea(text: "aaaa bbbb cccc", focused: true)
        var b = makeBuffer(6, 3)
        a.render(into: &b, in: b.bounds)  // rows "aaaa ", "bbbb ", "cccc"
        a.cursor = 1
        _ = a.handle(.key(.down))
        #expect(a.cursor == 6)
        _ = a.handle(.key(.down))
        #expect(a.cursor == 11)
        _ = a.handle(.key(.up)); _ = a.handle(.key(.up))
        #expect(a.cursor == 1)
    }

    @Test func layoutBreaksLongWordsAndKeepsTheEndCursorVisible() {
        let rows = WrappedRow.layout(Array("abcdefgh"), width: 4)
        #expect(rows.map { $0.range } == [0..<4, 4..<8, 8..<8])
        #expect(WrappedRow.index(of: 8, in: rows) == 2)
        #expect(WrappedRow.index(of: 4, in: rows) == 1)
        #expect(WrappedRow.layout([], width: 4) == [WrappedRow(start: 0, end: 0, isSoft: false)])
    }
}

@Suite struct ControlSequenceDecodingTests {
    private func decode(_ text: String, flush: Bool = true) -> [Event] {
        var d = KeyDecoder()
        var out: [Event] = []
        for u in text.unicodeScalars { out += d.decode(.character(u.value)) }
        if flush { out += d.flushEscape() }
        return out
    }

    @Test func terminalRepliesAreDiscarded() {
        // Issue 9: `2;2R3;1R>84;0;0c` was typed into a field after $EDITOR.
        #expect(decode("\u{1B}[2;2R\u{1B}[3;1R\u{1B}[>84;0;0c").isEmpty)
        #expect(decode("\u{1B}[0n\u{1B}[?1;2c\u{1B}[I").isEmpty)
        #expect(decode("\u{1B}[2;2Rx") == [.char("x")])
    }

    @Test func keySequencesNcursesMissedStillDecode() {
        #expect(decode("\u{1B}[1;5C") == [.key(.right, .ctrl)])
        #expect(decode("\u{1B}[3~") == [.key(.delete)])
        #expect(decode("\u{1B}[Z") == [.key(.backTab)])
    }

    @Test func escapeAndAltStillWork() {
        #expect(decode("\u{1B}") == [.key(.escape)])
        #expect(decode("\u{1B}b") == [.key(.character("b"), .alt)])
    }

    @Test func bracketedPasteIsOneEvent() {
        #expect(decode("\u{1B}[200~hello\rworld\u{1B}[201~") == [.paste("hello\nworld")])
        #expect(decode("a\u{1B}[200~x\u{1B}[A\u{1B}[201~b") == [.char("a"), .paste("x\u{1B}[A"), .char("b")])
        var d = KeyDecoder()
        for u in "\u{1B}[200~abc".unicodeScalars { _ = d.decode(.character(u.value)) }
        #expect(d.isInPaste)
        #expect(d.decode(.keyCode(259, name: "KEY_UP")).isEmpty, "keys inside a paste are not keys")
        #expect(d.flushEscape() == [.paste("abc")], "an unterminated paste is delivered when input stops")
    }
}
