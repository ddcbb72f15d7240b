/// The titled, double-lined box every modal layer is drawn in (dialogs, the help, the
/// node form, the settings, the history, the Make Live wizard, the command line): one place
/// decides its colours, where the title sits and how a title or hint too long is cut.
public struct ModalBox: Sendable {
    /// `dialog`: a question over the screen (dialog colours, the title centred by default).
    /// `panel`: a working screen over the canvas (text colours, the focused border).
    public enum Look: Sendable { case dialog, panel }
    public enum TitlePlacement: Sendable { case left, centred }

    public var title: String
    public var look: Look
    public var placement: TitlePlacement
    /// Text at the top right (a count: "18 matches").
    public var corner: String?
    /// Text at the bottom right (the keys that matter here).
    public var footer: String?

    public init(_ title: String, look: Look = .dialog, placement: TitlePlacement? = nil,
                corner: String? = nil, footer: String? = nil) {
        self.title = title
        self.look = look
        self.placement = placement ?? (look == .dialog ? .centred : .left)
        self.corner = corner
        self.footer = footer
    }

    /// Fills and frames `box`, then writes the title, corner and footer, each cut to fit.
    public func draw(_ box: Rect, into buffer: inout CellBuffer, theme: Theme) {
        guard box.width >= 4, box.height >= 2 else { return }
        let fill = look == .dialog ? theme.dialog : theme.text
        let border = look == .dialog ? theme.dialog : theme.paneBorderFocused
        let titleStyle = look == .dialog ? theme.dialogTitle : theme.paneTitle
        let noteStyle = look == .dialog ? theme.dialog : theme.dimText
        buffer.withClip(box) { b in
            b.fill(box, style: fill)
            b.drawBox(box, lineStyle: .double, style: border)
            let room = box.width - 4
            if !title.isEmpty {
                let t = TextLayout.truncate(" \(title) ", to: room, ellipsis: b.glyphs.ellipsis)
                let x = placement == .centred ? box.x + (box.width - DisplayWidth.of(t)) / 2 : box.x + 2
                b.put(t, x: x, y: box.y, style: titleStyle)
            }
            if let corner, !corner.isEmpty {
                let c = TextLayout.truncate(" \(corner) ", to: room, ellipsis: b.glyphs.ellipsis)
                b.put(c, x: box.maxX - 2 - DisplayWidth.of(c), y: box.y, style: noteStyle)
            }
            if let footer, !footer.isEmpty, box.height >= 3 {
                let f = TextLayout.truncate(" \(footer) ", to: room, ellipsis: b.glyphs.ellipsis)
                b.put(f, x: box.maxX - 2 - DisplayWidth.of(f), y: box.maxY - 1, style: noteStyle)
            }
        }
    }
}
