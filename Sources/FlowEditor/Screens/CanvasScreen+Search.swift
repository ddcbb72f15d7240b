import FlowCanvasView
import FlowKit
import TerminalUI

/// The `/` search's side of the screen (issue 11): the findings it filters by, and the
/// list of results over the canvas while a search is typed. The query language is
/// `NodeSearch` (FlowKit); the canvas marks every match itself (CanvasView+Selection.swift).
extension CanvasScreen {
    /// `is:invalid` and `is:warning` read the findings: bring them up to date first (an
    /// edit since the last check leaves them stale until the idle tick).
    func refreshSearchSeverities() {
        if lifecycle.diff == nil, !findingsAreCurrent { validateNow() }
        state.findSeverities = decorations.severities
    }

    /// While finding: "12 results" and the rows around the current one, in the canvas's
    /// top-right corner (the minimap keeps the bottom-right).
    func renderSearchResults(into b: inout CellBuffer, area: Rect) {
        guard case .finding(let query, let matches, let index) = state.mode, !query.isEmpty else { return }
        let width = min(44, max(24, area.width / 2))
        let rowsShown = min(matches.count, 8)
        let height = rowsShown + 2 + (state.findError == nil ? 0 : 1)
        guard area.width >= width + 8, area.height >= height + 2 else { return }
        let box = Rect(x: area.maxX - width, y: area.y, width: width, height: height)
        let n = matches.count
        let title = state.findError != nil ? "Search" : n == 0 ? "no results" : "\(n) result\(n == 1 ? "" : "s")"
        b.withClip(box) { b in
            b.fill(box, style: theme.text)
            b.drawBox(box, lineStyle: .rounded, style: theme.paneBorderFocused)
            b.put(" \(title) ", x: box.x + 2, y: box.y, maxWidth: width - 4, style: theme.paneTitle)
            var y = box.y + 1
            if let why = state.findError {
                b.put(why, x: box.x + 1, y: y, maxWidth: width - 2, style: theme.error)
                y += 1
            }
            // A window of rows that keeps the current match in view.
            let first = max(0, min(index - rowsShown / 2, n - rowsShown))
            for k in first..<(first + rowsShown) {
                let id = matches[k]
                let text: String
                if let node = document.node(withID: id) {
                    text = "\(node.label.isEmpty ? id : node.label) (\(id))"
                } else {
                    text = "note \(id)"
                }
                let style = k == index ? theme.selected : theme.text
                if k == index { b.fill(Rect(x: box.x + 1, y: y, width: width - 2, height: 1), style: style) }
                b.put(text, x: box.x + 2, y: y, maxWidth: width - 4, style: style)
                y += 1
            }
        }
    }
}
