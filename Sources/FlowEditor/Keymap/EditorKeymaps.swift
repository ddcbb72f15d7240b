import TerminalUI

/// Moving through a list: the errors pane, the change list of a diff, the history.
public enum ListKey: Equatable, Sendable {
    case previous, next, pageUp, pageDown, first, last

    /// The selection after this key in a list of `count` rows.
    public func apply(to selection: Int, count: Int) -> Int {
        let last = max(0, count - 1)
        switch self {
        case .previous: return max(0, selection - 1)
        case .next: return min(last, selection + 1)
        case .pageUp: return max(0, selection - 8)
        case .pageDown: return min(last, selection + 8)
        case .first: return 0
        case .last: return last
        }
    }
}

/// What a key does in the palette pane.
public enum PaletteKey: Equatable, Sendable { case list(ListKey), place, back, eraseFilter, filter }

/// What a key does in the errors pane (and in a diff's change list, which takes its place).
public enum FindingsKey: Equatable, Sendable { case list(ListKey), jump, back }

/// What a key does while a diff is shown on the canvas.
public enum DiffKey: Equatable, Sendable { case leave, refuseSave, previousStep, nextStep }

/// What a key does in the review of the working draft (R, or Make Live with unreviewed changes).
public enum ReviewKey: Equatable, Sendable { case toggleReviewed, continueMakeLive }

/// What a key does while blame tags are shown on the canvas (b).
public enum BlameKey: Equatable, Sendable { case openChange, close }

/// The key tables of the editor's panes and screens (DESIGN §9). Every screen looks its keys
/// up here; `EditorHelp` builds `?` from the same tables and `EditorActions` names a
/// command's key from them.
public enum EditorKeymaps {
    /// Keys every pane of the canvas screen answers (plain characters not while typing into
    /// the palette filter or a find).
    public static let anywhere = Keymap<EditorAction>("Anywhere", [
        KeyBinding([.plain(.tab), .plain(.backTab)], .nextPane, "next / previous pane (palette, canvas, errors)"),
        KeyBinding([.plain(.backTab)], .previousPane, "", hidden: true),
        KeyBinding([.char("s"), .ctrl("s")], .save, "save the working draft; findings fill the errors pane"),
        KeyBinding([.char("?"), .plain(.function(1))], .help,
                   "this help: opens at the keys of the screen it is asked on (F1 also in a form, field or dialog, where ? is text); arrows, PgUp/PgDn, Home/End scroll, any other key closes it",
                   label: "? / F1"),
        KeyBinding([.char("q")], .quit, "back / quit; asks before dropping unsaved changes"),
        KeyBinding([.ctrl("c")], .quitNow, "quit now; unsaved changes go to the recovery slot"),
        KeyBinding([.char("L")], .makeLive, "make live: the draft becomes the next live version"),
        KeyBinding([.char("H")], .history, "version history: browse, open, diff, edit"),
        KeyBinding([.char("S")], .settings, "flow settings: outcomes, variables, logbooks, voice"),
        KeyBinding([.char(":")], .commandLine, "the command line: every action by name"),
        KeyBinding([.char("<")], .togglePalette, "collapse / reopen the palette (below 100 columns it starts collapsed)"),
        KeyBinding([.char(">")], .toggleErrors, "collapse / reopen the Errors & Warnings pane (a strip shows ✖ ▲ counts)"),
        KeyBinding([.char("!")], .showErrors, "the Errors & Warnings list (over the canvas when collapsed); Esc leaves"),
        KeyBinding([.char("E")], .editVersion, "on a read-only version: edit it (branches a working draft)"),
        KeyBinding([.char("b")], .blame, "blame: who last changed each node (v3 · alice · 2d on the boxes); again: hide"),
        KeyBinding([.char("R")], .review, "review the working draft against the live version, change by change"),
    ].reorderedForLookup())

    static let listRows: [KeyBinding<ListKey>] = [
        KeyBinding([.plain(.up), .plain(.down), .char("k"), .char("j")], .previous, "choose", label: "Up / Down, k j"),
        KeyBinding([.plain(.down), .char("j")], .next, "", hidden: true),
        KeyBinding([.plain(.pageUp), .plain(.pageDown)], .pageUp, "eight rows up / down"),
        KeyBinding([.plain(.pageDown)], .pageDown, "", hidden: true),
        KeyBinding([.plain(.home), .plain(.end)], .first, "first / last"),
        KeyBinding([.plain(.end)], .last, "", hidden: true),
    ].reorderedForLookup()

    static func listBindings<A>(_ wrap: (ListKey) -> A, without: Set<KeyEvent> = []) -> [KeyBinding<A>] {
        listRows.compactMap { row in
            let keys = row.keys.filter { if case .key(let k) = $0 { return !without.contains(k) } else { return true } }
            guard !keys.isEmpty else { return nil }
            var b = KeyBinding(keys, wrap(row.action), row.summary, hidden: row.hidden)
            if !row.hidden { b.label = keys.count == row.keys.count ? row.label : keys.map(\.label).joined(separator: " / ") }
            return b
        }
    }

    public static let palette = Keymap<PaletteKey>("Palette",
        listBindings(PaletteKey.list, without: [.char("k"), .char("j"), KeyEvent(.home), KeyEvent(.end)]) + [
        KeyBinding([.text], .filter, "filter the node types"),
        KeyBinding([.plain(.backspace)], .eraseFilter, "delete the filter's last character"),
        KeyBinding([.plain(.enter)], .place, "place the type: it follows the cursor; Enter drops, Esc cancels"),
        KeyBinding([.plain(.escape)], .back, "clear the filter, else back to the canvas"),
    ])

    public static let errors = Keymap<FindingsKey>("Errors & Warnings", listBindings(FindingsKey.list) + [
        KeyBinding([.plain(.enter)], .jump, "jump to its node and highlight it; Enter again opens its form"),
        KeyBinding([.plain(.escape)], .back, "back to the canvas"),
    ])

    public static let diff = Keymap<DiffKey>("A diff on the canvas (d in the history)", [
        KeyBinding([.plain(.escape), .char("q")], .leave, "back to the history (or the flow)"),
        KeyBinding([.char("s"), .ctrl("s")], .refuseSave, "nothing to save: a diff is read-only"),
        KeyBinding([.char("p"), .char("n")], .previousStep,
                   "stepping through the history (s in the history): the previous / next version's own change"),
        KeyBinding([.char("n")], .nextStep, "", hidden: true),
    ].reorderedForLookup())

    public static let review = Keymap<ReviewKey>("Review before Make Live (R)", [
        KeyBinding([.char(" ")], .toggleReviewed, "mark the change reviewed (again: not reviewed) and go to the next",
                   label: "Space"),
        KeyBinding([.char("L")], .continueMakeLive, "go on to Make Live (changes not reviewed are skipped)"),
    ])

    public static let blame = Keymap<BlameKey>("Blame on the canvas (b)", [
        KeyBinding([.plain(.enter)], .openChange, "on a node: the diff of the version that last changed it, focused on it"),
        KeyBinding([.plain(.escape)], .close, "hide the blame tags"),
    ])

    public static let changes = Keymap<FindingsKey>("The changes (the side pane of a diff)", listBindings(FindingsKey.list) + [
        KeyBinding([.plain(.enter)], .jump, "show the changed node on the canvas, highlighted"),
    ])
}

extension EditorKeymaps {
    /// What a `:` command's key does on the canvas, for the commands whose key is the
    /// canvas's rather than every pane's.
    static let canvasActionOfCommand: [String: CanvasKeyAction] = [
        "undo": .command(.undo), "redo": .command(.redo), "place": .openPalette, "find": .command(.startFind),
        "note": .addNote, "delete": .delete, "connect": .command(.startConnect), "move": .command(.startMove),
        "test-run": .testRun,
        "select-all": .selection(.all), "copy": .selection(.copy), "cut": .selection(.cut), "paste": .selection(.paste),
        "duplicate": .selection(.duplicate),
    ]

    /// The test-run panel's key for a `test-…` command (shown on the command line).
    static let testRunActionOfCommand: [String: TestRunKey] = [
        "test-stubs": .stubs, "test-save": .saveScript, "test-restart": .restart, "test-trigger": .editTrigger,
        "test-variables": .toggleVariables, "test-close": .close,
    ]

    /// The key the tables bind to a `:` command ("s" for save, "^R" for redo), nil when
    /// only the command line runs it.
    public static func key(forCommand name: String) -> String? {
        if case .success(let action) = EditorActions.parse(name),
           let b = anywhere.bindings.first(where: { !$0.hidden && $0.action == action }) {
            return b.keys.first?.shortLabel
        }
        if let key = testRunActionOfCommand[name] {
            let tables = [testRunAll, testRunDone, testRunReply, testRunSetup]
            return tables.lazy.compactMap { $0.bindings.first { !$0.hidden && $0.action == key } }.first?.keys.first?.shortLabel
        }
        guard let canvasAction = canvasActionOfCommand[name] else { return nil }
        return (CanvasKeymap.normal.bindings + CanvasKeymap.selection.bindings)
            .first { $0.action == canvasAction }?.keys.first?.shortLabel
    }
}
