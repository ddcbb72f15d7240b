/// A key and what it does, e.g. ("^S", "save").
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// One row: left segments, then key hints, then right segments flush right. When space runs
/// out, hints are dropped from the end first, then the left text is cut with an ellipsis.
public struct StatusBar: Widget {
    public var left: [String]
    public var right: [String]
    public var hints: [KeyHint]
    public var theme: Theme

    public init(left: [String] = [], right: [String] = [], hints: [KeyHint] = [], theme: Theme = .standard) {
        self.left = left; self.right = right; self.hints = hints; self.theme = theme
    }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let y = rect.y
        let sep = " \(buffer.glyphs.separator) "
        buffer.withClip(rect) { b in
            b.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: theme.statusBar)
            let rightText = right.isEmpty ? "" : right.joined(separator: sep) + " "
            let rightWidth = min(DisplayWidth.of(rightText), rect.width)
            let leftText = left.isEmpty ? "" : " " + left.joined(separator: sep)
            let available = rect.width - rightWidth - (rightWidth > 0 ? 1 : 0)
            var x = b.put(leftText, x: rect.x, y: y, maxWidth: max(0, available), style: theme.statusBar.adding(.bold))
            for hint in hints {
                let w = 2 + DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.label)
                if x + w > rect.x + available { break }
                x = b.put("  ", x: x, y: y, style: theme.statusBar)
                x = b.put(hint.key, x: x, y: y, style: theme.statusBarKey)
                x = b.put(" " + hint.label, x: x, y: y, style: theme.statusBar)
            }
            if rightWidth > 0 {
                b.put(rightText, x: rect.maxX - rightWidth, y: y, maxWidth: rightWidth, style: theme.statusBar)
            }
        }
    }

    public mutating func handle(_ event: Event) -> Bool { false }
}
