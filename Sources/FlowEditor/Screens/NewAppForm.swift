import FlowKit
import TerminalUI

/// The Make Live wizard's inline "New app…": a name, a webhook URL and an optional
/// signing secret (typed masked) for the channel being bound. The wizard keeps the app until Make Live completes, which stores it in
/// the same transaction; Esc (here or on the wizard) drops it.
struct NewAppForm {
    enum Outcome { case pending, cancelled, created(WorkspaceApp) }

    let channel: String
    var fields: [TextField]
    var focus = 0
    var error: String?
    var theme: Theme
    static let labels = ["Name", "Webhook URL", "Signing secret"]
    static let lastRequiredField = 1

    init(channel: String, theme: Theme) {
        self.channel = channel
        self.theme = theme
        fields = [TextField(placeholder: "e.g. \(channel)-sender", theme: theme),
                  TextField(placeholder: "https://…", theme: theme),
                  TextField(placeholder: "optional: signs each post", theme: theme)]
        fields[2].masked = true
        focusField(0)
    }

    var name: String { fields[0].text.trimmingCharacters(in: .whitespaces) }
    var webhookURL: String { fields[1].text.trimmingCharacters(in: .whitespaces) }
    var signingSecret: String? {
        let secret = fields[2].text.trimmingCharacters(in: .whitespaces)
        return secret.isEmpty ? nil : secret
    }

    mutating func focusField(_ i: Int) {
        focus = (i + fields.count) % fields.count
        for k in fields.indices { fields[k].focused = k == focus }
    }

    /// `check` is the workspace's (a taken or malformed name, a bad URL).
    mutating func handle(_ event: Event, check: (WorkspaceApp) -> String?) -> Outcome {
        guard case .key(let k) = event else { return .pending }
        switch EditorKeymaps.newApp.action(for: k, typing: true) {
        case .cancel?: return .cancelled
        case .nextField?: focusField(focus + 1)
        case .previousField?: focusField(focus - 1)
        case .enter?:
            // Enter adds from the URL on: the secret is optional, reached with Tab.
            if focus < Self.lastRequiredField { focusField(focus + 1); return .pending }
            let app = WorkspaceApp(name: name, channel: channel, webhookURL: webhookURL, signingSecret: signingSecret)
            if let problem = check(app) { error = problem; return .pending }
            return .created(app)
        case nil:
            if fields[focus].handle(event) { error = nil }
        }
        return .pending
    }

    mutating func render(into b: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 64)
        let height = error == nil ? 8 : 9
        guard width >= 30, area.height >= height else { return }
        let box = area.centred(Size(width: width, height: height))
        let labelWidth = 16
        b.withClip(box) { b in
            ModalBox("New app for \(channel)", footer: "Enter next/add · Tab secret · Esc drop").draw(box, into: &b, theme: theme)
            b.put("Sends on \(channel); stored when Make Live completes.", x: box.x + 2, y: box.y + 1,
                  maxWidth: width - 4, style: theme.dialog)
            for (i, label) in Self.labels.enumerated() {
                b.put(label, x: box.x + 2, y: box.y + 3 + i, style: i == focus ? theme.dialogTitle : theme.dialog)
            }
            if let error {
                b.put(b.glyphs.errorMark + " " + error, x: box.x + 2, y: box.y + 4 + fields.count, maxWidth: width - 4,
                      style: theme.dialog.adding(.bold))
            }
        }
        for i in fields.indices {
            fields[i].render(into: &b, in: Rect(x: box.x + 2 + labelWidth, y: box.y + 3 + i,
                                               width: width - 4 - labelWidth, height: 1))
        }
    }
}
