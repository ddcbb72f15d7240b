import FlowKit
import Foundation

/// The voice media check the Errors pane shows beside the validator's findings:
/// `missing-prompt` and `unreadable-prompt`, on which Make Live refuses. It reads the disk, so
/// it runs again only when what it depends on changes (the media folder or languages
/// settings, a prompt a node plays), on save, and, while it has findings, every few seconds
/// of the idle tick, so a prompt recorded in another window clears its finding.
struct VoiceMediaCheck {
    var inputs: VoiceCompiler.MediaInputs?
    var findings: [Finding] = []
    var checkedAt = Date.distantPast
    /// Read the disk again at the next report even if the inputs are the same (save, open).
    var stale = true
}

extension CanvasScreen {
    /// How often the idle tick reads the media folder again while prompts are missing.
    static let voiceMediaRecheckSeconds = 3.0

    /// `report` (the validator's) with a voice flow's media findings in place of any it has.
    func withVoiceMedia(_ report: ValidationReport) -> ValidationReport {
        let doc = state.document
        guard doc.kind == .voice else { return report }
        let inputs = VoiceCompiler.mediaInputs(doc, catalog: workspace.catalog)
        if voiceMedia.stale || voiceMedia.inputs != inputs {
            voiceMedia = VoiceMediaCheck(
                inputs: inputs,
                findings: inputs.playsPrompts
                    ? VoiceCompiler.mediaFindings(doc, mediaFolder: workspace.mediaFolder(for: doc), catalog: workspace.catalog)
                    : [],
                checkedAt: Date(), stale: false)
        }
        let own = report.findings.filter { !VoiceCompiler.mediaCodes.contains($0.code) }
        if voiceMedia.findings.isEmpty && own.count == report.findings.count { return report }
        return ValidationReport(findings: own + voiceMedia.findings)
    }

    /// The idle tick: while media findings show, the folder is read again every few
    /// seconds. True when the findings changed (the pane needs a frame).
    func recheckVoiceMediaIfDue(now: Date = Date()) -> Bool {
        guard state.document.kind == .voice, !voiceMedia.findings.isEmpty, findingsAreCurrent, lifecycle.diff == nil,
              now.timeIntervalSince(voiceMedia.checkedAt) >= Self.voiceMediaRecheckSeconds else { return false }
        let before = voiceMedia.findings
        voiceMedia.stale = true
        showReport(ValidationReport(findings: findings))  // the same validator findings, the media ones fresh
        return voiceMedia.findings != before
    }
}
