/// A choice among fixed options. Closed: Left/Right cycle, Enter or Space opens the popup;
/// letters do nothing (typing meant for a text field never changes a choice). Open: Up/Down
/// move, a letter jumps to the next option starting with it, Enter picks, Esc closes. The popup is drawn by `renderPopup`, after everything else, so it overlays.
public struct SelectField: Widget {
    public var options: [String]
    public private(set) var selectedIndex: Int
    public private(set) var isOpen = false
    public private(set) var highlighted = 0
    public var focused: Bool
    public var theme: Theme
    private var lastRect = Rect.zero
    private var popupRect = Rect.zero

    public init(options: [String], selected: Int = 0, focused: Bool = false, theme: Theme = .standard) {
        self.options = options
        self.selectedIndex = options.isEmpty ? 0 : min(max(0, selected), options.count - 1)
        self.focused = focused; self.theme = theme
    }

    public var value: String? { options.indices.contains(selectedIndex) ? options[selectedIndex] : nil }

    /// Selects the option equal to `value`; returns false if there is none.
    @discardableResult
    public mutating func select(value: String) -> Bool {
        guard let i = options.firstIndex(of: value) else { return false }
        selectedIndex = i; return true
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let style = focused ? theme.fieldInputFocused : theme.fieldInput
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.withClip(row) { b in
            b.fill(row, style: style)
            b.put(value ?? "", x: rect.x, y: rect.y, maxWidth: rect.width - 2, style: style)
            b.put(b.glyphs.scrollDown, x: rect.maxX - 1, y: rect.y, style: style)
        }
    }

    /// Draws the open popup below the field (or above it when there is no room), within `bounds`.
    public mutating func renderPopup(into buffer: inout CellBuffer, within bounds: Rect) {
        guard isOpen, !options.isEmpty else { popupRect = .zero; return }
        let width = min(bounds.width, max(lastRect.width, (options.map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        let wanted = options.count + 2
        let below = bounds.maxY - (lastRect.y + 1)
        let above = lastRect.y - bounds.y
        let height = min(wanted, max(below, above))
        guard height >= 3 else { return }
        let y = below >= height || below >= above ? lastRect.y + 1 : lastRect.y - height
        let x = min(lastRect.x, bounds.maxX - width)
        popupRect = Rect(x: x, y: y, width: width, height: height)
        let inner = popupRect.inset(by: 1)
        let first = max(0, min(highlighted - inner.height + 1, options.count - inner.height))
        buffer.withClip(bounds) { b in
            b.fill(popupRect, style: theme.dialog)
            b.drawBox(popupRect, lineStyle: .single, style: theme.dialog)
            for r in 0..<inner.height where first + r < options.count {
                let i = first + r
                let style = i == highlighted ? theme.buttonFocused : theme.dialog
                if i == highlighted { b.fill(Rect(x: inner.x, y: inner.y + r, width: inner.width, height: 1), style: style) }
                b.put(options[i], x: inner.x + 1, y: inner.y + r, maxWidth: inner.width - 1, style: style)
            }
        }
    }

    public mutating func handle(_ event: Event) -> Bool {
        guard !options.isEmpty else { return false }
        if case .mouse(let m) = event, m.action == .press {
            if isOpen, popupRect.inset(by: 1).contains(m.position) {
                let inner = popupRect.inset(by: 1)
                let first = max(0, min(highlighted - inner.height + 1, options.count - inner.height))
                selectedIndex = min(options.count - 1, first + m.y - inner.y); isOpen = false
                return true
            }
            if lastRect.contains(m.position) { toggle(); return true }
            if isOpen { isOpen = false; return true }
            return false
        }
        guard case .key(let k) = event else { return false }
        if isOpen {
            switch (k.key, k.modifiers) {
            case (.up, []): highlighted = max(0, highlighted - 1)
            case (.down, []): highlighted = min(options.count - 1, highlighted + 1)
            case (.home, []): highlighted = 0
            case (.end, []): highlighted = options.count - 1
            case (.enter, []), (.character(" "), []): selectedIndex = highlighted; isOpen = false
            case (.escape, []): isOpen = false
            case (.tab, []), (.backTab, []): isOpen = false; return false
            default:
                if let c = k.character, let i = nextOption(startingWith: c, after: highlighted) { highlighted = i }
            }
            return true  // an open popup is modal
        }
        switch (k.key, k.modifiers) {
        case (.enter, []), (.character(" "), []): toggle()
        case (.left, []): selectedIndex = (selectedIndex + options.count - 1) % options.count
        case (.right, []): selectedIndex = (selectedIndex + 1) % options.count
        default: return false
        }
        return true
    }

    private mutating func toggle() {
        isOpen.toggle()
        highlighted = selectedIndex
    }

    private func nextOption(startingWith c: Character, after start: Int) -> Int? {
        let needle = String(c).lowercased()
        for step in 1...options.count {
            let i = (start + step) % options.count
            if options[i].lowercased().hasPrefix(needle) { return i }
        }
        return nil
    }
}
