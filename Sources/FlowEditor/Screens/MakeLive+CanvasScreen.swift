import FlowCanvasView
import FlowKit
import Foundation
import TerminalUI

// Make Live from the canvas (L): save, refuse with the findings while errors remain,
// else the wizard; on Confirm the new version is live and shown read-only.
extension CanvasScreen {
    /// L: saves the working draft (as `s` does, conflicts included), then either refuses
    /// (the errors pane lists what blocks it, a dialog says how many) or opens the wizard.
    public func openMakeLive() {
        guard lifecycle.diff == nil else { message = "leave the diff first (Esc), then L makes the working draft live"; return }
        if case .shared = source { message = "a shared flow is read-only: it cannot be made live from here"; return }
        guard !isReadOnly else {
            message = "v\(versionNumber ?? 0) is read-only: E branches a draft from it, then L makes that live"
            return
        }
        guard save() else { return }  // a conflict dialog or the error is showing
        // Make Live checks voice flows with the voice compile (prompts too), others with the validator.
        if document.kind == .voice {
            do { showReport(try workspace.compile(flowID, .draft)) } catch { message = error.message; return }
        }
        let errors = findings.filter { $0.severity == .error }.count
        guard errors == 0 else { return refuseMakeLive(errors: errors) }
        if offerReviewBeforeMakeLive() { return }  // ReviewView.swift (issue 17)
        do {
            let summary = try workspace.flow(flowID)
            var current: [String: String] = [:]  // the live version's bindings, preselected
            if let live = summary.liveVersion { current = try workspace.version(flowID, live).apps }
            var wizard = MakeLiveWizard(flowName: flowName, document: document, apps: try workspace.apps(),
                                        catalog: workspace.catalog, nextVersion: (summary.latestVersion ?? 0) + 1,
                                        liveVersion: summary.liveVersion, current: current, theme: theme)
            var live: FlowVersion?
            if let n = summary.liveVersion { live = try workspace.version(flowID, n) }
            prepareMakeLiveWizard(&wizard, live: live)
            wizard.reviewNote = reviewNote
            modal = .lifecycle(.makeLive(wizard))
        } catch {
            message = error.message
        }
    }

    func refuseMakeLive(errors: Int) {
        focus = .errors
        errorsSelection = 0
        let noun = errors == 1 ? "error blocks" : "errors block"
        modal = .lifecycle(.refused(ChoiceDialog(
            title: "Make Live refused",
            message: "\(errors) \(noun) Make Live. The errors pane lists them: Enter on one jumps to its node, Enter again opens its form.",
            buttons: [.init("Show errors", .showErrors)], theme: theme)))
        message = "\(errors) \(noun) Make Live"
    }

    /// Confirm in the wizard: version N+1 goes live and the canvas shows it read-only.
    func confirmMakeLive(_ request: MakeLiveRequest) {
        do {
            let version = try workspace.makeLive(flowID, request)
            showVersion(version.document, number: version.number, isLive: true)
            let apps = version.apps.keys.sorted().map { "\($0) → \(version.apps[$0]!)" }.joined(separator: ", ")
            message = "v\(version.number) is live" + (apps.isEmpty ? "" : " (\(apps))") + " · E edits it"
        } catch let error {
            modal = nil
            if case .validationFailed(_, let report) = error {
                showReport(report)
                refuseMakeLive(errors: report.errors.count)
            } else if case .conflict = error {
                refuseStaleMakeLive(error)
            } else {
                message = error.message
            }
        }
    }

    /// The canvas shows a stored version read-only (after Make Live, or opened from history).
    func showVersion(_ doc: FlowDocument, number: Int, isLive: Bool) {
        replaceCanvas(with: CanvasState(document: doc, readOnly: true, catalog: workspace.catalog))
        source = .version(number, isLive: isLive)
        revision = (try? workspace.flow(flowID).draftRevision ?? 0) ?? 0
        findings = []
        hasSaved = false
        decorations = CanvasDecorations()
        validatedGeneration = nil
    }

    /// The canvas edits a stored working draft (branched from a version, or reopened).
    func showDraft(_ stored: StoredDocument) {
        replaceCanvas(with: CanvasState(document: stored.document, catalog: workspace.catalog))
        source = .draft(basedOn: stored.basedOn)
        revision = stored.draftRevision
        findings = []
        hasSaved = false
        decorations = CanvasDecorations()
        validatedGeneration = nil
    }

    /// A new document on the canvas, keeping the cursor and the viewport where they were
    /// (versions of one flow mostly share their layout).
    private func replaceCanvas(with new: CanvasState) {
        var s = new
        s.cursor = state.cursor
        s.viewportOrigin = state.viewportOrigin
        s.viewportSize = state.viewportSize
        state = s
        canvasView.reset()
        focus = .canvas
    }

    /// E: on a version shown read-only, branches a working draft from it (asking before
    /// an existing draft is discarded).
    public func editShownVersion() {
        guard lifecycle.diff == nil else { message = "leave the diff first (Esc)"; return }
        if case .shared = source { message = "a shared flow is read-only: import its JSON (view --json) to edit a copy"; return }
        guard case .version(let n, _) = source else {
            message = "this is the working draft: edit away (H lists the versions)"
            return
        }
        editVersion(n, returnTo: nil)
    }

    /// Branches a working draft from version `n` and edits it (`:edit N`); when a draft
    /// exists, a dialog asks before it is discarded.
    public func branchDraft(fromVersion n: Int) {
        guard lifecycle.diff == nil else { message = "leave the diff first (Esc)"; return }
        if hasUnsavedChanges, !save() { return }
        editVersion(n, returnTo: nil)
    }

    /// Branches a working draft from version `n` and edits it. When a draft exists, a
    /// dialog asks whether to discard it (or open it instead).
    func editVersion(_ n: Int, discardDraft: Bool = false, returnTo history: HistoryBrowser?) {
        do {
            let stored = try workspace.editVersion(flowID, version: n, discardDraft: discardDraft)
            showDraft(stored)
            message = "editing a new working draft based on v\(n) (revision \(stored.draftRevision))"
        } catch let error {
            if case .draftExists(_, let rev) = error {
                modal = .lifecycle(.discardDraft(ChoiceDialog(
                    title: "Discard the working draft?",
                    message: "\(flowName) already has a working draft (revision \(rev)). Discard it and branch a new draft from v\(n), or open the existing draft?",
                    buttons: [.init("Discard and edit", .discardAndEdit), .init("Open the draft", .openDraft),
                              .init("Cancel", .cancel)], focused: .cancel, theme: theme),
                    version: n, returnTo: history))
            } else {
                message = error.message
            }
        }
    }
}
