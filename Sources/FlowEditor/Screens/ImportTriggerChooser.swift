import FlowKit
import TerminalUI

/// A Twilio Studio definition whose Trigger connects several events: the events, in the
/// user's words, to choose the one the imported flow starts on (the CLI's `--trigger`).
struct ImportTriggerChooser {
    /// Studio event names, as `--trigger` takes them.
    var events: [String]
    var fileName: String
    var list: ListView
    var theme: Theme

    enum Outcome: Equatable { case pending, chose(String), cancelled }

    init(events: [String], fileName: String, theme: Theme) {
        self.events = events
        self.fileName = fileName
        self.theme = theme
        list = ListView(focused: true, emptyText: "", theme: theme)
        list.items = events.map { ListItem(TwilioStudioImport.triggerEventDescription($0), detail: $0) }
        list.select(0)
    }

    var selectedEvent: String? {
        guard let i = list.selectedIndex, events.indices.contains(i) else { return nil }
        return events[i]
    }

    mutating func handle(_ event: Event) -> Outcome {
        guard case .key(let k) = event else { return .pending }
        switch EditorKeymaps.importTrigger.action(for: k) {
        case .choose?: return selectedEvent.map(Outcome.chose) ?? .pending
        case .cancel?: return .cancelled
        case .list(let move)?: list.select(move.apply(to: list.selectedIndex ?? 0, count: events.count))
        case nil: break
        }
        return .pending
    }

    mutating func render(into b: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 78)
        let heading = TextLayout.wrap("\(fileName): its Trigger starts the flow on several events. Which one should "
                                      + "the imported flow start on?", width: max(1, width - 4))
        let height = min(area.height - 2, heading.count + events.count + 3)
        guard width >= 20, height >= 5 else { return }
        let box = area.centred(Size(width: width, height: height))
        b.withClip(box) { b in
            ModalBox("Import: choose the trigger", footer: "Up/Down choose · Enter import · Esc cancel")
                .draw(box, into: &b, theme: theme)
            for (i, line) in heading.enumerated() where box.y + 1 + i < box.maxY - 1 {
                b.put(line, x: box.x + 2, y: box.y + 1 + i, style: theme.dialog)
            }
        }
        let top = box.y + 2 + heading.count
        list.render(into: &b, in: Rect(x: box.x + 2, y: top, width: width - 4, height: max(0, box.maxY - 1 - top)))
    }
}
