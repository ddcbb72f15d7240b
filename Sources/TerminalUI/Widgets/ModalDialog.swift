/// A centred box with a title, a wrapped message and a row of buttons. It is modal: it
/// consumes every key. Left/Right/Tab/Shift-Tab move between buttons, Enter presses the
/// focused one, the first letter of a button presses it, Esc cancels.
public struct ModalDialog: Widget {
    public enum Outcome: Hashable, Sendable {
        case pending
        case chose(Int)
        case cancelled
    }

    public var title: String
    public var message: String
    public var buttons: [String]
    public var focusedButton: Int
    public var theme: Theme
    /// Widest the dialog gets (it shrinks to fit the screen).
    public var maxWidth: Int
    public private(set) var outcome: Outcome = .pending
    private var buttonRects: [Rect] = []

    public init(title: String, message: String, buttons: [String] = ["OK"], focusedButton: Int = 0,
                maxWidth: Int = 60, theme: Theme = .standard) {
        self.title = title; self.message = message; self.buttons = buttons
        self.focusedButton = min(max(0, focusedButton), max(0, buttons.count - 1))
        self.maxWidth = maxWidth; self.theme = theme
    }

    /// The button label chosen, if any.
    public var chosenButton: String? {
        if case .chose(let i) = outcome { return buttons[i] } else { return nil }
    }

    private func buttonLabel(_ b: String, compact: Bool) -> String { compact ? "[\(b)]" : "[ \(b) ]" }

    private func buttonsWidth(compact: Bool, gap: Int) -> Int {
        buttons.map { DisplayWidth.of(buttonLabel($0, compact: compact)) }.reduce(0, +) + max(0, buttons.count - 1) * gap
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        guard area.width >= 6, area.height >= 4 else { return }
        // Buttons must stay visible: on a narrow screen they lose their padding first, then
        // wrap onto more rows; the message gives up lines before the buttons do.
        let compact = min(area.width, maxWidth) - 4 < buttonsWidth(compact: false, gap: 2)
        let gap = compact ? 1 : 2
        let labels = buttons.map { buttonLabel($0, compact: compact) }
        let textNeed = max(DisplayWidth.of(title) + 4, buttonsWidth(compact: compact, gap: gap),
                           message.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0)
        let width = min(area.width, min(maxWidth, textNeed + 4))
        let rows = Self.layoutRows(labels.map { DisplayWidth.of($0) }, width: width - 2, gap: gap)
        let lines = TextLayout.wrap(message, width: width - 4)
        let height = min(area.height, lines.count + 4 + rows.count)
        let box = area.centred(Size(width: width, height: height))
        buttonRects = Array(repeating: .zero, count: buttons.count)
        buffer.withClip(box) { b in
            ModalBox(title).draw(box, into: &b, theme: theme)
            let textRows = box.height - 4 - rows.count
            for (i, line) in lines.prefix(max(0, textRows)).enumerated() {
                // When the message does not fit, its last visible line ends in an ellipsis.
                let cut = i == textRows - 1 && lines.count > textRows
                let text = cut ? TextLayout.truncate(line + " " + b.glyphs.ellipsis, to: width - 4, ellipsis: b.glyphs.ellipsis) : line
                b.put(text, x: box.x + 2, y: box.y + 2 + i, style: theme.dialog)
            }
            b.withClip(box.inset(by: 1)) { b in
                for (r, row) in rows.enumerated() {
                    let rowWidth = row.map { DisplayWidth.of(labels[$0]) }.reduce(0, +) + (row.count - 1) * gap
                    var x = box.x + max(1, (width - rowWidth) / 2)
                    let y = box.maxY - 1 - rows.count + r
                    for i in row {
                        let end = b.put(labels[i], x: x, y: y, style: i == focusedButton ? theme.buttonFocused : theme.button)
                        buttonRects[i] = Rect(x: x, y: y, width: end - x, height: 1)
                        x = end + gap
                    }
                }
            }
        }
    }

    /// Greedy rows of button indices that fit in `width`.
    static func layoutRows(_ widths: [Int], width: Int, gap: Int) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = [], used = 0
        for (i, w) in widths.enumerated() {
            if !current.isEmpty, used + gap + w > width { rows.append(current); current = []; used = 0 }
            used += (current.isEmpty ? 0 : gap) + w
            current.append(i)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            guard !buttons.isEmpty else {
                if k.key == .escape || k.key == .enter { outcome = .cancelled }
                return true
            }
            switch (k.key, k.modifiers) {
            // The focus stops at either end: a dialog whose safe choice is last (Cancel) must
            // never wrap onto a destructive first one (Reload, Discard) by one key too many.
            case (.left, []), (.backTab, _): focusedButton = max(0, focusedButton - 1)
            case (.right, []), (.tab, []): focusedButton = min(buttons.count - 1, focusedButton + 1)
            case (.enter, []): outcome = .chose(focusedButton)
            case (.escape, []): outcome = .cancelled
            default:
                if let c = k.character,
                   let i = buttons.firstIndex(where: { $0.first.map { String($0).lowercased() } == String(c).lowercased() }) {
                    focusedButton = i; outcome = .chose(i)
                }
            }
            return true
        case .mouse(let m):
            if m.action == .press, let i = buttonRects.firstIndex(where: { $0.contains(m.position) }) {
                focusedButton = i; outcome = .chose(i)
            }
            return true
        case .resize, .paste:
            return false
        }
    }
}
