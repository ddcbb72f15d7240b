@testable import FlowCanvasView
import FlowKit
import Testing
@testable import FlowEditor

@Suite struct CanvasStateTests {
    func startOnly() -> FlowDocument {
        FlowDocument(name: "T", settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)]),
                     nodes: [FlowNode(id: "start", type: "start", label: "Inbound", x: 2, y: 2,
                                      config: ["trigger": "inbound-message", "channel": "sms", "address": "+1"])])
    }

    @Test func placeMoveConnectDeleteAndUndoToTheOriginal() throws {
        var s = CanvasState(document: startOnly())
        #expect(s.nodeUnderCursor?.id == "start")

        // Place a Send node to the right of Start.
        s.handle(.place(type: "send"))
        #expect(s.mode == .placing(type: "send"))
        s.handle(.jumpTo(GridPoint(40, 2)))
        s.handle(.confirm)
        #expect(s.mode == .normal)
        let send = try #require(s.document.nodes.first { $0.type == "send" })
        #expect((send.x, send.y) == (40, 2))
        #expect(s.nodeUnderCursor?.id == send.id, "cursor lands on the new node")

        // Move it down by keyboard; Esc would put it back, Enter drops.
        s.handle(.startMove)
        s.handle(.moveCursor(dx: 0, dy: 8))
        #expect(s.rect(of: s.document.node(withID: send.id)!).y == 10, "the moving node follows the cursor")
        #expect(s.document.node(withID: send.id)?.y == 2, "the document changes only on drop")
        s.handle(.confirm)
        #expect(s.document.node(withID: send.id)?.y == 10)

        // Connect Start.next → send.
        s.handle(.jumpTo(GridPoint(3, 3)))
        s.handle(.startConnect)
        #expect(s.mode == .connecting(from: "start", outcomes: ["next"], outcomeIndex: 0))
        s.handle(.jumpTo(GridPoint(41, 11)))
        s.handle(.confirm)
        #expect(s.document.connections == [Connection(from: "start", outcome: "next", to: send.id)])

        // Delete the node: its connector goes with it.
        s.handle(.delete)
        #expect(s.document.nodes.count == 1)
        #expect(s.document.connections.isEmpty)

        while s.flow.canUndo { s.handle(.undo) }
        #expect(s.document == startOnly())
    }

    @Test func dropOntoAnotherNodeIsRefused() {
        var s = CanvasState(document: startOnly())
        s.handle(.place(type: "end"))
        s.handle(.jumpTo(GridPoint(10, 3)))
        s.handle(.confirm)
        #expect(s.mode == .placing(type: "end"))
        #expect(s.message?.contains("overlap") == true)
        #expect(s.document.nodes.count == 1)
        s.handle(.cancel)
        #expect(s.mode == .normal)
    }

    @Test func placingOnANodeStartsTheGhostInTheNearestFreeSpot() throws {
        var s = CanvasState(document: startOnly())
        s.viewportSize = (100, 30)
        let start = s.rect(of: try #require(s.document.node(withID: "start")))
        let before = s.cursor
        #expect(s.nodeUnderCursor?.id == "start")
        s.handle(.place(type: "send"))
        let ghost = s.previewRect(type: "send", at: s.cursor)
        #expect(s.overlaps(ghost, except: nil) == nil, "the ghost does not start on the Start box")
        #expect(s.cursor.x == before.x && s.cursor.y == start.maxY + 1, "straight below Start, one free row between")
        s.handle(.confirm)
        #expect(s.mode == .normal, "Enter drops at once: \(s.message ?? "")")
        #expect(s.document.nodes.count == 2)

        // On empty canvas the ghost stays at the cursor.
        var t = CanvasState(document: startOnly())
        t.handle(.jumpTo(GridPoint(60, 20)))
        t.handle(.place(type: "end"))
        #expect(t.cursor == GridPoint(60, 20))
    }

    @Test func moveCancelPutsTheNodeBack() {
        var s = CanvasState(document: startOnly())
        s.handle(.startMove)
        s.handle(.moveCursor(dx: 30, dy: 5))
        s.handle(.cancel)
        #expect(s.document == startOnly())
        #expect(!s.flow.hasUnsavedChanges)
    }

    @Test func connectCyclesOutcomesStartingAtTheFirstUnconnected() throws {
        var doc = startOnly()
        doc.nodes.append(FlowNode(id: "api", type: "http-request", label: "API", x: 40, y: 2,
                                  config: ["method": "GET", "url": "http://x"]))
        doc.nodes.append(FlowNode(id: "ok", type: "end", label: "OK", x: 80, y: 2, config: ["outcome": "done"]))
        doc.connections = [Connection(from: "api", outcome: "success", to: "ok")]
        var s = CanvasState(document: doc)
        s.handle(.jumpTo(GridPoint(41, 3)))
        s.handle(.startConnect)
        #expect(s.mode == .connecting(from: "api", outcomes: ["success", "error", "timeout"], outcomeIndex: 1))
        s.handle(.nextOutcome)
        #expect(s.mode == .connecting(from: "api", outcomes: ["success", "error", "timeout"], outcomeIndex: 2))
        s.handle(.jumpTo(GridPoint(3, 3)))
        s.handle(.confirm)
        #expect(s.message?.contains("Start") == true, "nothing connects into Start")
        s.handle(.jumpTo(GridPoint(81, 3)))
        s.handle(.confirm)
        #expect(s.document.connections.contains(Connection(from: "api", outcome: "timeout", to: "ok")))
    }

    @Test func findMatchesLabelsIdsTypesAndConfigAndCycles() {
        var doc = startOnly()
        doc.nodes.append(FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 40, y: 2,
                                  config: ["url": "https://api.example.com/orders"]))
        doc.nodes.append(FlowNode(id: "tell", type: "send", label: "Tell customer", x: 40, y: 20,
                                  config: ["message": "Your order is late"]))
        #expect(CanvasState.find("order", in: doc) == ["lookup", "tell"])
        #expect(CanvasState.find("HTTP", in: doc) == ["lookup"])
        var s = CanvasState(document: doc)
        s.handle(.startFind)
        for ch in "order" { s.handle(.findInput(String(ch))) }
        #expect(s.highlighted == "lookup")
        s.handle(.findNext)
        #expect(s.highlighted == "tell")
        #expect(s.nodeUnderCursor?.id == "tell")
        s.handle(.findNext)
        #expect(s.highlighted == "lookup", "cycles")
    }

    @Test func readOnlyRefusesEdits() {
        var s = CanvasState(document: startOnly(), readOnly: true)
        s.handle(.delete)
        s.handle(.place(type: "send"))
        s.handle(.startMove)
        #expect(s.document == startOnly())
        #expect(s.mode == .normal)
        #expect(s.message?.contains("read-only") == true)
    }
}
