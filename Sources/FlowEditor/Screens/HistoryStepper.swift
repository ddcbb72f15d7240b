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
    /// Reads the documents the next steps either way will need, while the user looks at
    /// this one (a 5,000-node document takes longer to read than a step may).
    let prefetcher = DocumentPrefetcher()

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
        // p needs the entry two back; n needs the next one.
        for k in [index - 2, index + 1] where entries.indices.contains(k) && documents[k] == nil {
            prefetcher.prefetch(HistoryBrowser.ref(entries[k]), workspace: workspace, flowID: flowID)
        }
        return (before, after)
    }

    private mutating func document(_ i: Int, _ workspace: Workspace, _ flowID: String) throws(WorkspaceError) -> FlowDocument {
        if let d = documents[i] { return d }
        let ref = HistoryBrowser.ref(entries[i])
        let d: FlowDocument
        if let ahead = prefetcher.take(ref) { d = ahead } else { d = try workspace.document(flowID, ref).document }
        documents[i] = d
        return d
    }

    /// "step 3 of 5".
    var position: String { "step \(index + 1) of \(entries.count)" }
}

/// Documents of one flow read on a background queue. `take` returns one already read, or
/// waits for one being read, so a document is never read twice; nil when it was not asked
/// for (or could not be read: the caller reads it again and reports the error).
final class DocumentPrefetcher: @unchecked Sendable {
    private let lock = NSLock()
    private var read: [DocumentRef: FlowDocument] = [:]
    private var reading: [DocumentRef: DispatchGroup] = [:]

    func prefetch(_ ref: DocumentRef, workspace: Workspace, flowID: String) {
        let group = DispatchGroup()
        group.enter()  // before `take` can see it, so a wait never passes an unstarted read
        let started: Bool = lock.withLock {
            guard read[ref] == nil, reading[ref] == nil else { return false }
            reading[ref] = group
            return true
        }
        guard started else { group.leave(); return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let doc = try? workspace.document(flowID, ref).document
            lock.withLock {
                if let doc { read[ref] = doc }
                reading[ref] = nil
                // Keep a few: a user stepping one way never takes the other side's.
                if read.count > 4, let far = read.keys.first(where: { $0 != ref }) { read[far] = nil }
            }
            group.leave()
        }
    }

    func take(_ ref: DocumentRef) -> FlowDocument? {
        if let group = lock.withLock({ reading[ref] }) { group.wait() }
        return lock.withLock { read.removeValue(forKey: ref) }
    }

    /// Waits until nothing is being read (benchmarks: the pause between two key presses).
    func waitUntilIdle() {
        while let group = lock.withLock({ reading.values.first }) { group.wait() }
    }
}

extension CanvasScreen {
    /// Waits for the stepper's reads ahead (benchmarks and tests).
    public func waitForHistoryPrefetch() { lifecycle.diff?.stepper?.prefetcher.waitUntilIdle() }

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
