import TerminalUI

/// Draws a note: a rounded, dim box (so it never reads as a node) holding its text with
/// bold, italic and underlined links as attributes.
struct NotePainter {
    let theme: Theme

    /// `chosen`: the note is in the selection (a heavy, highlighted border).
    func paint(_ note: NoteLayout, at r: Rect, chosen: Bool = false, into buf: inout CellBuffer) {
        buf.fill(r, style: theme.canvasBackground)
        buf.drawBox(r, lineStyle: chosen ? .heavy : .rounded, style: chosen ? theme.highlight : theme.dimText)
        for (k, line) in note.lines.enumerated() {
            var x = r.x + 2
            let y = r.y + 1 + k
            for ch in line {
                x += buf.put(ch.character, x: x, y: y, style: theme.text.adding(ch.attributes))
            }
        }
    }
}
