import FlowKit

/// The document in the shape the renderer needs every frame: nodes by index, their boxes,
/// their outcomes, and every connector resolved to node indices. Rebuilt only when the
/// document changes (its generation moves); the router is then updated incrementally —
/// only boxes whose rectangle changed are moved, and routes of deleted connectors dropped.
final class CanvasScene {
    /// One connector, resolved: indices into `nodes`, and the outcome's row.
    struct Link {
        var connection: Connection
        var from: Int
        var to: Int
        var outcomeIndex: Int
        /// Where the route can possibly run with both boxes where the document has them:
        /// the boxes' bounding rectangle grown by the router's widest detour.
        var reach: GridRect
    }

    private(set) var nodes: [FlowNode] = []
    private(set) var types: [NodeType?] = []
    private(set) var outcomes: [[String]] = []
    private(set) var indexByID: [String: Int] = [:]
    /// Boxes where the document puts them (a node being dragged is shown elsewhere).
    private(set) var documentRects: [GridRect] = []
    /// Per node, which outcome indices have a connector (bit i = outcome i; 64 is plenty).
    private(set) var connectedOutcomes: [UInt64] = []
    private(set) var links: [Link] = []
    /// The document's connectors the links were resolved from.
    private var connections: [Connection] = []
    private(set) var notes: [NoteLayout] = []
    /// The links bucketed by reach (LinkReachIndex.swift), kept in step with `links`.
    private var linkIndex = LinkReachIndex()
    /// The links of the node being dragged (its reach moves with it), found once per drag.
    private var overrideLinks: (index: Int, links: [Int])?

    /// What the scene was built from: a generation alone is not enough when a view is
    /// handed a different flow whose counter happens to match.
    private var key: (generation: Int, nodesBuffer: UnsafeRawPointer?, nodeCount: Int, linkCount: Int, noteCount: Int)?

    /// The editing history the scene was built from (`followEdit` follows only its edits).
    private var lineage: EditLineage?

    /// Note boxes as the router has them, by note id (notes are obstacles for routing).
    private var routerNoteRects: [String: GridRect] = [:]

    /// The node shown away from its document position (being dragged) and where.
    private(set) var override: (index: Int, rect: GridRect)?
    /// Boxes as the router has them, by node id: what `sync` compares against.
    private var routerRects: [String: GridRect] = [:]

    /// Brings the scene and the router up to date with `state`. Returns true when the
    /// document itself changed since the last call.
    @discardableResult
    func sync(_ state: CanvasState, router: ConnectorRouter) -> Bool {
        let doc = state.document
        let newKey = (generation: state.flow.generation,
                      nodesBuffer: doc.nodes.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
                      nodeCount: doc.nodes.count, linkCount: doc.connections.count, noteCount: doc.notes.count)
        var changed = false, placesOnly = false
        // Nodes replaced in place by the one edit since the last call (see `followEdit`).
        var followed: [Int]? = nil
        if let k = key, k.generation == newKey.generation, k.nodesBuffer == newKey.nodesBuffer,
           k.nodeCount == newKey.nodeCount, k.linkCount == newKey.linkCount, k.noteCount == newKey.noteCount {
            // Same document: only a dragged node can have moved.
        } else if lineage === state.flow.lineage, let k = key,
                  let replaced = followEdit(state, since: k.generation, nodeCount: newKey.nodeCount) {
            followed = replaced
            key = newKey
            changed = true
        } else if let k = key, k.nodeCount == newKey.nodeCount, k.noteCount == newKey.noteCount, sameStructure(doc) {
            refreshPlaces(doc)
            key = newKey
            lineage = state.flow.lineage
            changed = true
            placesOnly = true
        } else {
            rebuild(doc, catalog: state.catalog)
            key = newKey
            lineage = state.flow.lineage
            changed = true
        }
        let previous = override
        override = nil
        if case .moving(let id, _) = state.mode, let i = indexByID[id] {
            override = (i, state.rect(of: nodes[i]))
        }
        if let followed {
            // Ids, connectors and notes are as before: only these boxes can have moved.
            for i in followed { updateBox(i, router: router) }
            if let p = previous { updateBox(p.index, router: router) }
            if let o = override { updateBox(o.index, router: router) }
        } else if placesOnly {
            // The same nodes and connectors: no box or route to drop.
            syncRouter(router, liveNodes: nil)
            syncNotes(router)  // a moved note is an obstacle somewhere else now
        } else if changed {
            syncRouter(router, liveNodes: Set(nodes.map(\.id)))
            syncNotes(router)
            router.retain(only: Set(links.map(\.connection)))
        } else {
            // Only the dragged node (now or a frame ago) can differ from the router's box.
            if let p = previous { updateBox(p.index, router: router) }
            if let o = override, o.index != previous?.index { updateBox(o.index, router: router) }
        }
        return changed
    }

    /// The box of node `i` as shown now.
    @inline(__always)
    func rect(_ i: Int) -> GridRect {
        if let o = override, o.index == i { return o.rect }
        return documentRects[i]
    }

    /// Where link `l`'s route can run, given where its boxes are shown now.
    func reach(of l: Link) -> GridRect {
        guard let o = override, o.index == l.from || o.index == l.to else { return l.reach }
        return Self.reach(rect(l.from), rect(l.to))
    }

    /// The links whose route may meet `area`, ascending: those whose reach (where the
    /// document has the boxes) is near it, plus the dragged node's (its reach moves with it).
    /// A superset: callers still test `reach(of:)`.
    func linkCandidates(meeting area: GridRect) -> [Int] {
        if linkIndex.coversMost(area) { return Array(links.indices) }
        var out = linkIndex.candidates(in: area)
        guard let o = override else { return out }
        if overrideLinks?.index != o.index {
            overrideLinks = (o.index, links.indices.filter { links[$0].from == o.index || links[$0].to == o.index })
        }
        guard let extra = overrideLinks?.links, !extra.isEmpty else { return out }
        out.append(contentsOf: extra)
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for l in out where unique.last != l { unique.append(l) }
        return unique
    }

    /// The nodes whose shown boxes meet `area`, ascending. When the area covers most of the
    /// flow (overview), a test of every box beats the router's index (a set of ids, hashed).
    func nodeIndices(meeting area: GridRect, obstacles: ObstacleIndex) -> [Int] {
        if linkIndex.coversMost(area) {
            return nodes.indices.filter { rect($0).intersects(area) }
        }
        var out: [Int] = []
        for id in obstacles.boxes(in: area) { if let i = indexByID[id] { out.append(i) } }
        out.sort()
        return out
    }

    func isConnected(node i: Int, outcome k: Int) -> Bool {
        k < 64 && connectedOutcomes[i] & (1 << UInt64(k)) != 0
    }

    static func reach(_ a: GridRect, _ b: GridRect) -> GridRect {
        let m = ConnectorRouter.maxDetour
        let u = a.union(b)
        return GridRect(x: u.x - m, y: u.y - m, width: u.width + 2 * m, height: u.height + 2 * m)
    }

    private func updateBox(_ i: Int, router: ConnectorRouter) {
        let id = nodes[i].id, r = rect(i)
        if routerRects[id] != r {
            routerRects[id] = r
            router.moveBox(id, to: r)
        }
    }

    /// Moves the router's boxes that changed and removes those of deleted nodes.
    private func syncRouter(_ router: ConnectorRouter, liveNodes: Set<String>?) {
        if let liveNodes {
            for id in routerRects.keys where !liveNodes.contains(id) {
                routerRects[id] = nil
                router.removeBox(id)
            }
        }
        if let (dx, dy) = uniformShift(), dx != 0 || dy != 0 {
            // The whole flow moved as one (select all, then m): shift, do not re-route.
            for i in nodes.indices { routerRects[nodes[i].id] = rect(i) }
            router.translateAll(dx: dx, dy: dy, boxes: routerRects)
            return
        }
        for i in nodes.indices { updateBox(i, router: router) }
    }

    /// Gives the router the note boxes that are new or moved, and forgets deleted ones.
    private func syncNotes(_ router: ConnectorRouter) {
        guard !notes.isEmpty || !routerNoteRects.isEmpty else { return }
        var live = Set<String>()
        for note in notes {
            live.insert(note.id)
            if routerNoteRects[note.id] != note.rect {
                routerNoteRects[note.id] = note.rect
                router.moveNote(note.id, to: note.rect)
            }
        }
        for id in routerNoteRects.keys where !live.contains(id) {
            routerNoteRects[id] = nil
            router.removeNote(id)
        }
    }

    /// The one offset every box moved by since the router last had them, if they all did.
    private func uniformShift() -> (Int, Int)? {
        guard nodes.count > 1, routerRects.count == nodes.count else { return nil }
        var shift: (Int, Int)?
        for i in nodes.indices {
            guard let old = routerRects[nodes[i].id] else { return nil }
            let r = rect(i)
            guard r.width == old.width, r.height == old.height else { return nil }
            let d = (r.x - old.x, r.y - old.y)
            if let s = shift { if s != d { return nil } } else { shift = d }
        }
        return shift
    }

    /// Follows the one edit made since generation `since` without a rebuild, when it only
    /// replaced nodes keeping their id, type and outcomes (a move, a form's Save): their
    /// boxes and the reach of their connectors change, nothing else. Returns the indices
    /// of the nodes replaced, or nil when the scene must be rebuilt. A rebuild hashes every
    /// id and connector and rebuilt the router's view of every box: milliseconds per edit at
    /// 5,000 nodes.
    private func followEdit(_ state: CanvasState, since: Int, nodeCount: Int) -> [Int]? {
        guard let change = state.flow.lastChange, change.generation == since + 1,
              nodeCount == nodes.count, !change.operations.isEmpty else { return nil }
        var replaced: [(index: Int, node: FlowNode, outcomes: [String])] = []
        for op in change.operations {
            guard case .replaceNode(let i, let old, let new) = op, i < nodes.count, nodes[i] == old,
                  old.id == new.id, old.type == new.type else { return nil }
            let names = types[i]?.outcomes(for: new) ?? []
            guard names == outcomes[i] else { return nil }
            replaced.append((i, new, names))
        }
        // One box moved among several: not the whole flow shifted (that path shifts routes).
        guard replaced.count < nodes.count else { return nil }
        for r in replaced {
            nodes[r.index] = r.node
            documentRects[r.index] = GridRect(x: r.node.x ?? 0, y: r.node.y ?? 0, width: NodeGeometry.width,
                                              height: NodeGeometry.height(outcomeCount: r.outcomes.count))
        }
        let touched = Set(replaced.map(\.index))
        for l in links.indices where touched.contains(links[l].from) || touched.contains(links[l].to) {
            let old = links[l].reach
            links[l].reach = Self.reach(documentRects[links[l].from], documentRects[links[l].to])
            if old != links[l].reach {
                linkIndex.remove(l, old)
                linkIndex.insert(l, links[l].reach)
            }
        }
        return replaced.map(\.index)
    }

    /// Whether `doc` has the scene's nodes (ids, types, configs: what decides a box's
    /// outcomes and height) and connectors, in the same order: then only places, labels or
    /// notes can differ (a selection moved, a label typed) and `refreshPlaces` is enough.
    /// Unchanged arrays and dictionaries share storage, so this costs a pointer comparison
    /// per field, not a hash.
    private func sameStructure(_ doc: FlowDocument) -> Bool {
        guard doc.connections == connections else { return false }
        for i in nodes.indices {
            let a = nodes[i], b = doc.nodes[i]
            guard a.id == b.id, a.type == b.type, a.config == b.config else { return false }
        }
        return true
    }

    /// The scene of a document with the same structure (`sameStructure`): new places,
    /// labels and notes, with the types, outcomes, index and links kept.
    private func refreshPlaces(_ doc: FlowDocument) {
        nodes = doc.nodes
        for i in nodes.indices {
            documentRects[i].x = nodes[i].x ?? 0
            documentRects[i].y = nodes[i].y ?? 0
        }
        for l in links.indices { links[l].reach = Self.reach(documentRects[links[l].from], documentRects[links[l].to]) }
        linkIndex = LinkReachIndex(links.map(\.reach))
        notes = doc.notes.map { NoteLayout($0) }
    }

    private func rebuild(_ doc: FlowDocument, catalog: NodeCatalog) {
        nodes = doc.nodes
        connections = doc.connections
        types = []
        outcomes = []
        documentRects = []
        indexByID = [:]
        types.reserveCapacity(nodes.count)
        outcomes.reserveCapacity(nodes.count)
        documentRects.reserveCapacity(nodes.count)
        indexByID.reserveCapacity(nodes.count)
        for (i, node) in nodes.enumerated() {
            let type = catalog.type(node.type)
            let names = type?.outcomes(for: node) ?? []
            types.append(type)
            outcomes.append(names)
            documentRects.append(GridRect(x: node.x ?? 0, y: node.y ?? 0, width: NodeGeometry.width,
                                          height: NodeGeometry.height(outcomeCount: names.count)))
            if indexByID[node.id] == nil { indexByID[node.id] = i }
        }
        connectedOutcomes = Array(repeating: 0, count: nodes.count)
        links = []
        links.reserveCapacity(doc.connections.count)
        for c in doc.connections {
            // A connector naming a missing node or outcome cannot be drawn (the validator
            // reports it); skip it rather than guess.
            guard let f = indexByID[c.from], let t = indexByID[c.to],
                  let k = outcomes[f].firstIndex(of: c.outcome) else { continue }
            if k < 64 { connectedOutcomes[f] |= 1 << UInt64(k) }
            links.append(Link(connection: c, from: f, to: t, outcomeIndex: k,
                              reach: Self.reach(documentRects[f], documentRects[t])))
        }
        linkIndex = LinkReachIndex(links.map(\.reach))
        overrideLinks = nil
        notes = doc.notes.map { NoteLayout($0) }
    }
}
