/// What a user sees in a buffer, as golden-file text: the characters (as `CellBuffer.text()`
/// gives them), then the style runs, one line per row that has any styled cell, in the
/// spirit of ratatui's `Buffer` debug output. Comparing only the characters would let a lost
/// highlight (a selected node drawn plain, an error badge without its colour) pass.
///
///     ┌ Flows ┐
///     │ Order │
///     └───────┘
///     -- styles (row: first-last style; unstyled cells omitted) --
///       1: 2-6 fg=black bg=cyan bold
///     -- cursor 3,1 --
///
/// Columns are cell columns, both ends included; the continuation half of a wide character
/// belongs to the run of its first half. A run is a maximal span of cells with one
/// non-plain style. The cursor line appears only when the frame shows a cursor.
public struct ScreenSnapshot: Equatable, Sendable, CustomStringConvertible {
    /// One span of cells on one row sharing a non-plain style.
    public struct StyleRun: Equatable, Sendable {
        public var row: Int
        public var first: Int
        public var last: Int
        public var style: Style
        public init(row: Int, first: Int, last: Int, style: Style) {
            self.row = row; self.first = first; self.last = last; self.style = style
        }
    }

    /// The characters, one line per row, trailing spaces trimmed.
    public var text: String
    /// Number of rows `text` covers (rows of stacked snapshots add up).
    public var rows: Int
    public var styleRuns: [StyleRun]
    public var cursor: Point?

    public init(text: String, rows: Int, styleRuns: [StyleRun], cursor: Point? = nil) {
        self.text = text; self.rows = rows; self.styleRuns = styleRuns; self.cursor = cursor
    }

    public init(_ buffer: CellBuffer) {
        var runs: [StyleRun] = []
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let style = buffer[x, y].style
                guard style != .plain else { x += 1; continue }
                var end = x
                while end + 1 < buffer.width, buffer[end + 1, y].style == style { end += 1 }
                runs.append(StyleRun(row: y, first: x, last: end, style: style))
                x = end + 1
            }
        }
        self.init(text: buffer.text(), rows: buffer.height, styleRuns: runs, cursor: buffer.cursor)
    }

    /// `self` above `other`, as one tall screen: texts joined by a newline, `other`'s rows
    /// renumbered below this one's (for a golden that shows two renderings of one widget).
    public func stacked(above other: ScreenSnapshot) -> ScreenSnapshot {
        let moved = other.styleRuns.map { StyleRun(row: $0.row + rows, first: $0.first, last: $0.last, style: $0.style) }
        let cursor = self.cursor ?? other.cursor.map { Point(x: $0.x, y: $0.y + rows) }
        return ScreenSnapshot(text: text + "\n" + other.text, rows: rows + other.rows,
                              styleRuns: styleRuns + moved, cursor: cursor)
    }

    /// The snapshot with `target` replaced in the text (e.g. a random temporary path). The
    /// replacement must have the same display width, or the style columns would no longer
    /// line up with the characters; it is the caller's job to keep it so.
    public func replacingText(_ target: String, with replacement: String) -> ScreenSnapshot {
        var copy = self
        copy.text = text.replacing(target, with: replacement)
        return copy
    }

    public static let stylesHeader = "-- styles (row: first-last style; unstyled cells omitted) --"

    /// The golden-file form: text, the styles header, one line per styled row, the cursor.
    public var description: String {
        var lines = [text, Self.stylesHeader]
        var byRow: [Int: [StyleRun]] = [:]
        for run in styleRuns { byRow[run.row, default: []].append(run) }
        let rowWidth = String(max(0, rows - 1)).count
        for row in byRow.keys.sorted() {
            let spans = byRow[row]!.map { run in
                (run.first == run.last ? "\(run.first)" : "\(run.first)-\(run.last)") + " " + Self.describe(run.style)
            }
            let label = String(repeating: " ", count: max(0, rowWidth - String(row).count)) + String(row)
            lines.append("\(label): " + spans.joined(separator: " | "))
        }
        if let cursor { lines.append("-- cursor \(cursor.x),\(cursor.y) --") }
        return lines.joined(separator: "\n")
    }

    /// "fg=red bg=#236 bold reverse": only what differs from the terminal's defaults.
    public static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg=" + describe(style.foreground)) }
        if style.background != .default { parts.append("bg=" + describe(style.background)) }
        let names: [(TextAttributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse"),
        ]
        for (attribute, name) in names where style.attributes.contains(attribute) { parts.append(name) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    static func describe(_ color: Color) -> String {
        switch color {
        case .default: "default"
        case .named(let n): "\(n)"
        case .indexed(let i): "#\(i)"
        }
    }
}

extension CellBuffer {
    /// Text plus style runs, for golden files (see `ScreenSnapshot`).
    public func snapshot() -> ScreenSnapshot { ScreenSnapshot(self) }
}
