/// A row of a `ListView`. Headers group the rows below them and cannot be selected.
public struct ListItem: Hashable, Sendable {
    public var text: String
    public var detail: String?
    public var isHeader: Bool
    /// An optional style for the text (e.g. an error row), used when not selected.
    public var style: Style?

    public init(_ text: String, detail: String? = nil, isHeader: Bool = false, style: Style? = nil) {
        self.text = text; self.detail = detail; self.isHeader = isHeader; self.style = style
    }
    public static func header(_ text: String) -> ListItem { ListItem(text, isHeader: true) }
}

/// A scrolling list with one selected row and an optional type-to-filter.
/// `selectedIndex` indexes `items` (not the filtered rows), so it stays valid while filtering.
public struct ListView: Widget {
    public var items: [ListItem] { didSet { fixSelection() } }
    public private(set) var selectedIndex: Int?
    /// When true, typed characters edit `filter`; Backspace deletes, Esc clears it.
    public var isFilterable: Bool
    public var filter: String = "" { didSet { fixSelection() } }
    public var focused: Bool
    public var emptyText: String
    public var theme: Theme
    /// Index into `visibleIndices` of the first row shown.
    public private(set) var scrollOffset = 0
    private var lastRect = Rect.zero

    public init(items: [ListItem] = [], isFilterable: Bool = false, focused: Bool = false,
                emptyText: String = "(nothing here)", theme: Theme = .standard) {
        self.items = items; self.isFilterable = isFilterable; self.focused = focused
        self.emptyText = emptyText; self.theme = theme
        fixSelection()
    }

    public var selectedItem: ListItem? { selectedIndex.map { items[$0] } }

    /// Indices of the items shown with the current filter: matching rows, and headers that
    /// have at least one matching row under them.
    public var visibleIndices: [Int] {
        guard !filter.isEmpty else { return Array(items.indices) }
        let needle = filter.lowercased()
        var result: [Int] = []
        var pendingHeader: Int?
        for (i, item) in items.enumerated() {
            if item.isHeader { pendingHeader = i; continue }
            let hay = (item.text + " " + (item.detail ?? "")).lowercased()
            guard hay.contains(needle) else { continue }
            if let h = pendingHeader { result.append(h); pendingHeader = nil }
            result.append(i)
        }
        return result
    }

    public mutating func select(_ index: Int?) {
        guard let index, items.indices.contains(index), !items[index].isHeader else { return }
        selectedIndex = index
    }

    /// Moves the selection by `delta` selectable rows, stopping at the ends.
    public mutating func moveSelection(by delta: Int) {
        let rows = visibleIndices.filter { !items[$0].isHeader }
        guard !rows.isEmpty else { selectedIndex = nil; return }
        let current = selectedIndex.flatMap { rows.firstIndex(of: $0) } ?? 0
        selectedIndex = rows[min(max(current + delta, 0), rows.count - 1)]
    }

    private mutating func fixSelection() {
        let rows = visibleIndices.filter { !items[$0].isHeader }
        if let s = selectedIndex, rows.contains(s) { return }
        selectedIndex = rows.first
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        lastRect = rect
        guard !rect.isEmpty else { return }
        let visible = visibleIndices
        let filterRow = isFilterable && !filter.isEmpty ? 1 : 0
        let height = max(0, rect.height - filterRow)
        // Keep the selected row on screen, moving the window as little as possible.
        if let s = selectedIndex, let row = visible.firstIndex(of: s) {
            if row < scrollOffset { scrollOffset = row }
            if row >= scrollOffset + height { scrollOffset = row - height + 1 }
            // Show the group header too when the selection is the first row of its group.
            if row == scrollOffset, row > 0, items[visible[row - 1]].isHeader, height > 1 { scrollOffset = row - 1 }
        }
        scrollOffset = max(0, min(scrollOffset, max(0, visible.count - height)))
        buffer.withClip(rect) { b in
            b.fill(rect, style: theme.text)
            if visible.isEmpty, height > 0 {
                b.put(emptyText, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, style: theme.dimText)
            }
            for row in 0..<height {
                let vi = scrollOffset + row
                guard vi < visible.count else { break }
                let index = visible[vi]
                drawRow(items[index], selected: index == selectedIndex, into: &b,
                        y: rect.y + row, x: rect.x, width: rect.width)
            }
            if scrollOffset > 0 {
                b.put(b.glyphs.scrollUp, x: rect.maxX - 1, y: rect.y, style: theme.dimText)
            }
            if scrollOffset + height < visible.count, height > 0 {
                b.put(b.glyphs.scrollDown, x: rect.maxX - 1, y: rect.y + height - 1, style: theme.dimText)
            }
            if filterRow == 1 {
                let y = rect.maxY - 1
                b.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: theme.text)
                b.put("/" + filter, x: rect.x, y: y, maxWidth: rect.width, style: theme.highlight)
            }
        }
    }

    private func drawRow(_ item: ListItem, selected: Bool, into b: inout CellBuffer, y: Int, x: Int, width: Int) {
        if item.isHeader {
            b.put(item.text, x: x, y: y, maxWidth: width, style: theme.paletteHeader)
            return
        }
        let style = selected ? (focused ? theme.selected : theme.selected.adding(.dim)) : (item.style ?? theme.text)
        if selected {
            b.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
            b.put(b.glyphs.pointer, x: x, y: y, style: style)
        }
        var textWidth = width - 2
        if let detail = item.detail, !detail.isEmpty {
            let dw = DisplayWidth.of(detail)
            if dw + 4 <= textWidth - 4 {
                b.put(detail, x: x + width - dw - 1, y: y, style: selected ? style : theme.dimText)
                textWidth -= dw + 2
            }
        }
        b.put(item.text, x: x + 2, y: y, maxWidth: textWidth, style: style)
    }

    public mutating func handle(_ event: Event) -> Bool {
        switch event {
        case .key(let k):
            switch (k.key, k.modifiers) {
            case (.up, []): moveSelection(by: -1); return true
            case (.down, []): moveSelection(by: 1); return true
            case (.pageUp, []): moveSelection(by: -max(1, lastRect.height - 1)); return true
            case (.pageDown, []): moveSelection(by: max(1, lastRect.height - 1)); return true
            case (.home, []): moveSelection(by: -items.count); return true
            case (.end, []): moveSelection(by: items.count); return true
            case (.backspace, []) where isFilterable && !filter.isEmpty: filter.removeLast(); return true
            case (.escape, []) where isFilterable && !filter.isEmpty: filter = ""; return true
            default:
                if isFilterable, let c = k.character { filter.append(c); return true }
                return false
            }
        case .mouse(let m):
            guard lastRect.contains(m.position) else { return false }
            switch m.action {
            case .wheelUp: moveSelection(by: -3); return true
            case .wheelDown: moveSelection(by: 3); return true
            case .press:
                let vi = scrollOffset + (m.y - lastRect.y)
                let visible = visibleIndices
                if vi < visible.count { select(visible[vi]) }
                return true
            default: return false
            }
        case .resize, .paste: return false
        }
    }
}
