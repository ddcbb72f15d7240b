import FlowKit
import TerminalUI

// Live validation: the Errors & Warnings pane always describes the document on screen.
// A flow is checked when it opens; after an edit it is checked again once the keys have
// been idle for `validationIdleMs` (the run loop's idle tick), so typing never waits for a
// whole-flow check, even at thousands of nodes. Until then the pane says "checking…".
// Save still validates and stores as before (its report is the same validator's).
extension CanvasScreen {
    /// How long the keys must be idle before the flow is checked again. Short, because the
    /// check is incremental (a few ms after a typical edit, `IncrementalValidator`): a key
    /// arriving during one waits at most that long.
    public static let validationIdleMs = 40

    /// Flows up to this many nodes are checked before their first frame; larger ones after
    /// it, on the idle tick (issue 10: the check was a fifth of opening 50,000 nodes).
    public static let validateOnOpenUpTo = 2_000

    /// True when `findings` describe the document as it is now.
    public var findingsAreCurrent: Bool { validatedGeneration == state.flow.generation }

    /// Checks the whole document now: incrementally, so only the nodes the edits since the
    /// last check can affect are checked again (the report equals `Validator`'s).
    public func validateNow() {
        guard lifecycle.diff == nil else { return }  // a diff's pane shows changes, not findings
        var validator = screen.liveValidator ?? IncrementalValidator(catalog: workspace.catalog)
        screen.liveValidator = nil  // not shared while it validates: no copy of its cache
        let report = validator.validate(state.document)
        screen.liveValidator = validator
        showReport(report)
    }

    /// The idle tick: re-validates when an edit made the findings stale. True when it did.
    func validateIfStale() -> Bool {
        guard lifecycle.diff == nil, !findingsAreCurrent else { return false }
        validateNow()
        return true
    }

    /// Checking comes first; then, while connectors near the view are unrouted, a short
    /// tick routes them ahead of the next pan (`CanvasView.routeAhead`).
    public var idleTickMs: Int? {
        if lifecycle.diff == nil && !findingsAreCurrent { return Self.validationIdleMs }
        return canvasView.hasRouteAheadWork ? Self.routeAheadIdleMs : nil
    }

    /// The keys' quiet time before routing ahead: short, as each step yields within
    /// `CanvasView.routeAheadBudget`.
    public static let routeAheadIdleMs = 2

    /// "Lookup parcel: URL is required": the node as the canvas names it (its label; the id
    /// when the label is empty), or "Flow" for flow-level findings.
    func findingLine(_ f: Finding) -> String {
        guard let node = f.node else { return f.message }
        let label = (findingLabels[node] ?? "").trimmingCharacters(in: .whitespaces)
        return "\(label.isEmpty ? node : label): \(FindingText.short(f))"
    }
}
