/// What a binding answers to: one key, or a class of keys a table cannot list one by one.
public enum KeyPattern: Hashable, Sendable {
    case key(KeyEvent)
    /// Any plain printable character (a filter, a query, a reply being typed).
    case text
    /// Any digit key (Alt-1…5 picks a tab, for example), with these modifiers.
    case digit(KeyModifiers)

    public func matches(_ event: KeyEvent) -> Bool {
        switch self {
        case .key(let k): return k == event
        case .text:
            guard let c = event.character else { return false }
            return !c.isNewline && !(c.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F } ?? true)
        case .digit(let m):
            guard case .character(let c) = event.key, event.modifiers == m else { return false }
            return c.isASCII && c.isNumber
        }
    }

    /// A plain character: in a field being typed into, it is text, not a command.
    public var isPlainCharacter: Bool {
        switch self {
        case .key(let k): return k.character != nil
        case .text: return true
        case .digit(let m): return m.isDisjoint(with: [.ctrl, .alt])
        }
    }

    /// "Ctrl-S", "Shift-Tab", "k": the name help and the command line show.
    public var label: String {
        switch self {
        case .key(let k): return k.description
        case .text: return "type"
        case .digit(let m): return m.isEmpty ? "0…9" : String(KeyEvent(.character("1"), m).description.dropLast()) + "1…9"
        }
    }
}

public extension KeyPattern {
    /// "^R" for Ctrl-R, else the label: for narrow key columns (the command line's).
    var shortLabel: String {
        if case .key(let k) = self, k.modifiers == .ctrl, case .character = k.key { return "^" + label.dropFirst("Ctrl-".count) }
        return label
    }

    static func char(_ c: Character) -> KeyPattern { .key(.char(c)) }
    static func ctrl(_ c: Character) -> KeyPattern { .key(.ctrl(c)) }
    static func alt(_ c: Character) -> KeyPattern { .key(.alt(c)) }
    static func plain(_ k: Key) -> KeyPattern { .key(KeyEvent(k)) }
    static func shift(_ k: Key) -> KeyPattern { .key(KeyEvent(k, .shift)) }
    static func ctrl(_ k: Key) -> KeyPattern { .key(KeyEvent(k, .ctrl)) }
    static func alt(_ k: Key) -> KeyPattern { .key(KeyEvent(k, .alt)) }
}

/// One row of a keymap: the keys, what they do, and the line help shows for them.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [KeyPattern]
    public var action: Action
    public var summary: String
    /// What help shows in the key column; by default the keys' names joined with " / ".
    public var label: String
    /// Hidden rows still dispatch (an alias such as Enter for `o`) but help leaves them out
    /// because a visible row already names the same thing.
    public var hidden: Bool

    public init(_ keys: [KeyPattern], _ action: Action, _ summary: String, label: String? = nil, hidden: Bool = false) {
        self.keys = keys
        self.action = action
        self.summary = summary
        self.label = label ?? keys.map(\.label).joined(separator: " / ")
        self.hidden = hidden
    }
}

/// The keys of one mode, in the order help lists them. The same table decides what a key
/// does (`action(for:)`), what `?` shows and what the `:` command line says a key is, so
/// none of the three can drift from the others.
public struct Keymap<Action: Sendable>: Sendable {
    public var title: String
    public var bindings: [KeyBinding<Action>]
    /// Lines of help that are not keys ("Map fields: one name = value per line").
    public var notes: [String]

    public init(_ title: String, notes: [String] = [], _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
        self.notes = notes
    }

    /// The action bound to `key`. While `typing`, plain characters are text for the field
    /// being edited, so bindings on them do not fire.
    public func action(for key: KeyEvent, typing: Bool = false) -> Action? {
        binding(for: key, typing: typing)?.action
    }

    public func binding(for key: KeyEvent, typing: Bool = false) -> KeyBinding<Action>? {
        // An exact key wins over a class (`.text`), wherever the class sits in the table.
        for b in bindings {
            for p in b.keys where p.matches(key) {
                if case .key = p, !(typing && p.isPlainCharacter) { return b }
            }
        }
        for b in bindings {
            for p in b.keys where p.matches(key) {
                if case .key = p { continue }
                if typing && p.isPlainCharacter, case .digit = p { continue }
                return b
            }
        }
        return nil
    }

    /// A status-bar hint whose key is the one the table binds to `action` ("^S apply"), so a
    /// hint cannot name a key that does something else. Nil (and a failed assertion in
    /// debug builds) when nothing in the table does `action`.
    public func hint(_ action: Action, _ label: String) -> KeyHint? where Action: Equatable {
        guard let key = bindings.first(where: { $0.action == action })?.keys.first else {
            assertionFailure("\(title): no key does \(action) for the hint \(label)")
            return nil
        }
        return KeyHint(key.shortLabel, label)
    }

    /// Every exact key the table binds, for tests that check coverage.
    public var boundKeys: [KeyEvent] {
        bindings.flatMap { $0.keys.compactMap { if case .key(let k) = $0 { return k } else { return nil } } }
    }

    /// The rows help shows for this table.
    public var helpRows: [KeyHelpRow] {
        bindings.filter { !$0.hidden }.map { KeyHelpRow(keys: $0.label, summary: $0.summary) }
    }

    public var helpSection: KeyHelpSection { KeyHelpSection(title, rows: helpRows, notes: notes) }
}

/// One line of help: the keys and what they do.
public struct KeyHelpRow: Hashable, Sendable {
    public var keys: String
    public var summary: String
    public init(keys: String, summary: String) { self.keys = keys; self.summary = summary }
}

/// A titled block of help, made from one or more keymaps.
public struct KeyHelpSection: Hashable, Sendable {
    public var title: String
    public var rows: [KeyHelpRow]
    public var notes: [String]

    public init(_ title: String, rows: [KeyHelpRow], notes: [String] = []) {
        self.title = title
        self.rows = rows
        self.notes = notes
    }

    /// Several tables under one heading (the canvas's modes, say), rows in table order.
    public init(_ title: String, merging sections: [KeyHelpSection], notes: [String] = []) {
        self.title = title
        self.rows = sections.flatMap(\.rows)
        self.notes = sections.flatMap(\.notes) + notes
    }

    /// The section as text: the title, then "  KEYS   summary" with the summaries aligned;
    /// a summary too long for `width` wraps under itself.
    public func lines(keyColumn: Int = 20, width: Int = 72) -> [String] {
        var out = [title]
        for row in rows {
            let keys = "  " + row.keys
            let pad = max(1, keyColumn - DisplayWidth.of(keys))
            let indent = String(repeating: " ", count: max(DisplayWidth.of(keys) + pad, keyColumn))
            let wrapped = Self.wrap(row.summary, width: max(20, width - indent.count))
            var first = true
            for part in wrapped {
                out.append(first ? keys + String(repeating: " ", count: pad) + part : indent + part)
                first = false
            }
        }
        for note in notes { out.append("  " + note) }
        return out
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }
}

public extension Array {
    /// Rows that name several keys for help ("arrows, h j k l") are followed by hidden rows
    /// giving each key its own action. Lookup takes the first match, so the hidden, more
    /// specific rows go first; help filters them out and keeps the visible order.
    func reorderedForLookup<Action>() -> [KeyBinding<Action>] where Element == KeyBinding<Action> {
        filter(\.hidden) + filter { !$0.hidden }
    }
}
