import FlowKit
import TerminalUI

/// A map field (headers, assignments, parser fields) or a Branch node's branches, edited
/// as rows of cells in the settings grid, so nobody has to remember a line syntax: one row
/// per entry, the operator a choice of the catalog's operators, rows added, deleted and
/// reordered by key. `$EDITOR` still edits the rows as the text lines of `FieldText`.
struct RowFieldEditor: FormEmbeddedControl {
    enum Kind: Equatable {
        case map
        case branches(operators: [String])
    }

    let kind: Kind
    private(set) var grid: SettingsGrid
    /// Text given by `setText` (from `$EDITOR`) that did not parse. The rows keep their
    /// values; the text is kept so Ctrl-X Ctrl-E reopens it, and the form reports its error
    /// until it is fixed or a row is edited.
    private(set) var rejected: (text: String, error: FieldTextError)?
    private let theme: Theme

    /// Rows shown at most before the table scrolls (the header comes on top).
    static let maxVisibleRows = 5

    init(kind: Kind, value: JSONValue?, theme: Theme) {
        self.kind = kind
        self.theme = theme
        grid = Self.makeGrid(kind: kind, rows: [], theme: theme)
        grid.rows = Self.rows(kind: kind, value: value, theme: theme)
        grid.focusEdge(first: true)
    }

    private static func makeGrid(kind: Kind, rows: [SettingsGrid.Row], theme: Theme) -> SettingsGrid {
        switch kind {
        case .map:
            return SettingsGrid(columns: [.init(title: "Name", width: 20), .init(title: "Value", width: nil)], rows: rows,
                                emptyText: "No rows: type, or Ctrl-N, to add one.",
                                newRow: { .init(cells: [.text(TextField(theme: theme)), .text(TextField(theme: theme))]) })
        case .branches(let operators):
            let opWidth = (operators.map(\.count).max() ?? 6) + 4
            return SettingsGrid(columns: [.init(title: "Branch", width: 12), .init(title: "Variable", width: nil),
                                          .init(title: "Operator", width: opWidth), .init(title: "Value", width: nil)],
                                rows: rows, emptyText: "No branches: type, or Ctrl-N, to add one.",
                                newRow: {
                                    .init(cells: [.text(TextField(theme: theme)), .text(TextField(theme: theme)),
                                                  .choice(operators, 0), .text(TextField(theme: theme))])
                                })
        }
    }

    private static func rows(kind: Kind, value: JSONValue?, theme: Theme) -> [SettingsGrid.Row] {
        func text(_ s: String) -> SettingsGrid.Cell { .text(TextField(text: s, theme: theme)) }
        switch kind {
        case .map:
            guard let object = value?.objectValue else { return [] }
            return object.keys.sorted().map { .init(cells: [text($0), text(object[$0]?.displayText ?? "")]) }
        case .branches(let operators):
            return (value?.arrayValue ?? []).map { b in
                let op = b["op"]?.displayText ?? ""
                // A stored operator the catalog does not list stays selectable (never lost).
                var options = operators
                if !op.isEmpty, !options.contains(op) { options.append(op) }
                return .init(cells: [text(b["name"]?.displayText ?? ""), text(b["variable"]?.displayText ?? ""),
                                     .choice(options, options.firstIndex(of: op) ?? 0), text(b["value"]?.displayText ?? "")])
            }
        }
    }

    // MARK: - Value

    /// Rows with every cell blank are left out.
    private var filledRows: [(row: Int, cells: [String])] {
        grid.rows.enumerated().compactMap { i, row in
            let cells = row.cells.map(\.value)
            let texts = row.cells.enumerated().filter { if case .text = $0.element { return true } else { return false } }
            let blank = texts.allSatisfy { cells[$0.offset].trimmingCharacters(in: .whitespaces).isEmpty }
            return blank ? nil : (i + 1, cells)
        }
    }

    /// The config value the rows describe (nil when there are none), or the first row that
    /// is wrong.
    func value() -> Result<JSONValue?, FieldTextError> {
        if let rejected { return .failure(rejected.error) }
        var names: Set<String> = []
        switch kind {
        case .map:
            var out: [String: JSONValue] = [:]
            for (row, cells) in filledRows {
                let name = cells[0].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return .failure(FieldTextError(line: row, message: "row \(row): the name is empty")) }
                guard names.insert(name).inserted else {
                    return .failure(FieldTextError(line: row, message: "row \(row): \"\(name)\" is given twice"))
                }
                out[name] = .string(cells[1].trimmingCharacters(in: .whitespaces))
            }
            return .success(out.isEmpty ? nil : .object(out))
        case .branches(let operators):
            var out: [JSONValue] = []
            for (row, cells) in filledRows {
                let name = cells[0].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { return .failure(FieldTextError(line: row, message: "row \(row): the branch has no name")) }
                guard names.insert(name).inserted else {
                    return .failure(FieldTextError(line: row, message: "row \(row): branch \"\(name)\" is given twice"))
                }
                guard operators.isEmpty || operators.contains(cells[2]) else {
                    return .failure(FieldTextError(line: row, message: "row \(row): unknown operator \"\(cells[2])\""))
                }
                out.append(.object(["name": .string(name), "variable": .string(cells[1].trimmingCharacters(in: .whitespaces)),
                                    "op": .string(cells[2]), "value": .string(cells[3].trimmingCharacters(in: .whitespaces))]))
            }
            return .success(out.isEmpty ? nil : .array(out))
        }
    }

    // MARK: - FormEmbeddedControl

    var text: String {
        if let rejected { return rejected.text }
        switch kind {
        case .map:
            return filledRows.map { "\($0.cells[0]) = \($0.cells[1])" }.joined(separator: "\n")
        case .branches:
            return filledRows.map { $0.cells.joined(separator: " | ") }.joined(separator: "\n")
        }
    }

    var preferredRows: Int { 1 + min(Self.maxVisibleRows, max(1, grid.rows.count)) }

    var hint: String {
        let keys = EditorKeymaps.settingsGrid
        let hints = [keys.hint(.nextCell, "cell"), keys.hint(.addRow, "add"), keys.hint(.deleteRow, "delete"),
                     keys.hint(.moveRowUp, "move")].compactMap { $0 }
        return hints.map { $0.key == "Alt-Up" ? "Alt-Up/Dn \($0.label)" : "\($0.key) \($0.label)" }.joined(separator: " · ")
    }

    mutating func setText(_ text: String) {
        let parsed: Result<JSONValue?, FieldTextError>
        switch kind {
        case .map: parsed = FieldText.parseMap(text).map { $0.isEmpty ? nil : .object($0) }
        case .branches(let operators): parsed = FieldText.parseBranches(text, operators: operators).map { $0.isEmpty ? nil : .array($0) }
        }
        switch parsed {
        case .success(let value):
            rejected = nil
            grid.rows = Self.rows(kind: kind, value: value, theme: theme)
            grid.focusEdge(first: true)
        case .failure(let error):
            rejected = (text, error)
        }
    }

    mutating func handle(_ event: Event) -> Bool {
        let before = grid.rows.map { $0.cells.map(\.value) }
        if grid.isEmpty, Self.startsARow(event) { _ = grid.handle(.key(.ctrl("n"))) }
        guard grid.handle(event) else { return false }
        if grid.rows.map({ $0.cells.map(\.value) }) != before { rejected = nil }
        return true
    }

    /// Typing into an empty table starts its first row.
    private static func startsARow(_ event: Event) -> Bool {
        switch event {
        case .paste: return true
        case .key(let k): return k.character != nil && k.modifiers.isDisjoint(with: [.ctrl, .alt])
        default: return false
        }
    }

    mutating func enterFocus(forward: Bool) { grid.focusEdge(first: forward) }

    // MARK: - References in cells

    /// How the focused cell takes `$(…)` references: map values and branch values are
    /// templates; a branch's variable is a reference written bare (`reply.message`) or as
    /// `$(…)`; names and operators take none.
    var referenceSlot: ReferenceSlot? {
        switch (kind, grid.focusColumn) {
        case (.map, 1), (.branches, 3): return .template
        case (.branches, 1): return .bareReference
        default: return nil
        }
    }

    /// Names the focused cell, so a list closed with Esc stays closed in that cell only.
    var focusedCellKey: String { "\(grid.focusRow):\(grid.focusColumn)" }

    var focusedText: (characters: [Character], cursor: Int)? { grid.focusedText }

    mutating func replaceFocusedText(_ range: Range<Int>, with text: String) {
        grid.replaceFocusedText(range, with: text)
        rejected = nil
    }

    mutating func render(into buffer: inout CellBuffer, in rect: Rect, focused: Bool, theme: Theme) {
        grid.render(into: &buffer, in: rect, focused: focused, theme: theme)
    }
}
