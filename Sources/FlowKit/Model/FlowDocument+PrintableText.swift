import TerminalText

/// Names, labels and ids are shown on terminals, in lists, tables and boxes, so they
/// must be printable (issue 13, defect 1): import, save and rename refuse a control
/// character in them, naming the field. Free text (descriptions, notes, messages) may
/// hold line breaks and is escaped wherever it is shown instead.
extension FlowDocument {
    /// The first name, label or id holding a control character, as a one-line refusal;
    /// nil when every one is printable.
    public func controlCharacterProblem() -> String? {
        func check(_ text: String, _ field: @autoclosure () -> String) -> String? {
            guard let c = TerminalText.firstControl(in: text) else { return nil }
            return "\(field()) contains the control character \(TerminalText.codePoint(c)); names, labels and ids must be printable"
        }
        if let p = check(name, "the flow name") { return p }
        for (i, o) in settings.outcomes.enumerated() {
            if let p = check(o.name, "settings.outcomes[\(i)].name") { return p }
        }
        for (i, v) in settings.variables.enumerated() {
            if let p = check(v.name, "settings.variables[\(i)].name") { return p }
        }
        for (i, l) in settings.logbooks.enumerated() {
            if let p = check(l, "settings.logbooks[\(i)]") { return p }
        }
        for (i, l) in settings.languages.enumerated() {
            if let p = check(l.code, "settings.languages[\(i)].code") { return p }
        }
        for (i, node) in nodes.enumerated() {
            if let p = check(node.id, "node \(i + 1): \"id\"") { return p }
            let name = "node '\(TerminalText.value(node.id))'"
            if let p = check(node.type, "\(name): \"type\"") { return p }
            if let p = check(node.label, "\(name): \"label\"") { return p }
        }
        for (i, c) in connections.enumerated() {
            if let p = check(c.from, "connection \(i + 1): \"from\"") { return p }
            if let p = check(c.outcome, "connection \(i + 1): \"outcome\"") { return p }
            if let p = check(c.to, "connection \(i + 1): \"to\"") { return p }
        }
        for (i, note) in notes.enumerated() {
            if let p = check(note.id, "note \(i + 1): \"id\"") { return p }
        }
        return nil
    }
}
