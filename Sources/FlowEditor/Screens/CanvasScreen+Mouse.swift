import FlowCanvasView
import FlowKit
import TerminalUI

extension CanvasScreen {
    /// The grid cell under a screen position inside the canvas pane, if it is there.
    func gridPoint(at p: Point) -> GridPoint? {
        let inner = Pane.contentRect(of: canvasRect)
        guard inner.contains(p) else { return nil }
        return GridPoint(state.viewportOrigin.x + p.x - inner.x, state.viewportOrigin.y + p.y - inner.y)
    }

    /// Click moves the cursor, Ctrl- or Alt-click adds the node to the selection (or takes
    /// it out), a drag from empty canvas selects what its rectangle touches, a drag of a
    /// node moves it (a selected node moves the whole selection), the wheel pans, a palette
    /// click then a canvas click places.
    func handleMouse(_ m: MouseEvent) {
        let p = m.position
        // A release ends a drag wherever the pointer is: one over a pane or outside the
        // canvas must not leave a rectangle open or a node in MOVE mode. It keeps the
        // message: the press may have just put one there (a panel's "Esc close").
        if m.action == .release { return endPointerGesture() }
        message = nil
        if paletteRect.contains(p) { return paletteMouse(m) }
        if errorsRect.contains(p) { return errorsMouse(m) }
        guard canvasRect.contains(p) else { return }
        switch m.action {
        case .wheelUp, .wheelDown:
            let dy = m.action == .wheelUp ? -3 : 3
            if m.modifiers.contains(.shift) {
                state.viewportOrigin.x += dy; state.cursor.x += dy
            } else {
                state.viewportOrigin.y += dy; state.cursor.y += dy
            }
        case .press where m.button == .left:
            focus = .canvas
            rubberBand = nil  // a press starts afresh, even if a release never came
            dragging = nil
            guard let g = gridPoint(at: p) else { return }
            if let type = clickedPaletteType {
                clickedPaletteType = nil
                if case .normal = state.mode {} else { state.handle(.cancel) }
                state.handle(.place(type: type))
                state.handle(.jumpTo(g))
                state.handle(.confirm)
                if case .placing = state.mode { state.handle(.cancel) }  // could not drop there: the message says why
                return
            }
            switch state.mode {
            case .placing, .moving, .movingSelection, .connecting:
                state.handle(.jumpTo(g))  // the next Enter (or release, when dragging) decides
            case .finding:
                state.handle(.confirm)
                state.handle(.jumpTo(g))
            case .normal:
                state.handle(.jumpTo(g))
                if !m.modifiers.isDisjoint(with: [.ctrl, .alt]) {
                    state.toggleSelectionAtCursor()  // Ctrl- or Alt-click, as Space
                    return
                }
                if let node = state.node(at: g) {
                    guard !isReadOnly else { return }
                    let r = state.rect(of: node)
                    dragging = (node.id, GridPoint(g.x - r.x, g.y - r.y), false)
                } else if state.noteUnderCursor == nil {
                    rubberBand = (g, false)
                }
            }
        case .drag:
            guard let g = gridPoint(at: p) else { return }
            if let band = rubberBand {
                if !band.open {
                    guard case .normal = state.mode, state.selection.anchor == nil else { return }
                    state.handle(.jumpTo(band.start))
                    state.toggleRectangle()
                    rubberBand?.open = true
                }
                state.handle(.jumpTo(g))
                return
            }
            guard let d = dragging else { return }
            if !d.started {
                guard case .normal = state.mode else { return }
                if state.selection.nodes.contains(d.node) {
                    state.handle(.startMove)  // the whole selection, from the pressed cell
                } else {
                    state.startMovingNodeAlone()
                }
                dragging?.started = true
            }
            if case .movingSelection = state.mode {
                state.handle(.jumpTo(g))  // a group follows the pointer's offset from the press
            } else {
                state.handle(.jumpTo(GridPoint(g.x - d.offset.x, g.y - d.offset.y)))
            }
        default:
            break
        }
    }

    /// The button went up: an open selection rectangle closes (the message counts the
    /// selection); a dragged node or selection drops, or goes back if the drop is refused.
    func endPointerGesture() {
        if let band = rubberBand, band.open, state.selection.anchor != nil {
            state.toggleRectangle()
        }
        rubberBand = nil
        if let d = dragging, d.started {
            switch state.mode {
            case .moving, .movingSelection:
                state.handle(.confirm)
                switch state.mode {
                case .moving, .movingSelection:
                    let why = state.message
                    state.handle(.cancel)  // overlapping: put it back, keep the reason on screen
                    message = why
                default: break
                }
            default: break
            }
        }
        dragging = nil
    }

    func paletteMouse(_ m: MouseEvent) {
        switch m.action {
        case .wheelUp: palette.moveSelection(-3)
        case .wheelDown: palette.moveSelection(3)
        case .press:
            focus = .palette
            guard let row = paletteRowTypes.first(where: { $0.y == m.y }) else { return }
            palette.select(type: row.type)
            guard !isReadOnly else { return }
            clickedPaletteType = row.type
            message = "click a canvas cell to place \(state.catalog.type(row.type)?.title ?? row.type) (Enter places at the cursor)"
        default: break
        }
    }

    func errorsMouse(_ m: MouseEvent) {
        switch m.action {
        case .wheelUp: errorsSelection = max(0, errorsSelection - 3)
        case .wheelDown: errorsSelection = min(max(0, findings.count - 1), errorsSelection + 3)
        case .press:
            focus = .errors
            if let row = errorRowIndices.first(where: { $0.y == m.y }) {
                if row.index == errorsSelection { jumpToSelectedFinding() } else { errorsSelection = row.index }
            }
        default: break
        }
    }
}
