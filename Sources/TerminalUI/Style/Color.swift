/// The 16 standard terminal colours (0–7 normal, 8–15 bright), in ANSI order.
public enum NamedColor: UInt8, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// A cell colour: the terminal's default, one of the 16 named colours, or a 256-colour index.
public enum Color: Hashable, Sendable {
    case `default`
    case named(NamedColor)
    case indexed(UInt8)

    public static let black = Color.named(.black), red = Color.named(.red)
    public static let green = Color.named(.green), yellow = Color.named(.yellow)
    public static let blue = Color.named(.blue), magenta = Color.named(.magenta)
    public static let cyan = Color.named(.cyan), white = Color.named(.white)
    public static let gray = Color.named(.brightBlack)

    /// The 256-palette index this colour names, or nil for the default colour.
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .named(let n): return Int(n.rawValue)
        case .indexed(let i): return Int(i)
        }
    }
}

/// Text attributes a terminal can show.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let italic = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let dim = TextAttributes(rawValue: 1 << 4)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }

    public static let plain = Style()

    public func with(foreground: Color) -> Style { var s = self; s.foreground = foreground; return s }
    public func with(background: Color) -> Style { var s = self; s.background = background; return s }
    public func adding(_ a: TextAttributes) -> Style { var s = self; s.attributes.formUnion(a); return s }
}
