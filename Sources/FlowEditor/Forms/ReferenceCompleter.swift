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

/// Where the text being completed lives: a form's focused field, a table's focused cell.
protocol ReferenceTextHost {
    var focusedText: (characters: [Character], cursor: Int)? { get }
    mutating func replaceFocusedText(_ range: Range<Int>, with text: String)
}

extension Form: ReferenceTextHost {}

extension SettingsGrid: ReferenceTextHost {
    var focusedText: (characters: [Character], cursor: Int)? {
        focusedTextField.map { ($0.characters, $0.cursor) }
    }

    mutating func replaceFocusedText(_ range: Range<Int>, with text: String) {
        editFocusedTextField { t in
            let chars = t.characters
            t.text = String(chars[..<range.lowerBound]) + text + String(chars[range.upperBound...])
            t.cursor = range.lowerBound + text.count
        }
    }
}

/// The `$(` completion of one editor (node form, flow settings): the list, its keys
/// (`EditorKeymaps.completion`) and its drawing, whatever host holds the text.
struct ReferenceCompleter {
    /// What `$(` may name where this editor's templates run.
    let candidates: [ReferenceCandidate]
    /// The list, while one is open.
    var list: ReferenceCompletionList?
    /// Esc closed the list for the reference starting here; it stays closed until another `$(`.
    var dismissed: (key: String, start: Int)?

    enum KeyResult { case notTaken, taken, accepted }

    /// A key while the list is open: nil-like `.notTaken` for typing and editing keys (they
    /// change the text, and so the filter); `.accepted` when the host's text changed.
    mutating func handle(_ key: KeyEvent, host: inout some ReferenceTextHost) -> KeyResult {
        guard var open = list else { return .notTaken }
        switch EditorKeymaps.completion.action(for: key) {
        case .accept?:
            accept(open.selectedItem, host: &host)
            return .accepted
        case .previous?:
            open.selected = (open.selected + open.items.count - 1) % open.items.count
            list = open
        case .next?:
            open.selected = (open.selected + 1) % open.items.count
            list = open
        case .close?:
            dismissed = (open.fieldID, open.start)
            list = nil
        case nil:
            return .notTaken
        }
        return .taken
    }

    /// Puts `name)` in place of the reference being typed: from `$(` through the rest of
    /// the name after the cursor and its `)` when there is one (completing inside an
    /// existing reference replaces it).
    private mutating func accept(_ item: ReferenceCandidate, host: inout some ReferenceTextHost) {
        guard let open = list, let (chars, cursor) = host.focusedText else { return }
        var end = cursor
        while end < chars.count, !" \n$)".contains(chars[end]) { end += 1 }
        if !open.closing.isEmpty, end < chars.count, chars[end] == ")" { end += 1 }
        host.replaceFocusedText(open.start..<end, with: item.name + open.closing)
        list = nil
    }

    /// Opens, filters or closes the list for the host's text at its cursor; `slot` nil (the
    /// focus is on no reference-taking text) closes it. `key` names the field or cell.
    mutating func update(slot: ReferenceSlot?, key: String, host: some ReferenceTextHost) {
        guard let slot, let (chars, cursor) = host.focusedText,
              let open = Self.openReference(slot, in: chars, cursor: cursor) else {
            list = nil
            return
        }
        if let d = dismissed, d.key == key, d.start == open.start {
            list = nil
            return
        }
        dismissed = nil
        let items = ReferenceCompletion.filter(candidates, prefix: open.prefix)
        // A bare name typed in full needs no list.
        guard !items.isEmpty, !(open.closing.isEmpty && items.count == 1 && items[0].name == open.prefix) else {
            list = nil
            return
        }
        let kept = list.map { $0.selectedItem.name }
        list = ReferenceCompletionList(fieldID: key, start: open.start, prefix: open.prefix, items: items,
                                       selected: items.firstIndex { $0.name == kept } ?? 0, closing: open.closing)
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

    /// Draws the open list under the cursor (above it when there is no room below).
    func render(into buffer: inout CellBuffer, within bounds: Rect, theme: Theme) {
        guard let list, let cursor = buffer.cursor else { return }
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
