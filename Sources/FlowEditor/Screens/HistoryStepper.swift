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
    /// Prepares, off the main thread and while the user looks at this step, the steps either
    /// side: their documents, diff, marks and change list, so a key only draws.
    let preparer = StepPreparer()

    init?(history newestFirst: [HistoryEntry], at ref: DocumentRef) {
        entries = newestFirst.reversed()
        guard let i = entries.firstIndex(where: { HistoryBrowser.ref($0) == ref }) else { return nil }
        index = i
    }

    var entry: HistoryEntry { entries[index] }
    var ref: DocumentRef { HistoryBrowser.ref(entry) }
    var previousRef: DocumentRef? { index > 0 ? HistoryBrowser.ref(entries[index - 1]) : nil }

    /// The current entry's change: prepared ahead when the user paused long enough, else
    /// made now. Then the steps either side are prepared from its documents.
    func load(_ workspace: Workspace, flowID: String, catalog: NodeCatalog) throws(WorkspaceError) -> PreparedStep {
        let step: PreparedStep
        if let ready = preparer.take(index) {
            step = ready
        } else {
            let refs = (before: previousRef, after: ref)
            do {
                step = try PreparedStep.make(refs, known: [:], workspace: workspace, flowID: flowID, catalog: catalog)
            } catch let error as WorkspaceError { throw error } catch { throw .databaseFailure(path: workspace.backend.location, reason: "\(error)") }
        }
        // p needs (index-2, index-1): index-1 is this step's `before`; n needs (index, index+1).
        if index > 0 {
            preparer.prepare(index - 1, refs: (index > 1 ? HistoryBrowser.ref(entries[index - 2]) : nil, previousRef!),
                             known: [previousRef!: step.before], workspace: workspace, flowID: flowID, catalog: catalog)
        }
        if entries.indices.contains(index + 1) {
            preparer.prepare(index + 1, refs: (ref, HistoryBrowser.ref(entries[index + 1])),
                             known: [ref: step.after], workspace: workspace, flowID: flowID, catalog: catalog)
        }
        return step
    }

    /// "step 3 of 5".
    var position: String { "step \(index + 1) of \(entries.count)" }
}

/// One entry's change, ready to show: the documents before and after it (before: an empty
/// flow for the first version), their diff's marks and the change list.
struct PreparedStep: @unchecked Sendable {
    let before: FlowDocument
    let after: FlowDocument
    let marks: DiffMarks
    let changes: [DiffChange]

    /// Reads what `known` lacks, shares the unchanged nodes of the document read with the
    /// one already shown (so the canvas compares them by pointer, not by value), and diffs.
    static func make(_ refs: (before: DocumentRef?, after: DocumentRef), known: [DocumentRef: FlowDocument],
                     workspace: Workspace, flowID: String, catalog: NodeCatalog) throws -> PreparedStep {
        var after = try known[refs.after] ?? workspace.document(flowID, refs.after).document
        var before: FlowDocument
        if let b = refs.before {
            before = try known[b] ?? workspace.document(flowID, b).document
        } else {
            before = FlowDocument(name: after.name, kind: after.kind)
        }
        if known[refs.after] != nil { before = sharing(before, with: after) } else { after = sharing(after, with: before) }
        let marks = DiffMarks(old: before, new: after)
        return PreparedStep(before: before, after: after, marks: marks, changes: marks.changes(new: after, catalog: catalog))
    }

    /// `doc` with each node equal to `other`'s node of that id replaced by `other`'s own
    /// value (the same storage), found by position first: versions keep their order.
    static func sharing(_ doc: FlowDocument, with other: FlowDocument) -> FlowDocument {
        var doc = doc
        var byID: [String: Int]?
        for i in doc.nodes.indices {
            let id = doc.nodes[i].id
            var k: Int? = other.nodes.indices.contains(i) && other.nodes[i].id == id ? i : nil
            if k == nil {
                if byID == nil { byID = Dictionary(other.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }) }
                k = byID?[id]
            }
            if let k, other.nodes[k] == doc.nodes[i] { doc.nodes[i] = other.nodes[k] }
        }
        if doc.connections == other.connections { doc.connections = other.connections }
        return doc
    }
}

/// Steps prepared on a background queue. `take` returns one already prepared, or waits for
/// one being prepared, so a step is never made twice; nil when it was not asked for (or
/// failed: the caller makes it again and reports the error).
final class StepPreparer: @unchecked Sendable {
    private let lock = NSLock()
    private var ready: [Int: PreparedStep] = [:]
    private var preparing: [Int: DispatchGroup] = [:]

    func prepare(_ index: Int, refs: (before: DocumentRef?, after: DocumentRef), known: [DocumentRef: FlowDocument],
                 workspace: Workspace, flowID: String, catalog: NodeCatalog) {
        let group = DispatchGroup()
        group.enter()  // before `take` can see it, so a wait never passes an unstarted step
        let started: Bool = lock.withLock {
            guard ready[index] == nil, preparing[index] == nil else { return false }
            preparing[index] = group
            return true
        }
        guard started else { group.leave(); return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let step = try? PreparedStep.make(refs, known: known, workspace: workspace, flowID: flowID, catalog: catalog)
            lock.withLock {
                if let step { ready[index] = step }
                preparing[index] = nil
                // Keep the few around the current one: a user stepping one way never takes the rest.
                for k in ready.keys where abs(k - index) > 2 { ready[k] = nil }
            }
            group.leave()
        }
    }

    func take(_ index: Int) -> PreparedStep? {
        if let group = lock.withLock({ preparing[index] }) { group.wait() }
        return lock.withLock { ready.removeValue(forKey: index) }
    }

    /// Waits until nothing is being prepared (benchmarks: the pause between two key presses).
    func waitUntilIdle() {
        while let group = lock.withLock({ preparing.values.first }) { group.wait() }
    }
}

extension CanvasScreen {
    /// Waits for the stepper's reads ahead (benchmarks and tests).
    public func waitForHistoryPrefetch() { lifecycle.diff?.stepper?.preparer.waitUntilIdle() }

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
        let step: PreparedStep
        do { step = try stepper.load(workspace, flowID: flowID, catalog: workspace.catalog) } catch { message = error.message; return }
        var view = presentDiff(old: step.before, new: step.after, from: stepper.previousRef, to: stepper.ref,
                               returnTo: returnTo, anchor: anchor, sameFlowShown: true, prepared: (step.marks, step.changes))
        view.stepper = stepper
        lifecycle.diff = view
        focus = .canvas
        message = "\(stepper.position) · p previous · n next · Tab the change list · Esc back"
    }

    /// The step's header (tests): who, when, why, and what the step changed.
    public var stepHeaderText: String? {
        guard let view = lifecycle.diff, let stepper = view.stepper else { return nil }
        let h = Self.stepHeader(stepper.entry, diff: view.marks.diff, first: stepper.index == 0,
                                position: stepper.position, now: lifecycle.clock())
        return h.who + " · " + h.what
    }

    /// The step's header over the top of the canvas: one line when it fits, else who /
    /// when / why on the first line and what changed on the second.
    func renderStepHeader(into b: inout CellBuffer, area: Rect) {
        guard let view = lifecycle.diff, let stepper = view.stepper, area.height > 4 else { return }
        let h = Self.stepHeader(stepper.entry, diff: view.marks.diff, first: stepper.index == 0,
                                position: stepper.position, now: lifecycle.clock())
        let one = h.who + " · " + h.what
        let lines = DisplayWidth.of(one) <= area.width - 2 ? [one] : [h.who, h.what]
        b.withClip(area) { b in
            for (i, line) in lines.enumerated() {
                b.fill(Rect(x: area.x, y: area.y + i, width: area.width, height: 1), style: theme.statusBar)
                b.put(line, x: area.x + 1, y: area.y + i, maxWidth: area.width - 2, style: theme.statusBar)
            }
        }
    }

    /// who: "v3 · alice · 2d ago · "Shorter reply""; what: "+1 -0 ~2 nodes · +1 -1
    /// connectors · step 3 of 5".
    /// `first`: the oldest entry, whose "settings changed" only says the flow came into being.
    static func stepHeader(_ e: HistoryEntry, diff d: FlowDiff, first: Bool, position: String,
                           now: Date) -> (who: String, what: String) {
        let name = e.version.map { "v\($0)" } ?? "working draft"
        let comment = e.version == nil ? "not live yet" : (e.comment.isEmpty ? "(no comment)" : "\"\(e.comment)\"")
        let who = [name, e.author.isEmpty ? "?" : e.author, Self.ago(e.createdAt, now: now), comment].joined(separator: " · ")
        var parts = ["+\(d.addedNodes.count) -\(d.removedNodes.count) ~\(d.changedNodes.count) nodes"]
        if !d.movedNodes.isEmpty { parts[0] += " (\(d.movedNodes.count) moved)" }
        if !d.addedConnections.isEmpty || !d.removedConnections.isEmpty {
            parts.append("+\(d.addedConnections.count) -\(d.removedConnections.count) connectors")
        }
        if !d.notesUnchanged { parts.append("notes +\(d.addedNotes.count) -\(d.removedNotes.count) ~\(d.changedNotes.count)") }
        if d.settingsChanged && !first { parts.append("settings ~") }
        parts.append(position)
        return (who, parts.joined(separator: " · "))
    }

    static func ago(_ date: Date, now: Date) -> String {
        let age = BlameMarks.age(from: date, to: now)
        return age == "now" ? "just now" : age + " ago"
    }
}
