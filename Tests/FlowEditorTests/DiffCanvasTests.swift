@testable import FlowCanvasView
import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// The diff of two versions on the canvas: marks, ghosts, the change list, jumping, leaving.
@Suite struct DiffCanvasTests {
    typealias F = LifecycleFixtures
    let theme = Theme.standard

    /// Opens the history of a two-version flow and diffs v1 → v2 with d, Down, d.
    func diffScreen(_ tw: TempWorkspace) throws -> (id: String, screen: CanvasScreen) {
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.state.cursor = GridPoint(0, 30)  // no box selected
        _ = frameText(s, 130, 36)
        s.send(.char("H"), .char("d"), .key(.down), .char("d"))
        return (id, s)
    }

    /// Screen cell of grid point `p` in the last frame.
    func screen(_ s: CanvasScreen, _ p: GridPoint) -> (x: Int, y: Int) {
        let inner = Pane.contentRect(of: s.canvasRect)
        return (inner.x + p.x - s.state.viewportOrigin.x, inner.y + p.y - s.state.viewportOrigin.y)
    }

    @Test func diffOfV1AndV2IsDrawnOnTheCanvas() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (_, s) = try diffScreen(tw)
        #expect(s.isShowingDiff && s.modalName == nil && s.isReadOnly)
        let marks = try #require(s.diffMarks)
        #expect(marks.added == ["reply"])
        #expect(marks.ghosts.map(\.id) == ["old"])
        #expect(marks.changed == ["lookup": ["config.url", "label"]])
        #expect(marks.addedConnections == [Connection(from: "lookup", outcome: "success", to: "reply"),
                                           Connection(from: "reply", outcome: "failed", to: "done"),
                                           Connection(from: "reply", outcome: "sent", to: "done")])
        #expect(Set(marks.removedConnections) == [Connection(from: "lookup", outcome: "success", to: "old"),
                                                  Connection(from: "old", outcome: "next", to: "done")])
        #expect(s.document.nodes.map(\.id) == F.diffV2.nodes.map(\.id), "the canvas shows the newer side")

        let buf = TerminalApp.frame(for: s, size: Size(width: 130, height: 36), glyphs: .unicode)
        assertScreenGolden(buf, "diff-canvas")
        #expect(buf.text().contains("Diff v1 → v2 · read-only"))

        // Added node: its border in the added colour, a + badge.
        let reply = screen(s, GridPoint(37, 10))
        #expect(buf[reply.x, reply.y].character == "┌" && buf[reply.x, reply.y].style == theme.added)
        #expect(buf[reply.x + 23, reply.y + 1].character == "+")
        // Removed node: a ghost box where it stood in v1, with a - badge.
        let old = screen(s, GridPoint(1, 10))
        #expect(buf[old.x, old.y].character == "┌" && buf[old.x, old.y].style == theme.ghost)
        #expect(buf[old.x + 2, old.y + 1].character == "L" && buf[old.x + 2, old.y + 1].style == theme.ghost, "Log it, dim")
        #expect(buf[old.x + 23, old.y + 1].character == "-")
        // Changed node: a ~ badge and the changed colour; unchanged ones stay plain.
        let lookup = screen(s, GridPoint(33, 1))
        #expect(buf[lookup.x + 23, lookup.y + 1].character == "~")
        #expect(buf[lookup.x, lookup.y].style == theme.warning)
        let start = screen(s, GridPoint(1, 1))
        #expect(buf[start.x, start.y].style == theme.nodeBox)

        // The rewired connector: the new route in the added colour, the old one ghosted.
        let added = try #require(s.canvasView.router.cachedRoute(Connection(from: "lookup", outcome: "success", to: "reply")))
        let addedStyles = added.cells.dropLast().map { p -> Style in let c = screen(s, p); return buf[c.x, c.y].style }
        #expect(addedStyles.filter { $0 == theme.added }.count >= added.cells.count / 2)
        let ghostRoute = try #require(s.canvasView.router.cachedRoute(Connection(from: "lookup", outcome: "success", to: "old")))
        let ghostLine = ghostRoute.cells
        let ghostCells = ghostLine.map { p -> Cell in let c = screen(s, p); return buf[c.x, c.y] }
        #expect(ghostCells.contains { $0.style == theme.ghost && "─│┌┐└┘├┤┬┴┼▶◀▲▼".contains($0.character) })
        // Unchanged connectors keep the plain connector colour.
        let plain = try #require(s.canvasView.router.cachedRoute(Connection(from: "start", outcome: "next", to: "lookup")))
        let mid = screen(s, plain.cells[plain.cells.count / 2])
        #expect(buf[mid.x, mid.y].style == theme.connector)
    }

    @Test func changeListIsNavigableAndEnterJumpsToTheNode() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (_, s) = try diffScreen(tw)
        #expect(s.focus == .errors)
        #expect(s.diffChanges.map(\.text) == [
            "+ node reply · Reply (Send Message)",
            "- node old · Log it (Log)",
            "~ node lookup: config.url, label",
            "+ lookup.success → reply",
            "+ reply.failed → done",
            "+ reply.sent → done",
            "- lookup.success → old",
            "- old.next → done",
        ])
        let changed = s.diffChanges[2]
        #expect(changed.details == ["config.url: \"https://api.example.com/v1/orders\" → \"https://api.example.com/v2/orders\"",
                                    "label: \"Find order\" → \"Look up order\""])

        // Enter on the added node: the canvas cursor lands on it, highlighted.
        s.send(.key(.enter))
        #expect(s.state.highlighted == "reply" && s.state.nodeUnderCursor?.id == "reply")
        // Enter on the removed node: the cursor goes to its ghost.
        s.send(.key(.down), .key(.enter))
        #expect(s.state.cursor == GridPoint(2, 11) && s.state.nodeUnderCursor == nil)
        // The changed node, its fields listed under the list.
        s.send(.key(.down), .key(.enter))
        #expect(s.state.highlighted == "lookup" && s.diffSelection == 2)
        let frame = renderFrame(s, 130, 36)
        assertScreenGolden(frame, "diff-change-list")
        #expect(frame.text().contains("label: \"Find order\" →"))
        // A connector change jumps to its source node.
        s.send(.key(.down), .key(.enter))
        #expect(s.state.highlighted == "lookup")
    }

    @Test func escLeavesTheDiffBackToHistoryThenTheCanvas() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let (id, s) = try diffScreen(tw)
        s.send(.key(.escape))
        #expect(!s.isShowingDiff && s.modalName == "history")
        #expect(s.historyBrowser?.diffMark == nil)
        #expect(!s.isReadOnly && s.source == .draft(basedOn: 2), "the canvas is what it was")
        #expect(s.document.nodes.map(\.id) == F.diffV2.nodes.map(\.id))
        #expect(!frameText(s, 130, 36).contains("Diff v1"))
        s.send(.key(.escape))
        #expect(s.modalName == nil)
        #expect(try tw.workspace.history(id).map(\.version) == [2, 1], "browsing wrote nothing")

        // q leaves a diff too, and so does H (back to the list it came from).
        s.send(.char("H"), .char("d"), .key(.down), .char("d"))
        #expect(s.isShowingDiff)
        s.send(.key(.tab))  // to the palette; canvas next
        s.send(.key(.tab))
        #expect(s.focus == .canvas)
        s.send(.char("x"))
        #expect(s.message == "a diff is read-only: Esc goes back, then E or e edits a version")
        #expect(s.document.nodes.count == F.diffV2.nodes.count)
        s.send(.char("H"))
        #expect(!s.isShowingDiff && s.modalName == "history")
    }

    @Test func diffAgainstTheWorkingDraft() throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try F.twoVersions(tw)
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        // An unsaved rename: showDiff saves it first, then compares.
        var node = try #require(s.document.node(withID: "reply"))
        node.label = "Answer"
        s.state.flow.updateNode(node)
        s.showDiff(from: .version(2), to: .draft)
        #expect(s.isShowingDiff && !s.hasUnsavedChanges)
        #expect(s.diffChanges.map(\.text) == ["~ node reply: label"])
        #expect(s.documentLabel == "Diff v2 → draft · read-only")
        s.send(.key(.escape))
        #expect(s.modalName == nil && !s.isReadOnly && s.document.node(withID: "reply")?.label == "Answer")
        #expect(try tw.workspace.document(id, .draft).document.node(withID: "reply")?.label == "Answer")
    }
}
