import CNCurses
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal: ncursesw in raw mode with keypad, mouse, bracketed paste and colours
/// (none when `NO_COLOR` is set and non-empty: attributes only). The only code in the project
/// that talks to ncurses. One instance at a time (ncurses has global state).
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: Size
    public let glyphs: GlyphSet
    /// Cells written to ncurses by the last `present` (the cells that changed).
    public private(set) var lastChangedCells = 0
    /// Bytes the last `present` wrote to the terminal (the frame's one write; where the frame
    /// could not be collected, from /proc/self/io; nil where neither is available).
    public private(set) var lastFrameBytes: Int?
    /// Sum of `lastFrameBytes` over all frames.
    public private(set) var totalBytes = 0

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: CellBuffer?
    private var decoder = KeyDecoder()
    private var queue: [Event] = []
    private var pairs: [PairKey: Int16] = [:]
    private let maxPairs: Int
    private let colorCount: Int
    private let hasColors: Bool
    private var defaultColors = false
    private var cursorVisible: Bool?
    private var isShutDown = false

    private struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    /// Checks the terminal, then starts curses. Throws before touching the screen when stdin
    /// or stdout is not a tty or $TERM has no terminfo entry (never lets ncurses exit(1)).
    public init() throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw TerminalError.notATerminal }
        guard cnc_terminal_ok(STDOUT_FILENO) != 0 else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalError.unknownTerminalType(term.isEmpty ? "(unset)" : term)
        }
        guard cnc_terminal_can_address(STDOUT_FILENO) != 0 else {
            throw TerminalError.terminalCannotAddressCursor(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        glyphs = cnc_setup_locale_is_utf8() != 0 ? .unicode : .ascii
        cnc_save_tty(STDIN_FILENO)
        guard let scr = cnc_newterm_stdio() else {
            throw TerminalError.initialisationFailed("newterm failed")
        }
        screen = scr
        window = cnc_stdscr()
        cnc_prepare_emergency_reset(STDOUT_FILENO)
        cnc_install_signal_handlers()
        raw()          // Ctrl-C, Ctrl-S, Ctrl-Z, Ctrl-Q reach the app as keys
        noecho()
        nonl()         // Enter arrives as 13 and the output keeps its own newlines
        keypad(window, true)
        cnc_define_fallback_keys()
        meta(window, true)
        set_escdelay(25)
        leaveok(window, true)
        curs_set(0)
        cursorVisible = false
        var oldMask: mmask_t = 0
        mousemask(cnc_all_mouse_events(), &oldMask)
        mouseinterval(0)
        hasColors = has_colors() && !Self.noColorRequested
        if hasColors {
            start_color()
            defaultColors = use_default_colors() == OK
        }
        colorCount = Int(cnc_colors())
        maxPairs = min(Int(cnc_color_pairs()) - 1, Int(Int16.max))
        var h: Int32 = 0, w: Int32 = 0
        cnc_getmaxyx(window, &h, &w)
        size = Size(width: Int(w), height: Int(h))
        cnc_bracketed_paste(STDOUT_FILENO, 1)
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        synchronizedOutput = Self.wantsSynchronizedOutput(term: term)
        // Ctrl-I (jump forward) is Tab in the plain encoding: ask terminals of the xterm
        // family that can tell them apart to do so (xterm, foot, WezTerm, iTerm2, mintty;
        // tmux with extended-keys on). Others ignore the request; KeyDecoder reads both.
        distinguishesKeys = synchronizedOutput
        if distinguishesKeys { cnc_modify_other_keys(STDOUT_FILENO, 1) }
        // Frames always finish: an update ncurses cut short for pending input would leave its
        // record of the screen behind the encoder's.
        typeahead(-1)
        if glyphs == .unicode, Self.wantsSynchronizedOutput(term: term), cnc_has_capability("bce") != 0 {
            let colors = hasColors, count = colorCount, defaults = defaultColors
            encoder = XtermFrameEncoder(
                pen: { style in
                    let a = Self.attributes(of: style, colorCount: colors ? count : 0)
                    guard colors else { return .init(foreground: -1, background: -1, attributes: a) }
                    let fg = Self.colorNumber(style.foreground, foreground: true, colorCount: count, defaultColors: defaults)
                    let bg = Self.colorNumber(style.background, foreground: false, colorCount: count, defaultColors: defaults)
                    return .init(foreground: fg, background: bg, attributes: a)
                },
                lineDrawing: cnc_acs_covers(LineDrawing.letters) != 0,
                repeatCharacter: cnc_has_capability("rep") != 0)
        }
    }

    /// https://no-color.org: `NO_COLOR` set to anything but the empty string.
    public static var noColorRequested: Bool {
        guard let v = getenv("NO_COLOR") else { return false }
        return v.pointee != 0
    }

    /// False when `NO_COLOR` asks for no colour or $TERM's terminfo entry has none (a
    /// monochrome terminal): then screens use `Theme.monochrome`. Checked before curses starts.
    public static func shouldUseColor() -> Bool {
        !noColorRequested && cnc_terminal_colors(STDOUT_FILENO) >= 8
    }

    /// Whether this terminal is drawn with colours (false for NO_COLOR and monochrome terminals).
    public var usesColor: Bool { hasColors }

    deinit { shutdown() }

    /// Straight to the terminal, past ncurses (which would count it as cells): the last
    /// frame went out whole in its one write, so nothing of ncurses' is pending here.
    public func writeRaw(_ sequence: String) {
        guard !isShutDown else { return }
        _ = writeToTerminal(Array(sequence.utf8))
    }

    public func repaintAll() {
        previous = nil
        ncursesIsBehind = true  // ncurses clears the screen and writes every cell
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        cnc_bracketed_paste(STDOUT_FILENO, 0)
        if distinguishesKeys { cnc_modify_other_keys(STDOUT_FILENO, 0) }
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    /// Restores the default action for `signal` and raises it (after `shutdown`).
    public static func reraise(_ signal: Int32) -> Never {
        cnc_reraise(signal)
        exit(128 + signal)
    }

    // MARK: - Output

    public func present(_ buffer: CellBuffer) {
        if let encoder, let previous, previous.width == buffer.width, previous.height == buffer.height {
            presentEncoded(buffer, over: previous, encoder: encoder)
        } else {
            presentThroughNcurses(buffer)
        }
        totalBytes += lastFrameBytes ?? 0
        previous = buffer
    }

    /// A frame that changes part of the screen, on a terminal the `XtermFrameEncoder` knows:
    /// the scroll step (from terminfo) and the encoder's cells go out in one write, and
    /// ncurses is not asked to do anything. Handing it the cells and letting it work out
    /// its own update (thrown away) was about a third of the time to a pan's first byte.
    /// Its record of the screen (stdscr, curscr) is left behind; `ncursesIsBehind` makes the
    /// next frame it sends (a first frame after a resize or a suspend) a full repaint.
    private func presentEncoded(_ buffer: CellBuffer, over previous: CellBuffer, encoder: XtermFrameEncoder) {
        ncursesIsBehind = true
        var frame: [UInt8] = []
        var scroll: VerticalScroll?
        if let hint = worthwhileScroll(to: buffer, from: previous), let step = scrollSequence(hint) {
            scroll = hint
            frame = step
            scrolledFrames += 1
        }
        let runs = buffer.diff(from: previous, scrolled: scroll)
        let cursor = visibleCursor(buffer.cursor)
        let showsCursor = cursor != nil
        let togglesCursor = cursorVisible != showsCursor
        if runs.isEmpty && scroll == nil && !togglesCursor && cursor == previousCursor {
            lastFrameBytes = 0
            lastChangedCells = 0
            return
        }
        frame += encoder.encode(runs, of: buffer, cursor: cursor)
        previousCursor = cursor
        encodedFrames += 1
        lastChangedCells = runs.reduce(0) { $0 + $1.cells.reduce(0) { $0 + ($1.isContinuation ? 0 : 1) } }
        if togglesCursor {
            // curs_set writes through ncurses (which keeps its own note of the cursor's
            // visibility): collected with the frame so that it still goes out in one write.
            let capturing = cnc_frame_begin(STDOUT_FILENO) != 0
            setCursorVisible(showsCursor)
            if capturing {
                _ = frame.withUnsafeBufferPointer { p in
                    p.withMemoryRebound(to: CChar.self) { cnc_frame_append($0.baseAddress, Int64($0.count)) }
                }
                endCapturedFrame()
                return
            }
        }
        if synchronizedOutput {
            frame.insert(contentsOf: Self.beginSynchronizedUpdate.utf8, at: 0)
            frame.append(contentsOf: Self.endSynchronizedUpdate.utf8)
        }
        lastFrameBytes = writeToTerminal(frame)
        framesInOneWrite += 1
    }

    /// The terminal's scroll step for `scroll`, from terminfo (nil if it has none).
    private func scrollSequence(_ scroll: VerticalScroll) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 256)
        let n = bytes.withUnsafeMutableBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) {
                cnc_scroll_rows_sequence(Int32(scroll.rows.lowerBound), Int32(scroll.rows.upperBound - 1), Int32(scroll.lines),
                                         Int32(size.height), $0.baseAddress, $0.count)
            }
        }
        guard n > 0 else { return nil }
        bytes.removeSubrange(n...)
        return bytes
    }

    /// Writes all of `bytes` to the terminal in one write(2) (more only if the kernel takes
    /// part); returns how many went out.
    private func writeToTerminal(_ bytes: [UInt8]) -> Int {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// The frame drawn by ncurses itself: first frames, frames after a resize or a suspend,
    /// and every frame where there is no encoder (linux, vt100, non-UTF-8, NO_COLOR…).
    private func presentThroughNcurses(_ buffer: CellBuffer) {
        // The whole frame (the scroll step, the cells, the cursor) is collected and goes out
        // in one write, wrapped in synchronized output where the terminal knows it: no
        // terminal, tmux pane or capture ever shows a frame half-drawn.
        let capturing = cnc_frame_begin(STDOUT_FILENO) != 0
        let startBytes = capturing ? 0 : cnc_process_bytes_written()
        if ncursesIsBehind {
            // Encoded frames went out without ncurses: what it holds is old. Every cell is
            // handed over and the screen cleared and drawn anew.
            clearok(window, true)
            previous = nil
            ncursesIsBehind = false
        }
        // After a scroll, stdscr (and the terminal) hold the previous frame scrolled: the
        // cells to write are those that differ from that.
        let scrolled = scrollIfCheaper(to: buffer)
        let runs = buffer.diff(from: previous, scrolled: scrolled)
        var changed = 0
        var scalars: [wchar_t] = []
        for run in runs {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                changed += 1
                scalars.removeAll(keepingCapacity: true)
                if glyphs == .ascii && !cell.character.isASCII {
                    // A non-UTF-8 terminal shows these blank: keep the columns with "?".
                    scalars.append(wchar_t(UInt8(ascii: "?")))
                    if cell.width == 2 { _ = put(scalars, y: run.y, x: x + 1, style: cell.style) }
                } else {
                    for s in cell.character.unicodeScalars { scalars.append(wchar_t(bitPattern: s.value)) }
                }
                _ = put(scalars, y: run.y, x: x, style: cell.style)
            }
        }
        placeCursor(buffer.cursor)
        previousCursor = visibleCursor(buffer.cursor)
        wnoutrefresh(window)
        doupdate()
        if capturing {
            endCapturedFrame()
        } else {
            let after = cnc_process_bytes_written()
            lastFrameBytes = startBytes >= 0 && after >= startBytes ? Int(after - startBytes) : nil
        }
        lastChangedCells = changed
    }

    /// Sends the frame collected since `cnc_frame_begin` in one write, wrapped in
    /// synchronized output where the terminal knows it, and counts it.
    private func endCapturedFrame() {
        let sent = synchronizedOutput ? cnc_frame_end(Self.beginSynchronizedUpdate, Self.endSynchronizedUpdate)
                                      : cnc_frame_end(nil, nil)
        lastFrameBytes = sent >= 0 ? Int(sent) : nil
        framesInOneWrite += sent >= 0 ? 1 : 0
    }

    /// Set after an encoded frame: ncurses' stdscr and curscr no longer show the screen.
    private var ncursesIsBehind = false
    /// Where the last frame left a visible cursor (nil: hidden).
    private var previousCursor: Point?

    /// DEC private mode 2026 (synchronized output): the terminal draws what comes between
    /// these at once. Terminals without it ignore an unknown private mode.
    static let beginSynchronizedUpdate = "\u{1B}[?2026h"
    static let endSynchronizedUpdate = "\u{1B}[?2026l"

    /// Frames that went out in one write (all of them, unless the frame could not be
    /// collected in memory: then ncurses writes it as it goes).
    public private(set) var framesInOneWrite = 0

    /// Whether frames are wrapped in synchronized output: terminals of the xterm family and
    /// those that follow it (tmux, screen, the VTE, kitty, foot, alacritty, wezterm families).
    /// Not the Linux console or hardware-like entries (vt100, vt220, ansi), which have no use
    /// for it and whose emulations may print what they do not know.
    public let synchronizedOutput: Bool

    /// Whether modifyOtherKeys was asked for (and must be given back on the way out).
    private var distinguishesKeys = false

    /// Frames whose cells the `XtermFrameEncoder` wrote (nil encoder: none).
    public private(set) var encodedFrames = 0

    /// The encoder for frames that change part of the screen, on an xterm-like terminal in
    /// UTF-8 (nil elsewhere: ncurses sends every frame; see `XtermFrameEncoder`).
    private var encoder: XtermFrameEncoder?

    static func wantsSynchronizedOutput(term: String) -> Bool {
        let families = ["xterm", "tmux", "screen", "vte", "gnome", "konsole", "kitty", "foot", "alacritty", "wezterm",
                        "contour", "iterm", "rxvt-unicode", "mintty", "ms-terminal"]
        return families.contains { term == $0 || term.hasPrefix($0 + "-") }
    }

    /// Whether the terminal can scroll a band of rows (terminfo: a scroll region and
    /// index / reverse index), looked up once.
    private lazy var canScrollRows = cnc_can_scroll_rows() != 0
    /// Frames sent with a terminal scroll first, for tests and the debug line.
    public private(set) var scrolledFrames = 0

    /// When the frame says a band of rows moved (a vertical pan) and fewer cells differ from
    /// the previous frame scrolled than from it as it is, scrolls the band first, full
    /// width: stdscr's rows move (`wscrl`, blank lines in) and one doupdate sends that.
    /// ncurses finds the moved lines itself (its hash scroll optimisation, which keeps its
    /// own record of the screen's lines in step) and scrolls the terminal, so the step costs
    /// a scroll sequence. Scrolling curscr behind ncurses' back instead left that record
    /// stale, and ncurses scrolled a second time. The side panes beside the canvas move
    /// too; the frame's own update then repaints what differs there (their blank rows and
    /// borders do not). Returns the scroll: stdscr now holds the previous frame scrolled.
    private func scrollIfCheaper(to buffer: CellBuffer) -> VerticalScroll? {
        guard let previous, let scroll = worthwhileScroll(to: buffer, from: previous) else { return nil }
        guard cnc_scroll_window_rows(window, Int32(scroll.rows.lowerBound), Int32(scroll.rows.upperBound - 1),
                                     Int32(scroll.lines)) != 0 else { return nil }
        wnoutrefresh(window)
        doupdate()
        scrolledFrames += 1
        return scroll
    }

    /// The frame's vertical-pan hint when the terminal can scroll rows and fewer cells
    /// differ from the previous frame scrolled than from it as it is.
    private func worthwhileScroll(to buffer: CellBuffer, from previous: CellBuffer) -> VerticalScroll? {
        guard let scroll = buffer.verticalScroll, canScrollRows,
              let cost = buffer.changedCells(from: previous, scrolling: scroll),
              cost.scrolled + Self.scrollCostInCells < cost.plain else { return nil }
        return scroll
    }

    /// What a scroll sequence costs, in cells (region, cursor, index, region: ~25 bytes).
    static let scrollCostInCells = 16

    private func put(_ scalars: [wchar_t], y: Int, x: Int, style: Style) -> Int32 {
        let attrs = cnc_attrs_from_flags(Int32(Self.attributes(of: style, colorCount: hasColors ? colorCount : 0).rawValue))
        let pair = pairNumber(style)
        return scalars.withUnsafeBufferPointer {
            cnc_put_cell(window, Int32(y), Int32(x), $0.baseAddress, Int32($0.count), attrs, Int32(pair))
        }
    }

    /// `p` when the cursor is shown there (on the screen), else nil.
    private func visibleCursor(_ p: Point?) -> Point? {
        guard let p, p.x >= 0, p.y >= 0, p.x < size.width, p.y < size.height else { return nil }
        return p
    }

    private func placeCursor(_ p: Point?) {
        if let p = visibleCursor(p) {
            setCursorVisible(true)
            wmove(window, Int32(p.y), Int32(p.x))
        } else {
            setCursorVisible(false)
        }
    }

    /// Shows or hides the terminal's cursor through ncurses (which sends it at once and keeps
    /// note); leaveok lets its updates leave the cursor anywhere while it is hidden.
    private func setCursorVisible(_ on: Bool) {
        guard cursorVisible != on else { return }
        curs_set(on ? 1 : 0)
        leaveok(window, !on)
        cursorVisible = on
    }

    /// The colour pair for a style, created on first use (0 when colours run out).
    private func pairNumber(_ style: Style) -> Int16 {
        guard hasColors else { return 0 }
        let key = PairKey(fg: colorNumber(style.foreground, foreground: true), bg: colorNumber(style.background, foreground: false))
        if key.fg == -1 && key.bg == -1 && defaultColors { return 0 }
        if let p = pairs[key] { return p }
        guard pairs.count < maxPairs else { return 0 }
        let p = Int16(pairs.count + 1)
        init_pair(p, key.fg, key.bg)
        pairs[key] = p
        return p
    }

    private func colorNumber(_ color: Color, foreground: Bool) -> Int16 {
        Self.colorNumber(color, foreground: foreground, colorCount: colorCount, defaultColors: defaultColors)
    }

    /// The terminal colour for a style colour. On an 8-colour terminal a bright colour becomes
    /// its basic one, except bright black text (dim text, borders): basic black would vanish on
    /// the usual dark background, so it keeps the terminal's own colour and is drawn dim.
    static func colorNumber(_ color: Color, foreground: Bool, colorCount: Int, defaultColors: Bool) -> Int16 {
        let terminalDefault: Int16 = defaultColors ? -1 : (foreground ? 7 : 0)
        guard let index = color.paletteIndex else { return terminalDefault }
        if index < colorCount { return Int16(index) }
        if index == 8 && foreground { return terminalDefault }
        if index < 16 { return Int16(index - 8) }  // bright colours on an 8-colour terminal
        return Int16(Self.approximate(index) % max(1, colorCount))
    }

    /// The attributes to draw a style with: dim stands in for bright black text where the
    /// terminal has fewer than 16 colours (or none).
    static func attributes(of style: Style, colorCount: Int) -> TextAttributes {
        var a = style.attributes
        if colorCount < 16, style.foreground.paletteIndex == 8 { a.insert(.dim) }
        return a
    }

    /// Maps a 256-palette index onto the 8 basic colours.
    static func approximate(_ index: Int) -> Int {
        if index >= 232 { return index >= 244 ? 7 : 0 }  // grey ramp
        let c = index - 16
        let r = c / 36, g = (c / 6) % 6, b = c % 6
        return (r > 2 ? 1 : 0) | (g > 2 ? 2 : 0) | (b > 2 ? 4 : 0)
    }

    // MARK: - Input

    public func takePendingSignal() -> Int32? {
        let s = cnc_take_pending_signal()
        if s != 0 { return s }
        if inputHungUp { inputHungUp = false; return SIGHUP }
        return nil
    }

    /// The terminal went away without (or before) a SIGHUP reaching us. Reported as a
    /// SIGHUP by `takePendingSignal`, not raised: raising it while the real SIGHUP is
    /// still pending would make the shim's handler exit before the app saved anything.
    private var inputHungUp = false

    public func readEvent(timeoutMs: Int) -> Event? {
        if !queue.isEmpty { return queue.removeFirst() }
        wtimeout(window, Int32(timeoutMs))
        guard let raw = readRaw() else {
            queue.append(contentsOf: decoder.flushEscape())
            if queue.isEmpty, cnc_input_hung_up(STDIN_FILENO) != 0 {
                // The terminal went away without a SIGHUP reaching us: treat it as one.
                inputHungUp = true
            }
            return queue.isEmpty ? nil : queue.removeFirst()
        }
        if case .resize(let w, let h) = raw.event { return .resize(width: w, height: h) }
        guard let input = raw.input else { return nil }
        queue.append(contentsOf: decoder.decode(input))
        // ncurses already waited ESCDELAY after an Esc; a key that arrived in that time is in
        // its queue now (Alt-key), as is the rest of a control sequence the terminal sent in
        // one write. A paste may come in several writes: wait a little for each.
        while decoder.isAwaitingEscapeFollowUp || decoder.isInPaste {
            wtimeout(window, decoder.isInPaste ? 100 : 0)
            guard let next = readRaw() else { break }
            if let input = next.input { queue.append(contentsOf: decoder.decode(input)) }
            if let event = next.event { queue.append(event) }
        }
        queue.append(contentsOf: decoder.flushEscape())  // a lone Esc; an unfinished sequence or paste
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    private struct Raw { var input: RawInput?; var event: Event? }

    private func readRaw() -> Raw? {
        var ch: wint_t = 0
        let rc = wget_wch(window, &ch)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES {
            let code = Int32(bitPattern: ch)
            if code == KEY_RESIZE {
                var h: Int32 = 0, w: Int32 = 0
                cnc_getmaxyx(window, &h, &w)
                size = Size(width: Int(w), height: Int(h))
                previous = nil  // repaint everything at the new size
                return Raw(input: nil, event: .resize(width: size.width, height: size.height))
            }
            if code == KEY_MOUSE {
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return Raw(input: nil, event: nil) }
                let state = RawMouseState(rawValue: cnc_mouse_state(ev.bstate))
                return Raw(input: .mouse(RawMouse(x: Int(ev.x), y: Int(ev.y), state: state)), event: nil)
            }
            let name = keyname(code).map { String(cString: $0) }
            return Raw(input: .keyCode(code, name: name), event: nil)
        }
        return Raw(input: .character(UInt32(ch)), event: nil)
    }

    // MARK: - Suspend

    /// Leaves curses (the terminal back in the mode it had before: cooked, echoing, no
    /// bracketed paste) while `body` runs, e.g. an editor that owns the terminal. After it,
    /// the replies that program's terminal queries left behind (cursor position reports,
    /// device attributes) are drained so they never reach a text field, and the screen is
    /// redrawn in full.
    public func suspend(_ body: () throws -> Void) rethrows {
        def_prog_mode()
        cnc_bracketed_paste(STDOUT_FILENO, 0)
        if distinguishesKeys { cnc_modify_other_keys(STDOUT_FILENO, 0) }
        endwin()
        defer {
            reset_prog_mode()
            _ = cnc_drain_input(STDIN_FILENO, 60, 400)
            flushinp()
            decoder = KeyDecoder()
            queue.removeAll()
            cnc_bracketed_paste(STDOUT_FILENO, 1)
            if distinguishesKeys { cnc_modify_other_keys(STDOUT_FILENO, 1) }
            clearok(window, true)
            previous = nil
            cursorVisible = nil
            var h: Int32 = 0, w: Int32 = 0
            cnc_getmaxyx(window, &h, &w)
            size = Size(width: Int(w), height: Int(h))
        }
        try body()
    }
}
