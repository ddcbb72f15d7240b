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

    /// What the scene was built from: a generation alone is not enough when a view is
    /// handed a different flow whose counter happens to match.
    private var key: (generation: Int, nodesBuffer: UnsafeRawPointer?, nodeCount: Int, linkCount: Int, noteCount: Int)?

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
        if let k = key, k.generation == newKey.generation, k.nodesBuffer == newKey.nodesBuffer,
           k.nodeCount == newKey.nodeCount, k.linkCount == newKey.linkCount, k.noteCount == newKey.noteCount {
            // Same document: only a dragged node can have moved.
        } else if let k = key, k.nodeCount == newKey.nodeCount, k.noteCount == newKey.noteCount, sameStructure(doc) {
            refreshPlaces(doc)
            key = newKey
            changed = true
            placesOnly = true
        } else {
            rebuild(doc, catalog: state.catalog)
            key = newKey
            changed = true
        }
        let previous = override
        override = nil
        if case .moving(let id, _) = state.mode, let i = indexByID[id] {
            override = (i, state.rect(of: nodes[i]))
        }
        if placesOnly {
            // The same nodes and connectors: no box or route to drop.
            syncRouter(router, liveNodes: nil)
        } else if changed {
            syncRouter(router, liveNodes: Set(nodes.map(\.id)))
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
        notes = doc.notes.map { NoteLayout($0) }
    }
}
