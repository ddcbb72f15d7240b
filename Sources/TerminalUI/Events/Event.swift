/// A key without modifiers.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = KeyModifiers(rawValue: 1)
    public static let alt = KeyModifiers(rawValue: 2)
    public static let ctrl = KeyModifiers(rawValue: 4)
}

/// A key press. Ctrl-letters arrive as `.character` of the lower-case letter with `.ctrl`;
/// Alt-keys (Esc then the key) with `.alt`. Shift on plain characters is in the character.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var modifiers: KeyModifiers

    public init(_ key: Key, _ modifiers: KeyModifiers = []) { self.key = key; self.modifiers = modifiers }

    public static func char(_ c: Character) -> KeyEvent { KeyEvent(.character(c)) }
    public static func ctrl(_ c: Character) -> KeyEvent { KeyEvent(.character(c), .ctrl) }
    public static func alt(_ c: Character) -> KeyEvent { KeyEvent(.character(c), .alt) }

    /// The plain character typed, if this is an unmodified character key.
    public var character: Character? {
        if case .character(let c) = key, modifiers.isDisjoint(with: [.ctrl, .alt]) { return c }
        return nil
    }

    /// "Ctrl-S", "Shift-Up", "Alt-x", "F5", "Enter", "a": for help text and test messages.
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.ctrl) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        let name: String
        switch key {
        case .character(" "): name = "Space"
        case .character(let c): name = modifiers.contains(.ctrl) ? String(c).uppercased() : String(c)
        case .enter: name = "Enter"
        case .escape: name = "Esc"
        case .tab: name = "Tab"
        case .backTab: name = "Shift-Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .insert: name = "Insert"
        case .up: name = "Up"
        case .down: name = "Down"
        case .left: name = "Left"
        case .right: name = "Right"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let n): name = "F\(n)"
        }
        parts.append(name)
        return parts.joined(separator: "-")
    }
}

public enum MouseButton: Hashable, Sendable { case left, middle, right, none }

public enum MouseAction: Hashable, Sendable { case press, release, drag, move, wheelUp, wheelDown }

/// A mouse report in cell coordinates of the whole screen.
public struct MouseEvent: Hashable, Sendable {
    public var action: MouseAction
    public var button: MouseButton
    public var x: Int
    public var y: Int
    public var modifiers: KeyModifiers

    public init(_ action: MouseAction, button: MouseButton = .left, x: Int, y: Int, modifiers: KeyModifiers = []) {
        self.action = action; self.button = button; self.x = x; self.y = y; self.modifiers = modifiers
    }
    public var position: Point { Point(x: x, y: y) }
}

/// Everything a screen can receive.
public enum Event: Hashable, Sendable {
    case key(KeyEvent)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Text the terminal delivered as one bracketed paste (ESC[200~ … ESC[201~): inserted as
    /// text, never run as keys. Still raw here; text inputs drop its control characters.
    case paste(String)

    public static func char(_ c: Character) -> Event { .key(.char(c)) }
    public static func key(_ k: Key, _ m: KeyModifiers = []) -> Event { .key(KeyEvent(k, m)) }
    public static func ctrl(_ c: Character) -> Event { .key(.ctrl(c)) }

    public var keyEvent: KeyEvent? { if case .key(let k) = self { return k } else { return nil } }
}
