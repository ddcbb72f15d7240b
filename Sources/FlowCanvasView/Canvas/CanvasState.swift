import FlowKit

/// The canvas screen's model: the document being edited, the cursor and viewport on the
/// unbounded grid, and the current mode. Key handling turns keys into `CanvasCommand`s;
/// this type carries them out, so editing is testable without a terminal.
public struct CanvasState: Sendable {
    public var flow: EditableFlow
    public var cursor: GridPoint
    /// Top-left grid cell shown in the canvas pane; size comes from the renderer.
    public var viewportOrigin = GridPoint(0, 0)
    public var viewportSize = (width: 80, height: 24)
    /// How much grid a screen cell shows (CanvasZoom.swift); viewportSize stays in screen cells.
    public var zoom = CanvasZoom.full
    /// Where `=` came from, so pressing it again returns there.
    public internal(set) var fitReturn: ViewPlace?
    /// Ctrl-O / Ctrl-I: places left by jumps (goto, find, follow, error, fit).
    public internal(set) var jumpsBack: [ViewPlace] = []
    public internal(set) var jumpsForward: [ViewPlace] = []
    /// `[` from `target`: the predecessor `shown` last; pressing `[` again there shows the next.
    var predecessorCycleState: (target: String, index: Int, shown: String)?
    /// After `]` from a node with several connected outcomes: the links in outcome order and
    /// the one shown, so Tab can show another instead (until any other key).
    var followChoice: (source: String, links: [Connection], index: Int)?
    public internal(set) var mode: CanvasMode = .normal
    /// The nodes and notes chosen for a group operation (CanvasState+Selection.swift).
    public internal(set) var selection = CanvasSelection()
    /// A node highlighted by the errors pane or find.
    public var highlighted: String?
    /// A one-line message for the status bar (cleared by the next command).
    public var message: String?
    public var readOnly: Bool
    public let catalog: NodeCatalog
    /// The mode a find started from (connecting: `/` picks the target), restored when it ends.
    public private(set) var modeBeforeFind: CanvasMode?
    /// While moving: where the box last fitted without overlapping (a refused drop goes back there).
    var lastFreeSpot: GridPoint?
    /// A node whose form the screen should open next (an End node just made by a connect);
    /// the screen takes it with `takeFormRequest()`.
    public private(set) var formRequest: String?
    /// The last non-empty find query: Tab in an empty find brings it back.
    public private(set) var lastFindQuery = ""
    /// The worst finding per node id, for the search's `is:invalid` / `is:warning` (the
    /// screen keeps it in step with its validation).
    public var findSeverities: [String: Severity] = [:]
    /// Why the current find query cannot run (a bad filter), shown instead of "no match".
    public internal(set) var findError: String?
    /// The matches of the last find ended with Enter: marked on the canvas, cycled by
    /// Ctrl-N / Ctrl-P, selectable as a whole (CanvasState+Search.swift); Esc forgets them.
    public internal(set) var searchResults: [String] = []
    public internal(set) var searchIndex = 0
    private var lastFindIndex = 0
    /// The document's boxes by area, shared by copies of this state (NodeBoxIndex.swift).
    let boxIndexCache = NodeBoxIndexCache()

    /// "match i/N" while finding: the match shown and how many there are.
    public var findPosition: (index: Int, count: Int)? {
        guard case .finding(let q, let matches, let i) = mode, !q.isEmpty else { return nil }
        return (matches.isEmpty ? 0 : i + 1, matches.count)
    }

    public init(document: FlowDocument, readOnly: Bool = false, catalog: NodeCatalog = .standard) {
        self.flow = EditableFlow(document: document, catalog: catalog)
        self.readOnly = readOnly
        self.catalog = catalog
        if let start = document.nodes.first(where: { $0.type == "start" }) ?? document.nodes.first {
            cursor = GridPoint((start.x ?? 0) + 1, (start.y ?? 0) + 1)
        } else {
            cursor = GridPoint(2, 2)
        }
    }

    public var document: FlowDocument { flow.document }

    // MARK: - Geometry

    /// The box of a node where it is shown (a node being moved is shown at the cursor).
    public func rect(of node: FlowNode) -> GridRect {
        let size = NodeGeometry.size(of: node, catalog: catalog)
        if case .moving(let id, _) = mode, id == node.id {
            return GridRect(x: cursor.x, y: cursor.y, width: size.width, height: size.height)
        }
        return GridRect(x: node.x ?? 0, y: node.y ?? 0, width: size.width, height: size.height)
    }

    /// The box a node of `type` would have with its top-left at `p` (placing preview).
    public func previewRect(type: String, at p: GridPoint) -> GridRect {
        let node = FlowNode(id: "_", type: type, config: catalog.type(type)?.defaultConfig() ?? [:])
        let size = NodeGeometry.size(of: node, catalog: catalog)
        return GridRect(x: p.x, y: p.y, width: size.width, height: size.height)
    }

    /// The node whose box holds `p` (nodes later in the document win, as they are drawn on top).
    public func node(at p: GridPoint) -> FlowNode? {
        nodeIndex(at: p).map { document.nodes[$0] }
    }

    /// The document's boxes bucketed by area (NodeBoxIndex.swift): built once per document.
    var boxIndex: NodeBoxIndex { boxIndexCache.index(for: flow, catalog: catalog) }

    /// The index in the document of the node whose box holds `p`. From the box index, so a
    /// key costs the boxes near the cursor, not a pass over every node.
    public func nodeIndex(at p: GridPoint) -> Int? {
        let moving = movingNodeIndex
        var best: Int?
        if let m = moving, rect(of: document.nodes[m]).contains(p) { best = m }
        if let i = boxIndex.last(containing: p, excluding: moving), i > (best ?? -1) { best = i }
        return best
    }

    var movingNodeID: String? { if case .moving(let id, _) = mode { return id } else { return nil } }

    /// The index of the node being moved (shown at the cursor, not where the index has it).
    var movingNodeIndex: Int? {
        guard let id = movingNodeID else { return nil }
        return document.nodeIndex(withID: id)  // an id comparison per node: no hashing, no geometry
    }

    /// The node under the cursor. Zoomed out, a node is the cells it is drawn in (its label
    /// row), so the cursor picks what the user sees.
    public var nodeUnderCursor: FlowNode? {
        nodeIndexUnderCursor.map { document.nodes[$0] }
    }

    /// The document index of `nodeUnderCursor` (the status bar's "node i/N").
    public var nodeIndexUnderCursor: Int? {
        guard zoom.level != .full else { return nodeIndex(at: cursor) }
        let c = zoom.cell(of: cursor, origin: viewportOrigin)
        let moving = movingNodeIndex
        let nodes = document.nodes
        // A zoomed-out span depends only on the box's corner, not its height: the corners
        // whose label cell (x+1, y+1) lands in the `boxCells` cells up to and including `c`.
        let cells = zoom.boxCells
        let first = zoom.gridRect(ofCell: GridPoint(c.x - cells + 1, c.y), origin: viewportOrigin)
        let corners = GridRect(x: first.x - 1, y: first.y - 1, width: cells * zoom.scaleX, height: zoom.scaleY)
        func hit(_ i: Int) -> Bool {
            let n = nodes[i]
            let r = i == moving ? rect(of: n) : GridRect(x: n.x ?? 0, y: n.y ?? 0, width: NodeGeometry.width, height: 1)
            return zoom.span(of: r, origin: viewportOrigin).contains(c)
        }
        var best: Int?
        if let m = moving, hit(m) { best = m }
        for i in boxIndex.indices(in: corners).reversed() where i != moving && i > (best ?? -1) && hit(i) {
            best = i
            break
        }
        return best
    }

    /// The grid cells the viewport shows at the current zoom.
    public var visibleGrid: GridRect {
        GridRect(x: viewportOrigin.x, y: viewportOrigin.y,
                 width: viewportSize.width * zoom.scaleX, height: viewportSize.height * zoom.scaleY)
    }

    /// The note whose box holds `p` (notes later in the document win, as they are drawn on top).
    public func note(at p: GridPoint) -> FlowNote? {
        document.notes.last { NoteLayout($0).rect.contains(p) }
    }

    /// The note under the cursor, unless a node (drawn over notes) is there.
    public var noteUnderCursor: FlowNote? { nodeUnderCursor == nil ? note(at: cursor) : nil }

    /// Hands the pending form request to the screen (once).
    public mutating func takeFormRequest() -> String? {
        defer { formRequest = nil }
        return formRequest
    }

    /// Nodes other than `except` whose boxes `r` would overlap, with one cell of air.
    public func overlaps(_ r: GridRect, except: String?) -> FlowNode? {
        let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
        let nodes = document.nodes
        let moving = movingNodeIndex
        // The document's boxes from the index; the moved node where it is shown.
        var first = boxIndex.indices(in: padded).first { $0 != moving && nodes[$0].id != except }
        if let m = moving, nodes[m].id != except, rect(of: nodes[m]).intersects(padded), m < (first ?? Int.max) { first = m }
        return first.map { nodes[$0] }
    }

    /// Where a new node of `type` can be dropped nearest to `p`: `p` itself when its box fits
    /// there, else the first spot straight below, right, above or left (in that order at each
    /// distance) whose box keeps a free row above and below, so connectors have room.
    public func freeSpot(for type: String, near p: GridPoint, reach: Int = 120) -> GridPoint? {
        let size = previewRect(type: type, at: p)
        if overlaps(size, except: nil) == nil { return p }
        func roomy(_ q: GridPoint) -> Bool {
            q.x >= 0 && q.y >= 1
                && overlaps(GridRect(x: q.x, y: q.y - 1, width: size.width, height: size.height + 2), except: nil) == nil
        }
        for d in 1...max(1, reach) {
            for q in [GridPoint(p.x, p.y + d), GridPoint(p.x + d, p.y), GridPoint(p.x, p.y - d), GridPoint(p.x - d, p.y)]
            where roomy(q) { return q }
        }
        return nil
    }

    /// The cursor usually rests on the node just worked on; a ghost drawn on top of it could
    /// only be refused, so placing starts at the nearest spot where the drop would succeed.
    private mutating func startGhostInFreeSpace(type: String) {
        guard let spot = freeSpot(for: type, near: cursor), spot != cursor else { return }
        cursor = spot
        scrollToCursor()
    }

    /// Keeps the cursor inside the viewport by scrolling (panning) the viewport.
    public mutating func scrollToCursor(margin: Int = 2) {
        let sw = viewportSize.width, sh = viewportSize.height
        guard sw > 0, sh > 0 else { return }
        let w = sw * zoom.scaleX, h = sh * zoom.scaleY
        let mx = min(margin, sw / 2) * zoom.scaleX, my = min(margin, sh / 2) * zoom.scaleY
        if cursor.x < viewportOrigin.x + mx { viewportOrigin.x = cursor.x - mx }
        if cursor.x >= viewportOrigin.x + w - mx { viewportOrigin.x = cursor.x - w + mx + 1 }
        if cursor.y < viewportOrigin.y + my { viewportOrigin.y = cursor.y - my }
        if cursor.y >= viewportOrigin.y + h - my { viewportOrigin.y = cursor.y - h + my + 1 }
    }

    /// Moves the cursor onto a node's label row and scrolls it into view.
    public mutating func focus(node id: String) {
        guard let node = document.node(withID: id) else { return }
        let r = rect(of: node)
        cursor = GridPoint(r.x + 1, r.y + 1)
        // Centre it when it was off screen.
        let vr = visibleGrid
        if !vr.contains(GridPoint(r.x, r.y)) || !vr.contains(GridPoint(r.maxX - 1, r.maxY - 1)) {
            viewportOrigin = GridPoint(r.x + r.width / 2 - vr.width / 2, r.y + r.height / 2 - vr.height / 2)
        }
        scrollToCursor()
    }

    // MARK: - Commands

    public mutating func handle(_ command: CanvasCommand) {
        message = nil
        switch command {
        case .moveCursor(let dx, let dy):
            cursor.x += dx * zoom.scaleX
            cursor.y += dy * zoom.scaleY
            scrollToCursor()
            noteFreeSpotWhileMoving()
            cursorDidMove()
        case .jumpTo(let p):
            recordJump()
            cursor = p
            scrollToCursor()
            noteFreeSpotWhileMoving()
            cursorDidMove()
        case .zoomIn, .zoomOut, .fit, .pan, .flowEdge, .follow, .followOtherOutcome, .predecessor, .jumpBack, .jumpForward:
            handleNavigation(command)  // CanvasState+Navigation.swift
        case .undo:
            guard !readOnly else { return refuseReadOnly() }
            if let e = flow.undo() { message = "undid \(e.name)" } else { message = "nothing to undo" }
            mode = .normal
            pruneSelection()
        case .redo:
            guard !readOnly else { return refuseReadOnly() }
            if let e = flow.redo() { message = "redid \(e.name)" } else { message = "nothing to redo" }
            mode = .normal
            pruneSelection()
        case .startFind:
            if case .finding = mode { return }
            recordJump()
            if case .connecting = mode { modeBeforeFind = mode } else { modeBeforeFind = nil }
            mode = .finding(query: "", matches: [], index: 0)
        default:
            handleModal(command)
        }
    }

    /// While moving, the box's latest position where it overlaps nothing.
    private mutating func noteFreeSpotWhileMoving() {
        guard case .moving(let id, _) = mode, let node = document.node(withID: id) else { return }
        if overlaps(rect(of: node), except: id) == nil { lastFreeSpot = cursor }
    }

    /// The outcomes of node `id` with no connector yet, in the type's order.
    public func unconnectedOutcomes(of id: String) -> [String] {
        guard let node = document.node(withID: id), let type = catalog.type(node.type) else { return [] }
        let connected = Set(document.connections(from: id).map(\.outcome))
        return type.outcomes(for: node).filter { !connected.contains($0) }
    }

    private mutating func refuseReadOnly() {
        message = "read-only: this is a version; press H and Edit to branch a draft from it"
    }

    private mutating func handleModal(_ command: CanvasCommand) {
        switch (mode, command) {
        case (_, .place(let type)):
            guard !readOnly else { return refuseReadOnly() }
            guard catalog.contains(type) else { message = "unknown node type \(type)"; return }
            if let refusal = zoomRefusal(.place(type: type)) { message = refusal; return }
            if type == "start", document.nodes.contains(where: { $0.type == "start" }) {
                message = "this flow already has a Start node"
                return
            }
            mode = .placing(type: type)
            startGhostInFreeSpace(type: type)

        case (.placing(let type), .confirm):
            let r = previewRect(type: type, at: cursor)
            if let other = overlaps(r, except: nil) {
                message = "cannot drop here: it would overlap \"\(other.label)\""
                return
            }
            if let id = flow.placeNode(type: type, at: (cursor.x, cursor.y)) {
                mode = .normal
                cursor = GridPoint(cursor.x + 1, cursor.y + 1)
                message = "placed \(catalog.type(type)?.title ?? type) (\(id))"
            }
        case (.placing, .cancel):
            mode = .normal

        case (.normal, .startMove) where hasSelection:
            startGroupMove()
        case (.movingSelection, .confirm) where isMovingNoteAlone:
            endNoteMove(confirm: true)
        case (.movingSelection, .cancel) where isMovingNoteAlone:
            endNoteMove(confirm: false)
        case (.movingSelection, .confirm):
            confirmGroupMove()
        case (.movingSelection, .cancel):
            cancelGroupMove()
        case (.normal, .delete) where hasSelection:
            deleteSelection()
        case (.normal, .confirm) where selection.anchor != nil:
            toggleRectangle()
        case (.normal, .cancel) where hasSelection || selection.anchor != nil || !searchResults.isEmpty:
            highlighted = nil
            if !searchResults.isEmpty && !hasSelection && selection.anchor == nil {
                searchResults = []
                message = "search results cleared"
            } else {
                clearSelection()
                message = "selection cleared"
            }

        case (.normal, .startMove):
            guard !readOnly else { return refuseReadOnly() }
            if let refusal = zoomRefusal(.startMove) { message = refusal; return }
            guard let node = nodeUnderCursor else {
                if let note = noteUnderCursor { return startNoteMove(note) }  // CanvasState+Notes.swift
                message = "move: put the cursor on a node or a note first"; return
            }
            let origin = GridPoint(node.x ?? 0, node.y ?? 0)
            mode = .moving(node: node.id, origin: origin)
            cursor = origin
            lastFreeSpot = origin
        case (.moving(let id, let origin), .confirm):
            guard let node = document.node(withID: id) else { mode = .normal; return }
            if let other = overlaps(rect(of: node), except: id) {
                // Still moving, the box back where it last fitted: Enter there drops it.
                cursor = lastFreeSpot ?? origin
                scrollToCursor()
                message = "cannot drop here: it would overlap \"\(other.label)\"; back at the last free place (Enter drops, Esc puts it back)"
                return
            }
            mode = .normal
            flow.moveNode(id, to: (cursor.x, cursor.y))
            cursor = GridPoint(cursor.x + 1, cursor.y + 1)
        case (.moving(_, let origin), .cancel):
            mode = .normal
            cursor = GridPoint(origin.x + 1, origin.y + 1)

        case (.normal, .startConnect):
            guard !readOnly else { return refuseReadOnly() }
            if let refusal = zoomRefusal(.startConnect) { message = refusal; return }
            guard let node = nodeUnderCursor else { message = "connect: put the cursor on a node first"; return }
            guard let type = catalog.type(node.type) else { return }
            let outcomes = type.outcomes(for: node)
            guard !outcomes.isEmpty else { message = "\(type.title) ends the flow: it has no outcomes"; return }
            let connected = Set(document.connections(from: node.id).map(\.outcome))
            let first = outcomes.firstIndex { !connected.contains($0) } ?? 0
            mode = .connecting(from: node.id, outcomes: outcomes, outcomeIndex: first)
            message = "connect \(outcomes[first]) → move to the target node, Enter joins (Tab: next outcome)"
        case (.connecting(let from, let outcomes, let i), .nextOutcome):
            mode = .connecting(from: from, outcomes: outcomes, outcomeIndex: (i + 1) % outcomes.count)
        case (.connecting(let from, let outcomes, let i), .previousOutcome):
            mode = .connecting(from: from, outcomes: outcomes, outcomeIndex: (i + outcomes.count - 1) % outcomes.count)
        case (.connecting(let from, let outcomes, let i), .confirm):
            guard let target = nodeUnderCursor else {
                endOnNewEndNode(from: from, outcome: outcomes[i])
                return
            }
            if target.type == "start" {
                message = "nothing can connect into the Start node"
                return
            }
            let replaced = document.connections.first { $0.from == from && $0.outcome == outcomes[i] && $0.to != target.id }
            flow.connect(from: from, outcome: outcomes[i], to: target.id)  // one edit, replacing the old connector
            mode = .normal
            // Back on the source, so the next c wires its next unconnected outcome.
            focus(node: from)
            let open = unconnectedOutcomes(of: from)
            message = "connected \(from).\(outcomes[i]) → \(target.id)"
                + (replaced.map { " (replaced \($0.outcome) → \($0.to))" } ?? "")
                + (open.isEmpty ? "" : "; c wires \(open[0]) next")
        case (.connecting, .cancel):
            mode = .normal

        case (.normal, .delete):
            guard !readOnly else { return refuseReadOnly() }
            if let node = nodeUnderCursor {
                flow.deleteNode(node.id)
                message = "deleted \(node.label) (u to undo)"
            } else {
                message = "delete: put the cursor on a node"
            }

        case (.finding(let query, _, _), .findInput(let text)):
            updateFind(query + text)
        case (.finding(let query, _, _), .findBackspace):
            updateFind(String(query.dropLast()))
        case (.finding(let q, let matches, _), .findNext) where q.isEmpty && matches.isEmpty && !lastFindQuery.isEmpty:
            updateFind(lastFindQuery)
            if case .finding(let q, let matches, _) = mode, !matches.isEmpty {
                mode = .finding(query: q, matches: matches, index: (lastFindIndex + 1) % matches.count)
                focusFindMatch()
            }
        case (.finding(let q, let matches, let i), .findNext) where !matches.isEmpty:
            mode = .finding(query: q, matches: matches, index: (i + 1) % matches.count)
            focusFindMatch()
        case (.finding(let q, let matches, let i), .findPrevious) where !matches.isEmpty:
            mode = .finding(query: q, matches: matches, index: (i + matches.count - 1) % matches.count)
            focusFindMatch()
        case (.finding(let q, let matches, _), .confirm):
            let position = findPosition
            if let p = position, p.index > 0 { lastFindIndex = p.index - 1 }
            searchResults = modeBeforeFind == nil ? matches : []  // a connect's target find keeps none
            mode = modeBeforeFind ?? .normal
            modeBeforeFind = nil
            searchIndex = max(0, (position?.index ?? 1) - 1)
            if let why = findError {
                message = why
            } else if matches.isEmpty {
                message = q.isEmpty ? nil : "no node matches \"\(q)\""
            } else if let p = position {
                message = "match \(p.index)/\(p.count) for \"\(q)\"; ^N / ^P next / previous, / then Tab goes on"
            }
        case (.finding, .cancel):
            searchResults = []
            mode = modeBeforeFind ?? .normal
            modeBeforeFind = nil
            highlighted = nil

        case (_, .cancel):
            highlighted = nil
        default:
            break
        }
    }

    /// Finishing a connect on an empty cell: a new End node there (top-left at the cursor)
    /// joined from the outcome, as ONE undoable edit; its form opens next to pick the flow
    /// outcome.
    private mutating func endOnNewEndNode(from: String, outcome: String) {
        let r = previewRect(type: "end", at: cursor)
        if let other = overlaps(r, except: nil) {
            message = "no End node here: it would overlap \"\(other.label)\"; move to an empty spot or onto a node"
            return
        }
        guard let spec = catalog.type("end") else { return }
        let id = document.freshID(base: "end")
        let node = FlowNode(id: id, type: "end", label: spec.title, x: cursor.x, y: cursor.y, config: spec.defaultConfig())
        var ops: [DocumentOperation] = [.insertNode(index: document.nodes.count, node: node)]
        for (k, old) in document.connections.enumerated().reversed() where old.from == from && old.outcome == outcome {
            ops.append(.removeConnection(index: k, connection: old))
        }
        let remaining = document.connections.count - (ops.count - 1)
        ops.append(.insertConnection(index: remaining, connection: Connection(from: from, outcome: outcome, to: id)))
        flow.perform(DocumentEdit("end \(outcome) on a new End node", ops))
        mode = .normal
        cursor = GridPoint(cursor.x + 1, cursor.y + 1)
        formRequest = id
        message = "\(from).\(outcome) ends on the new End node \(id): pick its flow outcome (u undoes both)"
    }

    private mutating func updateFind(_ query: String) {
        let matches: [String]
        do {
            matches = try NodeSearch(parsing: query).matches(in: document, catalog: catalog, severities: findSeverities)
            findError = nil
        } catch {
            matches = []
            findError = error.message
        }
        if !query.isEmpty { lastFindQuery = query }
        mode = .finding(query: query, matches: matches, index: 0)
        focusFindMatch()
    }

    private mutating func focusFindMatch() {
        guard case .finding(_, let matches, let i) = mode, i < matches.count else {
            highlighted = nil
            return
        }
        highlighted = matches[i]
        if document.node(withID: matches[i]) != nil {
            focus(node: matches[i])
        } else if let note = document.notes.first(where: { $0.id == matches[i] }) {
            cursor = GridPoint(note.x + 1, note.y + 1)
            scrollToCursor()
        }
    }

    /// The ids a find query matches (NodeSearch: free text plus `type:` `is:` `uses:` `note:`
    /// filters); a query that does not parse matches nothing.
    public static func find(_ query: String, in doc: FlowDocument, catalog: NodeCatalog = .standard,
                            severities: [String: Severity] = [:]) -> [String] {
        (try? NodeSearch(parsing: query))?.matches(in: doc, catalog: catalog, severities: severities) ?? []
    }
}
