import FlowKit
import TerminalUI

/// One row of the command line's list: what the field becomes (Tab) or runs (Enter).
public struct CommandSuggestion: Equatable, Sendable {
    /// The command line this row stands for, e.g. `place send`.
    public var line: String
    public var title: String
    public var key: String
    public var detail: String
    /// False when the line still needs an argument (Enter completes it instead of running).
    public var complete: Bool
}

/// What the command line completes arguments from.
public struct CommandContext: Sendable {
    public var nodeTypes: [(type: String, title: String)]
    public var nodes: [(id: String, label: String)]

    public init(nodeTypes: [(type: String, title: String)], nodes: [(id: String, label: String)]) {
        self.nodeTypes = nodeTypes
        self.nodes = nodes
    }

    /// Node types of the document's kind (voice types only in voice flows) and its nodes.
    public init(document: FlowDocument, catalog: NodeCatalog) {
        nodeTypes = catalog.types.filter { document.kind == .voice || !$0.voiceOnly }.map { ($0.type, $0.title) }
        nodes = document.nodes.map { ($0.id, $0.label) }
    }
}

/// The `:` prompt: a line at the bottom with a fuzzy-matched list of every action above
/// it, showing each one's key. Up/Down choose, Tab completes, Enter runs, Esc closes.
public struct CommandLinePrompt {
    public enum Outcome: Equatable { case pending, run(EditorAction), cancelled }

    public private(set) var field = TextField(focused: true)
    public private(set) var suggestions: [CommandSuggestion] = []
    public private(set) var selection = 0
    /// Why the last Enter did not run (stays until the next edit).
    public var error: String?
    let context: CommandContext
    public var theme: Theme
    private var scroll = 0

    public init(context: CommandContext, text: String = "", theme: Theme = .standard) {
        self.context = context
        self.theme = theme
        field = TextField(text: text, focused: true, theme: theme)
        refresh()
    }

    public var text: String { field.text }
    public var selected: CommandSuggestion? { suggestions.indices.contains(selection) ? suggestions[selection] : nil }

    /// Sets the typed line (tests, or a key that opens the prompt pre-filled).
    public mutating func setText(_ text: String) {
        field.text = text
        field.cursor = text.count
        refresh()
    }

    // MARK: - Suggestions

    private mutating func refresh() {
        suggestions = Self.suggestions(for: field.text, context: context)
        selection = 0
        scroll = 0
    }

    static func row(_ spec: EditorActionSpec) -> CommandSuggestion {
        CommandSuggestion(line: spec.name, title: spec.arguments.isEmpty ? spec.name : "\(spec.name) \(spec.arguments)",
                          key: spec.key, detail: spec.summary, complete: !spec.needsArgument)
    }

    /// The list for a typed line: action names while the first word is typed, then the
    /// candidates for the action's argument (node types, nodes, export formats).
    public static func suggestions(for text: String, context: CommandContext) -> [CommandSuggestion] {
        let trimmedLeading = String(text.drop { $0 == " " })
        guard trimmedLeading.contains(" ") else {
            return FuzzyMatch.rank(EditorActions.all, pattern: trimmedLeading) { [$0.name] }.map(row)
        }
        let (name, rest) = EditorActions.split(trimmedLeading)
        guard let spec = EditorActions.spec(named: name) else { return [] }
        switch spec.argument {
        case .none:
            return [row(spec)]
        case .text, .optionalText:
            guard !rest.isEmpty else { return [row(spec)] }
            return [CommandSuggestion(line: "\(spec.name) \(rest)", title: "\(spec.name) \(rest)", key: spec.key,
                                      detail: spec.summary, complete: true)]
        case .nodeType:
            return FuzzyMatch.rank(context.nodeTypes, pattern: rest) { [$0.type, $0.title] }.map {
                CommandSuggestion(line: "place \($0.type)", title: "place \($0.type)", key: spec.key, detail: $0.title,
                                  complete: true)
            }
        case .node:
            return FuzzyMatch.rank(context.nodes, pattern: rest) { [$0.id, $0.label] }.map {
                CommandSuggestion(line: "goto \($0.id)", title: "goto \($0.id)", key: "", detail: $0.label, complete: true)
            }
        case .export:
            let (format, path) = EditorActions.split(rest)
            if rest.contains(" "), !path.isEmpty {
                return [CommandSuggestion(line: "export \(format) \(path)", title: "export \(format) \(path)", key: "",
                                          detail: spec.summary, complete: true)]
            }
            return FuzzyMatch.rank(ExportFormat.allCases.map(\.rawValue), pattern: format) { [$0] }.map {
                CommandSuggestion(line: "export \($0)", title: "export \($0) FILE", key: "",
                                  detail: "write the flow as \($0 == "json" ? "flowcanvas/1 JSON" : $0)", complete: false)
            }
        }
    }

    // MARK: - Events

    public mutating func handle(_ event: Event) -> Outcome {
        guard case .key(let k) = event else { return .pending }
        switch EditorKeymaps.commandLine.action(for: k, typing: true) {
        case .close?:
            return .cancelled
        case .previous?:
            selection = max(0, selection - 1)
        case .next?:
            selection = min(max(0, suggestions.count - 1), selection + 1)
        case .complete?:
            guard let s = selected else { return .pending }
            setText(s.line + (s.complete ? "" : " "))
        case .eraseOrClose? where field.text.isEmpty:
            return .cancelled
        case .run?:
            return enter()
        default:
            let before = field.text
            _ = field.handle(event)
            if field.text != before { error = nil; refresh() }
        }
        return .pending
    }

    private mutating func enter() -> Outcome {
        let line: String
        if let s = selected {
            guard s.complete else {
                let spec = EditorActions.spec(named: EditorActions.split(s.line).0)
                setText(s.line + " ")
                error = spec.map { "\($0.name) needs \($0.arguments)" } ?? nil
                if case .failure(let e) = EditorActions.parse(s.line) { error = e.message }
                return .pending
            }
            line = s.line
        } else {
            line = field.text
        }
        switch EditorActions.parse(line) {
        case .success(let action): return .run(action)
        case .failure(let e): error = e.message; return .pending
        }
    }

    // MARK: - Drawing

    /// Draws the list and the prompt line along the bottom of `area`.
    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let listRows = min(10, max(1, suggestions.count), max(1, area.height - 4 - (error == nil ? 0 : 1)))
        let height = listRows + 3 + (error == nil ? 0 : 1)
        guard area.width >= 20, area.height >= height else { return }
        let box = Rect(x: area.x, y: area.maxY - height, width: area.width, height: height)
        if selection < scroll { scroll = selection }
        if selection >= scroll + listRows { scroll = selection - listRows + 1 }
        let titleWidth = min(34, max(12, (suggestions.map { DisplayWidth.of($0.title) }.max() ?? 0) + 1))
        buffer.withClip(box) { b in
            ModalBox("Commands", placement: .left, corner: "\(suggestions.count) match\(suggestions.count == 1 ? "" : "es")")
                .draw(box, into: &b, theme: theme)
            let inner = box.inset(by: 1)
            if suggestions.isEmpty {
                b.put("no action matches; Enter runs the line as typed", x: inner.x + 2, y: inner.y, maxWidth: inner.width - 2,
                      style: theme.dialog.adding(.dim))
            }
            for r in 0..<listRows where scroll + r < suggestions.count {
                let i = scroll + r, s = suggestions[i], y = inner.y + r
                let isSel = i == selection
                let style = isSel ? theme.buttonFocused : theme.dialog
                if isSel {
                    b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
                    b.put(b.glyphs.pointer, x: inner.x, y: y, style: style)
                }
                b.put(s.title, x: inner.x + 2, y: y, maxWidth: titleWidth - 1, style: style.adding(.bold))
                b.put(s.key, x: inner.x + 2 + titleWidth, y: y, maxWidth: 4, style: isSel ? style : theme.dialogTitle)
                b.put(s.detail, x: inner.x + 2 + titleWidth + 5, y: y,
                      maxWidth: max(0, inner.width - titleWidth - 7), style: style)
            }
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: inner.x + 1, y: inner.maxY - 2, maxWidth: inner.width - 1,
                      style: theme.dialog.adding(.bold))
            }
            b.put(":", x: inner.x, y: inner.maxY - 1, style: theme.dialogTitle)
        }
        field.render(into: &buffer, in: Rect(x: box.x + 2, y: box.maxY - 2, width: box.width - 3, height: 1))
    }

    public static let hints = [KeyHint("Enter", "run"), KeyHint("Esc", "close"), KeyHint("Tab", "complete"),
                               KeyHint("Up/Down", "choose")]
}
