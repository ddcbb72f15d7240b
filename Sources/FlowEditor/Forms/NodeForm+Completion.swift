import FlowKit
import TerminalUI

// `$(` completion in the node form (ReferenceCompleter.swift holds the list itself).
extension NodeForm {
    /// Field kinds whose text is a template or an expression, where `$(` references go.
    static let referenceKinds: Set<FieldSpec.Kind> = [.text, .longText, .expression]

    /// The `$(` completion list, while one is open.
    public var completion: ReferenceCompletionList? { completer.list }

    /// Esc closed the list for the reference starting here (field or `field@row:column`).
    var dismissedCompletion: (key: String, start: Int)? {
        get { completer.dismissed }
        set { completer.dismissed = newValue }
    }

    /// Where the focused field takes references, and the key its list is kept under.
    private func referenceSlot(_ field: FormField) -> (slot: ReferenceSlot, key: String)? {
        if let kind = type.field(field.id)?.kind, Self.referenceKinds.contains(kind) { return (.template, field.id) }
        if case .embedded(let e) = field.control, let rows = e as? RowFieldEditor, let slot = rows.referenceSlot {
            return (slot, "\(field.id)@\(rows.focusedCellKey)")
        }
        return nil
    }

    /// Handles a key while the list is open; nil when the list does not take it (typing,
    /// editing keys: they change the text and so the filter).
    mutating func handleCompletionKey(_ key: KeyEvent) -> NodeFormOutcome? {
        switch completer.handle(key, host: &form) {
        case .notTaken: return nil
        case .taken: return .editing
        case .accepted: refreshAfterEdit(); return .editing
        }
    }

    /// Opens, filters or closes the list for the focused field's text at its cursor.
    mutating func updateCompletion() {
        let slot = readOnly ? nil : form.focusedField.flatMap(referenceSlot)
        completer.update(slot: slot?.slot, key: slot?.key ?? "", host: form)
    }

    /// Draws the open list under the cursor (above it when there is no room below).
    func renderCompletion(into buffer: inout CellBuffer, within bounds: Rect) {
        completer.render(into: &buffer, within: bounds, theme: theme)
    }
}
