import FlowKit
import TerminalUI

/// Every editor action by name: what the `:` command line runs and what keys like `L`,
/// `H` and `S` dispatch to, through the one entry point `CanvasScreen.perform(_:)`.
public enum EditorAction: Equatable, Sendable {
    case save
    case makeLive
    case history
    case settings
    case help
    case quit
    case undo
    case redo
    /// Begin placing a node of this catalog type (it follows the cursor).
    case place(type: String)
    /// Jump to a node, named by id or label.
    case goto(node: String)
    /// Start a find with this query (Tab cycles the matches).
    case find(text: String)
    /// Re-run the auto-layout over the whole flow (one undoable edit).
    case layout
    case export(format: ExportFormat, path: String)
    case note
    case delete
    case connect
    case move
    /// Issue 11: the selection and the clipboard (CanvasScreen+Selection.swift).
    case selectAll
    /// Select every node (and flow-level note) a search query matches.
    case select(query: String)
    case copy, cut, paste, duplicate, tidy, alignLeft, alignTop
    /// `:replace OLD NEW` in labels, text fields and notes: a preview, then one edit.
    case replace(old: String, new: String)
    /// Open the command line itself (`:`); not listed in it.
    case commandLine
    /// The test-run panel (T).
    case testRun
    /// A test-run action (`:test-stubs`, `:test-save FILE` …): run in the open panel, or
    /// after opening it (TestRunCommand.swift).
    case testRunCommand(TestRunCommand)
    /// E: edit the read-only version shown (branches a working draft).
    case editVersion
    /// Tab / Shift-Tab: the next or previous pane; Ctrl-C: leave now. Keys, not commands.
    case nextPane, previousPane, quitNow
    /// `<` / `>`: dock or collapse the palette / the Errors & Warnings pane; `!`: focus the
    /// errors list (over the canvas when its pane is collapsed). Also `:palette`,
    /// `:errors-pane` and `:errors`.
    case togglePalette, toggleErrors, showErrors
    /// b: blame tags on the boxes; R: review the draft against the live version (issue 17).
    case blame, review
}

/// The file formats `:export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    case mermaid, dot, json
}

/// One row of the action list: its name, arguments, key and what it does.
public struct EditorActionSpec: Equatable, Sendable {
    /// What the action's argument is, for completion.
    public enum Argument: Equatable, Sendable {
        case none
        case nodeType
        case node
        case text
        case export
        /// Text that may be left out (`test-save [FILE]`).
        case optionalText
    }

    public var name: String
    public var arguments: String
    public var key: String
    public var summary: String
    public var argument: Argument

    public init(_ name: String, args arguments: String = "", _ summary: String, argument: Argument = .none) {
        self.name = name; self.arguments = arguments; self.key = ""; self.summary = summary; self.argument = argument
    }

    public var needsArgument: Bool { argument != .none && argument != .optionalText }
}

/// The catalog of actions and the parser of command lines.
public enum EditorActions {
    /// Every action, its key named by the key tables (`EditorKeymaps.key(forCommand:)`).
    public static let all: [EditorActionSpec] = specs.map { spec in
        var s = spec
        s.key = EditorKeymaps.key(forCommand: spec.name) ?? ""
        return s
    }

    static let specs: [EditorActionSpec] = [
        EditorActionSpec("save", "save the working draft; findings fill the errors pane"),
        EditorActionSpec("make-live", "make the draft the next live version"),
        EditorActionSpec("history", "versions: browse, open, diff, edit"),
        EditorActionSpec("settings", "flow settings: outcomes, variables, logbooks…"),
        EditorActionSpec("help", "every key"),
        EditorActionSpec("quit", "leave (asks before dropping changes)"),
        EditorActionSpec("undo", "undo the last edit"),
        EditorActionSpec("redo", "redo"),
        EditorActionSpec("place", args: "NODE-TYPE", "place a node of that type at the cursor", argument: .nodeType),
        EditorActionSpec("goto", args: "NODE", "jump to a node by id or label", argument: .node),
        EditorActionSpec("find", args: "QUERY", "search: words, type: is: uses: note: filters", argument: .text),
        EditorActionSpec("layout", "re-run auto-layout on the whole flow"),
        EditorActionSpec("export", args: "mermaid|dot|json FILE", "write the flow to a file", argument: .export),
        EditorActionSpec("note", "add a note (on a node: attached to it)"),
        EditorActionSpec("delete", "delete the node, note or connector at the cursor"),
        EditorActionSpec("connect", "connect an outcome of the node at the cursor"),
        EditorActionSpec("move", "move the node at the cursor"),
        EditorActionSpec("edit", "edit the read-only version shown (branches a working draft)"),
        EditorActionSpec("test-run", "try the flow on a virtual clock (in the panel: Ctrl-B stubs HTTP, Ctrl-O saves a script)"),
        EditorActionSpec("test-start", "test run: start it with the trigger shown (opens the panel)"),
        EditorActionSpec("test-stubs", "test run: stub an http-request node, or give it back its real call"),
        EditorActionSpec("test-reply", args: "TEXT", "test run: send TEXT as the customer's reply (or keypad digits)",
                         argument: .text),
        EditorActionSpec("test-wait", args: "[SECONDS]", "test run: let the timer or the reply's timeout pass (or wait SECONDS)",
                         argument: .optionalText),
        EditorActionSpec("test-restart", "test run: again with the same trigger"),
        EditorActionSpec("test-trigger", "test run: back to the trigger step"),
        EditorActionSpec("test-variables", "test run: show or hide the variables and node outputs"),
        EditorActionSpec("test-save", args: "[FILE]", "test run: save the run so far as a `flowcanvas run --script` file",
                         argument: .optionalText),
        EditorActionSpec("test-close", "test run: close the panel (the flow is unchanged)"),
        EditorActionSpec("select-all", "select every node and note"),
        EditorActionSpec("select", args: "QUERY", "select what a search matches, e.g. select is:unconnected", argument: .text),
        EditorActionSpec("copy", "copy the selection (also to the system clipboard)"),
        EditorActionSpec("cut", "copy the selection, then delete it"),
        EditorActionSpec("paste", "paste the copied nodes at the cursor"),
        EditorActionSpec("duplicate", "duplicate the selection below itself"),
        EditorActionSpec("tidy", "auto-layout the selection only; other nodes stay"),
        EditorActionSpec("align-left", "align the selected nodes' left edges"),
        EditorActionSpec("align-top", "align the selected nodes' top edges"),
        EditorActionSpec("replace", args: "OLD NEW", "replace text in labels, text fields and notes (preview first)",
                         argument: .text),
        EditorActionSpec("palette", "collapse the palette pane to a strip, or dock it again"),
        EditorActionSpec("errors-pane", "collapse the Errors & Warnings pane to a strip, or dock it again"),
        EditorActionSpec("errors", "go to the Errors & Warnings list (over the canvas when collapsed)"),
        EditorActionSpec("blame", "who last changed each node: tags on the boxes (again: hide)"),
        EditorActionSpec("review", "review the working draft against the live version"),
    ]

    public static func spec(named name: String) -> EditorActionSpec? {
        all.first { $0.name == name.lowercased() }
    }

    /// A command line (`export mermaid flow.mmd`) as an action, or why it is not one.
    public static func parse(_ line: String) -> Result<EditorAction, CommandLineError> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let (name, rest) = split(trimmed)
        guard !name.isEmpty else { return .failure(CommandLineError("type an action name; Up/Down choose, Esc closes")) }
        // `specs`, not `all`: `all` asks the key tables, which parse command names.
        guard let spec = specs.first(where: { $0.name == name.lowercased() }) else { return .failure(CommandLineError("no action is called \"\(name)\"")) }
        if spec.argument == .none && !rest.isEmpty {
            return .failure(CommandLineError("\(spec.name) takes no arguments"))
        }
        switch spec.name {
        case "save": return .success(.save)
        case "make-live": return .success(.makeLive)
        case "history": return .success(.history)
        case "settings": return .success(.settings)
        case "help": return .success(.help)
        case "quit": return .success(.quit)
        case "undo": return .success(.undo)
        case "redo": return .success(.redo)
        case "layout": return .success(.layout)
        case "note": return .success(.note)
        case "delete": return .success(.delete)
        case "connect": return .success(.connect)
        case "move": return .success(.move)
        case "edit": return .success(.editVersion)
        case "test-run": return .success(.testRun)
        case "test-start": return .success(.testRunCommand(.start))
        case "test-stubs": return .success(.testRunCommand(.stubs))
        case "test-reply":
            guard !rest.isEmpty else { return .failure(CommandLineError("test-reply needs the customer's text, e.g. test-reply 1234")) }
            return .success(.testRunCommand(.reply(rest)))
        case "test-wait":
            guard !rest.isEmpty else { return .success(.testRunCommand(.wait(seconds: nil))) }
            guard let seconds = Double(rest), seconds >= 0 else {
                return .failure(CommandLineError("test-wait: '\(rest)' is not a number of seconds"))
            }
            return .success(.testRunCommand(.wait(seconds: seconds)))
        case "test-restart": return .success(.testRunCommand(.restart))
        case "test-trigger": return .success(.testRunCommand(.trigger))
        case "test-variables": return .success(.testRunCommand(.variables))
        case "test-save": return .success(.testRunCommand(.save(path: rest.isEmpty ? nil : rest)))
        case "test-close": return .success(.testRunCommand(.close))
        case "select-all": return .success(.selectAll)
        case "copy": return .success(.copy)
        case "cut": return .success(.cut)
        case "paste": return .success(.paste)
        case "duplicate": return .success(.duplicate)
        case "tidy": return .success(.tidy)
        case "align-left": return .success(.alignLeft)
        case "align-top": return .success(.alignTop)
        case "select":
            guard !rest.isEmpty else { return .failure(CommandLineError("select needs a search, e.g. select is:unconnected")) }
            return .success(.select(query: rest))
        case "replace":
            let words = NodeSearch.tokens(rest)
            guard words.count == 2, !words[0].isEmpty else {
                return .failure(CommandLineError("replace needs OLD and NEW, e.g. replace order purchase (\"quotes\" keep spaces)"))
            }
            return .success(.replace(old: words[0], new: words[1]))
        case "palette": return .success(.togglePalette)
        case "errors-pane": return .success(.toggleErrors)
        case "errors": return .success(.showErrors)
        case "blame": return .success(.blame)
        case "review": return .success(.review)
        case "place":
            guard !rest.isEmpty else { return .failure(CommandLineError("place needs a node type, e.g. place send")) }
            return .success(.place(type: rest))
        case "goto":
            guard !rest.isEmpty else { return .failure(CommandLineError("goto needs a node id or label")) }
            return .success(.goto(node: rest))
        case "find":
            guard !rest.isEmpty else { return .failure(CommandLineError("find needs some text to look for")) }
            return .success(.find(text: rest))
        case "export":
            let (format, path) = split(rest)
            guard let f = ExportFormat(rawValue: format.lowercased()) else {
                return .failure(CommandLineError(format.isEmpty ? "export needs a format: mermaid, dot or json"
                                                 : "export: \"\(format)\" is not a format (mermaid, dot, json)"))
            }
            guard !path.isEmpty else { return .failure(CommandLineError("export \(f.rawValue) needs a file name")) }
            return .success(.export(format: f, path: path))
        default:
            return .failure(CommandLineError("no action is called \"\(name)\""))
        }
    }

    /// The first word and the rest, trimmed.
    static func split(_ text: String) -> (String, String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let space = t.firstIndex(of: " ") else { return (t, "") }
        return (String(t[..<space]), String(t[space...]).trimmingCharacters(in: .whitespaces))
    }
}

/// Why a command line could not run, as one line for the user.
public struct CommandLineError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
