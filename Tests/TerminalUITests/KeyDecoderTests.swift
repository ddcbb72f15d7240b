import Testing
@testable import TerminalUI

@Suite struct KeyDecoderTests {
    private func decode(_ inputs: [RawInput], flush: Bool = true) -> [Event] {
        var d = KeyDecoder()
        var out: [Event] = []
        for i in inputs { out += d.decode(i) }
        if flush { out += d.flushEscape() }
        return out
    }
    private func key(_ name: String, code: Int32 = 600) -> KeyEvent? {
        decode([.keyCode(code, name: name)]).first?.keyEvent
    }

    @Test func controlCodes() {
        #expect(decode([.character(10)]) == [.key(.enter)])
        #expect(decode([.character(13)]) == [.key(.enter)])
        #expect(decode([.character(9)]) == [.key(.tab)])
        #expect(decode([.character(127)]) == [.key(.backspace)])
        #expect(decode([.character(8)]) == [.key(.backspace)])
        #expect(decode([.character(19)]) == [.ctrl("s")])
        #expect(decode([.character(26)]) == [.ctrl("z")])
        #expect(decode([.character(3)]) == [.ctrl("c")])
        #expect(decode([.character(18)]) == [.ctrl("r")])
        #expect(decode([.character(5)]) == [.ctrl("e")])
        #expect(decode([.character(0)]) == [.key(.character(" "), .ctrl)])
    }

    private func sequence(_ text: String) -> [Event] {
        decode(text.unicodeScalars.map { .character($0.value) })
    }

    /// xterm's modifyOtherKeys (CSI 27;m;c~) and the CSI u form (kitty, fixterms, tmux's
    /// extended keys) tell Ctrl-I from Tab; every other key decodes as it does without them.
    @Test func modifiedKeysInModifyOtherKeysAndCSIUForms() {
        #expect(sequence("\u{1B}[27;5;105~") == [.ctrl("i")])
        #expect(sequence("\u{1B}[105;5u") == [.ctrl("i")])
        #expect(sequence("\u{1B}[27;5;111~") == [.ctrl("o")])
        #expect(sequence("\u{1B}[27;5;99~") == [.ctrl("c")])
        #expect(sequence("\u{1B}[27;6;65~") == [.ctrl("a")], "Ctrl-Shift-A is Ctrl-A's key, as 0x01 is")
        #expect(sequence("\u{1B}[27;5;91~") == [.key(.escape)], "Ctrl-[ is Esc")
        #expect(sequence("\u{1B}[27;5;104~") == [.key(.backspace)], "Ctrl-H is Backspace")
        #expect(sequence("\u{1B}[27;5;109~") == [.key(.enter)], "Ctrl-M is Enter")
        #expect(sequence("\u{1B}[27;5;106~") == [.key(.enter)], "Ctrl-J is Enter, as 0x0A is")
        #expect(sequence("\u{1B}[27;5;32~") == [.key(.character(" "), .ctrl)])
        #expect(sequence("\u{1B}[27;3;120~") == [.key(.alt("x"))])
        #expect(sequence("\u{1B}[27;2;65~") == [.char("A")])
        #expect(sequence("\u{1B}[27;2;9~") == [.key(.backTab)])
        #expect(sequence("\u{1B}[27;5;9~") == [.key(KeyEvent(.tab, .ctrl))])
        #expect(sequence("\u{1B}[27;5;13~") == [.key(KeyEvent(.enter, .ctrl))])
        #expect(sequence("\u{1B}[27u") == [.key(.escape)])
        #expect(sequence("\u{1B}[97u") == [.char("a")])
        #expect(sequence("\u{1B}[26085;3u") == [.key(.alt("日"))])
        // Not keys: dropped, never typed.
        #expect(sequence("\u{1B}[27;5;3~").isEmpty)
        #expect(sequence("\u{1B}[27;99;105~").isEmpty)
        #expect(sequence("\u{1B}[1;2;3u").isEmpty)
        #expect(sequence("\u{1B}[3~") == [.key(.delete)], "the other ~ keys are unchanged")
    }

    @Test func unicodeCharacters() {
        #expect(decode([.character(0x61)]) == [.char("a")])
        #expect(decode([.character(0x41)]) == [.char("A")])
        #expect(decode([.character(0x65E5)]) == [.char("日")])
        #expect(decode([.character(0x1F680)]) == [.char("🚀")])
    }

    @Test func escapeVersusAlt() {
        #expect(decode([.character(27)]) == [.key(.escape)])                   // Esc alone, after the timeout
        #expect(decode([.character(27), .character(0x78)]) == [.key(.alt("x"))]) // Esc x within ESCDELAY
        #expect(decode([.character(27), .character(27)]) == [.key(.escape), .key(.escape)])
        #expect(decode([.character(27), .character(13)]) == [.key(.enter, .alt)])
        // Esc followed by a special key: the Esc stands alone.
        #expect(decode([.character(27), .keyCode(259, name: "KEY_UP")]) == [.key(.escape), .key(.up)])
        var d = KeyDecoder()
        #expect(d.decode(.character(27)).isEmpty)
        #expect(d.isAwaitingEscapeFollowUp)
        #expect(d.flushEscape() == [.key(.escape)])
        #expect(!d.isAwaitingEscapeFollowUp)
    }

    @Test func cursesKeyNames() {
        #expect(key("KEY_UP") == KeyEvent(.up))
        #expect(key("KEY_DOWN") == KeyEvent(.down))
        #expect(key("KEY_LEFT") == KeyEvent(.left))
        #expect(key("KEY_RIGHT") == KeyEvent(.right))
        #expect(key("KEY_HOME") == KeyEvent(.home))
        #expect(key("KEY_END") == KeyEvent(.end))
        #expect(key("KEY_PPAGE") == KeyEvent(.pageUp))
        #expect(key("KEY_NPAGE") == KeyEvent(.pageDown))
        #expect(key("KEY_DC") == KeyEvent(.delete))
        #expect(key("KEY_BACKSPACE") == KeyEvent(.backspace))
        #expect(key("KEY_BTAB") == KeyEvent(.backTab))
        #expect(key("KEY_ENTER") == KeyEvent(.enter))
        #expect(key("KEY_SR") == KeyEvent(.up, .shift))
        #expect(key("KEY_SF") == KeyEvent(.down, .shift))
        #expect(key("KEY_SLEFT") == KeyEvent(.left, .shift))
        #expect(key("KEY_SRIGHT") == KeyEvent(.right, .shift))
    }

    @Test func functionKeysIncludingXtermModifiedOnes() {
        #expect(key("KEY_F(1)") == KeyEvent(.function(1)))
        #expect(key("KEY_F(12)") == KeyEvent(.function(12)))
        #expect(key("KEY_F(13)") == KeyEvent(.function(1), .shift))
        #expect(key("KEY_F(29)") == KeyEvent(.function(5), .ctrl))
    }

    @Test func xtermExtendedModifierNames() {
        #expect(key("kUP5") == KeyEvent(.up, .ctrl))
        #expect(key("kDN5") == KeyEvent(.down, .ctrl))
        #expect(key("kLFT5") == KeyEvent(.left, .ctrl))
        #expect(key("kRIT5") == KeyEvent(.right, .ctrl))
        #expect(key("kLFT2") == KeyEvent(.left, .shift))
        #expect(key("kUP") == KeyEvent(.up, .shift))
        #expect(key("kUP3") == KeyEvent(.up, .alt))
        #expect(key("kRIT6") == KeyEvent(.right, [.ctrl, .shift]))
        #expect(key("kHOM5") == KeyEvent(.home, .ctrl))
        #expect(key("kDC5") == KeyEvent(.delete, .ctrl))
        #expect(key("kNXT3") == KeyEvent(.pageDown, .alt))
        #expect(key("kUP9") == nil)
        #expect(key("kFOO5") == nil)
    }

    @Test func numericCodesWithoutNames() {
        #expect(decode([.keyCode(259, name: nil)]) == [.key(.up)])
        #expect(decode([.keyCode(353, name: nil)]) == [.key(.backTab)])
        #expect(decode([.keyCode(265, name: nil)]) == [.key(.function(1))])
        #expect(decode([.keyCode(402, name: nil)]) == [.key(.right, .shift)])
        #expect(decode([.keyCode(9999, name: nil)]).isEmpty)
    }

    @Test func mousePressDragReleaseAndWheel() {
        let events = decode([
            .mouse(RawMouse(x: 3, y: 4, state: .button1Pressed)),
            .mouse(RawMouse(x: 5, y: 4, state: .position)),
            .mouse(RawMouse(x: 6, y: 5, state: [.position, .button1Pressed])),
            .mouse(RawMouse(x: 6, y: 5, state: .button1Released)),
            .mouse(RawMouse(x: 7, y: 5, state: .position)),
            .mouse(RawMouse(x: 1, y: 1, state: .button4Pressed)),
            .mouse(RawMouse(x: 1, y: 1, state: [.button5Pressed, .ctrl])),
            .mouse(RawMouse(x: 2, y: 2, state: .button3Pressed)),
        ])
        #expect(events == [
            .mouse(MouseEvent(.press, button: .left, x: 3, y: 4)),
            .mouse(MouseEvent(.drag, button: .left, x: 5, y: 4)),
            .mouse(MouseEvent(.drag, button: .left, x: 6, y: 5)),
            .mouse(MouseEvent(.release, button: .left, x: 6, y: 5)),
            .mouse(MouseEvent(.move, button: .none, x: 7, y: 5)),
            .mouse(MouseEvent(.wheelUp, button: .none, x: 1, y: 1)),
            .mouse(MouseEvent(.wheelDown, button: .none, x: 1, y: 1, modifiers: .ctrl)),
            .mouse(MouseEvent(.press, button: .right, x: 2, y: 2)),
        ])
    }

    @Test func descriptionsReadLikeKeyNames() {
        #expect(KeyEvent.ctrl("s").description == "Ctrl-S")
        #expect(KeyEvent(.up, .shift).description == "Shift-Up")
        #expect(KeyEvent.alt("x").description == "Alt-x")
        #expect(KeyEvent(.function(5)).description == "F5")
        #expect(KeyEvent(.backTab).description == "Shift-Tab")
    }
}
