import TerminalUI

/// What a key does in the flow list.
public enum FlowListKey: Equatable, Sendable {
    case open, quit, help, new, importFile, copy, pause, list
    case delete, rename, export, filter, sort
}

/// What a key does in the version history.
public enum HistoryKey: Equatable, Sendable { case list(ListKey), open, edit, diff, step, back, close, help }

/// What a key does in the test-run panel.
public enum TestRunKey: Equatable, Sendable {
    case close, scrollBack, scrollForward, lineBack, lineForward
    case start, nextField, previousField
    case sendReply, passTimeout, wait, restart, editTrigger, toggleVariables
    case stubs, saveScript
    /// `:` in the panel: the command line, on the test-run actions (`test-…`).
    case commands
    /// `+` / `-`: zoom the canvas beside the panel (the path taken shows at every level).
    case zoomIn, zoomOut
}

/// What a key does in the flow settings.
public enum SettingsKey: Equatable, Sendable { case cancel, apply, nextTab, previousTab, tabNumber }

/// What a key does in a settings table (outcomes, variables, logbooks, languages).
public enum SettingsGridKey: Equatable, Sendable {
    case nextCell, previousCell, rowUp, rowDown, addRow, deleteRow, moveRowUp, moveRowDown, flip, previousChoice, yes, no
}

/// What a key does on the `:` command line.
public enum CommandLineKey: Equatable, Sendable { case close, previous, next, complete, eraseOrClose, run }

/// What a key does in the note editor.
public enum NoteKey: Equatable, Sendable { case cancel, save, newLine }

/// What a key does in the Make Live wizard.
public enum MakeLiveKey: Equatable, Sendable { case back, next, nextRow, previousRow, otherButton, backButton, confirm }

/// What a key does in a node's form.
public enum NodeFormKey: Equatable, Sendable { case nextField, previousField, enter, apply, externalEditor, cancel }

/// What a key does while the `$(` completion list is open in a form field.
public enum CompletionKey: Equatable, Sendable { case accept, previous, next, close }

extension EditorKeymaps {
    public static let flowList = Keymap<FlowListKey>("Flow list", [
        KeyBinding([.plain(.up), .plain(.down), .plain(.pageUp), .plain(.pageDown), .plain(.home), .plain(.end)], .list,
                   "choose a flow (or, in an empty workspace, a template)", label: "Up / Down, PgUp / PgDn, Home / End"),
        KeyBinding([.plain(.enter)], .open, "open the flow on the canvas"),
        KeyBinding([.char("n")], .new, "new flow from a template"),
        KeyBinding([.char("c")], .copy, "copy the flow"),
        KeyBinding([.char("i")], .importFile, "import a flowcanvas/1 or Twilio Studio file"),
        KeyBinding([.char("p")], .pause, "pause / resume a live flow (pausing a running flow asks first)"),
        KeyBinding([.char("x"), .plain(.delete)], .delete, "delete the flow (asks; a live flow: type its name)"),
        KeyBinding([.char("r")], .rename, "rename the flow (its id stays)"),
        KeyBinding([.char("e")], .export, "export the flow's draft (else live version) to a JSON file"),
        KeyBinding([.char("/")], .filter, "filter the flows by name"),
        KeyBinding([.char("s")], .sort, "sort by name, last edited, status"),
        KeyBinding([.char("?"), .plain(.function(1))], .help, "this help, at these keys", label: "? / F1"),
        KeyBinding([.char("q"), .plain(.escape)], .quit, "quit"),
    ])

    public static let history = Keymap<HistoryKey>("Version history (H)", listBindings(HistoryKey.list) + [
        KeyBinding([.plain(.enter), .char("o")], .open, "open the entry on the canvas (a version read-only)"),
        KeyBinding([.char("e"), .char("E")], .edit, "edit the version: it becomes the working draft"),
        KeyBinding([.char("d")], .diff, "mark an entry; d on another shows the diff on the canvas"),
        KeyBinding([.char("s")], .step, "step through the history from the entry: its own change on the canvas (then p / n)"),
        KeyBinding([.plain(.escape)], .back, "cancel a diff mark, else close"),
        KeyBinding([.char("q")], .close, "close"),
        KeyBinding([.char("?")], .help, "the help, at these keys; closing it comes back here"),
    ])

    /// Keys of the panel in every phase, the trigger step too (there PgUp / PgDn do nothing:
    /// the transcript is empty until the run starts). TestRunPanel.handle looks here first.
    public static let testRunAll = Keymap<TestRunKey>("Test run (T on the canvas; nothing is saved or sent for real)", [
        KeyBinding([.plain(.escape)], .close, "close the panel (the flow is unchanged)"),
        KeyBinding([.plain(.pageUp), .plain(.pageDown)], .scrollBack, "scroll the transcript"),
        KeyBinding([.plain(.pageDown)], .scrollForward, "", hidden: true),
        KeyBinding([.ctrl("b")], .stubs, "HTTP stubs: a made-up answer (status, headers, JSON body, latency) per http-request node"),
        KeyBinding([.ctrl("o")], .saveScript, "save the run so far as a `flowcanvas run --script` file"),
        KeyBinding([.alt("x")], .commands,
                   "the command line on the test-run actions, also while a reply or trigger field is typed (where : is text)"),
    ].reorderedForLookup())

    /// Up / Down scroll the transcript one line, except while a reply is being typed.
    public static let testRunLines = Keymap<TestRunKey>("", [
        KeyBinding([.plain(.up)], .lineBack, "", hidden: true),
        KeyBinding([.plain(.down)], .lineForward, "", hidden: true),
    ])

    public static let testRunSetup = Keymap<TestRunKey>("Test run: the trigger step", [
        KeyBinding([.plain(.tab), .plain(.down), .plain(.backTab), .plain(.up)], .nextField,
                   "choose a field (from, to, message or body)", label: "Tab / Shift-Tab / Up / Down"),
        KeyBinding([.plain(.backTab), .plain(.up)], .previousField, "", hidden: true),
        KeyBinding([.plain(.enter)], .start, "start the run on a virtual clock; the canvas follows it"),
    ].reorderedForLookup())

    public static let testRunReply = Keymap<TestRunKey>("Test run: a reply is awaited", [
        KeyBinding([.plain(.enter)], .sendReply, "send what you typed as the customer (or keypad digits)"),
        KeyBinding([.ctrl("t")], .passTimeout, "let the reply's timeout pass"),
        KeyBinding([.ctrl("r")], .restart, "restart with the same trigger"),
        KeyBinding([.ctrl("e")], .editTrigger, "back to the trigger step"),
        KeyBinding([.ctrl("v")], .toggleVariables, "show or hide the variables and node outputs"),
    ])

    /// Restart, edit the trigger, variables: plain or with Ctrl when nothing is being typed.
    static let testRunCommands: [KeyBinding<TestRunKey>] = [
        KeyBinding([.char("r"), .ctrl("r")], .restart, "restart with the same trigger"),
        KeyBinding([.char("e"), .ctrl("e")], .editTrigger, "back to the trigger step"),
        KeyBinding([.char("v"), .ctrl("v")], .toggleVariables, "show or hide the variables and node outputs"),
        KeyBinding([.char(":")], .commands, "the command line, on the test-run actions (test-stubs, test-save …)"),
        KeyBinding([.char("+"), .char("-")], .zoomIn, "zoom the canvas in / out (the path taken shows at every level)",
                   label: "+ / -"),
        KeyBinding([.char("-")], .zoomOut, "", hidden: true),
    ].reorderedForLookup()

    public static let testRunTimer = Keymap<TestRunKey>("Test run: a delay is running", [
        KeyBinding([.plain(.enter), .char("w"), .ctrl("t")], .wait, "wait past the delay (type seconds first to wait that long)"),
    ] + testRunCommands)

    public static let testRunDone = Keymap<TestRunKey>("Test run: finished", testRunCommands)

    public static let nodeForm = Keymap<NodeFormKey>("Node form",
        notes: ["Branches and map fields (headers, assignments) are tables: see Tables",
                "In $EDITOR (Ctrl-X Ctrl-E) they are lines: \"name = value\", \"name | variable | op | value\""], [
        KeyBinding([.plain(.tab), .plain(.backTab)], .nextField, "next / previous field (Up / Down outside multi-line text)"),
        KeyBinding([.plain(.backTab)], .previousField, "", hidden: true),
        KeyBinding([.plain(.enter)], .enter, "next field; on the last field: apply (a select: open it)"),
        KeyBinding([.ctrl("s")], .apply, "apply (one undoable change)"),
        KeyBinding([.ctrl("x")], .externalEditor, "edit the focused text in $VISUAL / $EDITOR (as in bash)",
                   label: "Ctrl-X Ctrl-E"),
        KeyBinding([.plain(.escape)], .cancel, "cancel"),
    ].reorderedForLookup())

    public static let completion = Keymap<CompletionKey>("Completion of $( in a template field",
        notes: ["typing $( in a template field or table cell lists the variables, the outputs of the nodes",
                "that run before this one and the system values ($(system.now) …); typing on filters the list;",
                "a branch's Variable cell offers them as soon as a name is typed"], [
        KeyBinding([.plain(.tab), .plain(.enter)], .accept, "complete the chosen name (and close it with \")\")"),
        KeyBinding([.plain(.up), .ctrl("p"), .plain(.down), .ctrl("n")], .previous, "choose", label: "Up / Down, Ctrl-P / Ctrl-N"),
        KeyBinding([.plain(.down), .ctrl("n")], .next, "", hidden: true),
        KeyBinding([.plain(.escape)], .close, "close the list (the form stays open)"),
    ].reorderedForLookup())

    public static let settings = Keymap<SettingsKey>("Flow settings (S): General, Logbooks, Flow Outcomes, Custom Variables, Voice", [
        KeyBinding([.plain(.pageUp), .plain(.pageDown), .ctrl(.left), .ctrl(.right), .alt(.left), .alt(.right)],
                   .previousTab, "previous / next tab (also Ctrl-Left / Ctrl-Right, Alt-Left / Alt-Right)", label: "PgUp / PgDn"),
        KeyBinding([.plain(.pageDown), .ctrl(.right), .alt(.right)], .nextTab, "", hidden: true),
        KeyBinding([.digit(.alt)], .tabNumber, "that tab"),
        KeyBinding([.ctrl("s")], .apply, "apply every tab as one undoable change"),
        KeyBinding([.plain(.escape)], .cancel, "cancel"),
    ].reorderedForLookup())

    public static let settingsGrid = Keymap<SettingsGridKey>("Tables (flow settings tabs; branches and map fields in node forms)", [
        KeyBinding([.plain(.tab), .plain(.backTab)], .nextCell, "next / previous cell"),
        KeyBinding([.plain(.backTab)], .previousCell, "", hidden: true),
        KeyBinding([.plain(.up), .plain(.down)], .rowUp, "row above / below"),
        KeyBinding([.plain(.down)], .rowDown, "", hidden: true),
        KeyBinding([.char(" "), .plain(.right), .plain(.enter), .plain(.left)], .flip,
                   "flip a toggle; cycle a choice (Left backwards)"),
        KeyBinding([.plain(.left)], .previousChoice, "", hidden: true),
        KeyBinding([.char("y"), .char("n")], .yes, "on a toggle: yes / no"),
        KeyBinding([.char("n")], .no, "", hidden: true),
        KeyBinding([.ctrl("n"), .ctrl("d")], .addRow, "add a row / delete the focused row"),
        KeyBinding([.ctrl("d")], .deleteRow, "", hidden: true),
        KeyBinding([.alt(.up), .alt(.down)], .moveRowUp, "move the focused row up / down (order matters: branches)"),
        KeyBinding([.alt(.down)], .moveRowDown, "", hidden: true),
    ].reorderedForLookup())

    public static let commandLine = Keymap<CommandLineKey>("Command line (:)", notes: [
        "e.g. :layout, :goto NODE, :find TEXT, :place send, :export mermaid|dot|json FILE, :make-live",
        "type to filter the actions (fuzzy: \"mkl\" finds make-live)"], [
        KeyBinding([.plain(.up), .ctrl("p"), .plain(.down), .ctrl("n")], .previous, "choose an action", label: "Up / Down, Ctrl-P / Ctrl-N"),
        KeyBinding([.plain(.down), .ctrl("n")], .next, "", hidden: true),
        KeyBinding([.plain(.tab)], .complete, "complete the name or argument"),
        KeyBinding([.plain(.enter)], .run, "run it (an action that needs an argument completes first)"),
        KeyBinding([.plain(.backspace)], .eraseOrClose, "delete a character; on an empty line: close"),
        KeyBinding([.plain(.escape)], .close, "close"),
    ].reorderedForLookup())

    public static let note = Keymap<NoteKey>("Note editor (n)",
        notes: ["**bold**  *italic*  [text](url)  are shown on the canvas"], [
        KeyBinding([.plain(.enter), .ctrl("s")], .save, "save"),
        KeyBinding([.alt(.enter), .ctrl("j")], .newLine, "new line"),
        KeyBinding([.plain(.escape)], .cancel, "cancel"),
    ])

    public static let makeLive = Keymap<MakeLiveKey>("Make Live (L)", [
        KeyBinding([.plain(.enter)], .next, "next step; on the summary: the focused button"),
        KeyBinding([.plain(.tab), .plain(.down), .plain(.backTab), .plain(.up)], .nextRow,
                   "next / previous field", label: "Tab / Shift-Tab / Up / Down"),
        KeyBinding([.plain(.backTab), .plain(.up)], .previousRow, "", hidden: true),
        KeyBinding([.plain(.escape)], .back, "back a step; on the first: cancel"),
        KeyBinding([.char("c"), .char("C")], .confirm, "on the summary: confirm"),
        KeyBinding([.char("b"), .char("B")], .backButton, "on the summary: back"),
        KeyBinding([.plain(.left), .plain(.right)], .otherButton, "on the summary: the other button"),
    ].reorderedForLookup())
}
