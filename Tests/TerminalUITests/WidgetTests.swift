import Testing
@testable import TerminalUI

@Suite struct PaneAndStatusBarTests {
    @Test func paneTitleAndFocus() {
        var b = makeBuffer(30, 8)
        var p = Pane(title: "Palette")
        p.render(into: &b, in: Rect(x: 0, y: 0, width: 14, height: 4))
        var f = Pane(title: "A title far too long for it", focused: true)
        f.render(into: &b, in: Rect(x: 15, y: 0, width: 15, height: 4))
        var a = Pane(title: "ASCII")
        var ascii = makeBuffer(12, 3, .ascii)
        a.render(into: &ascii, in: ascii.bounds)
        #expect(Pane.contentRect(of: Rect(x: 0, y: 0, width: 14, height: 4)) == Rect(x: 1, y: 1, width: 12, height: 2))
        #expect(b[15, 0].style == Theme.standard.paneBorderFocused)
        assertGolden(b.snapshot().stacked(above: ascii.snapshot()), "pane")
    }

    @Test func statusBarSegmentsHintsAndRight() {
        var b = makeBuffer(80, 3)
        var bar = StatusBar(left: ["Welcome flow", "Working Draft (based on v3)", "●"], right: ["12,4"],
                            hints: [KeyHint("^S", "save"), KeyHint("?", "help"), KeyHint("q", "quit")])
        bar.render(into: &b, in: Rect(x: 0, y: 0, width: 80, height: 1))
        bar.render(into: &b, in: Rect(x: 0, y: 1, width: 40, height: 1))   // hints dropped
        bar.render(into: &b, in: Rect(x: 0, y: 2, width: 20, height: 1))   // left cut with …
        assertGolden(b, "statusbar")
        #expect(b[0, 0].style.background == Theme.standard.statusBar.background)
        #expect(b[72, 0].style == Theme.standard.statusBar)  // the whole row is filled
        #expect(b[49, 0].style == Theme.standard.statusBarKey)  // "^S" stands out
    }
}

@Suite struct ListViewTests {
    private func palette() -> ListView {
        ListView(items: [.header("Messaging"), ListItem("Send SMS", detail: "sms"), ListItem("Send Email", detail: "email"),
                         .header("Logic"), ListItem("Branch"), ListItem("Wait"), ListItem("Evaluate"),
                         .header("End"), ListItem("End")], isFilterable: true, focused: true)
    }

    @Test func selectionSkipsHeadersAndScrolls() {
        var list = palette()
        #expect(list.selectedItem?.text == "Send SMS")
        var b = makeBuffer(20, 4)
        list.render(into: &b, in: b.bounds)
        assertGolden(b, "list-top")
        for _ in 0..<4 { _ = list.handle(.key(.down)) }
        #expect(list.selectedItem?.text == "Evaluate")
        b.clear()
        list.render(into: &b, in: b.bounds)
        assertGolden(b, "list-scrolled")
        do { let consumed = list.handle(.key(.end)); #expect(consumed) }
        #expect(list.selectedItem?.text == "End")
        do { let consumed = list.handle(.key(.home)); #expect(consumed) }
        #expect(list.selectedItem?.text == "Send SMS")
        do { let consumed = list.handle(.key(.enter)); #expect(!consumed) }  // activation is the owner's business
    }

    @Test func filterKeepsMatchingRowsAndTheirHeaders() {
        var list = palette()
        for c in "ai" { _ = list.handle(.char(c)) }
        #expect(list.filter == "ai")
        #expect(list.visibleIndices.map { list.items[$0].text } == ["Messaging", "Send Email", "Logic", "Wait"])
        #expect(list.selectedItem?.text == "Send Email")
        var b = makeBuffer(20, 6)
        list.render(into: &b, in: b.bounds)
        assertGolden(b, "list-filtered")
        do { let consumed = list.handle(.key(.backspace)); #expect(consumed) }
        #expect(list.filter == "a")
        do { let consumed = list.handle(.key(.escape)); #expect(consumed) }
        #expect(list.filter == "")
        do { let consumed = list.handle(.key(.escape)); #expect(!consumed) }  // nothing left to clear: the owner gets Esc
    }

    @Test func mouseClickSelectsRow() {
        var list = palette()
        var b = makeBuffer(20, 9)
        list.render(into: &b, in: Rect(x: 0, y: 1, width: 20, height: 8))
        do { let consumed = list.handle(.mouse(MouseEvent(.press, x: 3, y: 6))); #expect(consumed) }  // row 5 = "Wait"
        #expect(list.selectedItem?.text == "Wait")
        do { let consumed = list.handle(.mouse(MouseEvent(.press, x: 3, y: 0))); #expect(!consumed) }  // outside
    }

    @Test func emptyList() {
        var list = ListView(items: [], emptyText: "no flows yet")
        var b = makeBuffer(16, 2)
        list.render(into: &b, in: b.bounds)
        #expect(b.text() == " no flows yet\n")
        #expect(list.selectedIndex == nil)
    }
}

@Suite struct TextFieldTests {
    private func type(_ s: String, into f: inout TextField) { for c in s { _ = f.handle(.char(c)) } }

    @Test func editingKeys() {
        var f = TextField(focused: true)
        type("helo", into: &f)
        do { let consumed = f.handle(.key(.left)); #expect(consumed) }
        type("l", into: &f)
        #expect(f.text == "hello")
        _ = f.handle(.key(.home)); _ = f.handle(.key(.delete))
        #expect(f.text == "ello" && f.cursor == 0)
        _ = f.handle(.key(.end)); _ = f.handle(.key(.backspace))
        #expect(f.text == "ell" && f.cursor == 3)
        type(" world", into: &f)
        _ = f.handle(.ctrl("w"))
        #expect(f.text == "ell ")
        _ = f.handle(.ctrl("a")); _ = f.handle(.ctrl("k"))
        #expect(f.text == "")
        do { let consumed = f.handle(.key(.tab)); #expect(!consumed) }
        do { let consumed = f.handle(.key(.enter)); #expect(!consumed) }
        do { let consumed = f.handle(.ctrl("x")); #expect(!consumed) }  // left to the form: Ctrl-X Ctrl-E opens $EDITOR
    }

    @Test func maxLength() {
        var f = TextField(maxLength: 3)
        type("abcdef", into: &f)
        #expect(f.text == "abc")
    }

    @Test func horizontalScrollKeepsCursorVisible() {
        var f = TextField(text: "abcdefghijklmnop", focused: true)
        var b = makeBuffer(8, 1)
        f.render(into: &b, in: b.bounds)
        #expect(b.text() == "jklmnop")          // cursor after the end, in the last column
        #expect(b.cursor == Point(x: 7, y: 0))
        _ = f.handle(.key(.home))
        f.render(into: &b, in: b.bounds)
        #expect(b.text() == "abcdefgh")
        #expect(b.cursor == Point(x: 0, y: 0))
    }

    @Test func wideCharactersScrollWhole() {
        var f = TextField(text: "日本語のテキスト", focused: true)
        var b = makeBuffer(7, 1)
        f.render(into: &b, in: b.bounds)
        #expect(b.text() == "キスト")     // 6 cells + cursor cell
        #expect(b.cursor == Point(x: 6, y: 0))
        _ = f.handle(.key(.home))
        f.render(into: &b, in: b.bounds)
        #expect(b.cursor == Point(x: 0, y: 0))
        _ = f.handle(.key(.right))
        f.render(into: &b, in: b.bounds)
        #expect(b.text() == "日本語")
        #expect(b.cursor == Point(x: 2, y: 0))
        _ = f.handle(.key(.backspace))
        #expect(f.text == "本語のテキスト")
    }

    @Test func placeholderWhenEmptyAndUnfocused() {
        var f = TextField(placeholder: "label")
        var b = makeBuffer(10, 1)
        f.render(into: &b, in: b.bounds)
        #expect(b.text() == "label")
        #expect(b.cursor == nil)
        #expect(b[0, 0].style.attributes.contains(.dim))
    }
}

@Suite struct TextAreaTests {
    @Test func multiLineEditing() {
        var a = TextArea(text: "one\ntwo", focused: true)
        a.moveCursor(row: 0, column: 3)
        _ = a.handle(.key(.enter))
        for c in "1.5" { _ = a.handle(.char(c)) }
        #expect(a.text == "one\n1.5\ntwo")
        _ = a.handle(.key(.down)); _ = a.handle(.key(.home)); _ = a.handle(.key(.backspace))
        #expect(a.text == "one\n1.5two")
        #expect(a.row == 1 && a.column == 3)
        _ = a.handle(.key(.end)); _ = a.handle(.key(.delete))  // at the end of the last line: nothing
        #expect(a.text == "one\n1.5two")
        do { let consumed = a.handle(.key(.tab)); #expect(!consumed) }
        var b = makeBuffer(6, 3)
        a.render(into: &b, in: b.bounds)
        #expect(b.text() == "one\n1.5tw\no")   // wrapped at five columns; the sixth is the scroll bar's
        #expect(b.cursor == Point(x: 1, y: 2))
    }

    @Test func verticalScroll() {
        var a = TextArea(text: (1...10).map(String.init).joined(separator: "\n"), focused: true)
        a.moveCursor(row: 9, column: 0)
        var b = makeBuffer(4, 3)
        a.render(into: &b, in: b.bounds)
        #expect(b.text() == "8  ┊\n9  ┊\n10 ┃")  // the thumb at the bottom: the end is shown
    }
}

@Suite struct SelectFieldTests {
    @Test func cyclingAndLetters() {
        var s = SelectField(options: ["sms", "email", "voice", "whatsapp"])
        #expect(s.value == "sms")
        _ = s.handle(.key(.right)); #expect(s.value == "email")
        _ = s.handle(.key(.left)); _ = s.handle(.key(.left)); #expect(s.value == "whatsapp")
        do { let consumed = s.handle(.char("v")); #expect(!consumed && s.value == "whatsapp", "closed: letters do nothing") }
        _ = s.handle(.key(.enter)); _ = s.handle(.char("v")); _ = s.handle(.key(.enter))
        #expect(s.value == "voice", "open: a letter jumps")
        do { let consumed = s.select(value: "email"); #expect(consumed) }
        do { let consumed = s.select(value: "fax"); #expect(!consumed) }
    }

    @Test func popupPicksWithEnterAndCancelsWithEsc() {
        var s = SelectField(options: ["sms", "email", "voice"], focused: true)
        var b = makeBuffer(20, 7)
        s.render(into: &b, in: Rect(x: 2, y: 1, width: 10, height: 1))
        _ = s.handle(.key(.enter))
        #expect(s.isOpen)
        _ = s.handle(.key(.down)); _ = s.handle(.key(.down))
        b.clear()
        s.render(into: &b, in: Rect(x: 2, y: 1, width: 10, height: 1))
        s.renderPopup(into: &b, within: b.bounds)
        assertGolden(b, "select-popup")
        do { let consumed = s.handle(.char("q")); #expect(consumed) }  // an open popup is modal
        _ = s.handle(.key(.enter))
        #expect(!s.isOpen && s.value == "voice")
        _ = s.handle(.key(.enter)); _ = s.handle(.key(.up)); _ = s.handle(.key(.escape))
        #expect(!s.isOpen && s.value == "voice")
    }
}
