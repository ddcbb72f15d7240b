/// One terminal cell. A wide character (width 2) occupies its cell and the next one, which
/// holds a continuation cell (width 0) so that columns stay aligned with the screen.
public struct Cell: Equatable, Sendable {
    /// The grapheme shown in this cell; a space for blank cells and continuations.
    public var character: Character
    /// 1 for a normal cell, 2 for the first half of a wide character, 0 for its second half.
    public var width: UInt8
    public var style: Style

    public init(_ character: Character, width: UInt8 = 1, style: Style = .plain) {
        self.character = character; self.width = width; self.style = style
    }

    public static let blank = Cell(" ")

    public var isContinuation: Bool { width == 0 }

    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

    /// `==` with the cheap fields first: a differing style or width answers without comparing
    /// the graphemes (whose comparison of two different ones is the slow part).
    @inline(__always)
    public func isSameCell(as other: Cell) -> Bool {
        width == other.width && style == other.style && character == other.character
    }
}

/// A run of changed cells on one row, as produced by `CellBuffer.diff(from:)`.
/// It never starts on a continuation cell and never ends between the halves of a wide character.
public struct CellRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
    public init(x: Int, y: Int, cells: [Cell]) { self.x = x; self.y = y; self.cells = cells }
    /// The run's characters as text (continuations skipped), handy in tests.
    public var text: String { String(cells.filter { !$0.isContinuation }.map(\.character)) }
}
