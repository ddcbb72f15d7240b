import FlowKit
import TerminalUI

/// Draws one node box:
///
///     ┌ HT HTTP Request ───────┐   title: abbreviation + type title
///     │ Find order           ✖ │   label (cut with …) + worst finding's badge
///     │              success ▸ ├── one row per outcome; ├ where a connector leaves
///     │                error ▸ │
///     └────────────────────────┘
///
/// End and Disconnect boxes show what ending there means instead of outcomes.
struct NodeBoxPainter {
    /// How a box stands out. Cursor selection wins over a highlight, which wins over the
    /// node a test run is on.
    /// `chosen`: in the selection (heavy, highlighted); `matched`: a search match (rounded, highlighted).
    enum Emphasis { case none, selected, highlighted, active, ghost, refused, added, changed, chosen, matched }

    let theme: Theme
    let glyphs: GlyphSet

    struct Content {
        var abbreviation: String
        var title: String
        var label: String
        var rows: [Row]
        var badge: Severity?
        var unknown: Bool
        /// A version diff's mark (+ added, ~ changed, - removed), in the badge's place.
        var diffMark: DiffMarks.Mark? = nil
    }

    struct Row {
        var text: String
        var isOutcome: Bool
        var connected: Bool
        var emphasised = false
        var warn = false
    }

    static func content(for node: FlowNode, type: NodeType?, outcomes: [String],
                        connected: (Int) -> Bool, badge: Severity?, glyphs: GlyphSet) -> Content {
        guard let type else {
            return Content(abbreviation: glyphs.unknownMark, title: "unknown type", label: node.label.isEmpty ? node.id : node.label,
                           rows: [Row(text: node.type, isOutcome: false, connected: false, warn: true)],
                           badge: badge, unknown: true)
        }
        var rows: [Row]
        if outcomes.isEmpty {
            switch node.type {
            case "end":
                if let outcome = node.config["outcome"]?.stringValue, !outcome.isEmpty {
                    rows = [Row(text: "ends: \(outcome)", isOutcome: false, connected: false)]
                } else {
                    rows = [Row(text: "ends: no outcome set", isOutcome: false, connected: false, warn: true)]
                }
            case "disconnect":
                rows = [Row(text: "ends call", isOutcome: false, connected: false)]
            default:
                rows = [Row(text: "", isOutcome: false, connected: false)]
            }
        } else {
            rows = outcomes.enumerated().map { k, name in Row(text: name, isOutcome: true, connected: connected(k)) }
        }
        return Content(abbreviation: type.abbreviation, title: type.title,
                       label: node.label.isEmpty ? node.id : node.label, rows: rows, badge: badge, unknown: false)
    }

    /// Paints `content` in the box `r` (screen coordinates) clipped by the buffer's clip.
    func paint(_ content: Content, at r: Rect, emphasis: Emphasis, into buf: inout CellBuffer) {
        let border: Style, lineStyle: LineStyle, titleStyle: Style, textStyle: Style
        switch emphasis {
        case .none: border = theme.nodeBox; lineStyle = .single; titleStyle = theme.nodeTitle; textStyle = theme.text
        case .selected: border = theme.selected; lineStyle = .heavy; titleStyle = theme.selected; textStyle = theme.text
        case .highlighted: border = theme.highlight; lineStyle = .double; titleStyle = theme.highlight; textStyle = theme.text
        case .active: border = theme.added; lineStyle = .double; titleStyle = theme.added.adding(.bold); textStyle = theme.text
        case .ghost: border = theme.ghost; lineStyle = .single; titleStyle = theme.ghost; textStyle = theme.ghost
        case .refused: border = theme.error; lineStyle = .single; titleStyle = theme.error; textStyle = theme.ghost
        case .added: border = theme.added; lineStyle = .single; titleStyle = theme.added.adding(.bold); textStyle = theme.text
        case .changed: border = theme.warning; lineStyle = .single; titleStyle = theme.warning.adding(.bold); textStyle = theme.text
        case .chosen: border = theme.highlight; lineStyle = .heavy; titleStyle = theme.highlight.adding(.reverse); textStyle = theme.text
        case .matched: border = theme.highlight; lineStyle = .rounded; titleStyle = theme.highlight; textStyle = theme.text
        }
        let dim = emphasis == .ghost || emphasis == .refused ? theme.ghost : theme.dimText
        // Blank the box first: it hides lines under it and resets their junction bits.
        buf.fill(r, style: theme.canvasBackground)
        buf.drawBox(r, lineStyle: lineStyle, style: border)
        let w = r.width

        // Title in the top border: "┌ TX Send Message ───┐".
        let title = TextLayout.truncate("\(content.abbreviation) \(content.title)", to: w - 4, ellipsis: glyphs.ellipsis)
        let tx = buf.put(" ", x: r.x + 1, y: r.y, style: border)
        let after = buf.put(title, x: tx, y: r.y, style: titleStyle)
        buf.put(" ", x: after, y: r.y, style: border)

        // Label row with the badge at the right.
        let labelWidth = content.badge == nil && content.diffMark == nil ? w - 4 : w - 6
        buf.put(content.label, x: r.x + 2, y: r.y + 1, maxWidth: labelWidth, style: textStyle)
        if let badge = content.badge {
            let mark = badge == .error ? glyphs.errorMark : glyphs.warningMark
            buf.put(mark, x: r.maxX - 3, y: r.y + 1, style: badge == .error ? theme.error : theme.warning)
        } else if let mark = content.diffMark {
            switch mark {
            case .added: buf.put("+", x: r.maxX - 3, y: r.y + 1, style: theme.added.adding(.bold))
            case .changed: buf.put("~", x: r.maxX - 3, y: r.y + 1, style: theme.warning.adding(.bold))
            case .removed: buf.put("-", x: r.maxX - 3, y: r.y + 1, style: theme.ghost)
            }
        }

        // Outcome rows, right-aligned against the port: "success ▸ ├".
        for (k, row) in content.rows.enumerated() {
            let y = r.y + 2 + k
            guard y < r.maxY - 1 else { break }
            if row.isOutcome {
                let name = TextLayout.truncate(row.text, to: w - 6, ellipsis: glyphs.ellipsis)
                let nameWidth = DisplayWidth.of(name)
                let style = row.emphasised ? theme.connectorSelected : (row.connected ? textStyle : dim)
                let x = r.maxX - 4 - nameWidth
                buf.put(name, x: x, y: y, style: style)
                buf.put(glyphs.portMark, x: r.maxX - 3, y: y, style: row.emphasised ? theme.connectorSelected : border)
                if row.connected || row.emphasised {
                    buf.drawLineCell(x: r.maxX - 1, y: y, .right, lineStyle: lineStyle,
                                     style: row.emphasised ? theme.connectorSelected : border)
                }
            } else {
                buf.put(row.text, x: r.x + 2, y: y, maxWidth: w - 4, style: row.warn ? theme.warning : dim)
            }
        }
    }
}
