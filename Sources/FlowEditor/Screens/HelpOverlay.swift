import TerminalUI

/// Every key, from the key tables (`EditorHelp`), in a scrollable box over the screen.
public struct HelpOverlay {
    public static var text: String { EditorHelp.text }

    public var lines: [String]
    public private(set) var scroll = 0
    public var theme: Theme
    private var visibleRows = 1
    /// The line of the section it opened at: kept at the top even near the end of the help
    /// (blank rows below), so the keys asked about are the first thing read.
    private var openedAt = 0
    private var maxScroll: Int { max(0, lines.count - visibleRows, openedAt) }

    /// `section` names a heading (e.g. "Flow list"): the help opens there, so `?` on a
    /// screen answers for that screen first; the rest is a scroll away.
    public init(theme: Theme = .standard, section: String? = nil) {
        self.theme = theme
        var l = Self.text.components(separatedBy: "\n")
        while l.last?.isEmpty == true { l.removeLast() }
        lines = l
        if let section, let i = l.firstIndex(where: { !$0.hasPrefix(" ") && $0.hasPrefix(section) }) {
            scroll = i
            openedAt = i
        }
    }

    /// Returns false when the overlay closes (any key but scrolling).
    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            switch k.key {
            case .down, .character("j"): scroll = min(scroll + 1, maxScroll)
            case .up, .character("k"): scroll = max(0, scroll - 1)
            case .pageDown, .character(" "): scroll = min(scroll + visibleRows, maxScroll)
            case .pageUp: scroll = max(0, scroll - visibleRows)
            case .home, .character("g"): scroll = 0
            case .end, .character("G"): scroll = maxScroll
            default: return false
            }
            return true
        case .mouse(let m):
            if m.action == .wheelDown { scroll = min(scroll + 3, maxScroll) }
            if m.action == .wheelUp { scroll = max(0, scroll - 3) }
            return m.action != .press
        case .resize, .paste: return true
        }
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let widest = lines.map { DisplayWidth.of($0) }.max() ?? 20
        let box = area.centred(Size(width: min(area.width - 2, widest + 4), height: min(area.height - 2, lines.count + 2)))
        guard box.width >= 10, box.height >= 3 else { return }
        visibleRows = box.height - 2
        scroll = min(scroll, maxScroll)
        buffer.withClip(box) { b in
            let more = scroll + visibleRows < lines.count
            let footer = more ? "↓ more · any key closes" : "any key closes"
            ModalBox("Help", placement: .left, footer: b.glyphs == .ascii ? footer.replacingOccurrences(of: "↓", with: "v") : footer)
                .draw(box, into: &b, theme: theme)
            for r in 0..<visibleRows where scroll + r < lines.count {
                let line = lines[scroll + r]
                let style = line.hasPrefix(" ") ? theme.dialog : theme.dialogTitle
                b.put(line, x: box.x + 2, y: box.y + 1 + r, maxWidth: box.width - 4, style: style)
            }
        }
    }
}
