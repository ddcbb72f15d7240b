import FlowCanvasView
import FlowKit
import TerminalUI

/// Adding or editing a note: a few lines of text with the Markdown a note may hold
/// (`**bold**`, `*italic*`, `[text](url)`). Enter saves, Alt-Enter starts a new line,
/// Esc cancels; an empty note is refused (x deletes a note on the canvas).
public struct NoteDialog {
    public enum Outcome: Equatable { case pending, accepted(String), cancelled }

    /// What the dialog does when accepted.
    public enum Purpose: Equatable, Sendable {
        /// A new note at `at`, attached to `node` (nil: a flow-level note).
        case add(node: String?, at: GridPoint)
        /// Changes the text of note `id`.
        case edit(id: String)
    }

    public let purpose: Purpose
    public var title: String
    public var prompt: String
    public private(set) var area: TextArea
    public var error: String?
    public var theme: Theme

    public init(purpose: Purpose, title: String, prompt: String, text: String = "", theme: Theme = .standard) {
        self.purpose = purpose
        self.title = title
        self.prompt = prompt
        self.theme = theme
        area = TextArea(text: text, focused: true, theme: theme)
        let last = area.lines.count - 1
        area.moveCursor(row: last, column: area.lines[last].count)
    }

    public var text: String { area.text }

    public mutating func handle(_ event: Event) -> Outcome {
        if case .key(let k) = event {
            switch (k.key, k.modifiers) {
            case (.escape, []): return .cancelled
            case (.enter, []), (.character("s"), .ctrl):
                let t = area.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if t.isEmpty { error = "a note needs some text (Esc cancels; x on a note deletes it)"; return .pending }
                return .accepted(t)
            case (.enter, .alt), (.character("j"), .ctrl):
                _ = area.handle(.key(KeyEvent(.enter)))
                error = nil
                return .pending
            default: break
            }
        }
        if area.handle(event) { error = nil }
        return .pending
    }

    public static let hints = [KeyHint("Enter", "save"), KeyHint("Alt-Enter", "new line"), KeyHint("Esc", "cancel")]

    public mutating func render(into buffer: inout CellBuffer, in bounds: Rect) {
        let width = min(bounds.width - 2, 70)
        let rows = min(6, max(3, self.area.lines.count))
        let height = min(bounds.height, rows + 6 + (error == nil ? 0 : 1))
        guard width >= 20, height >= 7 else { return }
        let r = bounds.centred(Size(width: width, height: height))
        buffer.withClip(r) { b in
            b.fill(r, style: theme.dialog)
            b.drawBox(r, lineStyle: .double, style: theme.dialog)
            let t = TextLayout.truncate(" \(title) ", to: width - 4, ellipsis: b.glyphs.ellipsis)
            b.put(t, x: r.x + (width - DisplayWidth.of(t)) / 2, y: r.y, style: theme.dialogTitle)
            b.put(prompt, x: r.x + 2, y: r.y + 1, maxWidth: width - 4, style: theme.dialog)
            b.put("**bold**  *italic*  [text](https://…)", x: r.x + 2, y: r.y + 2, maxWidth: width - 4,
                  style: theme.dialog.adding(.dim))
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: r.x + 2, y: r.maxY - 2, maxWidth: width - 4,
                      style: theme.dialog.adding(.bold))
            }
            b.put(" Enter save · Alt-Enter new line · Esc cancel ", x: r.x + 2, y: r.maxY - 1, maxWidth: width - 4,
                  style: theme.dialog)
        }
        self.area.render(into: &buffer, in: Rect(x: r.x + 2, y: r.y + 3, width: width - 4, height: rows))
    }
}
