import FlowKit

/// Choosing many nodes and notes, and the operations on them that need no clipboard:
/// move together, delete, align, tidy (issue 11). Each change is one undoable edit.
extension CanvasState {
    /// The selected nodes still in the document, in document order.
    public var selectedNodeIDs: [String] {
        guard !selection.nodes.isEmpty else { return [] }
        return document.nodes.lazy.map(\.id).filter { selection.nodes.contains($0) }
    }

    /// The selected notes still in the document, in document order.
    public var selectedNoteIDs: [String] {
        guard !selection.notes.isEmpty else { return [] }
        return document.notes.lazy.map(\.id).filter { selection.notes.contains($0) }
    }

    public var hasSelection: Bool { !selection.isEmpty }

    // MARK: - Choosing

    /// Space: adds the node (else the note) under the cursor, or takes it out again.
    public mutating func toggleSelectionAtCursor() {
        if let node = nodeUnderCursor {
            if selection.nodes.remove(node.id) == nil { selection.nodes.insert(node.id) }
            if selection.anchor != nil { selection.baseNodes = selection.nodes }
            message = selectionMessage(selection.nodes.contains(node.id) ? "added \(node.label)" : "took out \(node.label)")
        } else if let note = noteUnderCursor {
            if selection.notes.remove(note.id) == nil { selection.notes.insert(note.id) }
            if selection.anchor != nil { selection.baseNotes = selection.notes }
            message = selectionMessage(selection.notes.contains(note.id) ? "added note \(note.id)" : "took out note \(note.id)")
        } else {
            message = "Space adds the node or note under the cursor to the selection"
        }
    }

    /// Ctrl-A: every node and note.
    public mutating func selectAll() {
        selection.anchor = nil
        selection.nodes = Set(document.nodes.map(\.id))
        selection.notes = Set(document.notes.map(\.id))
        message = selectionMessage("selected everything")
    }

    /// Chooses exactly `ids` (nodes or notes), e.g. the results of a search.
    public mutating func select(_ ids: [String]) {
        let noteIDs = Set(document.notes.map(\.id))
        selection = CanvasSelection()
        for id in ids {
            if noteIDs.contains(id) { selection.notes.insert(id) } else { selection.nodes.insert(id) }
        }
    }

    /// After undo or redo: ids the document no longer has leave the selection (an undone
    /// paste takes its nodes with it), so the count in the status bar stays true.
    mutating func pruneSelection() {
        guard !selection.isEmpty else { return }
        selection.nodes.formIntersection(document.nodes.lazy.map(\.id))
        selection.notes.formIntersection(document.notes.lazy.map(\.id))
    }

    /// Esc: nothing chosen, no rectangle open.
    public mutating func clearSelection() {
        selection = CanvasSelection()
    }

    /// `v`: opens a rectangle at the cursor; `v` again (or Enter) closes it, keeping the choice.
    public mutating func toggleRectangle() {
        if selection.anchor != nil {
            selection.anchor = nil
            message = selectionMessage("rectangle closed")
            return
        }
        selection.anchor = cursor
        selection.baseNodes = selection.nodes
        selection.baseNotes = selection.notes
        extendRectangle()
        message = "selecting: arrows extend the rectangle, v or Enter ends it, Esc clears"
    }

    /// A mouse drag of a node outside the selection: that node moves alone (as `m` with no
    /// selection), and the selection is kept for after the drop.
    public mutating func startMovingNodeAlone() {
        let kept = selection
        selection = CanvasSelection()
        handle(.startMove)
        selection = kept
    }

    /// After the cursor moved: an open rectangle takes in what it now touches; a group
    /// move shows the selection at the new offset.
    mutating func cursorDidMove() {
        if selection.anchor != nil { extendRectangle() }
        if case .movingSelection = mode { stepGroupMove() }
    }

    private mutating func extendRectangle() {
        guard let r = selection.rectangle(to: cursor) else { return }
        var nodes = selection.baseNodes
        for n in document.nodes where rect(of: n).intersects(r) { nodes.insert(n.id) }
        var notes = selection.baseNotes
        for n in document.notes where NoteLayout(n).rect.intersects(r) { notes.insert(n.id) }
        selection.nodes = nodes
        selection.notes = notes
    }

    func selectionMessage(_ what: String) -> String {
        let n = selection.count
        return "\(what): \(n) selected" + (n > 0 ? " (m moves, x deletes, y copies, Esc clears)" : "")
    }

    // MARK: - Moving together

    /// `m` with a selection: arrows move every selected node and note together; Enter
    /// drops, Esc puts them back. Connectors re-route as they go.
    mutating func startGroupMove() {
        guard !readOnly else { message = "read-only: this is a version; press H and Edit to branch a draft from it"; return }
        if let refusal = zoomRefusal(.startMove) { message = refusal; return }
        let chosen = selection.nodes
        guard document.nodes.contains(where: { chosen.contains($0.id) }) || !selectedNoteIDs.isEmpty else {
            message = "move: the selection is empty"; return
        }
        var fixed: [(id: String, rect: GridRect)] = [], moving: [Int] = []
        for (i, n) in document.nodes.enumerated() {
            if chosen.contains(n.id) { moving.append(i) } else { fixed.append((n.id, rect(of: n))) }
        }
        var group = GroupMove(origin: cursor, fixed: BoxBuckets(fixed))
        group.nodeIndices = moving
        group.noteIndices = document.notes.indices.filter { k in
            let note = document.notes[k]
            return selection.notes.contains(note.id) || note.node.map(chosen.contains) == true
        }
        selection.anchor = nil
        selection.move = group
        mode = .movingSelection(origin: cursor)
        message = "moving \(selection.count): arrows move them, Enter drops, Esc puts them back"
    }

    /// The node ids of the selection whose boxes would overlap a fixed box at `offset`.
    func groupOverlap(_ offset: (dx: Int, dy: Int), fixed: BoxBuckets) -> (moved: String, fixed: String)? {
        guard !fixed.isEmpty else { return nil }
        let moving = selection.move?.nodeIndices.map { document.nodes[$0] }
            ?? document.nodes.filter { selection.nodes.contains($0.id) }
        for n in moving {
            // The document shows the applied offset already: measure from there.
            var r = rect(of: n)
            r.x += offset.dx - (selection.move?.applied.dx ?? 0)
            r.y += offset.dy - (selection.move?.applied.dy ?? 0)
            let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
            if let hit = fixed.first(meeting: padded) { return (n.id, hit) }
        }
        return movingNoteOverlap(offset, fixed: fixed)
    }

    private mutating func stepGroupMove() {
        guard case .movingSelection(let origin) = mode, var move = selection.move else { return }
        let offset = (dx: cursor.x - origin.x, dy: cursor.y - origin.y)
        if groupOverlap(offset, fixed: move.fixed) == nil { move.lastFree = offset }
        apply(offset, &move)
        selection.move = move
    }

    /// Shows the selection at `offset` from where it started: the gesture's one edit replaced.
    private mutating func apply(_ offset: (dx: Int, dy: Int), _ move: inout GroupMove) {
        guard offset != move.applied else { return }
        if move.applied != (0, 0) { flow.withdrawLast() }
        move.applied = (0, 0)
        guard offset != (0, 0) else { return }
        let name = "move \(selection.count) selected"
        if move.nodeIndices.allSatisfy({ document.nodes[$0].x != nil && document.nodes[$0].y != nil }) {
            flow.shift(nodes: move.nodeIndices, notes: move.noteIndices, by: offset, name: name)
            move.applied = offset
            return
        }
        var nodes: [String: GridPoint] = [:]
        for n in document.nodes where selection.nodes.contains(n.id) {
            nodes[n.id] = GridPoint((n.x ?? 0) + offset.dx, (n.y ?? 0) + offset.dy)
        }
        var notes: [String: GridPoint] = [:]
        for n in document.notes where selection.notes.contains(n.id) { notes[n.id] = GridPoint(n.x + offset.dx, n.y + offset.dy) }
        if flow.reposition(nodes: nodes, notes: notes, name: name) { move.applied = offset }
    }

    /// How many rows down the nodes `doc` has past its first `existing` ones (a paste or a
    /// duplicate, appended) must go so that none overlaps, or touches from the side, a box
    /// that was there: 0 when they fit where they are; nil when nothing within `limit` rows
    /// does. Each try jumps below the box it hit, so a crowded column costs a few tries.
    public func rowsToClear(_ doc: FlowDocument, appendedAfter existing: Int, limit: Int = 2_000) -> Int? {
        guard existing < doc.nodes.count else { return 0 }
        let fixed = BoxBuckets(doc.nodes[..<existing].map { ($0.id, rect(of: $0)) })
        let moving = doc.nodes[existing...].map { rect(of: $0) }
        var dy = 0
        search: while dy <= limit {
            for r in moving {
                let padded = GridRect(x: r.x - 1, y: r.y + dy, width: r.width + 2, height: r.height)
                if let hit = fixed.firstBox(meeting: padded) {
                    dy = hit.rect.maxY + 1 - r.y
                    continue search
                }
            }
            return dy
        }
        return nil
    }

    mutating func confirmGroupMove() {
        guard case .movingSelection(let origin) = mode, var move = selection.move else { mode = .normal; return }
        if let hit = groupOverlap(move.applied, fixed: move.fixed) {
            // Still moving, back where the selection last fitted: Enter there drops it.
            cursor = GridPoint(origin.x + move.lastFree.dx, origin.y + move.lastFree.dy)
            apply(move.lastFree, &move)
            selection.move = move
            scrollToCursor()
            let a = document.node(withID: hit.moved)?.label ?? hit.moved, b = document.node(withID: hit.fixed)?.label ?? hit.fixed
            message = "cannot drop here: \"\(a)\" would overlap \"\(b)\"; back at the last free place (Enter drops, Esc puts them back)"
            return
        }
        mode = .normal
        selection.move = nil
        message = move.applied == (0, 0) ? "not moved" : "moved \(selection.count) selected (u to undo)"
    }

    mutating func cancelGroupMove() {
        guard case .movingSelection(let origin) = mode else { return }
        if let move = selection.move, move.applied != (0, 0) { flow.withdrawLast() }
        selection.move = nil
        mode = .normal
        cursor = origin
        message = "put back"
    }

    // MARK: - Delete, align, tidy

    /// x with a selection: the selected nodes (with their connectors and notes) and notes, one edit.
    public mutating func deleteSelection() {
        guard !readOnly else { message = "read-only: nothing can be deleted from a version"; return }
        let nodes = Set(selectedNodeIDs), notes = Set(selectedNoteIDs)
        guard !nodes.isEmpty || !notes.isEmpty else { message = "delete: the selection is empty"; return }
        flow.delete(nodes: nodes, notes: notes, name: "delete \(nodes.count + notes.count) selected")
        clearSelection()
        message = "deleted \(Self.count(nodes.count, "node"))" + (notes.isEmpty ? "" : " and \(Self.count(notes.count, "note"))")
            + " (u to undo)"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The bounding box of the selected nodes.
    public var selectionBounds: GridRect? {
        var r: GridRect?
        for n in document.nodes where selection.nodes.contains(n.id) { let b = rect(of: n); r = r.map { $0.union(b) } ?? b }
        return r
    }

    public enum Alignment: Sendable { case left, top }

    /// Align left / top: every selected node takes the smallest x (or y) among them, one
    /// edit; refused, changing nothing, when two boxes would then overlap.
    public mutating func alignSelection(_ alignment: Alignment) {
        guard !readOnly else { message = "read-only: a version cannot be changed"; return }
        let nodes = document.nodes.filter { selection.nodes.contains($0.id) }
        guard nodes.count >= 2 else { message = "align: select two nodes or more (v, Space, Ctrl-A)"; return }
        let edge = alignment == .left ? nodes.map { $0.x ?? 0 }.min()! : nodes.map { $0.y ?? 0 }.min()!
        var placed: [String: GridPoint] = [:]
        for n in nodes {
            placed[n.id] = alignment == .left ? GridPoint(edge, n.y ?? 0) : GridPoint(n.x ?? 0, edge)
        }
        let name = alignment == .left ? "align left" : "align top"
        if let refusal = overlapRefusal(placed, what: name) { message = refusal; return }
        if flow.reposition(nodes: placed, name: name) {
            message = "\(name): \(Self.count(nodes.count, "node")) (u to undo)"
        } else {
            message = "\(name): already aligned"
        }
    }

    /// Tidy: the auto-layout of the selected nodes alone (their own connectors decide the
    /// columns), placed where the selection's top-left was; every other node stays. When
    /// that spot is taken, the block goes lower until it fits.
    public mutating func tidySelection() {
        guard !readOnly else { message = "read-only: a version cannot be laid out again"; return }
        let ids = Set(selectedNodeIDs)
        guard ids.count >= 2, let bounds = selectionBounds else { message = "tidy: select two nodes or more"; return }
        var part = FlowFragment.extract(Array(ids), from: document).fragment
        AutoLayout.apply(to: &part, catalog: catalog)
        let minX = part.nodes.compactMap(\.x).min() ?? 0, minY = part.nodes.compactMap(\.y).min() ?? 0
        let fixed = BoxBuckets(document.nodes.filter { !ids.contains($0.id) }.map { ($0.id, rect(of: $0)) })
        for tries in 0..<100 {
            let dy = tries * (AutoLayout.rowGap + 2)
            var placed: [String: GridPoint] = [:]
            var blocked = false
            for n in part.nodes {
                let p = GridPoint((n.x ?? 0) - minX + bounds.x, (n.y ?? 0) - minY + bounds.y + dy)
                let size = NodeGeometry.size(of: n, catalog: catalog)
                if fixed.first(meeting: GridRect(x: p.x - 1, y: p.y, width: size.width + 2, height: size.height)) != nil {
                    blocked = true
                    break
                }
                placed[n.id] = p
            }
            guard !blocked else { continue }
            if flow.reposition(nodes: placed, name: "tidy \(ids.count) selected") {
                message = "tidied \(Self.count(ids.count, "node"))" + (dy > 0 ? " (moved down \(dy) rows to fit)" : "") + " (u to undo)"
            } else {
                message = "tidy: already tidy"
            }
            return
        }
        message = "tidy: no free place below the selection for its layout; move some nodes first"
    }

    /// Why placing nodes at `placed` would overlap (among themselves or with the others).
    func overlapRefusal(_ placed: [String: GridPoint], what: String) -> String? {
        var boxes: [(id: String, rect: GridRect)] = []
        for n in document.nodes {
            let size = NodeGeometry.size(of: n, catalog: catalog)
            let p = placed[n.id] ?? GridPoint(n.x ?? 0, n.y ?? 0)
            boxes.append((n.id, GridRect(x: p.x, y: p.y, width: size.width, height: size.height)))
        }
        let buckets = BoxBuckets(boxes)
        for b in boxes where placed[b.id] != nil {
            let padded = GridRect(x: b.rect.x - 1, y: b.rect.y, width: b.rect.width + 2, height: b.rect.height)
            if let other = buckets.first(meeting: padded, except: b.id) {
                let a = document.node(withID: b.id)?.label ?? b.id, o = document.node(withID: other)?.label ?? other
                return "\(what): refused, \"\(a)\" would overlap \"\(o)\"; nothing changed"
            }
        }
        return nil
    }
}
