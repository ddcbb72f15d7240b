@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 10's key path: the box and link indexes answer as the passes over the whole flow
/// they replaced did, and a large flow's first frame does not wait for its check.
@Suite struct CanvasKeyPathIndexTests {
    /// Nodes in a loose grid with some overlapping boxes (later ones drawn on top) and a
    /// branch (taller box), so "the last one holding the cell" matters.
    func crowded() -> FlowDocument {
        var doc = CanvasFixtures.grid(side: 9)
        doc.nodes[10].x = doc.nodes[9].x! + 10  // overlaps its left neighbour
        doc.nodes[40].y = doc.nodes[31].y! + 3  // overlaps the node above
        doc.nodes.append(FlowNode(id: "neg", type: "log", label: "Left of zero", x: -40, y: -12,
                                  config: ["logbook": "audit", "message": "m"]))
        return doc
    }

    /// The pass the index replaced: the last node in document order whose box holds `p`.
    func bruteForce(_ s: CanvasState, _ p: GridPoint) -> String? {
        s.document.nodes.last { s.rect(of: $0).contains(p) }?.id
    }

    func bruteForceZoomed(_ s: CanvasState) -> String? {
        let c = s.zoom.cell(of: s.cursor, origin: s.viewportOrigin)
        return s.document.nodes.last { n in
            let r = s.movingNodeID == n.id ? s.rect(of: n) : GridRect(x: n.x ?? 0, y: n.y ?? 0, width: NodeGeometry.width, height: 1)
            return s.zoom.span(of: r, origin: s.viewportOrigin).contains(c)
        }?.id
    }

    @Test func nodeUnderCursorMatchesAPassOverEveryNodeAtEveryZoomAndWhileMoving() {
        var s = CanvasState(document: crowded())
        s.viewportSize = (120, 40)
        var checked = 0
        for level in CanvasZoom.Level.allCases {
            s.zoom = .preset(level)
            for y in stride(from: -14, to: 80, by: 3) {
                for x in stride(from: -44, to: 330, by: 5) {
                    s.cursor = GridPoint(x, y)
                    let expected = level == .full ? bruteForce(s, s.cursor) : bruteForceZoomed(s)
                    #expect(s.nodeUnderCursor?.id == expected, "at \(x),\(y) \(level.name)")
                    if let i = s.nodeIndexUnderCursor { #expect(s.document.nodes[i].id == expected) }
                    if expected != nil { checked += 1 }
                }
            }
        }
        #expect(checked > 100)
        // While a node is moved it is where the cursor is, not where the index has it.
        s.zoom = .full
        s.focus(node: "n0-0")
        s.handle(.startMove)
        s.handle(.moveCursor(dx: 0, dy: 30))
        #expect(s.node(at: GridPoint(s.cursor.x + 1, s.cursor.y + 1))?.id == "n0-0")
        #expect(s.node(at: GridPoint(3, 3)) == nil, "its old place is empty while it moves")
    }

    @Test func overlapsFindsTheFirstBoxInDocumentOrderAsThePassDid() {
        let s = CanvasState(document: crowded())
        for y in stride(from: -14, to: 80, by: 4) {
            for x in stride(from: -44, to: 330, by: 7) {
                let r = GridRect(x: x, y: y, width: 26, height: 4)
                let padded = GridRect(x: r.x - 1, y: r.y, width: r.width + 2, height: r.height)
                let expected = s.document.nodes.first { $0.id != "n1-1" && s.rect(of: $0).intersects(padded) }?.id
                #expect(s.overlaps(r, except: "n1-1")?.id == expected, "at \(x),\(y)")
            }
        }
    }

    @Test func theIndexFollowsEditsUndoAndAReplacedFlow() {
        var s = CanvasState(document: crowded())
        #expect(s.node(at: GridPoint(3, 3))?.id == "n0-0")
        s.flow.moveNode("n0-0", to: (2, 200))
        #expect(s.node(at: GridPoint(3, 3)) == nil)
        #expect(s.node(at: GridPoint(3, 201))?.id == "n0-0")
        s.handle(.undo)
        #expect(s.node(at: GridPoint(3, 3))?.id == "n0-0")
        s.flow = EditableFlow(document: CanvasFixtures.grid(side: 2))
        #expect(s.node(at: GridPoint(3, 3))?.id == "n0-0")
        #expect(s.node(at: GridPoint(3 + 36 * 5, 3)) == nil)
    }

    @Test func framesDrawTheSameConnectorsAsBeforeAtEveryZoom() {
        // Every connector near the screen is drawn: compare with a view over the whole flow.
        let doc = CanvasFixtures.grid(side: 12)
        for level in CanvasZoom.Level.allCases {
            var s = CanvasState(document: doc)
            s.zoom = .preset(level)
            s.viewportOrigin = GridPoint(100, 20)
            let view = CanvasView()
            _ = CanvasFixtures.render(s, view: view, width: 100, height: 30)
            let visible = s.visibleGrid
            let expected = doc.connections.filter { c in
                guard let a = doc.node(withID: c.from), let b = doc.node(withID: c.to) else { return false }
                return s.rect(of: a).union(s.rect(of: b)).intersects(visible)
            }.count
            #expect(view.stats.connectorsDrawn >= expected, "\(level.name)")
            #expect(view.stats.connectorsDrawn > 0)
        }
    }

    @Test func theMinimapMovesADraggedNodesDotAsIfItHadBeenDropped() {
        let doc = CanvasFixtures.grid(side: 12)
        func map(_ s: CanvasState, _ view: CanvasView) -> String {
            var s = s
            s.viewportSize = (120, 40)
            var buf = CellBuffer(width: 120, height: 40)
            view.render(s, into: &buf, area: buf.bounds, theme: .standard)
            view.renderMinimap(s, into: &buf, area: buf.bounds, theme: .standard)
            let box = CanvasView.minimapRect(in: buf.bounds)!
            return buf.text().components(separatedBy: "\n")[box.y..<box.maxY].map { String($0.dropFirst(box.x)) }.joined(separator: "\n")
        }
        var s = CanvasState(document: doc)
        let view = CanvasView()
        let before = map(s, view)
        s.focus(node: "n0-0")
        s.handle(.startMove)
        s.handle(.moveCursor(dx: 36 * 5, dy: 8 * 10 + 4))  // into the empty row between rows 10 and 11
        let during = map(s, view)
        #expect(during != before)
        var dropped = CanvasState(document: doc)
        dropped.flow.moveNode("n0-0", to: (s.cursor.x, s.cursor.y))
        dropped.cursor = s.cursor
        dropped.viewportOrigin = s.viewportOrigin
        #expect(during == map(dropped, CanvasView()), "the same map as a fresh view of the dropped node")
        s.handle(.cancel)
        s.viewportOrigin = GridPoint(0, 0)
        #expect(map(s, view) == before)
    }

    @Test func aLargeFlowIsCheckedOnTheIdleTickAfterItsFirstFrame() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let big = CanvasFixtures.grid(side: 46)  // 2,116 nodes
        #expect(big.nodes.count > CanvasScreen.validateOnOpenUpTo)
        let id = try tw.workspace.createFlow(named: "Big", document: big).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        #expect(!s.findingsAreCurrent)
        #expect(renderFrame(s, 200, 60).text().contains("checking"))
        #expect(s.idleTickMs == CanvasScreen.validationIdleMs)
        _ = s.tick()
        #expect(s.findingsAreCurrent)
        let small = try tw.workspace.createFlow(named: "Small", document: CanvasFixtures.grid(side: 3)).id
        #expect(try CanvasScreen.open(workspace: tw.workspace, flow: small).findingsAreCurrent)
    }
}
