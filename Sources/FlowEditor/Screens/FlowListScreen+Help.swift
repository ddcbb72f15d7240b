import TerminalUI

// `?` (where it is not text) or F1 (anywhere) in a flow-list dialog: the help at that
// dialog's keys, over it; closing the help comes back to the dialog as it was.
extension FlowListScreen {
    func openHelpOverModal(_ current: Modal, _ event: Event) -> Bool {
        guard case .key(let key) = event, let place = helpPlace(of: current),
              EditorKeymaps.flowList.action(for: key, typing: place.typing) == .help else { return false }
        modalUnderHelp = current
        modal = .help(HelpOverlay(theme: theme, section: place.section))
        return true
    }

    /// Where the help opens for a dialog, and whether a plain `?` is text in it.
    private func helpPlace(of modal: Modal) -> (section: String, typing: Bool)? {
        switch modal {
        case .help: return nil
        case .templates, .confirmDelete, .confirmPause: return (EditorKeymaps.flowList.title, false)
        case .importRefused: return (EditorKeymaps.importRefusal.title, false)
        case .importTrigger: return (EditorKeymaps.importTrigger.title, false)
        case .importPath, .exportPath: return (EditorKeymaps.pathPrompt.title, true)
        case .newName, .copyName, .importName, .renameFlow, .typeNameToDelete: return (EditorKeymaps.flowList.title, true)
        }
    }
}
