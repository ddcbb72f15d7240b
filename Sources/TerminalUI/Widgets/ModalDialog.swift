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

    private func buttonLabel(_ b: String) -> String { "[ \(b) ]" }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        guard area.width >= 6, area.height >= 4 else { return }
        let buttonsWidth = buttons.map { DisplayWidth.of(buttonLabel($0)) }.reduce(0, +) + max(0, buttons.count - 1) * 2
        let textNeed = max(DisplayWidth.of(title) + 4, buttonsWidth,
                           message.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0)
        let width = min(area.width, min(maxWidth, textNeed + 4))
        let lines = TextLayout.wrap(message, width: width - 4)
        let height = min(area.height, lines.count + 4 + (buttons.isEmpty ? 0 : 1))
        let box = area.centred(Size(width: width, height: height))
        buttonRects = []
        buffer.withClip(box) { b in
            b.fill(box, style: theme.dialog)
            b.drawBox(box, lineStyle: .double, style: theme.dialog)
            if !title.isEmpty {
                let t = TextLayout.truncate(" \(title) ", to: width - 2, ellipsis: b.glyphs.ellipsis)
                b.put(t, x: box.x + (width - DisplayWidth.of(t)) / 2, y: box.y, style: theme.dialogTitle)
            }
            let textRows = box.height - 4 - (buttons.isEmpty ? 0 : 1)
            for (i, line) in lines.prefix(max(0, textRows)).enumerated() {
                b.put(line, x: box.x + 2, y: box.y + 2 + i, style: theme.dialog)
            }
            guard !buttons.isEmpty else { return }
            var x = box.x + max(2, (width - buttonsWidth) / 2)
            let y = box.maxY - 2
            for (i, label) in buttons.enumerated() {
                let text = buttonLabel(label)
                let end = b.put(text, x: x, y: y, style: i == focusedButton ? theme.buttonFocused : theme.button)
                buttonRects.append(Rect(x: x, y: y, width: end - x, height: 1))
                x = end + 2
            }
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            guard !buttons.isEmpty else {
                if k.key == .escape || k.key == .enter { outcome = .cancelled }
                return true
            }
            switch (k.key, k.modifiers) {
            case (.left, []), (.backTab, _): focusedButton = (focusedButton + buttons.count - 1) % buttons.count
            case (.right, []), (.tab, []): focusedButton = (focusedButton + 1) % buttons.count
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
        case .resize:
            return false
        }
    }
}
