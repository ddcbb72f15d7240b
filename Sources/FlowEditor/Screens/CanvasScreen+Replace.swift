import FlowCanvasView
import FlowKit
import TerminalUI

/// `:replace OLD NEW` (issue 11): a preview of each change, then all of them as one
/// undoable edit.
extension CanvasScreen {
    func previewReplace(_ old: String, _ new: String) {
        guard refuseIfReadOnly() else { return }
        let replacement = TextReplacement(old, with: new, in: document)
        guard !replacement.changes.isEmpty else { message = "replace: \"\(old)\" occurs in no label, text field or note"; return }
        modal = .tool(.replace(ReplacePreview(replacement: replacement, theme: theme)))
    }

    func handleReplacePreview(_ preview: ReplacePreview, _ event: Event) {
        var p = preview
        switch p.handle(event) {
        case .pending: modal = .tool(.replace(p))
        case .cancelled: modal = nil; message = "replace: nothing changed"
        case .apply:
            modal = nil
            let r = p.replacement
            // Built against the document shown when the preview opened; nothing else edits meanwhile.
            state.flow.replace(nodes: r.nodes, notes: r.notes, name: "replace \"\(r.old)\"")
            let n = r.changes.count
            message = "replaced \"\(r.old)\" with \"\(r.new)\": \(n) change\(n == 1 ? "" : "s") (u undoes them all)"
        }
    }
}
