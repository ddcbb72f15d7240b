import FlowKit
import TerminalUI

/// The Make Live wizard (DESIGN §6): one app per channel the flow uses, a value for each
/// externalized variable, a version comment, then a summary to confirm. Steps with
/// nothing to ask (no channel, no externalized variable) are left out. Enter goes on,
/// Esc goes back (and closes from the first step); nothing is written until Confirm.
public struct MakeLiveWizard {
    public enum Step: String, Equatable, Sendable {
        case apps, variables, comment, summary

        var title: String {
            switch self {
            case .apps: return "Apps"
            case .variables: return "Variables"
            case .comment: return "Comment"
            case .summary: return "Summary"
            }
        }
    }

    public enum Outcome: Equatable { case pending, cancelled, confirmed(MakeLiveRequest) }

    public let flowName: String
    /// The version Make Live will create.
    public let nextVersion: Int
    public let liveVersion: Int?
    public let steps: [Step]
    public private(set) var stepIndex = 0
    /// Channels to bind, sorted, and the app choice for each.
    public let channels: [String]
    var appFields: [SelectField]
    /// The flow's externalized variables and their value fields.
    public let variables: [CustomVariable]
    var variableFields: [TextField]
    var commentField: TextField
    /// The focused row of the apps or variables step; on the summary, 0 Back, 1 Confirm.
    public private(set) var row = 0
    public var theme: Theme
    /// "New app…": the open form, the apps it made, the choices to fall back to on Esc,
    /// and the workspace's check of a new app (nil: fine).
    var newAppForm: NewAppForm?
    public internal(set) var newApps: [WorkspaceApp] = []
    let initialApps: [String: String]
    public var checkNewApp: ((WorkspaceApp) -> String?)?
    /// The summary's "Change against vN" lines (`MakeLiveChange`), given by the opener.
    public var changeLines: (MakeLiveRequest) -> [String] = { _ in [] }
    /// The draft's revision when the wizard opened: Make Live refuses if it moved since.
    public var expectedRevision: Int?
    /// Shown on the comment step: how many of the draft's changes were reviewed (issue 17).
    public var reviewNote: String?

    /// `apps` is the workspace's list (outbox first); a channel is offered the built-in
    /// outbox and the apps added for it. `current` preselects the live version's bindings.
    public init(flowName: String, document: FlowDocument, apps: [WorkspaceApp], catalog: NodeCatalog = .standard,
                nextVersion: Int, liveVersion: Int?, current: [String: String] = [:], theme: Theme = .standard) {
        self.flowName = flowName
        self.nextVersion = nextVersion
        self.liveVersion = liveVersion
        self.theme = theme
        initialApps = current
        channels = document.channelsUsed(catalog: catalog)
        appFields = channels.map { channel in
            let names = apps.filter { $0.isBuiltIn || $0.channel == channel }.map(\.name) + [Self.newAppOption]
            var field = SelectField(options: names, theme: theme)
            if let chosen = current[channel] { field.select(value: chosen) }
            return field
        }
        variables = document.settings.variables.filter(\.externalized)
        variableFields = variables.map { TextField(text: $0.default, theme: theme) }
        commentField = TextField(placeholder: "what changed in this version", theme: theme)
        var steps: [Step] = []
        if !channels.isEmpty { steps.append(.apps) }
        if !variables.isEmpty { steps.append(.variables) }
        steps += [.comment, .summary]
        self.steps = steps
        focusRow(0)
    }

    public var step: Step { steps[stepIndex] }

    /// What Confirm sends to `Workspace.makeLive`.
    public var request: MakeLiveRequest {
        var apps: [String: String] = [:]
        for (i, c) in channels.enumerated() { apps[c] = appFields[i].value ?? WorkspaceApp.outboxName }
        var values: [String: String] = [:]
        for (i, v) in variables.enumerated() { values[v.name] = variableFields[i].text }
        return MakeLiveRequest(comment: commentField.text.trimmingCharacters(in: .whitespaces), apps: apps, variables: values,
                               newApps: boundNewApps, expectedRevision: expectedRevision)
    }

    /// Options offered for a channel (tests, summary).
    public func appOptions(for channel: String) -> [String] {
        channels.firstIndex(of: channel).map { appFields[$0].options.filter { $0 != Self.newAppOption } } ?? []
    }

    // MARK: - Keys

    public mutating func handle(_ event: Event) -> Outcome {
        if newAppForm != nil { return handleNewAppForm(event) }
        guard case .key(let key) = event else { return .pending }
        let action = EditorKeymaps.makeLive.action(for: key, typing: step != .summary)
        switch action {
        case .back?:
            return back()
        case .next?:
            if step == .summary { return row == 0 ? back() : .confirmed(request) }
            if openNewAppFormIfChosen() { return .pending }
            next()
            return .pending
        case .nextRow?:
            focusRow(row + 1)
            return .pending
        case .previousRow?:
            focusRow(row - 1)
            return .pending
        default:
            break
        }
        switch step {
        case .apps:
            // Left/Right and first letters choose; the popup is not used (Enter goes on).
            if key.key != .character(" ") { _ = appFields[row].handle(event) }
        case .variables:
            _ = variableFields[row].handle(event)
        case .comment:
            _ = commentField.handle(event)
        case .summary:
            switch action {
            case .otherButton?: focusRow(1 - row)
            case .backButton?: return back()
            case .confirm?: return .confirmed(request)
            default: break
            }
        }
        return .pending
    }

    private mutating func next() {
        guard stepIndex + 1 < steps.count else { return }
        stepIndex += 1
        focusRow(step == .summary ? 1 : 0)
    }

    private mutating func back() -> Outcome {
        guard stepIndex > 0 else { return .cancelled }
        stepIndex -= 1
        focusRow(0)
        return .pending
    }

    private var rowCount: Int {
        switch step {
        case .apps: return channels.count
        case .variables: return variables.count
        case .comment: return 1
        case .summary: return 2
        }
    }

    private mutating func focusRow(_ r: Int) {
        row = min(max(0, r), max(0, rowCount - 1))
        for i in appFields.indices { appFields[i].focused = step == .apps && i == row }
        for i in variableFields.indices { variableFields[i].focused = step == .variables && i == row }
        commentField.focused = step == .comment
    }

    // MARK: - Drawing

    /// The summary's lines: what will become version N.
    public var summaryLines: [String] {
        let r = request
        var lines = ["Flow: \(flowName)",
                     "Becomes: version \(nextVersion), live" + (liveVersion.map { " (replaces v\($0))" } ?? "")]
        lines.append("Apps:" + (channels.isEmpty ? " none (no channel used)" : ""))
        for c in channels { lines.append("  \(c) → \(r.apps[c] ?? WorkspaceApp.outboxName)") }
        if !variables.isEmpty {
            lines.append("Variables:")
            for v in variables { lines.append("  \(v.name) = \(r.variables[v.name].map { $0.isEmpty ? "(empty)" : v.shown($0) } ?? "")") }
        }
        lines += newAppLines
        lines.append("Comment: " + (r.comment.isEmpty ? "(none)" : r.comment))
        return lines + changeLines(r)
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        let width = min(area.width - 2, 70)
        let bodyRows: Int
        switch step {
        case .apps: bodyRows = 2 + channels.count
        case .variables: bodyRows = 2 + variables.count
        case .comment: bodyRows = 3
        case .summary: bodyRows = summaryLines.count + 1
        }
        let height = min(area.height - 2, bodyRows + 5)
        guard width >= 30, height >= 6 else { return }
        let box = area.centred(Size(width: width, height: height))
        let inner = box.inset(top: 2, left: 2, bottom: 2, right: 2)
        let title = "Make Live · \(flowName) · step \(stepIndex + 1) of \(steps.count): \(step.title)"
        let labelWidth = min(18, max(8, ((step == .apps ? channels : variables.map(\.name)).map { DisplayWidth.of($0) }.max() ?? 0) + 2))
        buffer.withClip(box) { b in
            let hint: String
            switch step {
            case .apps: hint = "←→ choose · ↑↓ channel · Enter next · Esc back"
            case .variables: hint = "type a value · ↑↓ variable · Enter next · Esc back"
            case .comment: hint = "Enter next · Esc back"
            case .summary: hint = "Enter confirm · Esc back"
            }
            ModalBox(title, look: .panel, footer: hint).draw(box, into: &b, theme: theme)
            let intro: String
            switch step {
            case .apps: intro = "Choose the app that sends on each channel this flow uses:"
            case .variables: intro = "Value of each externalized variable in version \(nextVersion):"
            case .comment: intro = "A comment for version \(nextVersion) (what changed, why):"
            case .summary: intro = "Make this version live?"
            }
            b.put(intro, x: inner.x, y: box.y + 1, maxWidth: inner.width, style: theme.dimText)
            switch step {
            case .apps:
                for (i, c) in channels.enumerated() where inner.y + i < inner.maxY {
                    b.put(c, x: inner.x, y: inner.y + i, maxWidth: labelWidth, style: i == row ? theme.paneTitle : theme.fieldLabel)
                }
            case .variables:
                for (i, v) in variables.enumerated() where inner.y + i < inner.maxY {
                    b.put(v.name, x: inner.x, y: inner.y + i, maxWidth: labelWidth, style: i == row ? theme.paneTitle : theme.fieldLabel)
                }
            case .comment:
                if let reviewNote { b.put(reviewNote, x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: theme.dimText) }
            case .summary:
                for (i, line) in summaryLines.enumerated() where inner.y + i < inner.maxY - 1 {
                    b.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: theme.text)
                }
                let buttons = ["[ Back ]", "[ Confirm ]"]
                var x = inner.x
                for (i, label) in buttons.enumerated() {
                    x = b.put(label, x: x, y: inner.maxY - 1, style: i == row ? theme.buttonFocused : theme.text) + 2
                }
            }
        }
        let fieldX = inner.x + labelWidth
        let fieldWidth = max(4, min(40, inner.maxX - fieldX))
        switch step {
        case .apps:
            for i in appFields.indices where inner.y + i < inner.maxY {
                appFields[i].render(into: &buffer, in: Rect(x: fieldX, y: inner.y + i, width: fieldWidth, height: 1))
            }
        case .variables:
            for i in variableFields.indices where inner.y + i < inner.maxY {
                variableFields[i].render(into: &buffer, in: Rect(x: fieldX, y: inner.y + i, width: fieldWidth, height: 1))
            }
        case .comment:
            commentField.render(into: &buffer, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
        case .summary:
            break
        }
        newAppForm?.render(into: &buffer, in: area)
    }
}
