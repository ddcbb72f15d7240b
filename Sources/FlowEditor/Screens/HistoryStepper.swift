import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

/// Stepping through a flow's history on the canvas (s in the history, then p / n): the
/// versions oldest first and the working draft last; each step shows one entry's own
/// change (its diff against the entry before it) with a header naming the version, its
/// author, time, comment and change counts. The viewport follows the node under the
/// cursor, so a node can be watched across releases.
struct HistoryStepper {
    /// Oldest first; the working draft (when there is one) last.
    let entries: [HistoryEntry]
    var index: Int
    /// Documents read so far, by entry index. Each step needs its entry and the one before;
    /// stepping reads one new document (the other is already here). At most `keep` stay.
    private var documents: [Int: FlowDocument] = [:]
    private static let keep = 4

    init?(history newestFirst: [HistoryEntry], at ref: DocumentRef) {
        entries = newestFirst.reversed()
        guard let i = entries.firstIndex(where: { HistoryBrowser.ref($0) == ref }) else { return nil }
        index = i
    }

    var entry: HistoryEntry { entries[index] }
    var ref: DocumentRef { HistoryBrowser.ref(entry) }
    var previousRef: DocumentRef? { index > 0 ? HistoryBrowser.ref(entries[index - 1]) : nil }

    /// The documents before and after the current entry's change (before: an empty flow
    /// for the first version).
    mutating func load(_ workspace: Workspace, flowID: String) throws(WorkspaceError) -> (before: FlowDocument, after: FlowDocument) {
        let after = try document(index, workspace, flowID)
        let before = index > 0 ? try document(index - 1, workspace, flowID) : FlowDocument(name: after.name, kind: after.kind)
        for k in documents.keys where abs(k - index) >= Self.keep / 2 + 1 { documents[k] = nil }
        return (before, after)
    }

    private mutating func document(_ i: Int, _ workspace: Workspace, _ flowID: String) throws(WorkspaceError) -> FlowDocument {
        if let d = documents[i] { return d }
        let d = try workspace.document(flowID, HistoryBrowser.ref(entries[i])).document
        documents[i] = d
        return d
    }

    /// "step 3 of 5".
    var position: String { "step \(index + 1) of \(entries.count)" }
}

extension CanvasScreen {
    /// The entry the history stepper shows, if stepping (tests).
    public var steppingEntry: HistoryEntry? { lifecycle.diff?.stepper?.entry }

    /// s in the history (or Enter on a blamed node): `ref`'s own change on the canvas, as a
    /// step that p / n move from.
    public func startStepping(at ref: DocumentRef, returnTo: HistoryBrowser? = nil, anchor: String? = nil) {
        if lifecycle.diff == nil, hasUnsavedChanges, !save() { return }
        do {
            guard let stepper = HistoryStepper(history: try workspace.history(flowID), at: ref) else {
                message = "\(HistoryBrowser.label(ref)) is not in the history"
                return
            }
            showStep(stepper, returnTo: returnTo ?? lifecycle.diff?.returnTo, anchor: anchor ?? state.nodeUnderCursor?.id)
        } catch {
            message = error.message
        }
    }

    /// p / n while stepping: the previous or next entry's own change; the draft is the last.
    public func stepHistory(_ delta: Int) {
        guard let view = lifecycle.diff, var stepper = view.stepper else {
            message = "p / n step through versions: s on an entry of the history (H) starts"
            return
        }
        let target = stepper.index + delta
        guard stepper.entries.indices.contains(target) else {
            message = delta < 0 ? "this is the first version" : (stepper.entry.version == nil ? "this is the working draft: the last step" : "this is the newest version")
            return
        }
        stepper.index = target
        let anchor = state.highlighted ?? state.nodeUnderCursor?.id
        showStep(stepper, returnTo: view.returnTo, anchor: anchor)
    }

    private func showStep(_ stepper: HistoryStepper, returnTo: HistoryBrowser?, anchor: String?) {
        var stepper = stepper
        let docs: (before: FlowDocument, after: FlowDocument)
        do { docs = try stepper.load(workspace, flowID: flowID) } catch { message = error.message; return }
        var view = presentDiff(old: docs.before, new: docs.after, from: stepper.previousRef, to: stepper.ref,
                               returnTo: returnTo, anchor: anchor, sameFlowShown: true)
        view.stepper = stepper
        lifecycle.diff = view
        focus = .canvas
        message = "\(stepper.position) · p previous · n next · Tab the change list · Esc back"
    }

    /// The step's header, one line over the top of the canvas: the version, its author,
    /// time and comment, and what it changed.
    func renderStepHeader(into b: inout CellBuffer, area: Rect) {
        guard let view = lifecycle.diff, let stepper = view.stepper, area.height > 2 else { return }
        let line = Self.stepHeader(stepper.entry, diff: view.marks.diff, position: stepper.position, now: lifecycle.clock())
        b.withClip(area) { b in
            b.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: theme.statusBar)
            b.put(line, x: area.x + 1, y: area.y, maxWidth: area.width - 2, style: theme.statusBar)
        }
    }

    /// "v3 · alice · 2d ago · "Shorter reply" · +1 -0 ~2 nodes · +1 -1 connectors · step 3 of 5".
    static func stepHeader(_ e: HistoryEntry, diff d: FlowDiff, position: String, now: Date) -> String {
        let name = e.version.map { "v\($0)" } ?? "working draft"
        let comment = e.version == nil ? "not live yet" : (e.comment.isEmpty ? "(no comment)" : "\"\(e.comment)\"")
        var parts = [name, e.author.isEmpty ? "?" : e.author, Self.ago(e.createdAt, now: now), comment,
                     "+\(d.addedNodes.count) -\(d.removedNodes.count) ~\(d.changedNodes.count) nodes"]
        if !d.movedNodes.isEmpty { parts[parts.count - 1] += " (\(d.movedNodes.count) moved)" }
        if !d.addedConnections.isEmpty || !d.removedConnections.isEmpty {
            parts.append("+\(d.addedConnections.count) -\(d.removedConnections.count) connectors")
        }
        if !d.notesUnchanged { parts.append("notes +\(d.addedNotes.count) -\(d.removedNotes.count) ~\(d.changedNotes.count)") }
        if d.settingsChanged { parts.append("settings ~") }
        parts.append(position)
        return parts.joined(separator: " · ")
    }

    static func ago(_ date: Date, now: Date) -> String {
        let age = BlameMarks.age(from: date, to: now)
        return age == "now" ? "just now" : age + " ago"
    }
}
