import TerminalUI

/// Where the panel's last frame put the parts a click acts on.
struct TestRunHitAreas {
    var panel = Rect.zero
    var transcript = Rect.zero
    /// Each hint of the panel's last rows and the key it presses.
    var hints: [(Rect, Event)] = []
    /// The trigger step's fields, by row.
    var fields: [(y: Int, index: Int)] = []
    /// The row of the reply / seconds input, when shown.
    var inputRow: Int?
    /// Transcript rows whose entry names a node.
    var transcriptNodes: [(y: Int, node: String)] = []
}

/// The panel takes the mouse as the canvas and the flow list do: a click on a hint
/// presses its key (start, send, stubs, save, restart …), on a trigger field focuses it,
/// on a transcript step that names a node shows that node on the canvas; the wheel
/// scrolls the transcript. The stub form and the save prompt take clicks on their fields
/// and their Enter / Esc footers.
extension TestRunPanel {
    /// A form or prompt is open over the screen (it takes every click).
    var hasOverlay: Bool { stubForm != nil || savePrompt != nil || commandPrompt != nil }

    func handleMouse(_ m: MouseEvent) -> Response {
        if stubForm != nil {
            handleOverlay(.mouse(m))
            return .keep
        }
        if savePrompt != nil {
            handleOverlay(.mouse(m))
            return .keep
        }
        let p = m.position
        guard hitAreas.panel.contains(p) else { return .keep }
        switch m.action {
        case .wheelUp, .wheelDown:
            guard phase != .setup else { return .keep }
            scrollBack = m.action == .wheelUp ? scrollBack + 3 : max(0, scrollBack - 3)
        case .press where m.button == .left:
            if let hint = hitAreas.hints.first(where: { $0.0.contains(p) }) { return handle(hint.1) }
            if let field = hitAreas.fields.first(where: { $0.y == m.y }) {
                focusField(field.index)
                _ = fieldEditors[field.index].handle(.mouse(m))
                return .keep
            }
            if hitAreas.inputRow == m.y {
                _ = input.handle(.mouse(m))
                return .keep
            }
            if hitAreas.transcript.contains(p), let row = hitAreas.transcriptNodes.first(where: { $0.y == m.y }),
               document.node(withID: row.node) != nil {
                return .showNode(row.node)
            }
        default:
            break
        }
        return .keep
    }
}
