import TerminalUI

/// A modal box asking for one line of text (a flow name, a file path). Enter accepts,
/// Esc cancels; an error line (e.g. "a flow named … already exists") keeps it open.
public struct InputDialog {
    public enum Outcome: Equatable { case pending, accepted(String), cancelled }

    public var title: String
    public var prompt: String
    public var field: TextField
    public var error: String?
    public var theme: Theme
    /// Tab completion (file paths): the completed text and, when several names fit, a
    /// line listing them (shown where an error would be).
    public var complete: ((String) -> PathCompletion.Result)?
    /// Where the last frame drew the box (a click on "Enter OK" / "Esc cancel").
    private var box = Rect.zero

    public init(title: String, prompt: String, text: String = "", theme: Theme = .standard) {
        self.title = title; self.prompt = prompt; self.theme = theme
        field = TextField(text: text, focused: true, theme: theme)
    }

    public var text: String { field.text }

    public mutating func handle(_ event: Event) -> Outcome {
        switch event {
        case .key(let k) where k.key == .enter && k.modifiers.isEmpty:
            let t = field.text.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { error = "type something first, or Esc to cancel"; return .pending }
            return .accepted(t)
        case .key(let k) where k.key == .escape:
            return .cancelled
        case .mouse(let m) where m.action == .press && m.y == box.maxY - 1 && box.contains(m.position):
            // The footer: "Enter OK · Esc cancel" from box.x + 2.
            let x = m.x - (box.x + 2)
            if (0..<8).contains(x) { return handle(.key(.enter)) }
            if (11..<21).contains(x) { return .cancelled }
            return .pending
        case .key(let k) where complete != nil && EditorKeymaps.pathPrompt.action(for: k) == .complete:
            if let result = complete?(field.text) {
                if result.text != field.text { field = TextField(text: result.text, focused: true, theme: theme) }
                error = result.choices
            }
            return .pending
        default:
            if field.handle(event) { error = nil }
            return .pending
        }
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 64)
        let lines = TextLayout.wrap(prompt, width: max(1, width - 4))
        let height = min(area.height, lines.count + (error == nil ? 5 : 6))
        guard width >= 12, height >= 4 else { return }
        let box = area.centred(Size(width: width, height: height))
        self.box = box
        buffer.withClip(box) { b in
            ModalBox(title).draw(box, into: &b, theme: theme)
            for (i, line) in lines.enumerated() where box.y + 1 + i < box.maxY - 1 {
                b.put(line, x: box.x + 2, y: box.y + 1 + i, style: theme.dialog)
            }
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: box.x + 2, y: box.maxY - 3, maxWidth: width - 4,
                      style: theme.dialog.adding(.bold))
            }
            b.put("Enter OK · Esc cancel", x: box.x + 2, y: box.maxY - 1, maxWidth: width - 4, style: theme.dialog)
        }
        field.render(into: &buffer, in: Rect(x: box.x + 2, y: box.maxY - 2, width: width - 4, height: 1))
    }
}
