import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// The canvas screen's side of the test-run panel: `T` opens it in place of the errors
/// pane, keys go to it while it is open, the canvas follows the session's node, and
/// `tick()` collects answers of slow engine calls (real HTTP).
extension CanvasScreen {
    /// The test-run panel, when it is open.
    public var testRunPanel: TestRunPanel? {
        if case .testRun(let panel)? = modal { return panel } else { return nil }
    }

    /// `T`: a test run of the document as it is now (unsaved edits included). Works on
    /// read-only versions too; it never changes the document or the workspace.
    public func openTestRun() {
        if case .normal = state.mode {} else { state.handle(.cancel) }
        state.highlighted = nil  // the session's node is the one to see
        let panel = TestRunPanel(document: state.document, flowId: flowID, version: versionNumber,
                                 catalog: workspace.catalog, syncWait: testRunSyncWait, theme: theme,
                                 stubs: screen.testRunStubs)
        // The cursor's node would be drawn as selected, hiding the session's: park the
        // cursor just outside every box while the panel is open, and bring it back after.
        panel.cursorBeforeRun = state.cursor
        let nodes = state.document.nodes
        if !nodes.isEmpty {
            state.cursor = GridPoint((nodes.map { $0.x ?? 0 }.min() ?? 0) - 1, (nodes.map { $0.y ?? 0 }.min() ?? 0) - 1)
        }
        modal = .testRun(panel)
    }

    /// Seconds an engine call may hold the UI before the panel shows "running…".
    var testRunSyncWait: Double { 0.5 }

    func handleTestRun(_ event: Event, _ panel: TestRunPanel) -> ScreenAction {
        // The wheel over the canvas pans it, as without the panel; the panel (and its
        // forms, drawn over everything) takes every other click.
        if case .mouse(let m) = event, !panel.hasOverlay, !testRunRect.contains(m.position) {
            guard canvasRect.contains(m.position) else { return .none }
            switch m.action {
            case .wheelUp, .wheelDown: handleMouse(m)
            case .press where m.button == .left:
                // A click looks at a node (nothing is edited during a run): the cursor goes
                // there, and stays there when the panel closes.
                guard let g = gridPoint(at: m.position) else { return .none }
                state.cursor = g
                panel.cursorBeforeRun = g
                if let node = state.node(at: g) {
                    let visited = panel.pathTaken.nodes.contains(node.id) ? "on this run's path" : "not reached in this run"
                    message = "\(node.label) (\(node.id)): \(visited)"
                } else {
                    message = nil
                }
            default: break
            }
            return .none
        }
        return testRunResponse(panel.handle(event), panel)
    }

    /// What the screen does after the panel took a key, a click or a command.
    func testRunResponse(_ response: TestRunPanel.Response, _ panel: TestRunPanel) -> ScreenAction {
        switch response {
        case .keep:
            revealTestRunNode(panel)
        case .close:
            closeTestRun(panel)
            message = "test run closed (the flow is unchanged)"
        case .perform(let action):
            closeTestRun(panel)
            return perform(action)
        case .zoomCanvas(let zoomIn):
            state.handle(zoomIn ? .zoomIn : .zoomOut)
            revealTestRunNode(panel)
        case .showNode(let id):
            guard let node = state.document.node(withID: id) else { return .none }
            // The cursor goes to the node (and stays there when the panel closes).
            state.cursor = GridPoint(node.x ?? 0, node.y ?? 0)
            panel.cursorBeforeRun = state.cursor
            state.scrollToCursor()
            message = "\(node.label) (\(node.id))"
        }
        return .none
    }

    func closeTestRun(_ panel: TestRunPanel) {
        modal = nil
        if let cursor = panel.cursorBeforeRun {
            state.cursor = cursor
            state.scrollToCursor()
        }
    }

    /// `:test-…`: runs in the open panel, or opens it first (a run's trigger step).
    func performTestRunCommand(_ command: TestRunCommand) -> ScreenAction {
        if testRunPanel == nil {
            if command == .close { message = "no test run is open"; return .none }
            openTestRun()
        }
        guard let panel = testRunPanel else { return .none }
        return testRunResponse(panel.perform(command), panel)
    }

    /// Collects the answer of an engine call that outlived the panel's bounded wait.
    public func tick() -> ScreenAction {
        let validated = validateIfStale() || recheckVoiceMediaIfDue()
        if !validated { canvasView.routeAhead() }  // off screen: no redraw
        guard let panel = testRunPanel, panel.poll() else { return validated ? .redraw : .none }
        revealTestRunNode(panel)
        return .redraw
    }

    /// Waits for the test run's engine call in flight and shows its result, as `tick()`
    /// would (tests; the run loop never waits).
    public func settleTestRun() async {
        guard let panel = testRunPanel else { return }
        await panel.settled()
        revealTestRunNode(panel)
    }

    /// Scrolls the canvas so the session's node is in view (the cursor stays put).
    func revealTestRunNode(_ panel: TestRunPanel) {
        guard let id = panel.activeNode, let node = state.document.node(withID: id) else { return }
        let r = state.rect(of: node)
        let w = state.viewportSize.width, h = state.viewportSize.height
        guard w > 0, h > 0 else { return }
        let view = GridRect(x: state.viewportOrigin.x, y: state.viewportOrigin.y, width: w, height: h)
        guard !view.contains(GridPoint(r.x, r.y)) || !view.contains(GridPoint(r.maxX - 1, r.maxY - 1)) else { return }
        state.viewportOrigin = GridPoint(r.x + r.width / 2 - w / 2, r.y + r.height / 2 - h / 2)
    }

    /// The errors pane's width, or the wider test-run panel's while it is open.
    func rightPaneWidth(screenWidth: Int) -> Int {
        testRunPanel == nil || isTestRunDrawer(width: screenWidth) ? Self.columns(width: screenWidth).errors
            : TestRunPanel.width(forScreen: screenWidth)
    }

    /// Narrower than the width where side panes start collapsed, the test-run panel is a
    /// drawer across the bottom instead of the right pane, so the canvas keeps its width.
    func isTestRunDrawer(width: Int) -> Bool {
        testRunPanel != nil && width < Self.collapseBelowWidth
    }
}
