@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
import TestSupport
import Foundation
@testable import FlowEditor

/// Golden screens of the canvas renderer, plus checks on the styles of key cells.
@Suite struct CanvasViewTests {
    typealias F = CanvasFixtures

    @Test func smallFlowReadsWell() throws {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(40, 30)  // on empty canvas, off screen: nothing selected
        let buf = F.render(state, width: 100, height: 30)
        assertCanvasGolden(buf, "canvas-order-status")
        // Every connector ends in an arrowhead just left of its target's label row.
        #expect(F.find("▶", in: buf).count == 5, "six connectors, two share sorry's entry")
        // The port of a connected outcome joins the border; an unconnected one does not.
        let replyTop = 2, replyRight = 68 + 25
        #expect(buf[replyRight, replyTop + 2].character == "├", "reply.sent is connected")
        #expect(buf[replyRight, replyTop + 3].character == "│", "reply.failed is not")
        #expect(buf[replyRight - 2, replyTop + 3].style == Theme.standard.nodeBox)
    }

    @Test func nodeUnderCursorIsSelectedAndEmptyCursorIsShown() {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(40, 4)  // inside lookup
        var buf = F.render(state, width: 100, height: 30)
        #expect(buf[34, 2].character == "┏", "selected box is drawn heavy")
        #expect(buf[34, 2].style == Theme.standard.selected)
        #expect(buf[2, 2].character == "┌", "others stay single")

        state.cursor = GridPoint(30, 15)
        buf = F.render(state, width: 100, height: 30)
        #expect(buf[30, 15].style.attributes.contains(.reverse), "cursor on empty canvas is shown reversed")
        #expect(buf[34, 2].character == "┌")
    }

    @Test func highlightedAndActiveNodesStandOut() {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(0, 29)
        state.highlighted = "sorry"
        let buf = F.render(state, width: 100, height: 30, decorations: CanvasDecorations(activeNode: "reply"))
        #expect(buf[68, 11].character == "╔" && buf[68, 11].style == Theme.standard.highlight)
        #expect(buf[68, 2].character == "╔" && buf[68, 2].style == Theme.standard.added)
    }

    @Test func crossingConnectorsDoNotReadAsJoins() throws {
        // a → d runs left to right; b → c must come down across it.
        let doc = FlowDocument(
            name: "Cross", settings: { var s = F.settings(); s.logbooks = ["audit"]; return s }(),
            nodes: [F.log("a", 2, 8), F.log("d", 66, 8), F.log("b", 34, 1), F.log("c", 34, 15)],
            connections: [Connection(from: "a", outcome: "next", to: "d"), Connection(from: "b", outcome: "next", to: "c")])
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 23)
        let view = CanvasView()
        let buf = F.render(state, view: view, width: 96, height: 24)
        assertCanvasGolden(buf, "canvas-crossing")
        let ad = try #require(view.router.cachedRoute(doc.connections[0]))
        let bc = try #require(view.router.cachedRoute(doc.connections[1]))
        let shared = Set(ad.cells).intersection(bc.cells)
        #expect(!shared.isEmpty, "the fixture must make the two lines cross")
        for p in shared {
            let ch = buf[p.x, p.y].character
            #expect(ch == "─" || ch == "│", "crossing at \(p) drawn as \(ch), which reads as a join")
        }
        #expect(F.find("┼", in: buf).isEmpty)
    }

    @Test func backEdgeAndSelfLoop() {
        let doc = FlowDocument(
            name: "Loops", settings: F.settings(),
            nodes: [F.start(2, 3), FlowNode(id: "ask", type: "receive", label: "Wait for reply", x: 36, y: 3,
                                            config: ["channel": "sms", "timeoutSeconds": 20]),
                    F.send("nudge", "Nudge", 36, 13)],
            connections: [Connection(from: "start", outcome: "next", to: "ask"),
                          Connection(from: "ask", outcome: "timeout", to: "ask"),
                          Connection(from: "ask", outcome: "received", to: "nudge"),
                          Connection(from: "nudge", outcome: "sent", to: "start")])
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 23)
        let buf = F.render(state, width: 80, height: 24)
        assertCanvasGolden(buf, "canvas-loops")
        #expect(F.find("▶", in: buf).count == 3, "start, ask (twice: start and its own loop), nudge")
    }

    @Test func badgesFromAValidationReport() {
        var doc = F.orderStatus()
        doc.nodes[2].config["message"] = ""  // reply: missing message → error
        doc.nodes[4].config = [:]            // done: end without outcome → warning
        let report = Validator().validate(doc)
        let decorations = CanvasDecorations(report: report)
        #expect(decorations.severities["reply"] == .error)
        #expect(decorations.severities["done"] == .warning)
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 29)
        let buf = F.render(state, width: 100, height: 30, decorations: decorations)
        assertCanvasGolden(buf, "canvas-badges")
        #expect(buf[68 + 23, 3].character == "✖")
        #expect(buf[68 + 23, 3].style == Theme.standard.error)
        #expect(buf[34 + 23, 21].character == "▲")
        #expect(buf[34 + 23, 21].style == Theme.standard.warning)
        #expect(buf[2 + 23, 3].character == " ", "start has no finding")
    }

    @Test func unknownTypeAndLongLabels() {
        let doc = FlowDocument(
            name: "Odd", settings: F.settings(),
            nodes: [FlowNode(id: "crm", type: "integration:salesforce", label: "Look up the account in the CRM system", x: 1, y: 1),
                    F.end("bye", "Bye", nil, 30, 1),
                    FlowNode(id: "hang", type: "disconnect", label: "Hang up", x: 1, y: 7)])
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 11)
        let buf = F.render(state, width: 60, height: 12)
        assertCanvasGolden(buf, "canvas-unknown-and-terminals")
    }

    @Test func asciiFallbackUsesOnlyAscii() {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(40, 4)
        let buf = F.render(state, width: 100, height: 30, glyphs: .ascii,
                           decorations: CanvasDecorations(severities: ["reply": .error, "done": .warning]))
        assertCanvasGolden(buf, "canvas-order-status-ascii")
        let text = buf.text()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII cell in the ASCII fallback")
    }

    /// The golden holds the styles too: the same characters with the selected node drawn
    /// plain fail the comparison, where a text-only golden would have passed.
    @Test func droppingTheSelectedNodesHighlightFailsTheGolden() throws {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(40, 4)  // inside lookup: selected (as in canvas-order-status-ascii)
        var buf = F.render(state, width: 100, height: 30, glyphs: .ascii,
                           decorations: CanvasDecorations(severities: ["reply": .error, "done": .warning]))
        let golden = try String(contentsOf: GoldenFile.directory(besides: #filePath)
            .appendingPathComponent("canvas-order-status-ascii.txt"), encoding: .utf8)
        #expect(GoldenFile.mismatch(expected: golden, actual: buf.snapshot().description + "\n") == nil)

        let selected = Theme.standard.selected
        let highlighted = (0..<buf.height).flatMap { y in (0..<buf.width).map { Point(x: $0, y: y) } }
            .filter { buf[$0.x, $0.y].style == selected }
        try #require(!highlighted.isEmpty, "the selected node is drawn in the selection style")
        for p in highlighted { buf.restyle(Rect(x: p.x, y: p.y, width: 1, height: 1)) { _ in .plain } }

        let unhighlighted = buf.snapshot().description + "\n"
        #expect(unhighlighted.hasPrefix(buf.text() + "\n") && golden.hasPrefix(buf.text() + "\n"),
                "the characters are unchanged")
        let failure = try #require(GoldenFile.mismatch(expected: golden, actual: unhighlighted))
        #expect(failure.hasPrefix("the characters match; the styles differ"))
    }

    @Test func notesShowMarkdownAsAttributes() throws {
        var doc = F.orderStatus()
        doc.notes = [FlowNote(id: "note-1", text: "Orders API: **v2** only. See [the docs](https://example.com) *first*",
                              node: "lookup", x: 34, y: 10),
                     FlowNote(id: "note-2", text: "Flow note", node: nil, x: 2, y: 10)]
        var state = CanvasState(document: doc)
        state.cursor = GridPoint(0, 29)
        let view = CanvasView()
        let buf = F.render(state, view: view, width: 100, height: 30)
        assertCanvasGolden(buf, "canvas-notes")
        #expect(buf[34, 10].character == "╭", "notes use rounded corners, unlike nodes")
        #expect(buf[34, 10].style == Theme.standard.dimText)
        let row = 11
        let v2 = try #require(F.column(of: "v2", row: row, in: buf))
        #expect(buf[v2, row].style.attributes.contains(.bold))
        #expect(!buf[v2 - 2, row].style.attributes.contains(.bold))
        // "the docs" is a link; wrapping may split it, both words stay underlined.
        for word in ["the", "docs"] {
            let r = try #require((11...14).first { F.column(of: " \(word) ", row: $0, in: buf) != nil })
            let c = try #require(F.column(of: " \(word) ", row: r, in: buf)) + 1
            for x in c..<(c + word.count) { #expect(buf[x, r].style.attributes.contains(.underline), "\(word) underlined at \(x)") }
        }
        #expect(!buf.text().contains("example.com"), "the URL is not shown")
        let firstRow = try #require((11...14).first { F.column(of: "first", row: $0, in: buf) != nil })
        #expect(buf[F.column(of: "first", row: firstRow, in: buf)!, firstRow].style.attributes.contains(.italic))
        #expect(view.note(at: GridPoint(36, 11)) == "note-1")
    }

    @Test func placingShowsAGhostAtTheCursor() {
        var state = CanvasState(document: F.orderStatus())
        state.viewportSize = (100, 30)
        state.handle(.place(type: "delay"))
        state.handle(.jumpTo(GridPoint(2, 11)))
        var buf = F.render(state, width: 100, height: 30)
        assertCanvasGolden(buf, "canvas-placing")
        #expect(buf[2, 11].style == Theme.standard.ghost)
        // Over another box the ghost turns red: the drop would be refused.
        state.handle(.jumpTo(GridPoint(30, 3)))
        buf = F.render(state, width: 100, height: 30)
        #expect(buf[30, 3].style == Theme.standard.error)
    }

    @Test func connectingShowsThePortAndARubberBand() {
        var doc = F.orderStatus()
        doc.connections.removeAll { $0.from == "reply" }
        var state = CanvasState(document: doc)
        state.viewportSize = (100, 30)
        state.handle(.jumpTo(GridPoint(70, 3)))
        state.handle(.startConnect)
        #expect(state.mode == .connecting(from: "reply", outcomes: ["sent", "failed"], outcomeIndex: 0))
        state.handle(.jumpTo(GridPoint(40, 21)))  // over "done"
        var buf = F.render(state, width: 100, height: 30)
        assertCanvasGolden(buf, "canvas-connecting")
        #expect(buf[68 + 25, 4].style == Theme.standard.connectorSelected, "the chosen port is highlighted")
        #expect(buf[33, 21].character == "▶" && buf[33, 21].style == Theme.standard.connectorSelected)
        // Over empty canvas the band ends at the cursor.
        state.handle(.jumpTo(GridPoint(96, 16)))
        buf = F.render(state, width: 100, height: 30)
        #expect(buf[96, 16].style.attributes.contains(.reverse))
        #expect(buf[95, 16].character == "─" || buf[96, 16].character == "▶")
    }

    @Test func movingNodeFollowsTheCursorAndItsConnectorsFollow() {
        var state = CanvasState(document: F.orderStatus())
        state.viewportSize = (100, 30)
        state.handle(.jumpTo(GridPoint(70, 12)))  // on sorry
        state.handle(.startMove)
        state.handle(.moveCursor(dx: 0, dy: 2))
        let view = CanvasView()
        let buf = F.render(state, view: view, width: 100, height: 30)
        #expect(buf[68, 13].character == "┏", "dragged box drawn at the cursor")
        let entry = ConnectorRouter.entry(of: GridRect(x: 68, y: 13, width: 26, height: 5))
        #expect(view.router.cachedRoute(Connection(from: "lookup", outcome: "error", to: "sorry"))?.cells.last == entry)
        #expect(buf[entry.x, entry.y].character == "▶")
    }

    @Test func selectedConnectionAndHitTest() throws {
        var state = CanvasState(document: F.orderStatus())
        state.cursor = GridPoint(0, 29)
        let view = CanvasView()
        let c = Connection(from: "reply", outcome: "sent", to: "done")
        let buf = F.render(state, view: view, width: 100, height: 30, decorations: CanvasDecorations(selectedConnection: c))
        let route = try #require(view.router.cachedRoute(c))
        let mid = route.cells[route.cells.count / 2]
        #expect(view.connection(at: mid) == c)
        #expect(buf[mid.x, mid.y].style == Theme.standard.connectorSelected)
        #expect(view.connection(at: GridPoint(0, 29)) == nil)
    }
}
