import FlowKit
import Foundation
import TerminalUI

/// Flow settings (`S`): a modal with tabs — General, Logbooks, Flow Outcomes, Custom
/// Variables and, for voice flows, Voice. Nothing touches the document until Ctrl-S
/// applies everything as one undoable edit; Esc cancels.
public struct SettingsEditor {
    public enum Tab: String, CaseIterable, Sendable {
        case general = "General"
        case logbooks = "Logbooks"
        case outcomes = "Flow Outcomes"
        case variables = "Custom Variables"
        case voice = "Voice"
    }

    public enum Outcome: Equatable { case editing, cancelled, applied(SettingsChange) }

    public let tabs: [Tab]
    public private(set) var tab: Tab = .general
    /// Why the last apply was refused.
    public var error: String?
    public var theme: Theme
    let document: FlowDocument
    /// Where the edited settings' media folder resolves to (the workspace decides).
    let resolveMediaFolder: (FlowDocument) -> URL?
    /// The workspace's media folders (nil: none to offer, e.g. in tests of other tabs).
    let mediaLibrary: MediaLibrary?
    /// True when another flow already has this name.
    let nameTaken: (String) -> Bool

    var general: SettingsGrid
    var logbooks: SettingsGrid
    var outcomes: SettingsGrid
    var variables: SettingsGrid
    var media: SettingsGrid
    /// What each option of the media folder choice stores in `settings.mediaFolder`.
    var mediaChoices: [MediaChoice] = []
    var languages: SettingsGrid
    /// On the Voice tab: false = the media folder field, true = the languages table.
    var voiceOnLanguages = false
    public private(set) var promptTable: PromptTable
    /// `$(` completion in the Unique identifier (a template rendered as a session starts).
    var completer: ReferenceCompleter

    static let outcomeKinds = FlowOutcome.Kind.allCases.map(\.rawValue)
    // Rows of the General tab.
    static let nameRow = 0, descriptionRow = 1, kindRow = 2, preventRow = 3, identifierRow = 4

    public init(document: FlowDocument, resolveMediaFolder: @escaping (FlowDocument) -> URL? = { _ in nil },
                mediaLibrary: MediaLibrary? = nil,
                nameTaken: @escaping (String) -> Bool = { _ in false }, theme: Theme = .standard) {
        self.document = document
        self.resolveMediaFolder = resolveMediaFolder
        self.mediaLibrary = mediaLibrary
        self.nameTaken = nameTaken
        self.theme = theme
        tabs = Tab.allCases.filter { $0 != .voice || document.kind == .voice }
        completer = ReferenceCompleter(candidates: ReferenceCompletion.candidatesAtStart(in: document))
        let s = document.settings
        func text(_ t: String) -> SettingsGrid.Cell { .text(TextField(text: t, theme: theme)) }
        general = SettingsGrid(columns: [.init(title: "", width: 27), .init(title: "", width: nil)], rows: [
            .init(cells: [.label("Name"), text(document.name)]),
            .init(cells: [.label("Description"), text(document.description)]),
            .init(cells: [.label("Kind"), .label(document.kind.rawValue)]),
            .init(cells: [.label("Prevent duplicate sessions"), .toggle(s.preventDuplicateSessions)]),
            .init(cells: [.label("Unique identifier"), text(s.uniqueIdentifier)]),
        ], showHeader: false)
        general.focus(row: 0, column: 1)
        logbooks = SettingsGrid(columns: [.init(title: "Logbook", width: nil)],
                                rows: s.logbooks.map { .init(cells: [text($0)], origin: $0) },
                                emptyText: "No logbooks. Ctrl-N adds one.", newRow: { [theme] in
                                    .init(cells: [.text(TextField(theme: theme))]) })
        outcomes = SettingsGrid(columns: [.init(title: "Flow outcome", width: nil), .init(title: "Kind", width: 16)],
                                rows: s.outcomes.map {
                                    .init(cells: [text($0.name), .choice(Self.outcomeKinds, Self.outcomeKinds.firstIndex(of: $0.kind.rawValue) ?? 0)],
                                          origin: $0.name)
                                },
                                emptyText: "No flow outcomes. Ctrl-N adds one (End nodes pick from these).",
                                newRow: { [theme] in .init(cells: [.text(TextField(theme: theme)), .choice(Self.outcomeKinds, 0)]) })
        variables = SettingsGrid(columns: [.init(title: "Variable", width: nil), .init(title: "Default", width: nil),
                                           .init(title: "Externalized", width: 13), .init(title: "Secret", width: 8)],
                                 rows: s.variables.map {
                                     .init(cells: [text($0.name), text($0.default), .toggle($0.externalized), .toggle($0.secret)],
                                           origin: $0.name)
                                 },
                                 emptyText: "No custom variables. Ctrl-N adds one; use it as $(name).",
                                 newRow: { [theme] in
                                     .init(cells: [.text(TextField(theme: theme)), .text(TextField(theme: theme)), .toggle(false), .toggle(false)]) })
        mediaChoices = Self.mediaChoices(current: s.mediaFolder, folders: mediaLibrary?.folders() ?? [])
        let chosen = mediaChoices.firstIndex { $0.setting == Self.normalized(s.mediaFolder) } ?? 0
        media = SettingsGrid(columns: [.init(title: "", width: 14), .init(title: "", width: nil)],
                             rows: [.init(cells: [.label("Media folder"), .choice(mediaChoices.map(\.label), chosen)])],
                             showHeader: false)
        media.focus(row: 0, column: 1)
        languages = SettingsGrid(columns: [.init(title: "Language", width: nil), .init(title: "Required", width: 10)],
                                 rows: s.languages.map { .init(cells: [text($0.code), .toggle($0.required)], origin: $0.code) },
                                 emptyText: "No languages. Ctrl-N adds one (a sub-folder per language).",
                                 newRow: { [theme] in .init(cells: [.text(TextField(theme: theme)), .toggle(true)]) })
        promptTable = PromptTable(prompts: [], languages: [], available: [:])
        refreshPromptTable()
        maskSecretDefaults()
    }

    // MARK: - Reading the tabs back

    private static func texts(_ grid: SettingsGrid, column: Int) -> [String] {
        grid.rows.map { $0.cells[column].value.trimmingCharacters(in: .whitespaces) }
    }

    /// The settings as the tabs show them now.
    public var editedSettings: FlowSettings {
        var s = document.settings
        s.preventDuplicateSessions = general.cell(Self.preventRow, 1)?.isOn ?? false
        s.uniqueIdentifier = (general.cell(Self.identifierRow, 1)?.value ?? "").trimmingCharacters(in: .whitespaces)
        s.logbooks = Self.texts(logbooks, column: 0)
        s.outcomes = outcomes.rows.map {
            FlowOutcome(name: $0.cells[0].value.trimmingCharacters(in: .whitespaces),
                        kind: FlowOutcome.Kind(rawValue: $0.cells[1].value) ?? .success)
        }
        s.variables = variables.rows.map { row in
            CustomVariable(name: row.cells[0].value.trimmingCharacters(in: .whitespaces), default: row.cells[1].value,
                           externalized: row.cells[2].isOn, secret: row.cells[3].isOn)
        }
        if case .choice(_, let i)? = media.cell(0, 1), mediaChoices.indices.contains(i) {
            s.mediaFolder = mediaChoices[i].setting
        }
        s.languages = languages.rows.map {
            FlowLanguage(code: $0.cells[0].value.trimmingCharacters(in: .whitespaces), required: $0.cells[1].isOn)
        }
        return s
    }

    public var editedName: String { (general.cell(Self.nameRow, 1)?.value ?? "").trimmingCharacters(in: .whitespaces) }
    public var editedDescription: String { general.cell(Self.descriptionRow, 1)?.value ?? "" }

    /// Old name → new name for rows that existed when the editor opened.
    private static func renames(_ grid: SettingsGrid) -> [String: String] {
        var r: [String: String] = [:]
        for row in grid.rows { if let o = row.origin { r[o] = row.cells[0].value.trimmingCharacters(in: .whitespaces) } }
        return r
    }

    /// The change the tabs describe, or the first problem (and the tab showing it).
    public func change() -> Result<SettingsChange, CommandLineError> {
        func fail(_ message: String) -> Result<SettingsChange, CommandLineError> { .failure(CommandLineError(message)) }
        let s = editedSettings
        if let e = SettingsRules.checkFlowName(editedName) { return fail(e) }
        if editedName.lowercased() != document.name.lowercased(), nameTaken(editedName) {
            return fail("General: a flow named \"\(editedName)\" already exists")
        }
        if let e = SettingsRules.checkUniqueIdentifier(s.uniqueIdentifier, required: s.preventDuplicateSessions) { return fail(e) }
        if let e = SettingsRules.checkNames(s.logbooks, tab: "Logbooks", what: "logbook") { return fail(e.message) }
        if let e = SettingsRules.checkNames(s.outcomes.map(\.name), tab: "Flow Outcomes", what: "flow outcome") { return fail(e.message) }
        if let e = SettingsRules.checkNames(s.variables.map(\.name), tab: "Custom Variables", what: "variable", referenceable: true) {
            return fail(e.message)
        }
        if let e = SettingsRules.checkNames(s.languages.map(\.code), tab: "Voice", what: "language") { return fail(e.message) }
        return .success(SettingsChange(name: editedName, description: editedDescription, settings: s,
                                       outcomeRenames: Self.renames(outcomes), logbookRenames: Self.renames(logbooks)))
    }

    /// The tab a problem message names ("Flow Outcomes: …").
    private func tab(for message: String) -> Tab? {
        tabs.first { message.hasPrefix($0.rawValue + ":") }
    }

    // MARK: - Events

    public mutating func select(_ t: Tab) {
        guard tabs.contains(t) else { return }
        tab = t
        if t == .voice { refreshPromptTable() }
    }

    private mutating func stepTab(_ step: Int) {
        let i = tabs.firstIndex(of: tab) ?? 0
        select(tabs[(i + step + tabs.count) % tabs.count])
    }

    /// The `$(` list, while one is open (Unique identifier).
    public var completion: ReferenceCompletionList? { completer.list }

    public mutating func handle(_ event: Event) -> Outcome {
        guard case .key(let k) = event else { return .editing }
        if tab == .general, completer.handle(k, host: &general) != .notTaken { return .editing }
        defer { updateCompletion() }
        switch EditorKeymaps.settings.action(for: k, typing: true) {
        case .cancel?: return .cancelled
        case .apply?:
            switch change() {
            case .success(let c): return .applied(c)
            case .failure(let e):
                error = e.message
                if let t = tab(for: e.message) { select(t) }
                return .editing
            }
        case .nextTab?: stepTab(1); return .editing
        case .previousTab?: stepTab(-1); return .editing
        case .tabNumber?:
            if case .character(let c) = k.key, let n = c.wholeNumberValue, tabs.indices.contains(n - 1) { select(tabs[n - 1]) }
            return .editing
        case nil: break
        }
        let before = editedSettings
        routeToTab(event)
        if tab == .voice, editedSettings != before { refreshPromptTable() }
        return .editing
    }

    private mutating func routeToTab(_ event: Event) {
        guard case .key(let k) = event else { return }
        // Edits clear the last refusal.
        if k.character != nil || k.key == .backspace { error = nil }
        switch tab {
        case .general: routeWrapping(&general, event)
        case .logbooks: routeWrapping(&logbooks, event)
        case .outcomes: routeWrapping(&outcomes, event)
        case .variables: routeWrapping(&variables, event); maskSecretDefaults()
        case .voice:
            if !voiceOnLanguages {
                if media.handle(event) { return }
                if [.tab, .down, .enter].contains(k.key) && k.modifiers.isEmpty || k.modifiers == .ctrl && k.character == "n" {
                    voiceOnLanguages = true
                    if languages.isEmpty || k.modifiers == .ctrl { _ = languages.handle(event) } else { languages.focusEdge(first: true) }
                }
            } else {
                if languages.handle(event) { return }
                if [.backTab, .up].contains(k.key) { voiceOnLanguages = false }
                else if k.key == .tab || k.key == .enter { voiceOnLanguages = false }  // wrap to the top
            }
        }
    }

    /// Tab past the last cell wraps to the first; Enter on a text cell moves on.
    private func routeWrapping(_ grid: inout SettingsGrid, _ event: Event) {
        if grid.handle(event) { return }
        guard case .key(let k) = event else { return }
        switch k.key {
        case .tab where k.modifiers.isEmpty: grid.focusEdge(first: true)
        case .backTab: grid.focusEdge(first: false)
        case .enter: if !grid.moveFocus(1) { grid.focusEdge(first: true) }
        default: break
        }
    }

    /// A secret's default is typed and shown as dots, like a password field: the settings
    /// are on screen where others may see it, as the share page and `show` mask it.
    private mutating func maskSecretDefaults() {
        for r in variables.rows.indices {
            guard case .text(var field)? = variables.cell(r, 1) else { continue }
            let secret = variables.cell(r, 3)?.isOn ?? false
            if field.masked != secret { field.masked = secret; variables.setCell(r, 1, .text(field)) }
        }
    }

    /// The list follows the Unique identifier's text; elsewhere it is closed.
    private mutating func updateCompletion() {
        let onIdentifier = tab == .general && general.focusRow == Self.identifierRow && general.focusColumn == 1
        completer.update(slot: onIdentifier ? .template : nil, key: "uniqueIdentifier", host: general)
    }

    mutating func refreshPromptTable() {
        guard document.kind == .voice else { return }
        var doc = document
        doc.settings = editedSettings
        promptTable = VoiceCompiler.promptTable(doc, mediaFolder: resolveMediaFolder(doc))
    }

    // MARK: - Drawing

    // Most useful first: the status bar drops hints from the end.
    public static let hints = [KeyHint("^S", "apply"), KeyHint("Esc", "cancel"), KeyHint("PgDn", "tab"),
                               KeyHint("Tab", "field"), KeyHint("^N", "add"), KeyHint("^D", "delete")]

    static func intro(_ tab: Tab) -> String {
        switch tab {
        case .general: return "Renaming takes effect on Save. The unique identifier is a template, e.g. $(start.from)."
        case .logbooks: return "Log nodes write to one of these. Renaming one renames it on every Log node using it."
        case .outcomes: return "End nodes end the flow with one of these. Renaming one renames it on every End node using it."
        case .variables: return "Use them as $(name). Externalized ones get a value when the flow is made live."
        case .voice: return "Choose a media folder (flowcanvas media create / add); every required language needs every prompt."
        }
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 92)
        let height = min(area.height - 2, 24)
        guard width >= 40, height >= 10 else { return }
        let box = area.centred(Size(width: width, height: height))
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        buffer.withClip(box) { b in
            ModalBox("Flow settings · \(document.name)", look: .panel,
                     footer: "PgUp/PgDn tab · ^N add · ^D delete · ^S apply · Esc cancel").draw(box, into: &b, theme: theme)
            // The tab bar.
            var x = inner.x
            for (i, t) in tabs.enumerated() {
                if i > 0 { x = b.put(" \(b.glyphs.separator) ", x: x, y: inner.y, style: theme.dimText) }
                x = b.put(" \(t.rawValue) ", x: x, y: inner.y, style: t == tab ? theme.selected.adding(.bold) : theme.text)
            }
            b.horizontalLine(x: inner.x, y: inner.y + 1, length: inner.width, style: theme.paneBorder)
            var y = inner.y + 2
            for line in TextLayout.wrap(Self.intro(tab), width: inner.width).prefix(2) {
                b.put(line, x: inner.x, y: y, style: theme.dimText); y += 1
            }
            y += 1
            let errorRows = error == nil ? 0 : 1
            let content = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - errorRows))
            renderTab(into: &b, in: content)
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: theme.error)
            }
        }
    }

    private mutating func renderTab(into b: inout CellBuffer, in r: Rect) {
        guard !r.isEmpty else { return }
        switch tab {
        case .general:
            general.render(into: &b, in: Rect(x: r.x, y: r.y, width: r.width, height: min(r.height, 5)), focused: true, theme: theme)
            defer { completer.render(into: &b, within: r, theme: theme) }
            let id = general.cell(Self.identifierRow, 1)?.value ?? ""
            let problem = SettingsRules.checkUniqueIdentifier(id, required: general.cell(Self.preventRow, 1)?.isOn ?? false)
            let refs = Template(id).references.map(\.description).joined(separator: ", ")
            let note = problem.map { String($0.dropFirst("General: ".count)) }
                ?? (refs.isEmpty ? "no duplicate-session guard" : "sessions are told apart by \(refs)")
            b.put(note, x: r.x + 30, y: r.y + 6, maxWidth: r.width - 30, style: problem == nil ? theme.dimText : theme.warning)
        case .logbooks: logbooks.render(into: &b, in: r, focused: true, theme: theme)
        case .outcomes: outcomes.render(into: &b, in: r, focused: true, theme: theme)
        case .variables: variables.render(into: &b, in: r, focused: true, theme: theme)
        case .voice: renderVoice(into: &b, in: r)
        }
    }
}
