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

/// Turns ncurses input into `Event`s. It keeps two bits of state: an Esc waiting to see
/// whether a key follows within ESCDELAY (then it is Alt-key), and the mouse button held
/// down (so motion reports become drags).
public struct KeyDecoder: Sendable {
    private var pendingEscape = false
    private var heldButton: MouseButton?

    public init() {}

    /// True after an Esc: the backend should read again with a short timeout and call
    /// `flushEscape()` if nothing comes.
    public var isAwaitingEscapeFollowUp: Bool { pendingEscape }

    /// The Esc seen last had no follow-up: it is a plain Escape.
    public mutating func flushEscape() -> [Event] {
        guard pendingEscape else { return [] }
        pendingEscape = false
        return [.key(KeyEvent(.escape))]
    }

    public mutating func decode(_ input: RawInput) -> [Event] {
        switch input {
        case .character(let code):
            if code == 27 {
                if pendingEscape { return [.key(KeyEvent(.escape))] }  // Esc Esc: first is plain, second waits
                pendingEscape = true
                return []
            }
            guard var key = Self.decodeCharacter(code) else { return flushEscape() }
            if pendingEscape {
                pendingEscape = false
                key.modifiers.insert(.alt)
            }
            return [.key(key)]
        case .keyCode(let code, let name):
            var events = flushEscape()
            if let key = Self.decodeKeyCode(code, name: name) { events.append(.key(key)) }
            return events
        case .mouse(let raw):
            var events = flushEscape()
            if let m = decodeMouse(raw) { events.append(.mouse(m)) }
            return events
        }
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
