@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 11 on the canvas screen, driven by keys against a real workspace: choosing nodes,
/// the operations on them (each ONE undoable edit: one `u` restores the starting document),
/// the clipboard with its OSC 52 output, bracketed paste, search filters and `:replace`.
@Suite struct SelectionScenarioTests {
    /// start → lookup → reply → done, lookup.error → sorry; reply uses $(lookup.body);
    /// a note on lookup and a note on the canvas.
    static let document = FlowDocument(
        name: "Orders",
        settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 32, y: 2,
                     config: ["method": "GET", "url": "https://shop.example/orders"]),
            FlowNode(id: "reply", type: "send", label: "Tell order", x: 62, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Your order: $(lookup.body)"]),
            FlowNode(id: "done", type: "end", label: "Resolved", x: 92, y: 2, config: ["outcome": "resolved"]),
            FlowNode(id: "sorry", type: "send", label: "Sorry", x: 62, y: 12,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "No order found"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "lookup"),
            Connection(from: "lookup", outcome: "success", to: "reply"),
            Connection(from: "lookup", outcome: "error", to: "sorry"),
            Connection(from: "reply", outcome: "sent", to: "done"),
        ],
        notes: [
            FlowNote(id: "why", text: "order API is slow", node: "lookup", x: 32, y: 10),
            FlowNote(id: "todo", text: "add a retry", x: 2, y: 20),
        ])

    static func open(_ tw: TempWorkspace, _ doc: FlowDocument = document, name: String = "Orders",
                     navigator: EditorNavigator? = nil) throws -> CanvasScreen {
        let id = try tw.workspace.createFlow(named: name, document: doc).id
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id, navigator: navigator)
        _ = frameText(s, 140, 40)
        return s
    }

    @Test func rectangleSpaceCtrlAAndEscChooseNodesAndNotes() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        s.state.cursor = GridPoint(1, 2)
        s.send(.char("v"))
        #expect(s.state.selection.anchor == GridPoint(1, 2))
        // 33 cells right reaches lookup's box (x 32); start is on the anchor's row.
        s.send(Array(repeating: Event.key(.right), count: 33))
        #expect(s.state.selection.nodes == ["start", "lookup"])
        s.send(.key(.enter))
        #expect(s.state.selection.anchor == nil && s.state.selection.nodes == ["start", "lookup"], "Enter closes, keeps")
        #expect(frameText(s, 140, 40).contains("2 selected"))
        // Space toggles the node under the cursor: reply in, lookup out.
        s.state.focus(node: "reply")
        s.send(.char(" "))
        s.state.focus(node: "lookup")
        s.send(.char(" "))
        #expect(s.state.selection.nodes == ["start", "reply"])
        // Space on a note chooses the note.
        s.state.cursor = GridPoint(4, 21)
        s.send(.char(" "))
        #expect(s.state.selection.notes == ["todo"])
        s.send(.ctrl("a"))
        #expect(s.state.selection.nodes.count == 5 && s.state.selection.notes == ["why", "todo"])
        #expect(frameText(s, 140, 40).contains("7 selected"))
        s.send(.key(.escape))
        #expect(s.state.selection.isEmpty && !frameText(s, 140, 40).contains("selected"))
    }

    @Test func moveTogetherIsOneEditAndConnectorsFollow() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["reply", "done"])
        s.state.focus(node: "reply")
        s.send(.char("m"))
        #expect(s.state.mode.name == "MOVE")
        s.send(.key(.down), .key(.down), .key(.down), .key(.enter))
        #expect(s.state.mode == .normal)
        #expect(s.document.node(withID: "reply")?.y == 5 && s.document.node(withID: "done")?.y == 5)
        #expect(s.document.node(withID: "lookup")?.y == 2, "unselected nodes stay")
        #expect(s.document.connections == original.connections)
        #expect(s.state.flow.undoName == "move 2 selected")
        s.send(.char("u"))
        #expect(s.document == original, "one undo puts both back")
        #expect(!s.state.flow.canUndo, "the gesture's steps were one edit")
    }

    @Test func moveTogetherRefusesAnOverlappingDropAndEscPutsBack() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["reply", "done"])
        s.state.focus(node: "reply")
        s.send(.char("m"))
        // Down 10 puts reply onto sorry (y 12): refused, back at the last free offset, still moving.
        s.send(Array(repeating: Event.key(.down), count: 10))
        s.send(.key(.enter))
        #expect(s.state.mode.name == "MOVE")
        #expect(s.message?.contains("cannot drop here") == true)
        #expect(s.message?.contains("Sorry") == true)
        let y = try #require(s.document.node(withID: "reply")?.y)
        #expect(y <= 7, "back where it last fitted, above sorry (reply is 5 rows tall)")
        // Keys other than movement are refused while moving.
        s.send(.char("x"))
        #expect(s.document.node(withID: "reply") != nil && s.message?.contains("moving 2 selected") == true)
        s.send(.key(.escape))
        #expect(s.document == original && s.state.mode == .normal)
        #expect(!s.state.flow.canUndo && !s.state.flow.canRedo, "a cancelled move leaves no history")
    }

    @Test func deleteSelectionTakesConnectorsAndNotesInOneEdit() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["lookup", "todo"])
        s.send(.char("x"))
        #expect(s.document.node(withID: "lookup") == nil)
        #expect(!s.document.connections.contains { $0.from == "lookup" || $0.to == "lookup" })
        #expect(s.document.notes.isEmpty, "the attached note and the chosen note both go")
        #expect(s.message == "deleted 1 node and 1 note (u to undo)")
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func copyWritesAFragmentAndOSC52AndPasteRenamesAndRewrites() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["lookup", "reply"])
        s.send(.char("y"))
        #expect(s.message?.contains("copied 2 nodes (3 connectors to nodes outside left out)") == true)
        let text = try #require(s.clipboard.text)
        let fragment = try FlowCodec.importDocument(Data(text.utf8))
        #expect(fragment.nodes.map(\.id) == ["lookup", "reply"])
        #expect(fragment.connections == [Connection(from: "lookup", outcome: "success", to: "reply")])
        #expect(fragment.notes.map(\.id) == ["why"])
        // The OSC 52 sequence carries the same text, base64, once.
        let osc = try #require(s.takeTerminalOutput())
        #expect(osc.hasPrefix("\u{1B}]52;c;") && osc.hasSuffix("\u{07}"))
        let b64 = String(osc.dropFirst("\u{1B}]52;c;".count).dropLast())
        #expect(String(data: try #require(Data(base64Encoded: b64)), encoding: .utf8) == text)
        #expect(s.takeTerminalOutput() == nil)
        #expect(s.document == original, "copy changes nothing")

        // Paste below the flow: fresh ids, the internal connector kept, references rewritten.
        s.send(.key(.escape))
        s.state.cursor = GridPoint(32, 30)
        s.send(.char("p"))
        let doc = s.document
        #expect(doc.nodes.count == 7)
        #expect(doc.node(withID: "lookup-2")?.x == 32 && doc.node(withID: "lookup-2")?.y == 30)
        #expect(doc.node(withID: "reply-2")?.config["message"] == "Your order: $(lookup-2.body)")
        #expect(doc.connections.contains(Connection(from: "lookup-2", outcome: "success", to: "reply-2")))
        #expect(doc.connections.count == 5)
        #expect(doc.notes.contains { $0.node == "lookup-2" })
        #expect(s.state.selection.nodes == ["lookup-2", "reply-2"], "what arrived is selected")
        #expect(s.message == "pasted 2 nodes (2 renamed) (3 connectors to nodes outside the copy dropped) (u to undo)")
        s.send(.char("u"))
        #expect(s.document == original)
        #expect(s.state.selection.isEmpty && !frameText(s, 140, 40).contains("selected"), "the undone paste leaves no selection")
    }

    /// A paste onto boxes lands straight below them, where it fits, never on top.
    @Test func pasteOntoBoxesLandsBelowThemWhereItFits() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["lookup", "reply"])
        s.send(.char("y"))
        s.send(.key(.escape))
        s.state.cursor = GridPoint(60, 3)  // on "Tell order", with "Sorry" below it
        s.send(.char("p"))
        let doc = s.document
        #expect(doc.nodes.count == 7)
        #expect(LayoutQuality.overlaps(doc) == 0, "no pasted box sits on another")
        let pasted = try #require(doc.node(withID: "lookup-2")), sorry = try #require(doc.node(withID: "sorry"))
        #expect(pasted.x == 60 && pasted.y! > sorry.y!, "straight down, past Sorry")
        #expect(s.message?.contains("rows below the cursor, where they fit") == true, "\(s.message ?? "")")
        #expect(doc.notes.first { $0.node == "lookup-2" }.map { $0.y > pasted.y! } == true, "its note came along")
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func cutAndDuplicateAreOneEditEach() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        s.state.select(["reply", "done"])
        s.send(.char("D"))
        #expect(s.document.nodes.count == 7)
        let copies = s.document.nodes.suffix(2)
        #expect(copies.map(\.id) == ["reply-2", "done-2"])
        #expect(copies.allSatisfy { $0.y == 2 + 6 + AutoLayout.rowGap || $0.y! > 2 }, "below the originals")
        #expect(s.document.connections.contains(Connection(from: "reply-2", outcome: "sent", to: "done-2")))
        #expect(s.clipboard.text == nil, "duplicate leaves the clipboard alone")
        s.send(.char("u"))
        #expect(s.document == original)

        s.state.select(["reply", "done"])
        s.send(.char("d"))
        #expect(s.document.node(withID: "reply") == nil && s.document.node(withID: "done") == nil)
        #expect(s.clipboard.text?.contains("\"reply\"") == true)
        #expect(s.state.flow.undoName == "cut 2 nodes")
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func alignAndTidyMoveOnlyTheSelection() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = Self.document
        doc.nodes[4].x = 70  // sorry, off reply's column
        let s = try Self.open(tw, doc)
        let original = s.document
        s.state.select(["reply", "sorry"])
        s.perform(.alignLeft)
        #expect(s.document.node(withID: "sorry")?.x == 62 && s.document.node(withID: "reply")?.x == 62)
        #expect(s.message == "align left: 2 nodes (u to undo)")
        s.send(.char("u"))
        #expect(s.document == original)

        // Align top would stack reply and sorry on one row at overlapping x: refused, nothing changes.
        s.perform(.alignTop)
        #expect(s.message?.contains("refused") == true && s.document == original)

        // Tidy: lookup, reply, sorry laid out alone, at the selection's top-left; start and done stay.
        s.state.select(["lookup", "reply", "sorry"])
        s.perform(.tidy)
        let after = s.document
        #expect(after.node(withID: "start") == original.node(withID: "start"))
        #expect(after.node(withID: "done") == original.node(withID: "done"))
        #expect(after.node(withID: "lookup")?.x == 32, "at the selection's left edge (lower when done's box is in the way)")
        #expect(after.node(withID: "reply")?.y == after.node(withID: "lookup")?.y, "reply on its parent's row")
        #expect(LayoutQuality.overlaps(after) == 0)
        #expect(s.state.flow.undoName == "tidy 3 selected")
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func bracketedPasteOfAFragmentInvalidTextAndRefusedTypes() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document

        s.send(.paste("hello, this is not JSON"))
        #expect(s.document == original)
        #expect(s.message?.hasPrefix("paste: not a flowcanvas/1 fragment") == true)

        let voice = FlowDocument(name: "v", kind: .voice, nodes: [FlowNode(id: "menu", type: "collect-input", label: "Menu", x: 0, y: 0)])
        s.send(.paste(FlowCodec.exportJSON(voice)))
        #expect(s.document == original)
        #expect(s.message?.contains("Collect Input") == true || s.message?.contains("collect-input") == true)

        let part = FlowFragment.extract(["sorry"], from: original).fragment
        s.state.cursor = GridPoint(2, 30)
        s.send(.paste(FlowCodec.exportJSON(part)))
        #expect(s.document.node(withID: "sorry-2")?.y == 30)
        s.send(.char("u"))
        #expect(s.document == original)
    }

    @Test func searchFiltersListResultsAndSelectThem() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        var doc = Self.document
        doc.connections.removeAll { $0.outcome == "error" }  // lookup.error goes nowhere; sorry unreachable
        let s = try Self.open(tw, doc)
        s.send(.char("/"))
        s.type("is:unconnected")
        guard case .finding(_, let matches, _) = s.state.mode else { Issue.record("not finding"); return }
        #expect(matches == ["lookup", "reply", "sorry"], "lookup.error, reply.failed and sorry's outcomes go nowhere")
        let frame = frameText(s, 140, 40)
        #expect(frame.contains("3 results") && frame.contains("Find order (lookup)"))
        s.send(.ctrl("a"))
        #expect(s.state.mode == .normal && s.state.selection.nodes == ["lookup", "reply", "sorry"])

        s.send(.key(.escape), .char("/"))
        s.type("is:unreachable type:send")
        s.send(.key(.enter))
        #expect(s.state.searchResults == ["sorry"] && s.state.nodeUnderCursor?.id == "sorry")

        s.send(.char("/"))
        s.type("order")
        s.send(.key(.enter))
        #expect(s.state.searchResults == ["lookup", "reply", "sorry"], "sorry says \"No order found\"")
        s.send(.ctrl("n"))
        #expect(s.state.nodeUnderCursor?.id == "reply")
        s.send(.ctrl("n"))
        #expect(s.state.nodeUnderCursor?.id == "sorry")
        s.send(.ctrl("p"))
        #expect(s.state.nodeUnderCursor?.id == "reply")

        s.send(.char("/"))
        s.type("is:broken")
        #expect(frameText(s, 140, 40).contains("is:broken is not a filter"))
        s.send(.key(.escape))

        s.perform(.select(query: "uses:lookup"))
        #expect(s.state.selection.nodes == ["reply"])
        s.perform(.select(query: "retry"))
        #expect(s.state.selection.notes == ["todo"], "free text finds a flow-level note")
    }

    @Test func matchesAreMarkedAtEveryZoomAndInTheMinimap() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        s.send(.char("/"))
        s.type("type:send")
        s.send(.key(.enter))
        #expect(s.state.searchResults == ["reply", "sorry"])
        s.state.cursor = GridPoint(3, 3)
        s.state.viewportOrigin = GridPoint(0, 0)
        let full = frameText(s, 200, 40)
        #expect(full.contains("╭ TX Send Message") && full.contains("┌ HT HTTP Request"), "matches rounded, others single")
        // Overview: a match's cells are underlined (its finding mark too), the others not.
        s.send(.char("-"), .char("-"))
        let frame = renderFrame(s, 200, 40)
        let underlined = (0..<frame.height).flatMap { y in (0..<frame.width).map { (x: $0, y: y) } }
            .filter { frame[$0.x, $0.y].style.attributes.contains(.underline) }
        #expect(underlined.count >= 2, "reply and sorry")
        // The minimap marks them in the highlight colour.
        s.send(.char("+"), .char("+"), .char("M"))
        let map = renderFrame(s, 200, 40)
        let box = try #require(CanvasView.minimapRect(in: Pane.contentRect(of: s.canvasRect)))
        var marked = 0
        for y in box.y..<box.maxY { for x in box.x..<box.maxX where map[x, y].style.attributes.contains(.underline) { marked += 1 } }
        #expect(marked >= 1)
        s.send(.key(.escape))
        #expect(s.state.searchResults.isEmpty)
    }

    @Test func replacePreviewsThenAppliesAsOneEdit() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        let original = s.document
        guard case .success(let action) = EditorActions.parse("replace order purchase") else { Issue.record("no parse"); return }
        s.perform(action)
        #expect(s.modalName == "replace")
        let frame = frameText(s, 140, 40)
        #expect(frame.contains("6 changes"))
        #expect(frame.contains("lookup · label: \"Find order\" → \"Find purchase\""))
        #expect(frame.contains("reply · message: \"Your order: $(lookup.body)\" → \"Your purchase: $(lookup.body)\"") ||
                frame.contains("reply · message"))
        #expect(s.document == original, "a preview changes nothing")
        s.send(.key(.enter))
        #expect(s.document.node(withID: "lookup")?.label == "Find purchase")
        #expect(s.document.node(withID: "reply")?.label == "Tell purchase")
        #expect(s.document.notes.first { $0.id == "why" }?.text == "purchase API is slow")
        #expect(s.document.node(withID: "lookup")?.config["url"] == "https://shop.example/purchases")
        s.send(.char("u"))
        #expect(s.document == original)

        s.perform(action)
        s.send(.key(.escape))
        #expect(s.document == original && s.message == "replace: nothing changed")
        #expect(EditorActions.parse("replace onlyone") != .success(.replace(old: "onlyone", new: "")))
        #expect(EditorActions.parse("replace \"Find order\" \"\"") == .success(.replace(old: "Find order", new: "")))
    }

    @Test func copyInOneFlowPastesInAnotherThroughTheNavigatorsClipboard() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let nav = EditorNavigator()
        let a = try Self.open(tw, navigator: nav)
        a.state.select(["start", "lookup", "reply"])
        a.send(.char("y"))
        #expect(nav.takeTerminalOutput()?.hasPrefix("\u{1B}]52;c;") == true)
        let b = try Self.open(tw, FlowDocument(name: "Other", nodes: []), name: "Other", navigator: nav)
        b.send(.char("p"))
        #expect(Set(b.document.nodes.map(\.id)) == ["start", "lookup", "reply"], "no collisions: ids kept")
        #expect(b.document.connections.count == 2)
    }

    @Test func theRunLoopWritesOSC52ThroughTheBackend() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try Self.open(tw)
        s.state.focus(node: "lookup")
        let backend = TestBackend(width: 120, height: 36, script: [.char("y"), .ctrl("c")])
        _ = TerminalApp(backend: backend).run(root: s)
        #expect(backend.rawWrites.count == 1)
        #expect(backend.rawWrites.first?.hasPrefix("\u{1B}]52;c;") == true)
    }

    @Test func readOnlyVersionsCopyButRefuseEdits() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.workspace.createFlow(named: "Orders", document: Self.document).id
        let s = CanvasScreen(workspace: tw.workspace, flowID: id, flowName: "Orders", document: Self.document, revision: 1,
                             source: .version(1, isLive: true))
        s.send(.ctrl("a"))
        s.send(.char("y"))
        #expect(s.clipboard.text != nil)
        s.send(.char("x"))
        s.send(.char("d"))
        s.send(.char("D"))
        #expect(s.document == Self.document)
    }
}
