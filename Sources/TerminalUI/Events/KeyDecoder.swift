/// One unit of input as ncurses reports it, before decoding. The backend produces these;
/// tests build them directly, so decoding is testable without a terminal.
public enum RawInput: Hashable, Sendable {
    /// `get_wch` returned OK: a Unicode scalar or a control code (Enter = 10, Esc = 27, …).
    case character(UInt32)
    /// `get_wch` returned KEY_CODE_YES: an ncurses key code and its `keyname()` string
    /// ("KEY_UP", "KEY_SLEFT", "KEY_F(5)", and xterm extended names such as "kUP5").
    case keyCode(Int32, name: String?)
    /// A mouse report (`KEY_MOUSE` + `getmouse`).
    case mouse(RawMouse)
}

/// The `MEVENT` fields, with `bstate` translated into portable flags by the backend.
public struct RawMouse: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var state: RawMouseState
    public init(x: Int, y: Int, state: RawMouseState) { self.x = x; self.y = y; self.state = state }
}

public struct RawMouseState: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let button1Pressed = RawMouseState(rawValue: 1 << 0)
    public static let button1Released = RawMouseState(rawValue: 1 << 1)
    public static let button1Clicked = RawMouseState(rawValue: 1 << 2)
    public static let button2Pressed = RawMouseState(rawValue: 1 << 3)
    public static let button2Released = RawMouseState(rawValue: 1 << 4)
    public static let button2Clicked = RawMouseState(rawValue: 1 << 5)
    public static let button3Pressed = RawMouseState(rawValue: 1 << 6)
    public static let button3Released = RawMouseState(rawValue: 1 << 7)
    public static let button3Clicked = RawMouseState(rawValue: 1 << 8)
    /// Wheel up.
    public static let button4Pressed = RawMouseState(rawValue: 1 << 9)
    /// Wheel down.
    public static let button5Pressed = RawMouseState(rawValue: 1 << 10)
    public static let position = RawMouseState(rawValue: 1 << 11)
    public static let shift = RawMouseState(rawValue: 1 << 12)
    public static let ctrl = RawMouseState(rawValue: 1 << 13)
    public static let alt = RawMouseState(rawValue: 1 << 14)
}

/// Turns ncurses input into `Event`s. Its state: an Esc waiting to see whether a key follows
/// within ESCDELAY (then it is Alt-key), a control sequence (ESC [ …) ncurses did not
/// recognise as a key, a bracketed paste being collected, and the mouse button held down
/// (so motion reports become drags).
///
/// Control sequences ncurses passes through byte by byte are never typed as text: the
/// terminal's replies (cursor position reports `ESC[2;2R`, device attributes `ESC[>84;0;0c`,
/// status reports) are dropped, a few key sequences are decoded, everything else is dropped.
/// `ESC[200~ … ESC[201~` (bracketed paste) becomes one `.paste` event.
public struct KeyDecoder: Sendable {
    private var pendingEscape = false
    /// Parameter and intermediate bytes of an `ESC [` sequence not finished yet.
    private var controlSequence: [UInt32]?
    /// The text of a bracketed paste not finished yet.
    private var paste: [Unicode.Scalar]?
    private var heldButton: MouseButton?

    public init() {}

    /// True after an Esc or inside a control sequence: the backend should read again with a
    /// short timeout and call `flushEscape()` if nothing comes.
    public var isAwaitingEscapeFollowUp: Bool { pendingEscape || controlSequence != nil }

    /// True inside a bracketed paste: the backend should keep reading until it ends.
    public var isInPaste: Bool { paste != nil }

    /// Nothing more came: an Esc on its own is a plain Escape, an unfinished control
    /// sequence is dropped, an unterminated paste is delivered as far as it got.
    public mutating func flushEscape() -> [Event] {
        var events: [Event] = []
        if pendingEscape { events.append(.key(KeyEvent(.escape))) }
        pendingEscape = false
        controlSequence = nil
        if let p = paste {
            paste = nil
            events.append(.paste(Self.pasteText(p)))
        }
        return events
    }

    private static let pasteEnd: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~

    /// Pasted text with the terminal's line ends (CR) as newlines.
    private static func pasteText(_ scalars: [Unicode.Scalar]) -> String {
        var s = String.UnicodeScalarView()
        var previousCR = false
        for u in scalars {
            if u == "\r" { s.append("\n"); previousCR = true; continue }
            if u == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            s.append(u)
        }
        return String(s)
    }

    public mutating func decode(_ input: RawInput) -> [Event] {
        if paste != nil {
            // Inside a paste only characters count; keys ncurses made of pasted bytes are dropped.
            guard case .character(let code) = input, let scalar = Unicode.Scalar(code) else { return [] }
            paste!.append(scalar)
            if paste!.count >= Self.pasteEnd.count, paste!.suffix(Self.pasteEnd.count).map(\.value) == Self.pasteEnd {
                let text = Self.pasteText(Array(paste!.dropLast(Self.pasteEnd.count)))
                paste = nil
                return [.paste(text)]
            }
            return []
        }
        switch input {
        case .character(let code):
            if var sequence = controlSequence {
                switch code {
                case 0x20...0x3F:  // parameter and intermediate bytes
                    sequence.append(code); controlSequence = sequence
                    return []
                case 0x40...0x7E:
                    controlSequence = nil
                    return finishControlSequence(sequence, final: code)
                default:
                    controlSequence = nil  // broken sequence: drop it, the byte counts on its own
                }
            }
            if code == 27 {
                if pendingEscape { return [.key(KeyEvent(.escape))] }  // Esc Esc: first is plain, second waits
                pendingEscape = true
                return []
            }
            if pendingEscape && code == 91 {  // ESC [
                pendingEscape = false
                controlSequence = []
                return []
            }
            guard var key = Self.decodeCharacter(code) else { return flushEscape() }
            if pendingEscape {
                pendingEscape = false
                key.modifiers.insert(.alt)
            }
            return [.key(key)]
        case .keyCode(let code, let name):
            controlSequence = nil
            var events = flushEscape()
            if let key = Self.decodeKeyCode(code, name: name) { events.append(.key(key)) }
            return events
        case .mouse(let raw):
            controlSequence = nil
            var events = flushEscape()
            if let m = decodeMouse(raw) { events.append(.mouse(m)) }
            return events
        }
    }

    /// A whole `ESC [ params final` sequence: paste start, a key ncurses did not map, or
    /// something that is not a key (terminal replies): nothing.
    private mutating func finishControlSequence(_ bytes: [UInt32], final: UInt32) -> [Event] {
        let text = String(String.UnicodeScalarView(bytes.compactMap(Unicode.Scalar.init)))
        let params = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifiers = params.count >= 2 ? Self.xtermModifiers(params[1] ?? 1) : []
        switch final {
        case 126 where params.count == 3 && params[0] == 27:  // ~: xterm's modifyOtherKeys, CSI 27;m;c~
            guard let m = params[1], let c = params[2], let key = Self.modifiedKey(code: c, modifierCode: m) else { return [] }
            return [.key(key)]
        case 117:  // u: CSI c;m u (fixterms, kitty, tmux's extended keys in csi-u form)
            guard params.count <= 2, let c = params.first ?? nil,
                  let key = Self.modifiedKey(code: c, modifierCode: params.count == 2 ? params[1] ?? 1 : 1) else { return [] }
            return [.key(key)]
        case 126:  // ~
            if text == "200" { paste = []; return [] }
            let keys: [Int: Key] = [1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end]
            guard let n = params.first ?? nil, let key = keys[n] else { return [] }
            return [.key(KeyEvent(key, modifiers))]
        case 65, 66, 67, 68, 70, 72:  // A B C D F H
            guard text.allSatisfy({ $0.isNumber || $0 == ";" }) else { return [] }
            let keys: [UInt32: Key] = [65: .up, 66: .down, 67: .right, 68: .left, 70: .end, 72: .home]
            return [.key(KeyEvent(keys[final]!, modifiers))]
        case 90:  // Z: Shift-Tab
            return [.key(KeyEvent(.backTab))]
        default:
            return []  // R (cursor position), c (device attributes), n (status), focus reports, …
        }
    }

    /// A key sent as its character code and xterm modifier code (modifyOtherKeys and CSI u
    /// encodings), decoded as the same key typed on a terminal without them would be: Ctrl-a
    /// as `.ctrl("a")`, Ctrl-[ as Esc, Ctrl-H as Backspace, Ctrl-M and Ctrl-J as Enter,
    /// Shift-a as "A" (the shift is in the character). Only Ctrl-I stays apart from the key
    /// the plain encoding makes of it: `.ctrl("i")`, not Tab (EditorNavigator makes it Tab
    /// where it has no meaning of its own).
    static func modifiedKey(code: Int, modifierCode: Int) -> KeyEvent? {
        guard (1...16).contains(modifierCode), let scalar = Unicode.Scalar(UInt32(clamping: code)) else { return nil }
        var modifiers = xtermModifiers(modifierCode)
        switch code {
        case 9: return KeyEvent(modifiers.contains(.shift) ? .backTab : .tab, modifiers.subtracting(.shift))
        case 13: return KeyEvent(.enter, modifiers)
        case 27: return KeyEvent(.escape, modifiers)
        case 8, 127: return KeyEvent(.backspace, modifiers)
        case 0..<32: return nil
        default: break
        }
        var character = Character(scalar)
        if modifiers.contains(.ctrl) {
            // The control characters readline users type for keys: Ctrl-[ is Esc, Ctrl-H
            // Backspace, Ctrl-M and Ctrl-J Enter, as in the plain encoding.
            if character == "[" { return KeyEvent(.escape, modifiers.subtracting(.ctrl)) }
            if character == "h" || character == "H" { return KeyEvent(.backspace, modifiers.subtracting([.ctrl, .shift])) }
            if "mMjJ".contains(character) { return KeyEvent(.enter, modifiers.subtracting([.ctrl, .shift])) }
            if character.isLetter, character.isASCII {
                // Ctrl-Shift-a arrives as 65 or 97 with shift: both are Ctrl-A's key.
                character = Character(character.lowercased())
            }
        }
        modifiers.remove(.shift)  // the character carries it, as on a terminal without these encodings
        return KeyEvent(.character(character), modifiers)
    }

    /// Control codes and plain characters.
    static func decodeCharacter(_ code: UInt32) -> KeyEvent? {
        switch code {
        case 9: return KeyEvent(.tab)
        case 10, 13: return KeyEvent(.enter)
        case 8, 127: return KeyEvent(.backspace)
        case 0: return KeyEvent(.character(" "), .ctrl)
        case 1...26: return KeyEvent(.character(Character(Unicode.Scalar(UInt8(96 + code)))), .ctrl)
        case 28...31: return KeyEvent(.character(Character(Unicode.Scalar(UInt8(64 + code)))), .ctrl)
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return nil }
            return KeyEvent(.character(Character(scalar)))
        }
    }

    /// ncurses key codes, by `keyname()` string first (stable, and the only way to know the
    /// dynamically numbered xterm extended keys), then by the standard code numbers.
    static func decodeKeyCode(_ code: Int32, name: String?) -> KeyEvent? {
        if let name, let key = decodeKeyName(name) { return key }
        return standardCodes[code]
    }

    static func decodeKeyName(_ name: String) -> KeyEvent? {
        if let k = cursesNames[name] { return k }
        if name.hasPrefix("KEY_F("), name.hasSuffix(")"), let n = Int(name.dropFirst(6).dropLast()) {
            return functionKey(n)
        }
        // xterm extended keys: kUP, kDN5, kLFT3, … ; the digit is xterm's modifier code.
        var base = Substring(name)
        var modifierCode = 2  // no digit: the shifted key (terminfo's kLFT, kRIT, …)
        if let last = base.last, let d = last.wholeNumberValue {
            modifierCode = d
            base = base.dropLast()
        }
        guard let key = extendedBases[String(base)], (2...8).contains(modifierCode) else { return nil }
        return KeyEvent(key, xtermModifiers(modifierCode))
    }

    /// xterm modifier codes: 1 + (shift ? 1) + (alt ? 2) + (ctrl ? 4).
    static func xtermModifiers(_ code: Int) -> KeyModifiers {
        let bits = code - 1
        var m: KeyModifiers = []
        if bits & 1 != 0 { m.insert(.shift) }
        if bits & 2 != 0 { m.insert(.alt) }
        if bits & 4 != 0 { m.insert(.ctrl) }
        return m
    }

    /// xterm numbers shifted F1 as F13, Ctrl-F1 as F25, Ctrl-Shift-F1 as F37, Alt-F1 as F49.
    static func functionKey(_ n: Int) -> KeyEvent? {
        guard n >= 1 else { return nil }
        let base = (n - 1) % 12 + 1
        switch (n - 1) / 12 {
        case 0: return KeyEvent(.function(base))
        case 1: return KeyEvent(.function(base), .shift)
        case 2: return KeyEvent(.function(base), .ctrl)
        case 3: return KeyEvent(.function(base), [.ctrl, .shift])
        case 4: return KeyEvent(.function(base), .alt)
        default: return nil
        }
    }

    static let cursesNames: [String: KeyEvent] = [
        "KEY_UP": KeyEvent(.up), "KEY_DOWN": KeyEvent(.down),
        "KEY_LEFT": KeyEvent(.left), "KEY_RIGHT": KeyEvent(.right),
        "KEY_HOME": KeyEvent(.home), "KEY_END": KeyEvent(.end),
        "KEY_NPAGE": KeyEvent(.pageDown), "KEY_PPAGE": KeyEvent(.pageUp),
        "KEY_BACKSPACE": KeyEvent(.backspace), "KEY_DC": KeyEvent(.delete), "KEY_IC": KeyEvent(.insert),
        "KEY_ENTER": KeyEvent(.enter), "KEY_BTAB": KeyEvent(.backTab),
        "KEY_SR": KeyEvent(.up, .shift), "KEY_SF": KeyEvent(.down, .shift),
        "KEY_SLEFT": KeyEvent(.left, .shift), "KEY_SRIGHT": KeyEvent(.right, .shift),
        "KEY_SHOME": KeyEvent(.home, .shift), "KEY_SEND": KeyEvent(.end, .shift),
        "KEY_SDC": KeyEvent(.delete, .shift), "KEY_SIC": KeyEvent(.insert, .shift),
        "KEY_SNEXT": KeyEvent(.pageDown, .shift), "KEY_SPREVIOUS": KeyEvent(.pageUp, .shift),
    ]

    static let extendedBases: [String: Key] = [
        "kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right,
        "kHOM": .home, "kEND": .end, "kNXT": .pageDown, "kPRV": .pageUp,
        "kDC": .delete, "kIC": .insert,
    ]

    /// The fixed ncurses key codes (curses.h), used when no keyname is available.
    static let standardCodes: [Int32: KeyEvent] = {
        var t: [Int32: KeyEvent] = [
            258: KeyEvent(.down), 259: KeyEvent(.up), 260: KeyEvent(.left), 261: KeyEvent(.right),
            262: KeyEvent(.home), 263: KeyEvent(.backspace), 330: KeyEvent(.delete), 331: KeyEvent(.insert),
            338: KeyEvent(.pageDown), 339: KeyEvent(.pageUp), 343: KeyEvent(.enter), 353: KeyEvent(.backTab),
            360: KeyEvent(.end), 336: KeyEvent(.down, .shift), 337: KeyEvent(.up, .shift),
            393: KeyEvent(.left, .shift), 402: KeyEvent(.right, .shift),
            391: KeyEvent(.home, .shift), 386: KeyEvent(.end, .shift), 383: KeyEvent(.delete, .shift),
        ]
        for n in 1...60 { t[264 + Int32(n)] = functionKey(n) }  // KEY_F(n) = KEY_F0 (264) + n
        return t
    }()

    private mutating func decodeMouse(_ raw: RawMouse) -> MouseEvent? {
        let s = raw.state
        var mods: KeyModifiers = []
        if s.contains(.shift) { mods.insert(.shift) }
        if s.contains(.ctrl) { mods.insert(.ctrl) }
        if s.contains(.alt) { mods.insert(.alt) }
        func event(_ a: MouseAction, _ b: MouseButton) -> MouseEvent {
            MouseEvent(a, button: b, x: raw.x, y: raw.y, modifiers: mods)
        }
        if s.contains(.button4Pressed) { return event(.wheelUp, .none) }
        if s.contains(.button5Pressed) { return event(.wheelDown, .none) }
        let released: MouseButton? = s.contains(.button1Released) ? .left
            : s.contains(.button2Released) ? .middle : s.contains(.button3Released) ? .right : nil
        if let b = released {
            heldButton = nil
            return event(.release, b)
        }
        let pressed: MouseButton? = s.contains(.button1Pressed) ? .left
            : s.contains(.button2Pressed) ? .middle : s.contains(.button3Pressed) ? .right : nil
        if let held = heldButton, s.contains(.position) || pressed == held {
            return event(.drag, held)  // motion (or a repeated press report) while a button is down
        }
        if let b = pressed {
            heldButton = b
            return event(.press, b)
        }
        let clicked: MouseButton? = s.contains(.button1Clicked) ? .left
            : s.contains(.button2Clicked) ? .middle : s.contains(.button3Clicked) ? .right : nil
        if let b = clicked { return event(.press, b) }  // only when mouseinterval > 0
        if s.contains(.position) { return event(.move, .none) }
        return nil
    }
}
