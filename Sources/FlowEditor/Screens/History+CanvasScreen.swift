import FlowKit
import Foundation
import TerminalUI

/// The modal layers of a flow's life cycle over the canvas (one case of
/// `CanvasScreen.Modal`, so the screen's own switch stays short).
enum LifecycleModal {
    case makeLive(MakeLiveWizard)
    /// "N errors block Make Live".
    case refused(ChoiceDialog<RefusalChoice>)
    case history(HistoryBrowser)
    /// Edit version N while a draft exists: discard it, open it, or cancel.
    case discardDraft(ChoiceDialog<DiscardDraftChoice>, version: Int, returnTo: HistoryBrowser?)

    var name: String {
        switch self {
        case .makeLive: return "make-live"
        case .refused: return "make-live-refused"
        case .history: return "history"
        case .discardDraft: return "discard-draft"
        }
    }
}

/// What the life-cycle screens keep on the canvas screen between events.
struct LifecycleState {
    var diff: DiffView?
    /// Blame tags over the boxes (b), BlameView.swift.
    var blame: BlameView?
    /// The review of the working draft (ReviewView.swift): changes marked reviewed.
    var reviewed = ReviewState()
    /// What "now" is for blame's ages (tests pin it).
    var clock: @Sendable () -> Date = { Date() }
}

// Version history from the canvas (H).
extension CanvasScreen {
    /// The Make Live wizard, when it is open (tests).
    public var makeLiveWizard: MakeLiveWizard? {
        if case .lifecycle(.makeLive(let w))? = modal { return w } else { return nil }
    }

    /// The history list, when it is open (tests).
    public var historyBrowser: HistoryBrowser? {
        if case .lifecycle(.history(let h))? = modal { return h } else { return nil }
    }

    /// H: the history list over the canvas, newest first, with the entry the canvas shows
    /// selected. Unsaved edits are saved first, so the list's working draft is what the
    /// canvas shows (a conflict shows its dialog instead).
    public func openHistory() {
        if lifecycle.diff != nil {
            let back = lifecycle.diff?.returnTo != nil
            leaveDiff()
            if back { return }
        }
        if case .shared = source { message = "a shared flow has no history here: it is read-only"; return }
        if hasUnsavedChanges, !save() { return }
        do {
            var browser = HistoryBrowser(flowName: flowName, entries: try workspace.history(flowID), theme: theme)
            let shown: Int?
            switch source {
            case .draft: shown = nil
            case .version(let n, _): shown = n
            case .shared: shown = nil
            }
            browser.select(browser.entries.firstIndex { $0.version == shown } ?? 0)
            modal = .lifecycle(.history(browser))
        } catch {
            message = error.message
        }
    }

    /// Opens an entry of the history on the canvas: the working draft editable, a version
    /// read-only.
    public func openDocument(_ ref: DocumentRef) {
        do {
            switch ref {
            case .draft:
                if case .draft = source, !isReadOnly, revision > 0 {
                    message = "editing the working draft"  // already shown, with its undo history
                    return
                }
                showDraft(try workspace.document(flowID, .draft))
                message = "editing the working draft"
            case .version(let n):
                let stored = try workspace.document(flowID, .version(n))
                showVersion(stored.document, number: n, isLive: try workspace.flow(flowID).liveVersion == n)
                message = "v\(n) read-only · E edits it (branches a working draft)"
            }
        } catch {
            message = error.message
        }
    }

    // MARK: - Keys

    /// While a diff is shown: Esc / q leave it, nothing saves, the side pane is the change
    /// list and canvas keys that would edit are refused. False for keys it leaves to the screen.
    func handleDiffKey(_ key: KeyEvent, typing: Bool) -> Bool {
        switch EditorKeymaps.diff.action(for: key, typing: typing) {
        case .leave?:
            // Esc on the canvas first clears a highlight or ends a find; q always leaves.
            let leaves = key.key != .escape || focus == .errors
                || (focus == .canvas && state.mode == .normal && state.highlighted == nil)
            if leaves { leaveDiff(); return true }
        case .refuseSave?:
            message = "a diff is read-only: nothing to save (Esc leaves it)"
            return true
        case .previousStep?:
            stepHistory(-1)   // HistoryStepper.swift
            return true
        case .nextStep?:
            stepHistory(1)
            return true
        case nil:
            break
        }
        if lifecycle.diff?.review != nil, let action = EditorKeymaps.review.action(for: key, typing: typing) {
            handleReviewKey(action)   // ReviewView.swift
            return true
        }
        if focus == .errors, let move = EditorKeymaps.changes.action(for: key) {
            handleChangesKey(move)
            return true
        }
        if focus == .canvas, Self.editsInDiff(CanvasKeymap.action(for: key, mode: state.mode)) {
            message = "a diff is read-only: Esc goes back, then E or e edits a version"; return true
        }
        return false
    }

    static func editsInDiff(_ action: CanvasKeyAction) -> Bool {
        switch action {
        case .command(let c): return edits(c)
        case .openPalette, .delete, .addNote: return true
        default: return false
        }
    }

    // MARK: - Modal layers

    func handleLifecycleModal(_ current: LifecycleModal, _ event: Event) -> ScreenAction {
        switch current {
        case .makeLive(var wizard):
            switch wizard.handle(event) {
            case .pending: modal = .lifecycle(.makeLive(wizard))
            case .cancelled: modal = nil; message = "Make Live cancelled: nothing changed"
            case .confirmed(let request): modal = nil; confirmMakeLive(request)
            }
        case .refused(var dialog):
            _ = dialog.handle(event)
            if case .pending = dialog.outcome { modal = .lifecycle(.refused(dialog)) } else {
                modal = nil
                focus = .errors
            }
        case .history(var browser):
            switch browser.handle(event) {
            case .pending: modal = .lifecycle(.history(browser))
            case .closed: modal = nil
            case .open(let ref): modal = nil; openDocument(ref)
            case .edit(let n): modal = nil; editVersion(n, returnTo: browser)
            case .diff(let a, let b): showDiff(from: a, to: b, returnTo: browser)
            case .step(let ref): startStepping(at: ref, returnTo: browser)
            case .help: openHelp(section: EditorKeymaps.history.title, over: .lifecycle(.history(browser)))
            }
        case .discardDraft(var dialog, let n, let history):
            _ = dialog.handle(event)
            switch dialog.outcome {
            case .pending: modal = .lifecycle(.discardDraft(dialog, version: n, returnTo: history))
            case .cancelled: modal = history.map { .lifecycle(.history($0)) }
            case .chose(let choice):
                modal = nil
                switch choice {
                case .discardAndEdit: editVersion(n, discardDraft: true, returnTo: nil)
                case .openDraft: openDocument(.draft)
                case .cancel: modal = history.map { .lifecycle(.history($0)) }
                }
            }
        }
        return .none
    }

    func renderLifecycleModal(_ current: LifecycleModal, into b: inout CellBuffer, in area: Rect) -> LifecycleModal {
        switch current {
        case .makeLive(var w): w.render(into: &b, in: area); return .makeLive(w)
        case .refused(var d): d.render(into: &b, in: area); return .refused(d)
        case .history(var h): h.render(into: &b, in: area); return .history(h)
        case .discardDraft(var d, let n, let h): d.render(into: &b, in: area); return .discardDraft(d, version: n, returnTo: h)
        }
    }
}
