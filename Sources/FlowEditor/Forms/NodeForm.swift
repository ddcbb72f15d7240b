import FlowCanvasView
import FlowKit
import TerminalUI

/// What the node form wants after an event.
public enum NodeFormOutcome: Equatable {
    case editing
    /// The user applied the form; the node as edited (apply it with `EditableFlow.updateNode`).
    case applied(FlowNode)
    case cancelled
    /// Ctrl-X Ctrl-E: edit this field's text in `$VISUAL`/`$EDITOR`, then `setText(_:for:)`.
    case editExternally(field: String, text: String)
}

/// The configuration form of one node: the label first, then the catalog's fields that
/// apply (a Start node's depend on its trigger, re-evaluated as it changes), mandatory
/// ones marked, defaults filled, each with the validator's finding for it inline. The
/// inline findings are recomputed from the values on screen after every change (the
/// node's field checks only, `NodeFieldValidator`), so a field never shows an error its
/// value no longer has.
public struct NodeForm {
    public static let labelID = "label"
    static let helpID = "_trigger-help"
    static let otherFindingsID = "_findings"

    public let original: FlowNode
    public let type: NodeType
    public let readOnly: Bool
    let settings: FlowSettings
    let catalog: NodeCatalog
    /// What the last whole-flow validation said about this node that its own fields do not
    /// decide (wiring: outcomes not connected, unreachable, …).
    let wiringFindings: [Finding]
    /// The node's field findings for the values on screen.
    public private(set) var findings: [Finding] = []
    private var fieldValidator: NodeFieldValidator
    public internal(set) var form: Form
    /// Values that do not parse (numbers, map and branch lines), by field id; they win over findings.
    private var parseErrors: [String: String] = [:]
    private var trigger: String?
    /// Ctrl-X was pressed: Ctrl-E next opens the editor (as in bash).
    private var awaitingCtrlXSecondKey = false
    public var theme: Theme
    /// `$(` completion: what this node's templates may name (computed once per form) and
    /// the open list (NodeForm+Completion.swift).
    var completer: ReferenceCompleter

    public init(node: FlowNode, document: FlowDocument, catalog: NodeCatalog = .standard,
                findings: [Finding]? = nil, focus field: String? = nil, readOnly: Bool = false, theme: Theme = .standard) {
        original = node
        type = catalog.type(node.type) ?? NodeType.unknown(node.type)
        settings = document.settings
        self.catalog = catalog
        self.readOnly = readOnly
        self.theme = theme
        let known = findings ?? Validator(catalog: catalog).validate(document).findings(forNode: node.id)
        wiringFindings = known.filter { !Self.fieldCodes.contains($0.code) }
        fieldValidator = NodeFieldValidator(document: document, node: node.id, catalog: catalog)
        completer = ReferenceCompleter(candidates: readOnly ? [] : ReferenceCompletion.candidates(in: document, for: node.id, catalog: catalog))
        var values: [String: String] = [Self.labelID: node.label]
        for spec in type.fields { values[spec.name] = Self.text(of: node.config[spec.name], kind: spec.kind) }
        form = Form(fields: [], theme: theme)
        trigger = node.config["trigger"]?.stringValue
        rebuild(values: values, focus: field ?? Self.labelID)
        refreshFindings()
    }

    /// The codes of the checks `NodeFieldValidator` runs (each node's own fields).
    static let fieldCodes: Set<FindingCode> = [.missingParameter, .invalidParameter, .endWithoutOutcome,
                                               .unknownFlowOutcome, .unknownVariable, .missingPrompt, .unreadablePrompt]

    /// Field ids currently shown, in order (notes excluded).
    public var fieldIDs: [String] { form.fields.filter { !$0.id.hasPrefix("_") }.map(\.id) }

    public func value(of id: String) -> String? { form.value(of: id) }
    public var focusedFieldID: String? { form.focusedField?.id }
    public func error(of id: String) -> String? { form.fields.first { $0.id == id }?.error }

    /// Sets a field's text (after `$EDITOR`, or from tests).
    public mutating func setText(_ text: String, for id: String) {
        form.setValue(text, for: id)
        refreshForTrigger()
        refreshFindings()
    }

    public mutating func focus(_ id: String) { form.focus(id) }

    // MARK: - Building

    private static func text(of value: JSONValue?, kind: FieldSpec.Kind) -> String {
        switch kind {
        case .map: return FieldText.mapText(value)
        case .branches: return FieldText.branchesText(value)
        default: return value?.displayText ?? ""
        }
    }

    /// The config the current form values describe, for `when` conditions only.
    private func conditionConfig(_ values: [String: String]) -> [String: JSONValue] {
        var c = original.config
        for (k, v) in values where type.field(k) != nil { c[k] = .string(v) }
        return c
    }

    private mutating func rebuild(values: [String: String], focus: String?) {
        // Row tables keep their rows across a rebuild (their text form can lose detail).
        var tables: [String: FormControl] = [:]
        for f in form.fields where f.control.isEmbedded { tables[f.id] = f.control }
        var fields: [FormField] = []
        fields.append(FormField(id: Self.labelID, label: "Label", mandatory: true, error: parseErrors[Self.labelID],
                                control: .text(TextField(text: values[Self.labelID] ?? "", theme: theme))))
        let config = conditionConfig(values)
        for spec in type.fields where spec.applies(to: config) {
            let current = values[spec.name] ?? ""
            fields.append(FormField(id: spec.name, label: spec.label, mandatory: spec.mandatory,
                                    control: tables[spec.name] ?? control(for: spec, text: current)))
            if spec.name == "trigger", let help = spec.optionHelp?[current] {
                fields.append(FormField(id: Self.helpID, label: "", control: .note(help)))
            }
        }
        fields.append(FormField(id: Self.otherFindingsID, label: "", control: .note("")))
        form = Form(fields: fields, theme: theme)
        if let focus { form.focus(focus) }
    }

    /// Re-checks the values on screen: parse errors and the node's field findings inline,
    /// the rest (and the wiring findings of the last whole-flow check) in the note at the end.
    private mutating func refreshFindings() {
        let (draft, errors) = readBack()
        parseErrors = errors
        findings = fieldValidator.findings(for: draft)
        let shown = Set(form.fields.map(\.id))
        for f in form.fields where !f.id.hasPrefix("_") {
            let error = errors[f.id] ?? findings.first { $0.field == f.id }.map(FindingText.short)
            if f.error != error { form.setError(error, for: f.id) }
        }
        for spec in type.fields where spec.maxLengthByChannel?["sms"] != nil && shown.contains(spec.name) {
            let isSMS = (form.value(of: "channel") ?? draft.config["channel"]?.stringValue) == "sms"
            form.setFooter(isSMS ? SMSLength(template: form.value(of: spec.name) ?? "").summary : nil, for: spec.name)
        }
        let other = findings.filter { $0.field == nil || !shown.contains($0.field!) } + wiringFindings
        let text = other.map { ($0.severity == .error ? "✖ " : "▲ ") + FindingText.short($0) }.joined(separator: "\n")
        if form.value(of: Self.otherFindingsID) != text { form.setValue(text, for: Self.otherFindingsID) }
    }

    private func control(for spec: FieldSpec, text: String) -> FormControl {
        func select(_ options: [String]) -> FormControl {
            // A mandatory choice not made yet shows blank (never the first option, which
            // would show a value the node does not have).
            var opts = spec.mandatory && !options.isEmpty && !text.isEmpty ? options : [""] + options
            if !text.isEmpty, !opts.contains(text) { opts.append(text) }  // never lose a stored value
            var s = SelectField(options: opts, theme: theme)
            s.select(value: text)
            return .select(s)
        }
        switch spec.kind {
        case .enum: return select(spec.options ?? [])
        case .channel: return select(catalog.channels)
        case .flowOutcome: return select(settings.outcomes.map(\.name))
        case .logbook: return select(settings.logbooks)
        case .longText: return .area(TextArea(text: text, theme: theme), rows: 3)
        case .map:
            return .embedded(RowFieldEditor(kind: .map, value: original.config[spec.name], theme: theme))
        case .branches:
            return .embedded(RowFieldEditor(kind: .branches(operators: spec.options ?? []), value: original.config[spec.name], theme: theme))
        case .text, .number, .expression, .prompt:
            return .text(TextField(text: text, placeholder: spec.kind == .number ? "number" : "", theme: theme))
        }
    }

    /// A changed trigger changes which fields apply: rebuild, keeping what was typed.
    private mutating func refreshForTrigger() {
        guard type.field("trigger") != nil else { return }
        let now = form.value(of: "trigger")
        guard now != trigger else { return }
        trigger = now
        rebuild(values: form.values, focus: form.focusedField?.id)
    }

    // MARK: - Events

    public mutating func handle(_ event: Event) -> NodeFormOutcome {
        if case .key(let k) = event, !awaitingCtrlXSecondKey, let outcome = handleCompletionKey(k) { return outcome }
        let outcome = handleFormEvent(event)
        updateCompletion()
        return outcome
    }

    /// After the text of a field changed by other means than a key (a completion).
    mutating func refreshAfterEdit() {
        refreshForTrigger()
        refreshFindings()
    }

    private mutating func handleFormEvent(_ event: Event) -> NodeFormOutcome {
        if case .key(let k) = event {
            let focused = form.focusedField
            var popupOpen = false
            if case .select(let s)? = focused?.control { popupOpen = s.isOpen }
            if awaitingCtrlXSecondKey {
                awaitingCtrlXSecondKey = false
                if k == .ctrl("e"), !readOnly, let f = focused {
                    switch f.control {
                    case .text(let t): return .editExternally(field: f.id, text: t.text)
                    case .area(let a, _): return .editExternally(field: f.id, text: a.text)
                    case .embedded(let e): return .editExternally(field: f.id, text: e.text)
                    default: return .editing
                    }
                }
            }
            switch EditorKeymaps.nodeForm.action(for: k, typing: true) {
            case .cancel? where !popupOpen:
                return .cancelled
            case .apply?:
                return apply()
            case .externalEditor?:
                awaitingCtrlXSecondKey = true
                return .editing
            case .enter? where focused?.control.isEmbedded == true && !readOnly:
                // In a table, Enter flips a choice; elsewhere it moves on to the next cell.
                let before = form.values
                if !form.handle(event) { _ = form.handle(.key(KeyEvent(.tab))) }
                if form.values != before { refreshFindings() }
                return .editing
            case .enter?:
                var advance = false
                switch focused?.control {
                case .text?: advance = true
                case .select?: advance = !popupOpen
                default: break
                }
                if advance {
                    let last = form.fields.lastIndex { f in if case .note = f.control { return false } else { return true } }
                    if form.focusedIndex == last { return apply() }
                    form.moveFocus(1, wrap: false)
                    return .editing
                }
            default: break
            }
        }
        if readOnly, Self.edits(event) {
            return .editing  // a version is shown, not edited
        }
        let before = form.values
        _ = form.handle(event)
        refreshForTrigger()
        if form.values != before { refreshFindings() }
        return .editing
    }

    /// Events that would change a text (read-only forms ignore them).
    private static func edits(_ event: Event) -> Bool {
        switch event {
        case .paste: return true
        case .key(let k):
            if k.character != nil || k.key == .backspace || k.key == .delete || k.key == .enter { return true }
            return k.modifiers.contains(.ctrl) && ["u", "k", "w", "y", "d", "n"].contains { k.key == .character($0) }
                || k.modifiers == .alt && [.character("d"), .backspace, .up, .down].contains(k.key)
        default: return false
        }
    }

    /// Reads the form back into a node, or marks the fields that do not parse.
    public mutating func apply() -> NodeFormOutcome {
        if readOnly { return .cancelled }
        let (node, errors) = readBack()
        guard errors.isEmpty else {
            refreshFindings()
            if let first = form.fields.first(where: { errors[$0.id] != nil })?.id { form.focus(first) }
            return .editing
        }
        return .applied(node)
    }

    /// The node the values on screen describe, and the fields that do not parse (those keep
    /// their stored value in the node).
    private func readBack() -> (FlowNode, [String: String]) {
        let values = form.values
        var errors: [String: String] = [:]
        var node = original
        node.label = (values[Self.labelID] ?? "").trimmingCharacters(in: .whitespaces)
        if node.label.isEmpty { errors[Self.labelID] = "a label is needed (it names the box on the canvas)" }
        var config = original.config
        for spec in type.fields {
            guard let text = values[spec.name] else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch spec.kind {
            case .number:
                if trimmed.isEmpty { config[spec.name] = nil; continue }
                switch FieldText.parseNumber(trimmed, min: spec.min, max: spec.max) {
                case .success(let n): config[spec.name] = .number(n)
                case .failure(let e): errors[spec.name] = e.message
                }
            case .map, .branches:
                guard let table = rowEditor(spec.name) else { continue }
                switch table.value() {
                case .success(let v): config[spec.name] = v
                case .failure(let e): errors[spec.name] = e.message
                }
            case .longText:
                config[spec.name] = trimmed.isEmpty ? nil : .string(text)
            default:
                config[spec.name] = trimmed.isEmpty ? nil : .string(text)
            }
        }
        // Fields that no longer apply (another trigger) are dropped.
        for spec in type.fields where !spec.applies(to: config) { config[spec.name] = nil }
        node.config = config
        return (node, errors)
    }

    func rowEditor(_ id: String) -> RowFieldEditor? {
        guard case .embedded(let e)? = form.fields.first(where: { $0.id == id })?.control else { return nil }
        return e as? RowFieldEditor
    }

    /// True when the form shows errors from the last apply attempt.
    public var hasParseErrors: Bool { !parseErrors.isEmpty }

    // MARK: - Drawing

    /// Draws the form as a modal box centred in `area`.
    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 78)
        let height = min(area.height - 2, max(10, formHeightEstimate + 4))
        guard width >= 20, height >= 5 else { return }
        let box = area.centred(Size(width: width, height: height))
        let title = (readOnly ? "View " : "") + "\(type.title) · \(original.id)"
        buffer.withClip(box) { b in
            b.fill(box, style: theme.text)
            b.drawBox(box, lineStyle: .double, style: theme.paneBorderFocused)
            let t = TextLayout.truncate(" \(title) ", to: width - 4, ellipsis: b.glyphs.ellipsis)
            b.put(t, x: box.x + 2, y: box.y, style: theme.paneTitle)
            let hint: String
            if readOnly {
                hint = " Esc close "
            } else if completion != nil {
                hint = " Tab complete · Up/Down choose · Esc close the list "
            } else if case .embedded(let e)? = form.focusedField?.control {
                hint = " \(e.hint) · ^S apply · Esc cancel "
            } else {
                hint = " Enter next · ^S apply · ^X^E $EDITOR · ^A/^E ^U/^K ^W ^Y · Esc cancel "
            }
            let h = TextLayout.truncate(hint, to: width - 4, ellipsis: b.glyphs.ellipsis)
            b.put(h, x: box.maxX - 2 - DisplayWidth.of(h), y: box.maxY - 1, style: theme.dimText)
        }
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        form.render(into: &buffer, in: inner)
        renderCompletion(into: &buffer, within: inner)
    }

    private var formHeightEstimate: Int {
        form.fields.reduce(0) { sum, f in
            var h: Int
            switch f.control {
            case .area(_, let rows): h = rows
            case .embedded(let e): h = e.preferredRows
            case .note(let text): h = text.split(separator: "\n").count + text.count / 50
            default: h = 1
            }
            return sum + h + (f.error == nil ? 0 : 1) + (f.footer == nil ? 0 : 1)
        }
    }
}

extension NodeType {
    /// Stand-in for a type the catalog does not know (such documents are refused on
    /// import, so this only keeps the form from crashing).
    static func unknown(_ name: String) -> NodeType {
        NodeCatalog.standard.type("end").map { t in
            var u = t
            u.type = name; u.title = name; u.fields = []; u.outcomes = []
            return u
        }!
    }
}
