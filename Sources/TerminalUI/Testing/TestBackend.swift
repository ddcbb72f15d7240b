/// A terminal stand-in for tests: it replays scripted events and keeps every frame the run
/// loop presents, so screens are driven exactly as `NcursesBackend` drives them, without a
/// tty (none exists under `swift test`). Public so that every test target, and code built
/// on TerminalUI, tests its screens the same way; ratatui ships its `TestBackend` likewise.
public final class TestBackend: TerminalBackend {
    public var size: Size
    public let glyphs: GlyphSet
    /// Events still to deliver, in order. A `.resize` event also changes `size`.
    public var script: [Event]
    /// Every frame presented, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// How many times the app left full-screen mode (`ScreenAction.suspend`).
    public private(set) var suspendCount = 0
    /// Delivered once the script is used up, as if the process received it.
    public var signalAfterScript: Int32?
    /// True once `shutdown()` was called.
    public private(set) var isShutDown = false
    /// Every sequence written with `writeRaw` (OSC 52 and the like), oldest first.
    public private(set) var rawWrites: [String] = []

    public init(size: Size, glyphs: GlyphSet = .unicode, script: [Event] = []) {
        self.size = size; self.glyphs = glyphs; self.script = script
    }

    public convenience init(width: Int, height: Int, glyphs: GlyphSet = .unicode, script: [Event] = []) {
        self.init(size: Size(width: width, height: height), glyphs: glyphs, script: script)
    }

    /// The last frame presented.
    public var lastFrame: CellBuffer? { frames.last }

    /// Presents the frame the run loop would show for `screen` now (its drawing, or the
    /// too-small message) and returns it: one step of `TerminalApp.run` without input.
    @discardableResult
    public func draw(_ screen: Screen) -> CellBuffer {
        let frame = TerminalApp.frame(for: screen, size: size, glyphs: glyphs)
        present(frame)
        return frame
    }

    public func present(_ buffer: CellBuffer) { frames.append(buffer) }

    /// The next scripted event; nil (an idle timeout) once the script is used up.
    public func readEvent(timeoutMs: Int) -> Event? {
        guard !script.isEmpty else { return nil }
        let event = script.removeFirst()
        if case .resize(let w, let h) = event { size = Size(width: w, height: h) }
        return event
    }

    public func takePendingSignal() -> Int32? {
        guard script.isEmpty, let signal = signalAfterScript else { return nil }
        signalAfterScript = nil
        return signal
    }

    public func suspend(_ body: () throws -> Void) rethrows {
        suspendCount += 1
        try body()
    }

    public func shutdown() { isShutDown = true }

    public func writeRaw(_ sequence: String) { rawWrites.append(sequence) }

    /// How many times the app asked for every cell to be written again.
    public private(set) var repaintCount = 0
    public func repaintAll() { repaintCount += 1 }
}
