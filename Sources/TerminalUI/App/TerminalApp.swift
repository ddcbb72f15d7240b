/// What a screen asks the run loop to do after an event.
public enum ScreenAction {
    case none
    case quit
    /// Run `body` with the terminal back in normal mode (e.g. an external editor), then redraw.
    case suspend(() -> Void)
    /// Only draw a new frame: `tick()` changed what the screen shows (background work finished).
    case redraw
}

/// A full-screen view driven by `TerminalApp`.
public protocol Screen: AnyObject {
    /// Below this size the app shows "terminal too small" instead of calling `render`.
    var minimumSize: Size { get }
    /// Draws the whole screen. The buffer arrives cleared, sized `size`.
    func render(into buffer: inout CellBuffer, size: Size)
    func handle(_ event: Event) -> ScreenAction
    /// Called when no input arrived for `TerminalApp.tickMs` (timers, polling for outside changes).
    func tick() -> ScreenAction
    /// A shorter wait before `tick()` while the screen has work for when the keys stop
    /// (e.g. re-validating after an edit); nil: `TerminalApp.tickMs`.
    var idleTickMs: Int? { get }
}

extension Screen {
    public func tick() -> ScreenAction { .none }
    public var idleTickMs: Int? { nil }
}

/// Why `TerminalApp.run` returned.
public enum RunOutcome: Equatable, Sendable {
    case quit
    /// A termination signal arrived (the hook has run). The caller should shut the backend
    /// down and re-raise it (`NcursesBackend.reraise`) or exit.
    case signal(Int32)
}

/// The render → present → read-event loop.
public final class TerminalApp {
    public let backend: TerminalBackend
    /// Runs first when SIGHUP/SIGTERM/SIGINT/SIGQUIT arrives, e.g. to save a recovery copy.
    public var onTerminationSignal: ((Int32) -> Void)?
    /// How long to wait for input before calling `Screen.tick()`.
    public var tickMs = 250

    public init(backend: TerminalBackend) { self.backend = backend }

    /// The frame for `screen` at `size`: the screen's own drawing, or the too-small message.
    public static func frame(for screen: Screen, size: Size, glyphs: GlyphSet) -> CellBuffer {
        var buffer = CellBuffer(width: size.width, height: size.height, glyphs: glyphs)
        let min = screen.minimumSize
        if size.width < min.width || size.height < min.height {
            drawTooSmall(into: &buffer, need: min)
        } else {
            screen.render(into: &buffer, size: size)
        }
        return buffer
    }

    /// "terminal too small (need W×H)", centred, wrapped onto several lines if needed.
    public static func drawTooSmall(into buffer: inout CellBuffer, need: Size) {
        let message = "terminal too small (need \(need.width)\(buffer.glyphs.times)\(need.height))"
        let lines = TextLayout.wrap(message, width: buffer.width)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + i, style: Style(attributes: .bold))
        }
    }

    public func run(root: Screen) -> RunOutcome {
        var needsFrame = true
        while true {
            if let sig = backend.takePendingSignal() {
                onTerminationSignal?(sig)
                return .signal(sig)
            }
            if needsFrame {
                backend.present(Self.frame(for: root, size: backend.size, glyphs: backend.glyphs))
                needsFrame = false
            }
            let action: ScreenAction
            if let event = backend.readEvent(timeoutMs: root.idleTickMs.map { min($0, tickMs) } ?? tickMs) {
                needsFrame = true
                if case .resize = event {
                    action = root.handle(event)  // screens may re-layout; the frame is redrawn anyway
                } else if isTooSmall(root) {
                    // Keys typed blind must not edit anything; only Ctrl-C gets through, so a
                    // user who cannot enlarge the terminal can still leave (the screen decides
                    // how, e.g. quitting with a recovery copy of unsaved work).
                    action = event == .ctrl("c") ? root.handle(event) : .none
                } else {
                    action = root.handle(event)
                }
            } else {
                action = root.tick()
                if case .none = action {} else { needsFrame = true }
            }
            switch action {
            case .none: break
            case .quit: return .quit
            case .suspend(let body): backend.suspend(body); needsFrame = true
            case .redraw: needsFrame = true
            }
        }
    }

    private func isTooSmall(_ screen: Screen) -> Bool {
        backend.size.width < screen.minimumSize.width || backend.size.height < screen.minimumSize.height
    }
}
