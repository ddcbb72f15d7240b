/// A `ModalDialog` whose buttons each carry a typed choice, so callers switch on an enum
/// instead of a button label: renaming a button can no longer drop its behaviour silently.
/// Drawing and keys are the modal dialog's own.
public struct ChoiceDialog<Choice: Hashable & Sendable>: Widget {
    public enum Outcome: Hashable, Sendable {
        case pending
        case chose(Choice)
        case cancelled
    }

    /// One button: the label shown and the choice it stands for.
    public struct Button: Sendable {
        public var label: String
        public var choice: Choice
        public init(_ label: String, _ choice: Choice) { self.label = label; self.choice = choice }
    }

    public private(set) var dialog: ModalDialog
    public let choices: [Choice]

    /// `focused` names the button that has focus first (the first one when nil or absent).
    public init(title: String, message: String, buttons: [Button], focused: Choice? = nil,
                maxWidth: Int = 60, theme: Theme = .standard) {
        choices = buttons.map(\.choice)
        let start = focused.flatMap { f in buttons.firstIndex { $0.choice == f } } ?? 0
        dialog = ModalDialog(title: title, message: message, buttons: buttons.map(\.label),
                             focusedButton: start, maxWidth: maxWidth, theme: theme)
    }

    public var title: String { dialog.title }
    public var message: String { dialog.message }

    public var outcome: Outcome {
        switch dialog.outcome {
        case .pending: return .pending
        case .cancelled: return .cancelled
        case .chose(let i): return .chose(choices[i])
        }
    }

    /// The same dialog again, unanswered, with focus on its first button.
    public func reopened() -> ChoiceDialog {
        var copy = self
        copy.dialog = ModalDialog(title: dialog.title, message: dialog.message, buttons: dialog.buttons,
                                  maxWidth: dialog.maxWidth, theme: dialog.theme)
        return copy
    }

    public mutating func render(into buffer: inout CellBuffer, in area: Rect) {
        dialog.render(into: &buffer, in: area)
    }

    public mutating func handle(_ event: Event) -> Bool { dialog.handle(event) }
}
