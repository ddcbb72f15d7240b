/// Which glyphs to draw lines, arrows and markers with: Unicode box drawing when the terminal
/// speaks UTF-8, plain ASCII otherwise (a C locale shows every non-ASCII cell blank).
public enum GlyphSet: Sendable, Hashable {
    case unicode
    case ascii

    public func arrow(_ d: Direction) -> Character {
        switch (self, d) {
        case (.unicode, .right): "▶"
        case (.unicode, .left): "◀"
        case (.unicode, .up): "▲"
        case (.unicode, .down): "▼"
        case (.ascii, .right): ">"
        case (.ascii, .left): "<"
        case (.ascii, .up): "^"
        case (.ascii, .down): "v"
        }
    }

    public var ellipsis: String { self == .unicode ? "…" : "~" }
    public var times: String { self == .unicode ? "×" : "x" }
    /// Marks a mandatory form field.
    public var mandatory: String { self == .unicode ? "★" : "*" }
    public var errorMark: String { self == .unicode ? "✖" : "!" }
    public var warningMark: String { self == .unicode ? "▲" : "?" }
    /// Points at the selected row of a list.
    public var pointer: String { self == .unicode ? "›" : ">" }
    public var scrollUp: String { self == .unicode ? "▴" : "^" }
    public var scrollDown: String { self == .unicode ? "▾" : "v" }
    public var separator: String { self == .unicode ? "│" : "|" }
    /// A text area's scroll bar: the track, and the thumb showing the visible part.
    public var scrollTrack: String { self == .unicode ? "┊" : ":" }
    public var scrollThumb: String { self == .unicode ? "┃" : "#" }

    /// The glyph for a cell whose lines leave in `dirs` directions.
    public func line(_ dirs: LineDirections, style: LineStyle) -> Character {
        if self == .ascii {
            switch dirs {
            case [], .left, .right, [.left, .right]: return dirs.isEmpty ? " " : "-"
            case .up, .down, [.up, .down]: return "|"
            default: return "+"
            }
        }
        let t = style.table
        switch dirs {
        case []: return " "
        case .left, .right, [.left, .right]: return t[0]
        case .up, .down, [.up, .down]: return t[1]
        case [.down, .right]: return t[2]
        case [.down, .left]: return t[3]
        case [.up, .right]: return t[4]
        case [.up, .left]: return t[5]
        case [.up, .down, .right]: return t[6]
        case [.up, .down, .left]: return t[7]
        case [.down, .left, .right]: return t[8]
        case [.up, .left, .right]: return t[9]
        default: return t[10]
        }
    }
}

/// Compass direction of a line end or an arrowhead.
public enum Direction: Sendable, Hashable, CaseIterable {
    case up, down, left, right

    public var opposite: Direction {
        switch self { case .up: .down; case .down: .up; case .left: .right; case .right: .left }
    }
    var bit: LineDirections {
        switch self { case .up: .up; case .down: .down; case .left: .left; case .right: .right }
    }
}

/// The directions in which line segments leave a cell; they select the box-drawing glyph.
public struct LineDirections: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let up = LineDirections(rawValue: 1)
    public static let down = LineDirections(rawValue: 2)
    public static let left = LineDirections(rawValue: 4)
    public static let right = LineDirections(rawValue: 8)
    public static let horizontal: LineDirections = [.left, .right]
    public static let vertical: LineDirections = [.up, .down]
}

/// The weight of box-drawing lines. Junctions of 3–4 lines take the style of the line drawn
/// last; rounded lines join as single lines (Unicode has no rounded T or cross).
public enum LineStyle: Sendable, Hashable, CaseIterable {
    case single, double, rounded, heavy

    // ─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼
    var table: [Character] {
        switch self {
        case .single: Self.singleTable
        case .rounded: Self.roundedTable
        case .double: Self.doubleTable
        case .heavy: Self.heavyTable
        }
    }
    private static let singleTable: [Character] = ["─", "│", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼"]
    private static let roundedTable: [Character] = ["─", "│", "╭", "╮", "╰", "╯", "├", "┤", "┬", "┴", "┼"]
    private static let doubleTable: [Character] = ["═", "║", "╔", "╗", "╚", "╝", "╠", "╣", "╦", "╩", "╬"]
    private static let heavyTable: [Character] = ["━", "┃", "┏", "┓", "┗", "┛", "┣", "┫", "┳", "┻", "╋"]
}

/// How a line meets lines already in the cells it passes through.
public enum LineJoin: Sendable, Hashable {
    /// Direction bits combine: a horizontal through a vertical becomes ┼, an end on a line a T.
    case merge
    /// Where this line passes straight through a cell holding a straight perpendicular line,
    /// the two do NOT join: the cell shows the line drawn last as a straight glyph (─ or │,
    /// the other line looks interrupted by it), so a crossing never reads as a ┼ junction.
    /// Line ends, bends and T-junctions still merge, because those are true joins.
    case cross
}
