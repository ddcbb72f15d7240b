@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 10: zoom levels, fit, panning and jumps, driven by keys through the canvas screen.
@Suite struct CanvasNavigationTests {
    func gridScreen(_ tw: TempWorkspace, side: Int) throws -> CanvasScreen {
        let id = try tw.flow("Grid")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.flow.reset(to: CanvasFixtures.grid(side: side))
        s.state.focus(node: "n0-0")
        return s
    }

    @Test func zoomOutKeepsTheNodeUnderTheCursorInPlace() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 6)
        _ = frameText(s, 200, 60)
        s.state.focus(node: "n2-2")
        _ = frameText(s, 200, 60)
        let before = s.state.zoom.cell(of: s.state.cursor, origin: s.state.viewportOrigin)
        s.send(.char("-"))
        #expect(s.state.zoom == .compact)
        #expect(s.state.nodeUnderCursor?.id == "n2-2")
        #expect(s.state.zoom.cell(of: s.state.cursor, origin: s.state.viewportOrigin) == before)
        s.send(.char("-"))
        #expect(s.state.zoom == .overview && s.state.nodeUnderCursor?.id == "n2-2")
        s.send(.char("-"))
        #expect(s.state.zoom == .overview && s.message?.contains("already") == true)
        s.send(.char("+"), .char("+"))
        #expect(s.state.zoom == .full && s.state.nodeUnderCursor?.id == "n2-2")
    }

    @Test func fitShowsTheWholeFlowAndPressingAgainReturns() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 12)  // 12×36 = 432 columns wide
        _ = frameText(s, 200, 60)
        let place = s.state.place
        s.send(.char("="))
        #expect(s.state.zoom.level != .full)
        let grid = s.state.visibleGrid
        for n in s.document.nodes { #expect(grid.contains(GridPoint(n.x!, n.y!)), "\(n.id) is on screen after =") }
        let text = frameText(s, 200, 60)
        #expect(text.contains(s.state.zoom.name) && text.contains("node "))
        s.send(.char("="))
        #expect(s.state.place == place)
    }

    @Test func editingKeysSayWhyTheyDoNotWorkInTheOverview() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 4)
        _ = frameText(s, 80, 24)
        s.send(.char("-"), .char("-"))
        #expect(s.state.zoom.level == .overview)
        s.send(.char("m"))
        #expect(s.state.mode == .normal && s.message?.contains("full view") == true)
        s.send(.char("c"))
        #expect(s.state.mode == .normal && s.message?.contains("overview") == true)
        s.send(.char("a"))
        #expect(s.focus == .canvas && s.message?.contains("full view") == true)
        // Enter on a node in the overview zooms in on it.
        let node = try #require(s.state.nodeUnderCursor)
        s.send(.key(.enter))
        #expect(s.modalName == nil && s.state.zoom == .full && s.state.nodeUnderCursor?.id == node.id)
    }

    @Test func followTwoOutcomesThenJumpBackWithCtrlO() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 4)
        _ = frameText(s, 80, 24)
        s.send(.char("]"))
        #expect(s.state.nodeUnderCursor?.id == "n0-1")
        s.send(.char("]"))
        #expect(s.state.nodeUnderCursor?.id == "n0-2")
        s.send(.char("["))
        #expect(s.state.nodeUnderCursor?.id == "n0-1")
        s.send(.key(.character("o"), .ctrl))
        #expect(s.state.nodeUnderCursor?.id == "n0-2")
        s.send(.key(.character("o"), .ctrl), .key(.character("o"), .ctrl))
        #expect(s.state.nodeUnderCursor?.id == "n0-0")
        s.send(.key(.character("i"), .ctrl))
        #expect(s.state.nodeUnderCursor?.id == "n0-1")
    }

    /// A terminal that tells Ctrl-I from Tab (modifyOtherKeys) sends `.ctrl("i")`: the jump
    /// forward on the canvas, and Tab everywhere else (the next field of a node form, the
    /// next pane), as on a terminal that cannot tell them apart.
    @Test func ctrlIJumpsForwardOnTheCanvasAndIsTabElsewhere() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 4)
        let nav = EditorNavigator()
        nav.push(s)
        _ = frameText(s, 80, 24)
        _ = nav.handle(.char("]"))
        _ = nav.handle(.ctrl("o"))
        #expect(s.state.nodeUnderCursor?.id == "n0-0" && s.takesCtrlI)
        _ = nav.handle(.ctrl("i"))
        #expect(s.state.nodeUnderCursor?.id == "n0-1")
        _ = nav.handle(.ctrl("o"))
        _ = nav.handle(.key(.alt("i")))
        #expect(s.state.nodeUnderCursor?.id == "n0-1", "Alt-I jumps forward too")

        _ = nav.handle(.key(.enter))
        let first = try #require(s.form?.focusedFieldID)
        #expect(!s.takesCtrlI)
        _ = nav.handle(.ctrl("i"))
        let second = try #require(s.form?.focusedFieldID)
        #expect(second != first, "Ctrl-I in a form is Tab: the next field")
        _ = nav.handle(.key(.escape))
        #expect(s.form == nil && s.focus == .canvas)

        _ = nav.handle(.ctrl("i"))
        #expect(s.focus == .canvas, "nothing to jump forward to: still the canvas, never a pane")
        _ = nav.handle(.key(.tab))
        #expect(s.focus != .canvas && !s.takesCtrlI)
        let pane = s.focus
        _ = nav.handle(.ctrl("i"))
        #expect(s.focus != pane, "in a pane Ctrl-I is Tab: the next pane")
    }

    @Test func tabRightAfterFollowPicksAnotherOutcome() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 2)
        s.state.flow.reset(to: FlowDocument(name: "Grid", nodes: [
            FlowNode(id: "call", type: "http-request", label: "Call", x: 2, y: 2, config: [:]),
            FlowNode(id: "ok", type: "end", label: "Ok", x: 40, y: 2, config: [:]),
            FlowNode(id: "bad", type: "end", label: "Bad", x: 40, y: 12, config: [:]),
            FlowNode(id: "slow", type: "end", label: "Slow", x: 40, y: 22, config: [:]),
        ], connections: [Connection(from: "call", outcome: "timeout", to: "slow"),
                         Connection(from: "call", outcome: "success", to: "ok"),
                         Connection(from: "call", outcome: "error", to: "bad")]))
        s.state.focus(node: "call")
        _ = frameText(s, 120, 40)
        s.send(.char("]"))
        #expect(s.state.nodeUnderCursor?.id == "ok", "the first outcome in the type's order: success")
        #expect(s.message == "followed call.success → ok (1/3; Tab: another outcome)")
        s.send(.key(.tab))
        #expect(s.state.nodeUnderCursor?.id == "bad" && s.focus == .canvas, "Tab picked error, it did not change pane")
        s.send(.key(.tab))
        #expect(s.state.nodeUnderCursor?.id == "slow")
        s.send(.key(.backTab), .key(.backTab), .key(.backTab))
        #expect(s.state.nodeUnderCursor?.id == "slow")
        s.send(.key(.character("o"), .ctrl))
        #expect(s.state.nodeUnderCursor?.id == "call", "one jump for the whole choice")
        // Any other key ends the choice: Tab is the pane key again.
        s.send(.char("]"), .char("l"), .key(.tab))
        #expect(s.focus != .canvas)
    }

    @Test func pageKeysPanAndHomeEndReachTheFlowsEdges() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 10)
        _ = frameText(s, 80, 24)
        let origin = s.state.viewportOrigin, h = s.state.viewportSize.height, w = s.state.viewportSize.width
        s.send(.key(.pageDown))
        #expect(s.state.viewportOrigin.y == origin.y + h)
        s.send(.key(.right, .ctrl))
        #expect(s.state.viewportOrigin.x == origin.x + w / 2)
        s.send(.key(.end))
        let right = try #require(s.state.flowBounds).maxX
        #expect(s.state.visibleGrid.maxX >= right && s.state.visibleGrid.x < right)
        s.send(.key(.home))
        #expect(s.state.visibleGrid.x <= 2)
    }

    @Test func zoomLevelGoldens() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let s = try gridScreen(tw, side: 8)
        s.send(.char("s"))  // findings (the audit logbook is fine; the grid has no Start) as marks
        _ = frameText(s, 80, 24)
        s.state.focus(node: "n1-1")
        s.send(.char("-"))
        assertScreenGolden(renderFrame(s, 80, 24), "zoom-compact-80x24")
        assertScreenGolden(renderFrame(s, 200, 60), "zoom-compact-200x60")
        s.send(.char("-"))
        assertScreenGolden(renderFrame(s, 80, 24), "zoom-overview-80x24")
        assertScreenGolden(renderFrame(s, 200, 60), "zoom-overview-200x60")
    }
}
