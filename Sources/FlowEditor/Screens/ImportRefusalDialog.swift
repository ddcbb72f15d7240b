import FlowKit
import TerminalUI

/// A refused import, whole: the reason, and every node it names (id, label, type) in a
/// list that scrolls, however many there are.
struct ImportRefusalDialog {
    var heading: String
    var offenders: [ImportOffender]
    /// The refusal's other lines when it names no nodes (malformed JSON …).
    var lines: [String]
    var list: ListView
    var theme: Theme

    init(error: WorkspaceError, theme: Theme) {
        self.theme = theme
        if case .importRefused(let e) = error, !e.offendingNodes.isEmpty {
            heading = FlowImportError.unsupportedNodesHeading + ":"
            offenders = e.offendingNodes
            lines = []
        } else {
            let all = error.message.split(separator: "\n").map(String.init)
            heading = all.first ?? error.message
            offenders = []
            lines = Array(all.dropFirst())
        }
        list = ListView(focused: true, emptyText: "", theme: theme)
    }

    /// False once closed.
    mutating func handle(_ event: Event) -> Bool {
        guard case .key(let k) = event else { return true }
        switch EditorKeymaps.importRefusal.action(for: k) {
        case .close?: return false
        case .list(let move)?:
            let count = max(offenders.count, lines.count)
            list.select(move.apply(to: list.selectedIndex ?? 0, count: count))
        case nil: break
        }
        return true
    }

    mutating func render(into b: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 90)
        let head = TextLayout.wrap(heading, width: max(1, width - 4))
        let count = max(offenders.count, lines.count)
        let height = min(area.height - 2, head.count + count + 5)
        guard width >= 20, height >= 6 else { return }
        let box = area.centred(Size(width: width, height: height))
        let noun = offenders.count == 1 ? "node" : "nodes"
        b.withClip(box) { b in
            ModalBox("Import refused", corner: offenders.isEmpty ? nil : "\(offenders.count) \(noun)",
                     footer: "Up/Down scroll · Esc close").draw(box, into: &b, theme: theme)
            for (i, line) in head.enumerated() where box.y + 1 + i < box.maxY - 1 {
                b.put(line, x: box.x + 2, y: box.y + 1 + i, style: theme.dialog.adding(.bold))
            }
        }
        let inner = Rect(x: box.x + 2, y: box.y + 1 + head.count + 1, width: width - 4,
                         height: box.maxY - 1 - (box.y + 2 + head.count))
        if offenders.isEmpty {
            list.items = lines.map { ListItem($0) }
        } else {
            let idWidth = min(24, max(2, offenders.map { DisplayWidth.of($0.id) }.max() ?? 2))
            let labelWidth = min(30, max(5, offenders.map { DisplayWidth.of($0.label) }.max() ?? 5))
            func row(_ a: String, _ l: String, _ t: String) -> String {
                TextLayout.pad(TextLayout.truncate(a, to: idWidth, ellipsis: b.glyphs.ellipsis), to: idWidth) + "  "
                    + TextLayout.pad(TextLayout.truncate(l, to: labelWidth, ellipsis: b.glyphs.ellipsis), to: labelWidth) + "  " + t
            }
            b.put(row("ID", "LABEL", "TYPE"), x: inner.x + 2, y: inner.y - 1, maxWidth: inner.width - 2, style: theme.dialogTitle)
            list.items = offenders.map { ListItem(row($0.id, $0.label, $0.type)) }
        }
        list.render(into: &b, in: inner)
    }
}
