import FlowCanvasView
import FlowKit

extension CanvasScreen {
    /// Adds the note the note dialog accepted. Attached to a node, it goes beside the box in
    /// free space (never on a box or its ports, off the connectors drawn so far, see
    /// `CanvasState.placeForNote`); a flow-level note goes where the cursor is.
    func addNote(_ text: String, attachedTo node: String?, at cursor: GridPoint) {
        guard let node else {
            state.flow.addNote(text: text, attachedTo: nil, at: (cursor.x, cursor.y))
            message = "note added (u to undo)"
            return
        }
        let router = canvasView.router
        var lines: [GridPoint] = []
        // Only routes near the node can matter (placeForNote looks at most noteReach cells away).
        let near = GridRect(x: cursor.x - 120, y: cursor.y - 80, width: 240, height: 160)
        for c in router.cachedConnections {
            if let r = router.cachedRoute(c), r.bounds.intersects(near) { lines += r.cells }
        }
        guard let p = state.placeForNote(text, beside: node, lineCells: lines) else {
            state.flow.addNote(text: text, attachedTo: node, at: (cursor.x, cursor.y))
            message = "note added at the cursor: no free space beside the node (m on it moves it; u to undo)"
            return
        }
        state.flow.addNote(text: text, attachedTo: node, at: (p.x, p.y))
        message = "note added beside the node (m on it moves it; u to undo)"
    }
}
