import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// Blame on the canvas (b): each box tagged `v3 · alice · 2d` with the version that last
/// added or changed the node; the status line shows the comment of the node under the
/// cursor; Enter opens that version's own change focused on the node.
struct BlameView {
    var blame: FlowBlame
    var marks: BlameMarks
    /// The document the blame describes: a different one shown hides the tags.
    var source: CanvasScreen.Source
}

extension CanvasScreen {
    /// The blame tags shown (tests).
    public var blameMarks: BlameMarks? { shownBlame?.marks }

    /// Pins "now" for the tags' ages (tests and goldens).
    public var reviewClock: @Sendable () -> Date {
        get { lifecycle.clock }
        set { lifecycle.clock = newValue }
    }

    /// The blame when it describes what the canvas shows (not during a diff).
    var shownBlame: BlameView? {
        guard lifecycle.diff == nil, let b = lifecycle.blame, b.source == source else { return nil }
        return b
    }

    /// b: shows blame tags on every box (a draft is saved first, so the blame describes
    /// what the canvas shows), or hides them.
    public func toggleBlame() {
        if shownBlame != nil {
            lifecycle.blame = nil
            message = "blame hidden"
            return
        }
        guard lifecycle.diff == nil else { message = "leave the diff first (Esc), then b shows the blame"; return }
        if case .shared = source { message = "a shared flow has no history here: no blame"; return }
        if hasUnsavedChanges, !save() { return }
        do {
            let blame: FlowBlame
            switch source {
            case .version(let n, _): blame = try workspace.blame(flowID, at: .version(n))
            case .draft(let basedOn):
                let hasDraft = try workspace.flow(flowID).hasDraft
                blame = try workspace.blame(flowID, at: hasDraft ? .draft : basedOn.map { .version($0) })
            case .shared: return
            }
            lifecycle.blame = BlameView(blame: blame, marks: BlameMarks(blame, now: lifecycle.clock()), source: source)
            message = blameUnderCursorHint ?? "blame: Enter on a node opens the change that made it so · b or Esc hides it"
        } catch {
            message = error.message
        }
    }

    /// The status line while blame is on and the cursor is on a node: who, when and why.
    var blameUnderCursorHint: String? {
        guard modal == nil, let b = shownBlame, let node = state.nodeUnderCursor, let line = b.blame.line(for: node.id) else {
            return nil
        }
        return Self.blameText(line, now: lifecycle.clock())
    }

    /// "v3 · alice · 2d: "Shorter reply" (changed label, config.message)".
    static func blameText(_ line: FlowBlame.Line, now: Date) -> String {
        let o = line.origin
        let version = o.version.map { "v\($0)" } ?? "working draft"
        let comment = o.version == nil ? "not made live yet" : (o.comment.isEmpty ? "(no comment)" : "\"\(o.comment)\"")
        let what: String
        switch line.change {
        case .added: what = "added"
        case .moved: what = "moved"
        case .changed: what = "changed " + line.fields.joined(separator: ", ")
        }
        let author = o.author.isEmpty ? "?" : o.author
        return "\(version) · \(author) · \(BlameMarks.age(from: o.createdAt, to: now)): \(comment) (\(what))"
    }

    /// A key while blame is shown on the canvas; false for keys it leaves to the screen.
    func handleBlameKey(_ key: KeyEvent) -> Bool {
        guard shownBlame != nil, focus == .canvas, state.mode == .normal else { return false }
        switch EditorKeymaps.blame.action(for: key) {
        case .openChange?:
            guard let node = state.nodeUnderCursor else { return false }  // Enter off a node: as usual
            openBlamedChange(of: node.id)
            return true
        case .close?:
            guard state.highlighted == nil else { return false }  // Esc clears a highlight first
            lifecycle.blame = nil
            message = "blame hidden"
            return true
        case nil:
            return false
        }
    }

    /// Enter on a blamed node: the own change of the version that last changed it, with the
    /// node selected in the change list and highlighted on the canvas.
    public func openBlamedChange(of nodeID: String) {
        guard let b = shownBlame, let line = b.blame.line(for: nodeID) else { return }
        let ref: DocumentRef = line.origin.version.map { .version($0) } ?? .draft
        startStepping(at: ref, returnTo: nil, anchor: nodeID)
        guard var view = lifecycle.diff else { return }
        if let i = view.changes.firstIndex(where: { $0.node == nodeID && $0.kind != .addedConnection && $0.kind != .removedConnection }) {
            view.selection = i
            lifecycle.diff = view
            jumpToSelectedChange()
        }
        message = Self.blameText(line, now: lifecycle.clock()) + " · p / n step · Esc back"
    }
}
