import FlowKit
import TerminalUI

/// A screen of the editor that can be stacked (flow list → canvas).
public protocol EditorScreen: Screen {
    /// Edits that would be lost if the process ended now.
    var hasUnsavedChanges: Bool { get }
    /// Called on SIGHUP/SIGTERM or Ctrl-C: keep unsaved edits somewhere safe.
    func preserveUnsavedWork()
    /// Called when the screen above it closed (e.g. to reload the flow list).
    func didBecomeTop()
    /// Whether Ctrl-I has a meaning of its own here now (the canvas's jump forward). Where
    /// it has none it is Tab, as on a terminal that cannot tell the two apart: a terminal
    /// that can (see KeyDecoder) must not take Tab's completion or next field from anyone.
    var takesCtrlI: Bool { get }
}

extension EditorScreen {
    public func preserveUnsavedWork() {}
    public func didBecomeTop() {}
    public var takesCtrlI: Bool { false }
}

/// The run loop's root: a stack of screens. A screen returning `.quit` closes itself
/// (back); closing the last one quits. `quitAll()` leaves at once (Ctrl-C).
public final class EditorNavigator: Screen {
    public private(set) var stack: [EditorScreen] = []
    private var quitting = false
    public let minimumSize = Size(width: 60, height: 16)

    public init() {}

    public var top: EditorScreen? { stack.last }

    public func push(_ screen: EditorScreen) { stack.append(screen) }

    /// Replaces the top screen (e.g. the canvas of a copy replaces the original's).
    public func replaceTop(with screen: EditorScreen) {
        if !stack.isEmpty { stack.removeLast() }
        stack.append(screen)
    }

    /// Ends the app after this event, whatever is stacked.
    public func quitAll() { quitting = true }

    /// The copied nodes, shared by every canvas this navigator opens (copy in one flow,
    /// paste in another).
    public let clipboard = EditorClipboard()

    public func takeTerminalOutput() -> String? { clipboard.takeTerminalOutput() }

    /// Every stacked screen keeps its unsaved work (termination signal).
    public func preserveUnsavedWork() {
        for s in stack where s.hasUnsavedChanges { s.preserveUnsavedWork() }
    }

    public func render(into buffer: inout CellBuffer, size: Size) {
        top?.render(into: &buffer, size: size)
    }

    public func handle(_ event: Event) -> ScreenAction {
        guard let top else { return .quit }
        let event = event == .ctrl("i") && !top.takesCtrlI ? Event.key(KeyEvent(.tab)) : event
        let action = top.handle(event)
        return settle(action, from: top)
    }

    public func tick() -> ScreenAction {
        guard let top else { return .quit }
        return settle(top.tick(), from: top)
    }

    public var idleTickMs: Int? { top?.idleTickMs }

    private func settle(_ action: ScreenAction, from screen: EditorScreen) -> ScreenAction {
        if quitting { return .quit }
        switch action {
        case .quit:
            if let i = stack.lastIndex(where: { $0 === screen }) { stack.remove(at: i) }
            guard let next = stack.last else { return .quit }
            next.didBecomeTop()
            return .none
        default:
            return action
        }
    }
}
