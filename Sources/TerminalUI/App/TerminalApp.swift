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
    /// Escape sequences for the terminal itself (OSC 52 to set the system clipboard), taken
    /// once by the run loop after each event and written before the next frame.
    func takeTerminalOutput() -> String?
}

extension Screen {
    public func tick() -> ScreenAction { .none }
    public var idleTickMs: Int? { nil }
    public func takeTerminalOutput() -> String? { nil }
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

    /// "terminal too small (need W×H)", centred and wrapped; on a terminal too small for
    /// that, a shorter form, down to "W×H" alone, so the needed size always shows.
    public static func drawTooSmall(into buffer: inout CellBuffer, need: Size) {
        let lines = tooSmallLines(need: need, glyphs: buffer.glyphs, width: buffer.width, height: buffer.height)
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + i, style: Style(attributes: .bold))
        }
    }

    /// The longest of the message's forms that fits `width`×`height` with the size on one line.
    static func tooSmallLines(need: Size, glyphs: GlyphSet, width: Int, height: Int) -> [String] {
        let size = "\(need.width)\(glyphs.times)\(need.height)"
        for message in ["terminal too small (need \(size))", "too small (need \(size))", "need \(size)", size] {
            let lines = TextLayout.wrap(message, width: width)
            if lines.count <= height, lines.contains(where: { $0.contains(size) }),
               lines.allSatisfy({ DisplayWidth.of($0) <= width }) {
                return lines
            }
        }
        return [size] // narrower than the size itself: it is clipped, as anything would be
    }

    /// What the run loop does itself, before any screen sees the key.
    public enum GlobalAction: Sendable { case repaint }

    /// Keys that mean the same on every screen, in every text field: handled by the run
    /// loop (and listed in help from this table).
    public static let globalKeys = Keymap<GlobalAction>("Everywhere", [
        KeyBinding([.ctrl("l")], .repaint, "draw the whole screen again (after another program wrote on it)"),
    ])

    /// What quits while the terminal is too small: q and Esc (what every screen offers
    /// for leaving) and Ctrl-C. Nothing else typed blind may edit anything.
    static func quitsWhenTooSmall(_ event: Event) -> Bool {
        event == .ctrl("c") || event == .char("q") || event == .key(.escape)
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
                if case .key(let key) = event, let global = Self.globalKeys.action(for: key) {
                    switch global {
                    case .repaint: backend.repaintAll()
                    }
                    continue
                }
                if case .resize = event {
                    action = root.handle(event)  // screens may re-layout; the frame is redrawn anyway
                } else if isTooSmall(root) {
                    // Keys typed blind must not edit anything; q, Esc and Ctrl-C reach the
                    // screen as Ctrl-C, so a user who cannot enlarge the terminal can still
                    // leave (the screen decides how, e.g. quitting with a recovery copy of
                    // unsaved work, never behind a prompt they could not see).
                    action = Self.quitsWhenTooSmall(event) ? root.handle(.ctrl("c")) : .none
                } else {
                    action = root.handle(event)
                }
            } else {
                action = root.tick()
                if case .none = action {} else { needsFrame = true }
            }
            if let raw = root.takeTerminalOutput() { backend.writeRaw(raw) }
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
