import FlowKit
import TerminalUI

// The wizard's "New app…" (issue 12): the last option of each channel's app choice opens
// a form; the app it makes is offered and chosen for that channel, kept with every other
// choice, and stored by Make Live itself (`MakeLiveRequest.newApps`).
extension MakeLiveWizard {
    public static let newAppOption = "New app…"

    /// Enter on the apps step while a channel's choice is "New app…": the form opens.
    mutating func openNewAppFormIfChosen() -> Bool {
        guard step == .apps, let i = appFields.firstIndex(where: { $0.value == Self.newAppOption }) else { return false }
        newAppForm = NewAppForm(channel: channels[i], theme: theme)
        return true
    }

    mutating func handleNewAppForm(_ event: Event) -> Outcome {
        guard var form = newAppForm else { return .pending }
        let pending = newApps
        let outcome = form.handle(event) { app in
            if pending.contains(where: { $0.name.caseInsensitiveCompare(app.name) == .orderedSame }) {
                return "an app named '\(app.name)' is already being added"
            }
            return checkNewApp?(app)
        }
        let row = channels.firstIndex(of: form.channel) ?? 0
        switch outcome {
        case .pending:
            newAppForm = form
        case .cancelled:
            newAppForm = nil
            appFields[row].select(value: initialApps[form.channel] ?? WorkspaceApp.outboxName)
        case .created(let app):
            newAppForm = nil
            newApps.append(app)
            var options = appFields[row].options
            options.insert(app.name, at: max(0, options.count - 1))
            appFields[row].options = options
            appFields[row].select(value: app.name)
        }
        return .pending
    }

    /// The new apps some channel is still bound to (the others are dropped).
    var boundNewApps: [WorkspaceApp] {
        let chosen = Set(appFields.compactMap(\.value))
        return newApps.filter { chosen.contains($0.name) }
    }

    var newAppLines: [String] {
        boundNewApps.map {
            // "signed" before the URL, which a narrow summary may cut.
            "New app: \($0.name) (\($0.channel ?? "")\($0.hasSigningSecret ? ", signed" : "")) → \($0.webhookURL ?? "")"
        }
    }
}
