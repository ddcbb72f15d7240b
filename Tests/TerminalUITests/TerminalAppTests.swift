import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalUI
@testable import TerminalUINcurses

final class CounterScreen: Screen {
    let minimumSize = Size(width: 20, height: 5)
    var count = 0
    var ticks = 0
    var ranExternal = false
    var seen: [Event] = []
    func render(into buffer: inout CellBuffer, size: Size) {
        buffer.put("count \(count) at \(size)", x: 0, y: 0)
    }
    func handle(_ event: Event) -> ScreenAction {
        seen.append(event)
        switch event {
        case .char("+"): count += 1
        case .char("e"): return .suspend { self.ranExternal = true }
        case .char("q"), .ctrl("c"): return .quit
        default: break
        }
        return .none
    }
    func tick() -> ScreenAction {
        ticks += 1
        return ticks > 3 ? .quit : .none
    }
}

@Suite struct TerminalAppTests {
    @Test func tooSmallMessageIsCentredAndWraps() {
        var b = makeBuffer(40, 5)
        TerminalApp.drawTooSmall(into: &b, need: Size(width: 80, height: 24))
        assertGolden(b, "too-small")
        var tiny = makeBuffer(20, 6, .ascii)
        TerminalApp.drawTooSmall(into: &tiny, need: Size(width: 80, height: 24))
        assertGolden(tiny, "too-small-tiny-ascii")
    }

    @Test func runLoopRendersHandlesAndQuits() {
        let term = TestBackend(size: Size(width: 30, height: 6), script: [.char("+"), .char("+"), .char("q"), .char("+")])
        let screen = CounterScreen()
        let outcome = TerminalApp(backend: term).run(root: screen)
        #expect(outcome == .quit)
        #expect(screen.count == 2)
        #expect(term.frames.last?.text().hasPrefix("count 2 at 30x6") == true)
        #expect(term.frames.count == 3)  // first frame + one per handled key before q
    }

    /// Ctrl-L on any screen: the backend forgets what the terminal shows and a new frame is
    /// drawn; the screen never sees the key.
    @Test func ctrlLRepaintsTheWholeScreenWithoutReachingIt() {
        let term = TestBackend(size: Size(width: 30, height: 6), script: [.char("+"), .ctrl("l"), .char("q")])
        let screen = CounterScreen()
        _ = TerminalApp(backend: term).run(root: screen)
        #expect(term.repaintCount == 1)
        #expect(!screen.seen.contains(.ctrl("l")))
        #expect(term.frames.count == 3, "first frame, after +, after Ctrl-L")
        #expect(TerminalApp.globalKeys.helpSection.rows.contains { $0.keys == "Ctrl-L" })
    }

    @Test func belowMinimumSizeShowsMessageAndIgnoresKeys() {
        let term = TestBackend(size: Size(width: 30, height: 6), script: [
            .resize(width: 12, height: 4), .char("+"), .resize(width: 30, height: 6), .char("q"),
        ])
        let screen = CounterScreen()
        _ = TerminalApp(backend: term).run(root: screen)
        #expect(screen.count == 0)  // the "+" typed blind was not applied
        #expect(term.frames.contains { $0.text().contains("terminal too") && $0.text().contains("20×5)") })
        #expect(term.frames.last?.text().hasPrefix("count 0 at 30x6") == true)
        #expect(screen.seen.contains(.resize(width: 12, height: 4)))
    }

    @Test func ctrlCQAndEscQuitWhenTooSmall() {
        for key in [Event.ctrl("c"), .char("q"), .key(.escape)] {
            let term = TestBackend(size: Size(width: 5, height: 2), script: [.char("+"), key, .char("+")])
            let screen = CounterScreen()
            #expect(TerminalApp(backend: term).run(root: screen) == .quit, "\(key)")
            // The screen sees Ctrl-C, its own way of quitting at once; "+" typed blind is dropped.
            #expect(screen.seen == [.ctrl("c")], "\(key)")
            #expect(screen.count == 0)
        }
    }

    /// Issue 13, defect 9: the needed size shows at every terminal size, abbreviated.
    @Test func tooSmallMessageAlwaysShowsTheNeededSize() {
        let need = Size(width: 60, height: 16)
        let expected: [(Int, Int, [String])] = [
            (40, 5, ["terminal too small (need 60×16)"]),
            (10, 3, ["too small", "(need", "60×16)"]),
            (10, 2, ["need 60×16"]),
            (8, 2, ["need", "60×16"]),
            (12, 1, ["need 60×16"]),
            (5, 1, ["60×16"]),
        ]
        for (w, h, lines) in expected {
            #expect(TerminalApp.tooSmallLines(need: need, glyphs: .unicode, width: w, height: h) == lines, "\(w)×\(h)")
            var b = makeBuffer(w, h)
            TerminalApp.drawTooSmall(into: &b, need: need)
            #expect(b.text().contains("60×16"), "\(w)×\(h): \(b.text())")
        }
    }

    @Test func suspendTicksAndSignals() {
        let term = TestBackend(size: Size(width: 30, height: 6), script: [.char("e")])
        let screen = CounterScreen()
        #expect(TerminalApp(backend: term).run(root: screen) == .quit)  // quits on the 4th idle tick
        #expect(screen.ranExternal && term.suspendCount == 1)

        let term2 = TestBackend(size: Size(width: 30, height: 6), script: [.char("+")])
        term2.signalAfterScript = SIGHUP
        let app = TerminalApp(backend: term2)
        var hooked: Int32?
        app.onTerminationSignal = { hooked = $0 }
        #expect(app.run(root: CounterScreen()) == .signal(SIGHUP))
        #expect(hooked == SIGHUP)
    }

    @Test(.enabled(if: isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0))
    func backendRefusesWithoutATty() {
        #expect(throws: TerminalError.notATerminal) { _ = try NcursesBackend() }
        #expect(TerminalError.notATerminal.description == "the editor needs an interactive terminal (stdin/stdout is not a tty)")
        #expect(TerminalError.unknownTerminalType("vt999").description == "terminal type 'vt999' is not known to terminfo")
        #expect(TerminalError.notATerminal.exitCode == 2)
        #expect(TerminalError.terminalCannotAddressCursor("dumb").description.hasPrefix("terminal type 'dumb' cannot position the cursor"))
    }

    @Test func colourApproximationFor8ColourTerminals() {
        #expect(NcursesBackend.approximate(196) == 1)  // pure red
        #expect(NcursesBackend.approximate(46) == 2)   // green
        #expect(NcursesBackend.approximate(21) == 4)   // blue
        #expect(NcursesBackend.approximate(231) == 7)  // white corner of the cube
        #expect(NcursesBackend.approximate(240) == 0)  // dark grey
        #expect(NcursesBackend.approximate(250) == 7)  // light grey
    }

    @Test func dimGreyTextStaysVisibleOnEightAndNoColourTerminals() {
        let grey = Style(foreground: .gray)
        // 256 colours: grey is colour 8, no extra attribute.
        #expect(NcursesBackend.colorNumber(.gray, foreground: true, colorCount: 256, defaultColors: true) == 8)
        #expect(!NcursesBackend.attributes(of: grey, colorCount: 256).contains(.dim))
        // 8 colours: not black (invisible on a dark background) but the default colour, dim.
        #expect(NcursesBackend.colorNumber(.gray, foreground: true, colorCount: 8, defaultColors: true) == -1)
        #expect(NcursesBackend.colorNumber(.gray, foreground: true, colorCount: 8, defaultColors: false) == 7)
        #expect(NcursesBackend.attributes(of: grey, colorCount: 8).contains(.dim))
        #expect(NcursesBackend.attributes(of: grey, colorCount: 0).contains(.dim), "monochrome too")
        // Other bright colours become their basic ones; a grey background stays black.
        #expect(NcursesBackend.colorNumber(.named(.brightRed), foreground: true, colorCount: 8, defaultColors: true) == 1)
        #expect(NcursesBackend.colorNumber(.gray, foreground: false, colorCount: 8, defaultColors: true) == 0)
        #expect(!NcursesBackend.attributes(of: Style(foreground: .named(.red)), colorCount: 8).contains(.dim))
    }
}
