import FlowCanvasView
import FlowKit
import TerminalUI

/// A diff of two documents of the flow shown on the canvas: the newer document, read-only,
/// with `DiffMarks`, and in the side pane the list of changes (Enter jumps to one).
struct DiffView {
    /// The older side; nil: nothing (version 1's own change, or a never-live flow's review).
    var from: DocumentRef?
    var to: DocumentRef
    var marks: DiffMarks
    var changes: [DiffChange]
    var selection = 0
    var scroll = 0
    /// The canvas screen before the diff, put back whole when it closes.
    var saved: CanvasScreenState
    /// The history list the diff was opened from: Esc goes back to it.
    var returnTo: HistoryBrowser?
    /// Stepping through the history (HistoryStepper.swift): this diff is one step.
    var stepper: HistoryStepper?
    /// The review of the working draft before Make Live (ReviewView.swift).
    var review: ReviewState?

    var title: String {
        if review != nil { return "Review \(HistoryBrowser.label(to)) against \(Self.label(from))" }
        return "Diff \(Self.label(from)) → \(HistoryBrowser.label(to))"
    }

    static func label(_ ref: DocumentRef?) -> String { ref.map(HistoryBrowser.label) ?? "empty" }

    var counts: String {
        let d = marks.diff
        return "+\(d.addedNodes.count) -\(d.removedNodes.count) ~\(d.changedNodes.count) nodes"
    }

    static let hints = [KeyHint("Enter", "jump"), KeyHint("↑↓", "change"), KeyHint("Tab", "pane"), KeyHint("Esc", "back")]
}

extension CanvasScreen {
    /// The diff shown on the canvas, if any (for tests and the command line).
    public var diffMarks: DiffMarks? { lifecycle.diff?.marks }
    /// The change list of the diff shown, and its selected row.
    public var diffChanges: [DiffChange] { lifecycle.diff?.changes ?? [] }
    public var diffSelection: Int? { lifecycle.diff?.selection }
    public var isShowingDiff: Bool { lifecycle.diff != nil }

    /// Shows what changed from `a` to `b` (each a version or the working draft) on the
    /// canvas: the newer document read-only with added, changed and removed marks, and the
    /// change list in the side pane. Unsaved edits are saved first, as for history. Esc
    /// (or q) leaves it.
    public func showDiff(from a: DocumentRef, to b: DocumentRef) {
        if hasUnsavedChanges, !save() { return }
        showDiff(from: a, to: b, returnTo: nil)
    }

    func showDiff(from a: DocumentRef, to b: DocumentRef, returnTo: HistoryBrowser?) {
        let old: FlowDocument, new: FlowDocument
        do {
            old = try workspace.document(flowID, a).document
            new = try workspace.document(flowID, b).document
        } catch {
            message = error.message
            return
        }
        let view = presentDiff(old: old, new: new, from: a, to: b, returnTo: returnTo)
        message = view.marks.diff.isEmpty ? "\(view.title): no differences" : "Enter on a change jumps to it · Esc goes back"
    }

    /// Shows `new` read-only with the marks of its diff from `old`, the change list in the
    /// side pane (focused). The viewport stays where it was; `anchor` (a node shown before)
    /// keeps its place on the screen when it moved between the two documents.
    /// `sameFlowShown`: the canvas already shows a document of this flow (a history step),
    /// so the connector routes cached for it are kept: the router re-routes only what the
    /// boxes that moved touch, which is what keeps a step fast.
    @discardableResult
    func presentDiff(old: FlowDocument, new: FlowDocument, from a: DocumentRef?, to b: DocumentRef,
                     returnTo: HistoryBrowser?, anchor: String? = nil, sameFlowShown: Bool = false,
                     prepared: (marks: DiffMarks, changes: [DiffChange])? = nil) -> DiffView {
        let marks = prepared?.marks ?? DiffMarks(old: old, new: new)
        let snapshot = lifecycle.diff?.saved ?? screen
        var shown = CanvasState(document: new, readOnly: true, catalog: workspace.catalog)
        shown.cursor = state.cursor
        shown.viewportOrigin = state.viewportOrigin
        shown.viewportSize = state.viewportSize
        shown.zoom = state.zoom
        if let anchor, let before = state.document.node(withID: anchor), let after = new.node(withID: anchor) {
            let dx = (after.x ?? 0) - (before.x ?? 0), dy = (after.y ?? 0) - (before.y ?? 0)
            shown.cursor = GridPoint(shown.cursor.x + dx, shown.cursor.y + dy)
            shown.viewportOrigin = GridPoint(shown.viewportOrigin.x + dx, shown.viewportOrigin.y + dy)
        }
        state = shown
        if !sameFlowShown { canvasView.reset() }
        decorations = CanvasDecorations(diff: marks)
        var view = DiffView(from: a, to: b, marks: marks, changes: prepared?.changes ?? marks.changes(new: new, catalog: workspace.catalog),
                            saved: snapshot, returnTo: returnTo)
        view.selection = 0
        lifecycle.diff = view
        focus = .errors
        modal = nil
        return view
    }

    /// Back to what the canvas showed before the diff, and to the history list when the
    /// diff was opened from it.
    public func leaveDiff() {
        guard let view = lifecycle.diff else { return }
        lifecycle.diff = nil
        screen = view.saved
        validatedGeneration = nil  // the restored canvas is checked again when the keys stop
        canvasView.reset()
        message = nil
        if var history = view.returnTo {
            history.message = nil
            modal = .lifecycle(.history(history))
        }
    }

    /// A key of the change list (the side pane while a diff is shown).
    func handleChangesKey(_ key: FindingsKey) {
        guard var view = lifecycle.diff else { return }
        switch key {
        case .list(let move):
            view.selection = move.apply(to: view.selection, count: view.changes.count)
            lifecycle.diff = view
        case .jump:
            jumpToSelectedChange()
        case .back:
            break
        }
    }

    /// Enter on a change: the canvas shows its node (a removed node's ghost), highlighted.
    public func jumpToSelectedChange() {
        guard let view = lifecycle.diff, view.changes.indices.contains(view.selection) else { return }
        let change = view.changes[view.selection]
        if let noteID = change.note {
            if let note = state.document.notes.first(where: { $0.id == noteID }) ?? view.marks.old.notes.first(where: { $0.id == noteID }) {
                state.highlighted = nil
                state.cursor = GridPoint(note.x, note.y)
                state.scrollToCursor()
            }
            message = change.text
            return
        }
        guard let id = change.node else {
            message = change.details.joined(separator: "; ")
            return
        }
        if state.document.node(withID: id) != nil {
            state.focus(node: id)
            state.highlighted = id
        } else if let origin = view.marks.ghostOrigin(id) {
            state.highlighted = nil
            state.cursor = GridPoint(origin.x + 1, origin.y + 1)
            let vr = GridRect(x: state.viewportOrigin.x, y: state.viewportOrigin.y,
                              width: state.viewportSize.width, height: state.viewportSize.height)
            if !vr.contains(state.cursor) {
                state.viewportOrigin = GridPoint(origin.x - 4, origin.y - 2)
            }
            state.scrollToCursor()
        }
        message = change.text
    }

    /// The side pane during a diff: the change list, the selected change's details below.
    func renderChanges(into b: inout CellBuffer) {
        guard var view = lifecycle.diff else { return }
        let focused = focus == .errors
        var pane = Pane(title: view.review.map { "Review · \($0.reviewedCount(of: view.changes))/\(view.changes.count) reviewed" }
                            ?? "Changes \(DiffView.label(view.from)) → \(HistoryBrowser.label(view.to))",
                        focused: focused, theme: theme)
        pane.render(into: &b, in: errorsRect)
        let inner = Pane.contentRect(of: errorsRect)
        errorRowIndices = []
        guard !inner.isEmpty else { return }
        b.withClip(inner) { b in
            guard !view.changes.isEmpty else {
                b.put("No differences.", x: inner.x, y: inner.y, maxWidth: inner.width, style: theme.dimText)
                return
            }
            let selected = view.changes[min(view.selection, view.changes.count - 1)]
            let detail = selected.details.flatMap { TextLayout.wrap($0, width: inner.width) }
            let detailRows = min(detail.count, max(0, inner.height / 2 - 1))
            let listHeight = inner.height - (detailRows > 0 ? detailRows + 1 : 0)
            if view.selection < view.scroll { view.scroll = view.selection }
            if view.selection >= view.scroll + listHeight { view.scroll = view.selection - listHeight + 1 }
            view.scroll = max(0, min(view.scroll, max(0, view.changes.count - listHeight)))
            for r in 0..<max(0, listHeight) where view.scroll + r < view.changes.count {
                let i = view.scroll + r, y = inner.y + r
                let change = view.changes[i]
                let isSel = i == view.selection
                let signStyle: Style
                switch change.sign {
                case "+": signStyle = theme.added
                case "-": signStyle = theme.removed
                default: signStyle = theme.warning
                }
                let style = isSel ? (focused ? theme.selected : theme.selected.adding(.dim)) : theme.text
                if isSel { b.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
                var x = inner.x
                if let review = view.review {
                    x = b.put(review.isReviewed(change) ? "[x] " : "[ ] ", x: x, y: y, style: isSel ? style : theme.dimText)
                }
                x = b.put(change.sign, x: x, y: y, style: isSel ? style : signStyle)
                b.put(String(change.text.dropFirst(1)), x: x, y: y, maxWidth: inner.maxX - x, style: style)
            }
            if detailRows > 0 {
                let top = inner.y + listHeight
                b.horizontalLine(x: inner.x, y: top, length: inner.width, style: theme.paneBorder)
                for (i, line) in detail.prefix(detailRows).enumerated() {
                    b.put(line, x: inner.x, y: top + 1 + i, style: theme.dimText)
                }
            }
        }
        lifecycle.diff = view
    }
}
