import FlowKit
import TerminalUI

/// The preview of `:replace OLD NEW`: every change, one per row (where · before → after),
/// scrollable; Enter applies them all as one edit, Esc changes nothing.
struct ReplacePreview {
    enum Outcome: Equatable { case pending, apply, cancelled }

    let replacement: TextReplacement
    var scroll = 0
    var theme: Theme

    static let hints = [KeyHint("Enter", "apply all"), KeyHint("Up/Down", "scroll"), KeyHint("Esc", "cancel")]

    var rows: [String] {
        replacement.changes.map { "\($0.place): \(Self.oneLine($0.before)) → \(Self.oneLine($0.after))" }
    }

    static func oneLine(_ s: String) -> String {
        "\"" + s.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ") + "\""
    }

    mutating func handle(_ event: Event) -> Outcome {
        guard case .key(let k) = event else { return .pending }
        switch k.key {
        case .enter: return .apply
        case .escape: return .cancelled
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll = min(max(0, rows.count - 1), scroll + 1)
        case .pageUp: scroll = max(0, scroll - 8)
        case .pageDown: scroll = min(max(0, rows.count - 1), scroll + 8)
        case .character("q"): return .cancelled
        default: break
        }
        return .pending
    }

    mutating func render(into b: inout CellBuffer, in area: Rect) {
        let lines = rows
        let width = min(area.width - 2, 96)
        let height = min(area.height - 2, lines.count + 4)
        guard width >= 20, height >= 5 else { return }
        let box = area.centred(Size(width: width, height: height))
        let n = replacement.changes.count
        ModalBox("Replace \"\(replacement.old)\" with \"\(replacement.new)\"", look: .panel,
                 corner: "\(n) change\(n == 1 ? "" : "s")", footer: "Enter applies all · Esc cancels")
            .draw(box, into: &b, theme: theme)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let visible = max(1, inner.height - 1)
        scroll = max(0, min(scroll, max(0, lines.count - visible)))
        b.withClip(inner) { b in
            for (k, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
                b.put(line, x: inner.x, y: inner.y + 1 + k, maxWidth: inner.width, style: theme.text)
            }
        }
    }
}
