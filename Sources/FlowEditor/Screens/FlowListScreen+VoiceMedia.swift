import FlowKit
import Foundation

/// A draft's FINDINGS count on the flow list, kept until the draft's revision changes.
struct FlowFindingCount {
    var revision: Int
    var errors: Int
    var warnings: Int
    /// A voice flow that plays prompts: what its media check needs to run again.
    var media: FlowListMediaCheck?
}

/// The media half of a voice flow's count. The prompt files can change with no new draft
/// revision (`flowcanvas media create …`, a recording copied in from another shell), so the
/// list keeps the draft and the validator's own counts and reads only the media folder again.
struct FlowListMediaCheck {
    var document: FlowDocument
    /// The validator's findings, which change only with the draft.
    var validatorErrors: Int
    var validatorWarnings: Int
    /// Whether the last check found media findings (only those are re-read on the idle tick).
    var hasFindings: Bool
    var checkedAt: Date
}

extension FlowListScreen {
    /// How often the idle tick reads a media folder again while a flow's count includes
    /// media findings (as the canvas does, `CanvasScreen.voiceMediaRecheckSeconds`).
    static let voiceMediaRecheckSeconds = 3.0

    /// Counts the draft's findings; a voice flow counts its missing prompts too (Make Live
    /// refuses on them), as `compile` does.
    func countFindings(of f: FlowSummary, revision: Int, now: Date = Date()) throws -> FlowFindingCount {
        guard f.kind == .voice else {
            let report = try workspace.validate(f.id, .draft)
            return FlowFindingCount(revision: revision, errors: report.errors.count, warnings: report.warnings.count)
        }
        let document = try workspace.document(f.id, .draft).document
        let validator = Validator(catalog: workspace.catalog).validate(document)
        var count = FlowFindingCount(revision: revision, errors: validator.errors.count, warnings: validator.warnings.count)
        if VoiceCompiler.mediaInputs(document, catalog: workspace.catalog).playsPrompts {
            count.media = FlowListMediaCheck(document: document, validatorErrors: count.errors,
                                             validatorWarnings: count.warnings, hasFindings: false, checkedAt: now)
            count.checkMedia(workspace, now: now)
        }
        return count
    }

    /// Reads the media folders again of the voice flows whose counts include media findings
    /// (every voice flow that plays prompts when `all`), at most every few seconds each unless
    /// `all`. Rows are updated; true when a count changed.
    @discardableResult
    func recheckVoiceMedia(now: Date, all: Bool = false) -> Bool {
        var changed = false
        for (id, count) in findingCounts {
            guard let media = count.media, all || media.hasFindings,
                  all || now.timeIntervalSince(media.checkedAt) >= Self.voiceMediaRecheckSeconds else { continue }
            var recount = count
            recount.checkMedia(workspace, now: now)
            findingCounts[id] = recount
            guard recount.errors != count.errors || recount.warnings != count.warnings else { continue }
            changed = true
            for i in rows.indices where rows[i].summary.id == id && rows[i].summary.draftRevision == count.revision {
                rows[i].errors = recount.errors
                rows[i].warnings = recount.warnings
            }
        }
        if changed { applyFilterAndSort(keeping: selectedFlow?.id) }
        return changed
    }
}

extension FlowFindingCount {
    /// Runs the media check on the kept draft and recounts.
    mutating func checkMedia(_ workspace: Workspace, now: Date) {
        guard var media else { return }
        let found = ValidationReport(findings: VoiceCompiler.mediaFindings(
            media.document, mediaFolder: workspace.mediaFolder(for: media.document), catalog: workspace.catalog))
        errors = media.validatorErrors + found.errors.count
        warnings = media.validatorWarnings + found.warnings.count
        media.hasFindings = !found.findings.isEmpty
        media.checkedAt = now
        self.media = media
    }
}
