/// A bordered region with a title on its top edge; the border is highlighted when focused.
public struct Pane: Widget {
    public var title: String
    public var focused: Bool
    public var lineStyle: LineStyle
    public var theme: Theme

    public init(title: String = "", focused: Bool = false, lineStyle: LineStyle = .rounded, theme: Theme = .standard) {
        self.title = title; self.focused = focused; self.lineStyle = lineStyle; self.theme = theme
    }

    /// The area inside the border.
    public static func contentRect(of rect: Rect) -> Rect { rect.inset(by: 1) }

    public mutating func render(into buffer: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let border = focused ? theme.paneBorderFocused : theme.paneBorder
        buffer.withClip(rect) { b in
            b.drawBox(rect, lineStyle: focused ? .heavy : lineStyle, style: border)
            guard !title.isEmpty, rect.width > 4 else { return }
            let titleStyle = focused ? theme.paneTitle.adding(.bold) : theme.paneTitle
            let x = b.put(" ", x: rect.x + 1, y: rect.y, style: border)
            let end = b.put(title, x: x, y: rect.y, maxWidth: rect.width - 4, style: titleStyle)
            b.put(" ", x: end, y: rect.y, style: border)
        }
    }

    public mutating func handle(_ event: Event) -> Bool { false }
}
