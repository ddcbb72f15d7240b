@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
import Foundation

/// A view that follows edits one at a time (`CanvasScene.followEdit`: moves and in-place
/// node edits update the scene without a rebuild) draws exactly what a fresh view draws.
@Suite struct CanvasSceneFollowTests {
    typealias F = CanvasFixtures

    @Test func aFollowingViewDrawsWhatAFreshViewDraws() {
        var state = CanvasState(document: F.orderStatus())
        state.viewportSize = (100, 30)
        let view = CanvasView()
        func check(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let followed = F.render(state, view: view, width: 100, height: 30)
            let fresh = F.render(state, view: CanvasView(), width: 100, height: 30)
            #expect(followed == fresh, "after \(step)", sourceLocation: sourceLocation)
        }
        check("the first frame")
        // Move "sorry" down by two rows and drop it: one replaceNode edit.
        state.handle(.jumpTo(GridPoint(70, 12)))
        state.handle(.startMove)
        state.handle(.moveCursor(dx: 0, dy: 2))
        check("dragging")
        state.handle(.confirm)
        check("dropping")
        #expect(view.stats.documentChanged)
        state.handle(.undo)
        check("undo of the move")
        state.handle(.redo)
        check("redo of the move")
        // A form's Save: a label edited in place.
        var node = state.document.nodes[1]
        node.label = "A much longer label than before"
        state.flow.updateNode(node)
        check("a relabel")
        // A config change that changes the outcomes: the scene is rebuilt.
        let id = state.flow.placeNode(type: "branch", at: (2, 24))!
        check("a placed node")
        var branch = state.document.node(withID: id)!
        branch.config["branches"] = [["name": "other", "variable": "x", "op": "equals", "value": "1"]]
        state.flow.updateNode(branch)
        check("new outcomes")
        state.handle(.jumpTo(GridPoint(70, 14)))
        state.handle(.delete)
        check("a delete")
        state.handle(.undo)
        check("undo of the delete")
    }
}
