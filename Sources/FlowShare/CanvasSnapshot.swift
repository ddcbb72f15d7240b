import FlowCanvasView
import FlowKit
import TerminalUI

/// The whole flow drawn by the editor's canvas renderer into one cell buffer sized to
/// the flow's bounding box, as the share page shows it.
public enum CanvasSnapshot {
    /// Huge flows are cut to this many cells (the page lists every node's configuration anyway).
    public static let maxWidth = 400
    public static let maxHeight = 200
    /// Blank cells around the drawing.
    static let margin = 2
    /// Notes wrap at this many cells and have 2 cells of padding plus a border left and
    /// right (the canvas renderer's NoteLayout); only used to size the buffer.
    static let noteWidth = 32
    static let notePadding = 4

    public static func render(_ document: FlowDocument, theme: Theme, catalog: NodeCatalog = .standard) -> CellBuffer {
        var doc = document
        if doc.nodes.contains(where: { $0.x == nil || $0.y == nil }) {
            AutoLayout.apply(to: &doc, onlyUnplaced: true, catalog: catalog)
        }
        let box = boundingBox(doc, catalog: catalog)
        let width = min(maxWidth, box.width + 2 * margin)
        let height = min(maxHeight, box.height + 2 * margin)

        var state = CanvasState(document: doc, readOnly: true, catalog: catalog)
        state.viewportOrigin = GridPoint(box.x - margin, box.y - margin)
        state.viewportSize = (width: width, height: height)
        // A snapshot has no cursor: park it outside the drawn area.
        state.cursor = GridPoint(box.x - margin - 10, box.y - margin - 10)

        var buffer = CellBuffer(width: width, height: height)
        buffer.clear(style: theme.canvasBackground)
        CanvasView().render(state, into: &buffer, area: buffer.bounds, theme: theme)
        buffer.cursor = nil
        return buffer
    }

    /// The grid rectangle holding every node box and note (empty flows: a small area).
    static func boundingBox(_ doc: FlowDocument, catalog: NodeCatalog) -> GridRect {
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        func include(_ x: Int, _ y: Int, _ w: Int, _ h: Int) {
            minX = min(minX, x); minY = min(minY, y)
            maxX = max(maxX, x + w); maxY = max(maxY, y + h)
        }
        for node in doc.nodes {
            let size = NodeGeometry.size(of: node, catalog: catalog)
            include(node.x ?? 0, node.y ?? 0, size.width, size.height)
        }
        for note in doc.notes {
            let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
            let longest = lines.map { DisplayWidth.of(String($0)) }.max() ?? 0
            let wrapped = lines.reduce(0) { $0 + max(1, (DisplayWidth.of(String($1)) + noteWidth - 1) / noteWidth) }
            include(note.x, note.y, min(longest, noteWidth) + notePadding, wrapped + 2)
        }
        guard minX <= maxX else { return GridRect(x: 0, y: 0, width: 40, height: 10) }
        return GridRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}
