import FlowKit

/// A place on the canvas to come back to: the view and the cursor.
public struct ViewPlace: Equatable, Sendable {
    public var zoom: CanvasZoom
    public var origin: GridPoint
    public var cursor: GridPoint
}

/// Zoom, fit, panning and the jumps between nodes (`]` `[` Ctrl-O Ctrl-I).
extension CanvasState {
    public var place: ViewPlace { ViewPlace(zoom: zoom, origin: viewportOrigin, cursor: cursor) }

    mutating func restore(_ p: ViewPlace) {
        zoom = p.zoom
        viewportOrigin = p.origin
        cursor = p.cursor
    }

    /// Remembers where the cursor is before a jump (Ctrl-O comes back here).
    mutating func recordJump() {
        if jumpsBack.last != place { jumpsBack.append(place) }
        if jumpsBack.count > 100 { jumpsBack.removeFirst() }
        jumpsForward.removeAll()
    }

    /// Editing commands that make no sense at the current zoom, and why.
    public func zoomRefusal(_ command: CanvasCommand) -> String? {
        switch (zoom.level, command) {
        case (.full, _): return nil
        case (_, .place), (_, .startMove):
            return "\(zoom.level.name) view: placing and moving need the full view (press + to zoom in)"
        case (.overview, .startConnect):
            return "overview: connecting needs the compact or full view (press + or Enter on the node)"
        default: return nil
        }
    }

    mutating func handleNavigation(_ command: CanvasCommand) {
        switch command {
        case .zoomIn:
            guard let level = CanvasZoom.Level(rawValue: zoom.level.rawValue - 1) else {
                message = "already at full zoom"; return
            }
            setZoom(.preset(level))
        case .zoomOut:
            guard let level = CanvasZoom.Level(rawValue: zoom.level.rawValue + 1) else {
                message = "already at the overview (= fits the whole flow)"; return
            }
            setZoom(.preset(level))
        case .fit:
            fit()
        case .pan(let dx, let dy):
            let gx = dx * visibleGrid.width / 2, gy = dy * visibleGrid.height / 2
            viewportOrigin.x += gx
            viewportOrigin.y += gy
            cursor.x += gx
            cursor.y += gy
        case .flowEdge(let right):
            guard let b = flowBounds else { message = "the flow has no nodes"; return }
            recordJump()
            let w = visibleGrid.width
            viewportOrigin.x = right ? b.maxX + 2 * zoom.scaleX - w : b.x - 2 * zoom.scaleX
            cursor.x = right ? min(cursor.x - (cursor.x - viewportOrigin.x), b.maxX - 1) : b.x
            cursor.x = max(viewportOrigin.x, min(cursor.x, viewportOrigin.x + w - 1))
            scrollToCursor()
        case .follow:
            follow()
        case .followOtherOutcome(let step):
            followOtherOutcome(step)
        case .predecessor:
            goToPredecessor()
        case .jumpBack:
            guard let p = jumpsBack.popLast() else { message = "no earlier jump (Ctrl-O)"; return }
            jumpsForward.append(place)
            restore(p)
        case .jumpForward:
            guard let p = jumpsForward.popLast() else { message = "no later jump (Ctrl-I)"; return }
            jumpsBack.append(place)
            restore(p)
        default:
            break
        }
    }

    /// Changes the zoom keeping the node under the cursor (else the cursor) on the same
    /// screen cell.
    mutating func setZoom(_ new: CanvasZoom) {
        let anchor = nodeUnderCursor.map { n -> GridPoint in let r = rect(of: n); return GridPoint(r.x + 1, r.y + 1) } ?? cursor
        let screen = zoom.cell(of: anchor, origin: viewportOrigin)
        zoom = new
        fitReturn = nil
        cursor = anchor
        viewportOrigin = GridPoint(anchor.x - screen.x * new.scaleX, anchor.y - screen.y * new.scaleY)
        scrollToCursor(margin: 0)
        message = "zoom: \(new.name)"
    }

    /// The rectangle holding every node's box (one pass over the nodes: only on demand).
    public var flowBounds: GridRect? {
        var r: GridRect?
        for n in document.nodes { let b = rect(of: n); r = r.map { $0.union(b) } ?? b }
        return r
    }

    /// `=`: the whole flow on the canvas; again: back to where it was.
    mutating func fit() {
        if let back = fitReturn {
            restore(back)
            fitReturn = nil
            message = "zoom: \(zoom.name) (back from the whole flow)"
            return
        }
        guard let b = flowBounds else { message = "the flow has no nodes"; return }
        let before = place
        // A margin of a cell on each side, so boxes do not touch the pane's border.
        let z = CanvasZoom.fitting(b, in: (viewportSize.width - 2, viewportSize.height - 2))
        zoom = z
        let w = viewportSize.width * z.scaleX, h = viewportSize.height * z.scaleY
        viewportOrigin = GridPoint(b.x - (w - b.width) / 2, b.y - (h - b.height) / 2)
        if !visibleGrid.contains(cursor) || nodeUnderCursor == nil {
            let first = document.nodes.first { $0.type == "start" } ?? document.nodes.first
            if let n = first { let r = rect(of: n); cursor = GridPoint(r.x + 1, r.y + 1) }
        }
        fitReturn = before
        message = "zoom: \(z.name), the whole flow (= again returns)"
    }

    /// Enter in the overview: the full view centred on node `id`.
    public mutating func zoomIn(onNode id: String) {
        recordJump()
        zoom = .full
        fitReturn = nil
        focus(node: id)
        message = "zoom: full, on \(id)"
    }

    /// Goes to node `id`, keeping the zoom; records the jump.
    mutating func jump(toNode id: String) {
        recordJump()
        focus(node: id)
    }

    /// `]`: to the target of the node's first connected outcome (in the type's outcome order).
    /// With several, Tab right after picks another (`followOtherOutcome`).
    mutating func follow() {
        guard let node = nodeUnderCursor else { message = "] follows an outcome: put the cursor on a node"; return }
        let outcomes = catalog.type(node.type)?.outcomes(for: node) ?? []
        let links = document.connections(from: node.id)
            .sorted { (outcomes.firstIndex(of: $0.outcome) ?? .max) < (outcomes.firstIndex(of: $1.outcome) ?? .max) }
        guard let link = links.first else { message = "\(node.label) has no connected outcome to follow"; return }
        jump(toNode: link.to)
        followChoice = links.count > 1 ? (node.id, links, 0) : nil
        message = followMessage(link, index: 0, count: links.count)
    }

    private func followMessage(_ link: Connection, index: Int, count: Int) -> String {
        "followed \(link.from).\(link.outcome) → \(link.to)" + (count > 1 ? " (\(index + 1)/\(count); Tab: another outcome)" : "")
    }

    /// True right after `]` showed one of several connected outcomes.
    public var isChoosingFollowedOutcome: Bool { followChoice != nil }

    /// Any key but Tab / Shift-Tab ends the choice `]` offered.
    public mutating func endFollowChoice() { followChoice = nil }

    /// Tab / Shift-Tab after `]`: the next / previous outcome's target, in place of the one
    /// shown (one jump in the jump list, not one per outcome tried).
    mutating func followOtherOutcome(_ step: Int) {
        guard var choice = followChoice, !choice.links.isEmpty else { return }
        choice.index = (choice.index + step + choice.links.count) % choice.links.count
        followChoice = choice
        let link = choice.links[choice.index]
        focus(node: link.to)
        message = followMessage(link, index: choice.index, count: choice.links.count)
    }

    /// `[`: to a node with a connector into this one. Pressing `[` again at once (on the
    /// predecessor just shown) shows the next predecessor of the same node.
    mutating func goToPredecessor() {
        guard let here = nodeUnderCursor else { message = "[ goes to a predecessor: put the cursor on a node"; return }
        var target = here.id, k = 0
        if let last = predecessorCycleState, last.shown == here.id {
            target = last.target
            k = last.index + 1
        }
        var sources: [String] = []
        for c in document.connections where c.to == target && !sources.contains(c.from) { sources.append(c.from) }
        guard !sources.isEmpty else { message = "nothing leads into \(here.label)"; return }
        k %= sources.count
        jump(toNode: sources[k])
        predecessorCycleState = (target, k, sources[k])
        message = "predecessor \(k + 1)/\(sources.count) of \(target): \(sources[k])"
    }
}
