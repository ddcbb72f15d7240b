import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// Which changes of the working draft were marked reviewed (Space in the review), by
/// `DiffChange.key`: a change that is edited again reads as a new change, not reviewed.
/// Kept for the editor session.
struct ReviewState {
    var reviewed: Set<String> = []
    /// L in the review: Make Live goes on without opening the review again.
    var skipOnce = false
    /// The review was opened by Make Live: L goes on to the wizard.
    var beforeMakeLive = false

    func isReviewed(_ c: DiffChange) -> Bool { reviewed.contains(c.key) }
    func reviewedCount(of changes: [DiffChange]) -> Int { changes.filter(isReviewed).count }
}

// The review of the working draft against the live version (R, and Make Live when the
// draft has changes not reviewed): the diff on the canvas, every change in the side pane
// with a [ ] / [x] mark; Space marks one reviewed, Enter jumps to it, L goes on to Make Live.
extension CanvasScreen {
    /// Reviewed / all changes of the review shown (tests).
    public var reviewProgress: (reviewed: Int, total: Int)? {
        guard let view = lifecycle.diff, let review = view.review else { return nil }
        return (review.reviewedCount(of: view.changes), view.changes.count)
    }

    /// R: the working draft against the live version (against nothing for a flow never
    /// made live), saved first.
    public func openReview(beforeMakeLive: Bool = false) {
        guard lifecycle.diff == nil else { message = "leave the diff first (Esc), then R reviews the working draft"; return }
        guard case .draft = source else {
            message = "R reviews the working draft: this is a read-only version (H lists the versions)"
            return
        }
        if hasUnsavedChanges, !save() { return }
        do {
            let live = try workspace.flow(flowID).liveVersion
            let new = try workspace.document(flowID, .draft).document
            let old = try live.map { try workspace.document(flowID, .version($0)).document }
                ?? FlowDocument(name: new.name, kind: new.kind)
            var view = presentDiff(old: old, new: new, from: live.map { .version($0) }, to: .draft, returnTo: nil)
            var review = lifecycle.reviewed
            review.beforeMakeLive = beforeMakeLive
            view.review = review
            lifecycle.diff = view
            let left = view.changes.count - review.reviewedCount(of: view.changes)
            let keys = beforeMakeLive ? "Review first: Space marks a change · L goes on to Make Live · Esc cancels"
                : "Review: Space marks a change reviewed · Enter jumps to it · Esc back"
            message = view.changes.isEmpty ? "no changes against \(DiffView.label(view.from))"
                : "\(keys) · \(left) of \(view.changes.count) not reviewed"
        } catch {
            let stored = error as? WorkspaceError
            if case .noDraft? = stored { message = "no working draft: nothing to review" } else {
                message = stored?.message ?? "\(error)"
            }
        }
    }

    func handleReviewKey(_ key: ReviewKey) {
        guard var view = lifecycle.diff, var review = view.review else { return }
        switch key {
        case .toggleReviewed:
            guard view.changes.indices.contains(view.selection) else { return }
            let change = view.changes[view.selection]
            if review.reviewed.remove(change.key) == nil { review.reviewed.insert(change.key) }
            if review.isReviewed(change) { view.selection = min(view.changes.count - 1, view.selection + 1) }
            view.review = review
            lifecycle.diff = view
            lifecycle.reviewed.reviewed = review.reviewed
            let done = review.reviewedCount(of: view.changes)
            message = "\(done) of \(view.changes.count) changes reviewed"
        case .continueMakeLive:
            lifecycle.reviewed.skipOnce = true
            leaveDiff()
            openMakeLive()
        }
    }

    /// The Make Live hook: true (and the review open) when the draft has changes against
    /// the live version that were not reviewed, unless L in the review asked to go on.
    func offerReviewBeforeMakeLive() -> Bool {
        if lifecycle.reviewed.skipOnce { lifecycle.reviewed.skipOnce = false; return false }
        guard let (reviewed, total) = draftReviewCounts(), reviewed < total else { return false }
        openReview(beforeMakeLive: true)
        return lifecycle.diff?.review != nil
    }

    /// How many of the draft's changes against the live version are marked reviewed.
    func draftReviewCounts() -> (reviewed: Int, total: Int)? {
        guard let live = try? workspace.flow(flowID).liveVersion,
              let old = try? workspace.document(flowID, .version(live)).document else { return nil }
        let changes = DiffMarks(old: old, new: document).changes(new: document, catalog: workspace.catalog)
        return (lifecycle.reviewed.reviewedCount(of: changes), changes.count)
    }

    /// What the wizard's comment step says about the review.
    var reviewNote: String? {
        guard let (reviewed, total) = draftReviewCounts(), total > 0 else { return nil }
        return "Reviewed \(reviewed) of \(total) change\(total == 1 ? "" : "s") against the live version"
    }
}
