import FlowKit
import TerminalUI

/// The list `$(` opens in a template field: what the reference may name at this node,
/// filtered by what has been typed after `$(`.
public struct ReferenceCompletionList: Equatable {
    /// The field, and in a table the cell (`field@row:column`), the list belongs to.
    public var fieldID: String
    /// Index of the first character after `$(` in the field's text.
    public var start: Int
    public var prefix: String
    public var items: [ReferenceCandidate]
    public var selected: Int
    /// What accepting puts after the name: `)` after `$(`, nothing for a bare reference.
    public var closing: String = ")"

    public var selectedItem: ReferenceCandidate { items[selected] }
}

/// How a text takes references: a template (after `$(`), or a cell that is itself a
/// reference, written bare (`reply.message`) or as `$(…)` (a branch's variable).
enum ReferenceSlot: Equatable { case template, bareReference }

extension NodeForm {
    /// Field kinds whose text is a template or an expression, where `$(` references go.
    static let referenceKinds: Set<FieldSpec.Kind> = [.text, .longText, .expression]

    /// Where the focused field takes references, and the key its list is kept under.
    private func referenceSlot(_ field: FormField) -> (slot: ReferenceSlot, key: String)? {
        if let kind = type.field(field.id)?.kind, Self.referenceKinds.contains(kind) { return (.template, field.id) }
        if case .embedded(let e) = field.control, let rows = e as? RowFieldEditor, let slot = rows.referenceSlot {
            return (slot, "\(field.id)@\(rows.focusedCellKey)")
        }
        return nil
    }

    /// The reference being typed at `cursor` and what closes it.
    private static func openReference(_ slot: ReferenceSlot, in chars: [Character], cursor: Int)
        -> (start: Int, prefix: String, closing: String)? {
        if let open = ReferenceCompletion.openReference(in: chars, cursor: cursor) { return (open.start, open.prefix, ")") }
        guard slot == .bareReference, cursor > 0, cursor <= chars.count else { return nil }
        let typed = chars[..<cursor]
        guard typed.allSatisfy({ $0.isLetter || $0.isNumber || "._-[]".contains($0) }) else { return nil }
        return (0, String(typed), "")
    }

    /// Handles a key while the list is open; nil when the list does not take it (typing,
    /// editing keys: they change the text and so the filter).
    mutating func handleCompletionKey(_ key: KeyEvent) -> NodeFormOutcome? {
        guard var list = completion else { return nil }
        switch EditorKeymaps.completion.action(for: key) {
        case .accept?:
            acceptCompletion(list.selectedItem)
            return .editing
        case .previous?:
            list.selected = (list.selected + list.items.count - 1) % list.items.count
            completion = list
            return .editing
        case .next?:
            list.selected = (list.selected + 1) % list.items.count
            completion = list
            return .editing
        case .close?:
            dismissedCompletion = (list.fieldID, list.start)
            completion = nil
            return .editing
        case nil:
            return nil
        }
    }

    /// Puts `name)` in place of the reference being typed: from `$(` through the rest of
    /// the name after the cursor and its `)` when there is one (completing inside an
    /// existing reference replaces it).
    private mutating func acceptCompletion(_ item: ReferenceCandidate) {
        guard let list = completion, let (chars, cursor) = form.focusedText else { return }
        var end = cursor
        while end < chars.count, !" \n$)".contains(chars[end]) { end += 1 }
        if !list.closing.isEmpty, end < chars.count, chars[end] == ")" { end += 1 }
        form.replaceFocusedText(list.start..<end, with: item.name + list.closing)
        completion = nil
        refreshAfterEdit()
    }

    /// Opens, filters or closes the list for the focused field's text at its cursor.
    mutating func updateCompletion() {
        guard !readOnly, let field = form.focusedField, let (slot, key) = referenceSlot(field),
              let (chars, cursor) = form.focusedText,
              let open = Self.openReference(slot, in: chars, cursor: cursor) else {
            completion = nil
            return
        }
        if let d = dismissedCompletion, d.field == key, d.start == open.start {
            completion = nil
            return
        }
        dismissedCompletion = nil
        let items = ReferenceCompletion.filter(referenceCandidates, prefix: open.prefix)
        // A bare name typed in full needs no list.
        guard !items.isEmpty, !(open.closing.isEmpty && items.count == 1 && items[0].name == open.prefix) else {
            completion = nil
            return
        }
        let kept = completion.map { $0.selectedItem.name }
        completion = ReferenceCompletionList(fieldID: key, start: open.start, prefix: open.prefix, items: items,
                                             selected: items.firstIndex { $0.name == kept } ?? 0, closing: open.closing)
    }

    /// Draws the open list under the cursor (above it when there is no room below).
    func renderCompletion(into buffer: inout CellBuffer, within bounds: Rect) {
        guard let list = completion, let cursor = buffer.cursor else { return }
        let rows = min(6, list.items.count)
        let nameWidth = min(36, list.items.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let width = min(bounds.width, max(24, nameWidth + 2 + 30 + 4))
        let height = rows + 2
        let below = bounds.maxY - (cursor.y + 1)
        let y = below >= height ? cursor.y + 1 : max(bounds.y, cursor.y - height)
        let x = max(bounds.x, min(cursor.x - DisplayWidth.of(list.prefix) - 2, bounds.maxX - width))
        let box = Rect(x: x, y: y, width: width, height: height)
        let first = max(0, min(list.selected - rows + 1, list.items.count - rows))
        buffer.withClip(bounds) { b in
            b.fill(box, style: theme.dialog)
            b.drawBox(box, lineStyle: .single, style: theme.dialog)
            b.put(" $( \(list.selected + 1)/\(list.items.count) ", x: box.x + 2, y: box.y, maxWidth: box.width - 4, style: theme.dialog)
            let inner = box.inset(by: 1)
            for r in 0..<rows where first + r < list.items.count {
                let i = first + r
                let item = list.items[i]
                let style = i == list.selected ? theme.buttonFocused : theme.dialog
                let row = Rect(x: inner.x, y: inner.y + r, width: inner.width, height: 1)
                if i == list.selected { b.fill(row, style: style) }
                let end = b.put(item.name, x: inner.x + 1, y: row.y, maxWidth: nameWidth, style: style)
                b.put(item.detail, x: max(end + 2, inner.x + nameWidth + 3), y: row.y,
                      maxWidth: inner.maxX - (inner.x + nameWidth + 3), style: i == list.selected ? style : theme.dimText)
            }
        }
        buffer.cursor = cursor
    }
}
