import TerminalUI

/// A small editable table for the settings tabs: rows of cells (text, on/off toggle,
/// a choice among fixed options, or a read-only label). Tab / Shift-Tab move between
/// cells, Up/Down between rows; Space (or Left/Right) flips a toggle or cycles a choice;
/// Ctrl-N adds a row, Ctrl-D deletes the focused one and Alt-Up/Down move it, when the
/// table allows it.
struct SettingsGrid {
    enum Cell {
        case label(String)
        case text(TextField)
        case toggle(Bool)
        case choice([String], Int)

        var isEditable: Bool { if case .label = self { return false } else { return true } }

        /// The cell's value as text ("on"/"off" for toggles).
        var value: String {
            switch self {
            case .label(let s): return s
            case .text(let t): return t.text
            case .toggle(let on): return on ? "on" : "off"
            case .choice(let options, let i): return options.indices.contains(i) ? options[i] : ""
            }
        }
        var isOn: Bool { if case .toggle(let on) = self { return on } else { return false } }
    }

    struct Column {
        var title: String
        /// Fixed width in cells; nil shares what is left.
        var width: Int?
    }

    struct Row {
        var cells: [Cell]
        /// The name this row had when the editor opened (nil: added since), so a rename
        /// can be carried to the nodes that use the old name.
        var origin: String?
    }

    var columns: [Column]
    var rows: [Row]
    /// Makes a new empty row (Ctrl-N); nil for tables with fixed rows.
    var newRow: (() -> Row)?
    var emptyText: String
    var showHeader: Bool
    private(set) var focusRow = 0
    private(set) var focusColumn = 0
    private var scroll = 0

    init(columns: [Column], rows: [Row], showHeader: Bool = true, emptyText: String = "", newRow: (() -> Row)? = nil) {
        self.columns = columns
        self.rows = rows
        self.showHeader = showHeader
        self.emptyText = emptyText
        self.newRow = newRow
        focusColumn = rows.first?.cells.firstIndex(where: \.isEditable) ?? 0
    }

    var canAddRows: Bool { newRow != nil }

    func cell(_ row: Int, _ column: Int) -> Cell? {
        rows.indices.contains(row) && rows[row].cells.indices.contains(column) ? rows[row].cells[column] : nil
    }

    /// The focused cell's text field, when the focus is on a text cell.
    var focusedTextField: TextField? {
        if case .text(let t)? = cell(focusRow, focusColumn) { return t } else { return nil }
    }

    /// Changes the focused text cell (a completion accepted); nothing when it is no text.
    mutating func editFocusedTextField(_ edit: (inout TextField) -> Void) {
        guard var t = focusedTextField else { return }
        edit(&t)
        setCell(focusRow, focusColumn, .text(t))
    }

    mutating func setCell(_ row: Int, _ column: Int, _ cell: Cell) {
        guard rows.indices.contains(row), rows[row].cells.indices.contains(column) else { return }
        rows[row].cells[column] = cell
    }

    /// Puts the focus on a cell (tests, or after adding a row).
    mutating func focus(row: Int, column: Int) {
        guard rows.indices.contains(row) else { return }
        focusRow = row
        focusColumn = min(max(0, column), rows[row].cells.count - 1)
    }

    /// Editable cells in reading order, as (row, column).
    private var editableCells: [(Int, Int)] {
        rows.indices.flatMap { r in rows[r].cells.indices.filter { rows[r].cells[$0].isEditable }.map { (r, $0) } }
    }

    /// Moves to the next (+1) or previous (-1) editable cell; false at either end.
    mutating func moveFocus(_ step: Int) -> Bool {
        let cells = editableCells
        guard let i = cells.firstIndex(where: { $0 == (focusRow, focusColumn) }) else {
            if let first = step > 0 ? cells.first : cells.last { (focusRow, focusColumn) = first; return true }
            return false
        }
        let j = i + step
        guard cells.indices.contains(j) else { return false }
        (focusRow, focusColumn) = cells[j]
        return true
    }

    /// Up/Down: the nearest row with an editable cell, in the same column when it can be;
    /// false when there is none that way.
    private mutating func moveRow(_ step: Int) -> Bool {
        var r = focusRow + step
        while rows.indices.contains(r) {
            let cells = rows[r].cells
            if cells.indices.contains(focusColumn), cells[focusColumn].isEditable { focus(row: r, column: focusColumn); return true }
            if let c = cells.firstIndex(where: \.isEditable) { focus(row: r, column: c); return true }
            r += step
        }
        return false
    }

    /// Focus on the first (or last) editable cell, when entering the table.
    mutating func focusEdge(first: Bool) {
        if let c = first ? editableCells.first : editableCells.last { (focusRow, focusColumn) = c }
    }

    var isEmpty: Bool { rows.isEmpty }

    // MARK: - Events

    /// Handles a key; false when it leaves the table (Tab past the end, Up from the top)
    /// or is not the table's.
    mutating func handle(_ event: Event) -> Bool {
        guard case .key(let k) = event else { return false }
        let key = EditorKeymaps.settingsGrid.action(for: k)
        switch key {
        case .nextCell?: return moveFocus(1)
        case .previousCell?: return moveFocus(-1)
        case .rowUp?: return moveRow(-1)
        case .rowDown?: return moveRow(1)
        case .addRow?:
            guard let make = newRow else { return false }
            let at = rows.isEmpty ? 0 : focusRow + 1
            rows.insert(make(), at: at)
            focus(row: at, column: rows[at].cells.firstIndex(where: \.isEditable) ?? 0)
            return true
        case .moveRowUp?, .moveRowDown?:
            let to = focusRow + (key == .moveRowUp ? -1 : 1)
            guard newRow != nil, rows.indices.contains(focusRow), rows.indices.contains(to) else { return newRow != nil }
            rows.swapAt(focusRow, to)
            focus(row: to, column: focusColumn)
            return true
        case .deleteRow?:
            guard newRow != nil, rows.indices.contains(focusRow) else { return false }
            rows.remove(at: focusRow)
            if !rows.isEmpty { focus(row: min(focusRow, rows.count - 1), column: focusColumn) } else { focusRow = 0 }
            return true
        default:
            break
        }
        guard let cell = cell(focusRow, focusColumn) else { return false }
        switch cell {
        case .label: return false
        case .text(var t):
            guard t.handle(event) else { return false }
            setCell(focusRow, focusColumn, .text(t))
            return true
        case .toggle(let on):
            switch key {
            case .flip?, .previousChoice?: setCell(focusRow, focusColumn, .toggle(!on)); return true
            case .yes?: setCell(focusRow, focusColumn, .toggle(true)); return true
            case .no?: setCell(focusRow, focusColumn, .toggle(false)); return true
            default: return false
            }
        case .choice(let options, let i):
            guard !options.isEmpty else { return false }
            switch key {
            case .flip?:
                setCell(focusRow, focusColumn, .choice(options, (i + 1) % options.count)); return true
            case .previousChoice?:
                setCell(focusRow, focusColumn, .choice(options, (i + options.count - 1) % options.count)); return true
            default:
                guard let c = k.character,
                      let j = options.firstIndex(where: { $0.lowercased().hasPrefix(String(c).lowercased()) }) else { return false }
                setCell(focusRow, focusColumn, .choice(options, j)); return true
            }
        }
    }

    // MARK: - Drawing

    /// Column x offsets and widths for a total width.
    private func layout(width: Int) -> [(x: Int, width: Int)] {
        let fixed = columns.compactMap(\.width).reduce(0, +) + columns.count  // one cell gap each
        let flexible = columns.filter { $0.width == nil }.count
        let share = flexible > 0 ? max(4, (width - fixed - 2) / flexible) : 0
        var x = 2
        return columns.map { c in
            let w = c.width ?? share
            defer { x += w + 1 }
            return (x, w)
        }
    }

    mutating func render(into buffer: inout CellBuffer, in rect: Rect, focused: Bool, theme: Theme) {
        guard !rect.isEmpty else { return }
        let cols = layout(width: rect.width)
        var y = rect.y
        if showHeader {
            for (i, c) in columns.enumerated() {
                buffer.put(c.title, x: rect.x + cols[i].x, y: y, maxWidth: cols[i].width, style: theme.paletteHeader)
            }
            y += 1
        }
        let visible = max(0, rect.maxY - y)
        if rows.isEmpty {
            buffer.put(emptyText, x: rect.x + 2, y: y, maxWidth: rect.width - 2, style: theme.dimText)
            return
        }
        if focusRow < scroll { scroll = focusRow }
        if focusRow >= scroll + visible { scroll = focusRow - visible + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - visible)))
        if scroll > 0 { buffer.put(buffer.glyphs.scrollUp, x: rect.maxX - 1, y: y, style: theme.dimText) }
        if scroll + visible < rows.count {
            buffer.put(buffer.glyphs.scrollDown, x: rect.maxX - 1, y: rect.maxY - 1, style: theme.dimText)
        }
        for r in 0..<visible where scroll + r < rows.count {
            let ri = scroll + r, ry = y + r
            if focused && ri == focusRow { buffer.put(buffer.glyphs.pointer, x: rect.x, y: ry, style: theme.highlight) }
            for ci in rows[ri].cells.indices where ci < cols.count {
                let isFocused = focused && ri == focusRow && ci == focusColumn
                let area = Rect(x: rect.x + cols[ci].x, y: ry, width: cols[ci].width, height: 1)
                switch rows[ri].cells[ci] {
                case .label(let s):
                    buffer.put(s, x: area.x, y: ry, maxWidth: area.width, style: theme.fieldLabel)
                case .text(var t):
                    t.focused = isFocused
                    t.render(into: &buffer, in: area)
                    rows[ri].cells[ci] = .text(t)
                case .toggle(let on):
                    let style = isFocused ? theme.fieldInputFocused : theme.text
                    buffer.put(on ? "[x] yes" : "[ ] no", x: area.x, y: ry, maxWidth: area.width, style: style)
                case .choice(let options, let i):
                    let style = isFocused ? theme.fieldInputFocused : theme.fieldInput
                    buffer.fill(area, style: style)
                    let text = options.indices.contains(i) ? options[i] : ""
                    buffer.put("< " + text + " >", x: area.x, y: ry, maxWidth: area.width, style: style)
                }
            }
        }
    }
}
