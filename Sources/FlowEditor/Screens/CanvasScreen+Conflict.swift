import FlowCanvasView
import FlowKit
import TerminalUI

/// The save-conflict dialog (Save found a newer stored draft) and its "Differences" choice:
/// the semantic diff of the unsaved document against the stored draft, on the canvas as
/// history's diff is; Esc comes back to the dialog with the unsaved document untouched.
extension CanvasScreen {
    /// The button's label; `d` chooses it (`s` is Save as copy's).
    static let differencesButton = "Differences"

    /// Focus starts on Cancel, and the arrows do not wrap onto Reload (issue 10).
    func saveConflictDialog(_ problem: String) -> ChoiceDialog<ConflictChoice> {
        ChoiceDialog(
            title: "Save conflict",
            message: problem + ". Reload (lose your changes), save as a copy, see the differences, or cancel?",
            buttons: [.init("Reload", .reload), .init("Save as copy", .saveAsCopy),
                      .init(Self.differencesButton, .showDifferences), .init("Cancel", .cancel)],
            focused: .cancel, theme: theme)
    }

    /// Shows what the unsaved document changes against the stored draft (the draft is the
    /// older side), read-only with the change list; leaving the diff puts the unsaved
    /// document (and its undo history) back and reopens the dialog, focus on Cancel.
    func showConflictDifferences(returnTo dialog: ChoiceDialog<ConflictChoice>) {
        let again = ChoiceDialog(title: dialog.title, message: dialog.message,
                                 buttons: zip(Self.conflictLabels(dialog), dialog.choices).map { .init($0, $1) },
                                 focused: .cancel, theme: theme)
        let stored: FlowDocument
        do {
            stored = try workspace.document(flowID, .draft).document
        } catch {
            modal = .conflict(again)
            message = error.message
            return
        }
        let view = presentDiff(old: stored, new: state.document, from: .draft, to: .draft, returnTo: nil)
        lifecycle.diff?.caption = "Your unsaved changes against the stored draft"
        lifecycle.diff?.returnToConflict = again
        message = view.marks.diff.isEmpty ? "no differences from the stored draft · Esc goes back"
            : "Enter on a change jumps to it · Esc goes back to the dialog (your changes are kept)"
    }

    private static func conflictLabels(_ dialog: ChoiceDialog<ConflictChoice>) -> [String] {
        dialog.dialog.buttons
    }
}
