@testable import FlowCanvasView
import FlowKit
import Testing
import TerminalUI
@testable import FlowEditor

@Suite struct CanvasKeymapTests {
    @Test func normalModeKeysOfDesign9() {
        let n = CanvasMode.normal
        #expect(CanvasKeymap.action(for: .char("h"), mode: n) == .command(.moveCursor(dx: -1, dy: 0)))
        #expect(CanvasKeymap.action(for: .char("j"), mode: n) == .command(.moveCursor(dx: 0, dy: 1)))
        #expect(CanvasKeymap.action(for: KeyEvent(.right, .shift), mode: n) == .command(.moveCursor(dx: 8, dy: 0)))
        #expect(CanvasKeymap.action(for: KeyEvent(.up), mode: n) == .command(.moveCursor(dx: 0, dy: -1)))
        #expect(CanvasKeymap.action(for: .char("a"), mode: n) == .openPalette)
        #expect(CanvasKeymap.action(for: KeyEvent(.enter), mode: n) == .openForm)
        #expect(CanvasKeymap.action(for: .char("m"), mode: n) == .command(.startMove))
        #expect(CanvasKeymap.action(for: .char("c"), mode: n) == .command(.startConnect))
        #expect(CanvasKeymap.action(for: .char("x"), mode: n) == .delete)
        #expect(CanvasKeymap.action(for: KeyEvent(.delete), mode: n) == .delete)
        #expect(CanvasKeymap.action(for: .char("u"), mode: n) == .command(.undo))
        #expect(CanvasKeymap.action(for: .ctrl("z"), mode: n) == .command(.undo))
        #expect(CanvasKeymap.action(for: .ctrl("r"), mode: n) == .command(.redo))
        #expect(CanvasKeymap.action(for: .char("/"), mode: n) == .command(.startFind))
        #expect(CanvasKeymap.action(for: .char("n"), mode: n) == .addNote)
    }

    @Test func connectingCyclesOutcomesAndFindsTargets() {
        let m = CanvasMode.connecting(from: "a", outcomes: ["x", "y"], outcomeIndex: 0)
        #expect(CanvasKeymap.action(for: KeyEvent(.tab), mode: m) == .command(.nextOutcome))
        #expect(CanvasKeymap.action(for: KeyEvent(.backTab), mode: m) == .command(.previousOutcome))
        #expect(CanvasKeymap.action(for: .char("/"), mode: m) == .command(.startFind))
        #expect(CanvasKeymap.action(for: KeyEvent(.enter), mode: m) == .command(.confirm))
        #expect(CanvasKeymap.action(for: KeyEvent(.escape), mode: m) == .command(.cancel))
        #expect(CanvasKeymap.action(for: .char("x"), mode: m) == CanvasKeyAction.none)
    }

    @Test func findingTypesIntoTheQuery() {
        let f = CanvasMode.finding(query: "", matches: [], index: 0)
        #expect(CanvasKeymap.action(for: .char("q"), mode: f) == .command(.findInput("q")))
        #expect(CanvasKeymap.action(for: .char("s"), mode: f) == .command(.findInput("s")))
        #expect(CanvasKeymap.action(for: KeyEvent(.tab), mode: f) == .command(.findNext))
        #expect(CanvasKeymap.action(for: KeyEvent(.down), mode: f) == .command(.findNext))
        #expect(CanvasKeymap.action(for: KeyEvent(.up), mode: f) == .command(.findPrevious))
        #expect(CanvasKeymap.action(for: KeyEvent(.backspace), mode: f) == .command(.findBackspace))
        #expect(CanvasKeymap.action(for: KeyEvent(.enter), mode: f) == .command(.confirm))
    }

    @Test func placingAndMovingDropOrCancel() {
        for m in [CanvasMode.placing(type: "send"), .moving(node: "a", origin: GridPoint(0, 0))] {
            #expect(CanvasKeymap.action(for: KeyEvent(.enter), mode: m) == .command(.confirm))
            #expect(CanvasKeymap.action(for: KeyEvent(.escape), mode: m) == .command(.cancel))
            #expect(CanvasKeymap.action(for: KeyEvent(.left, .shift), mode: m) == .command(.moveCursor(dx: -8, dy: 0)))
        }
    }

    @Test func helpTextListsEveryKeyOfTheKeymap() {
        let help = HelpOverlay.text
        for key in ["Tab / Shift-Tab", "Shift-arrows", "Ctrl-S", "Ctrl-Z", "Ctrl-R", "Ctrl-E", "x / Delete", "$EDITOR",
                    "  a ", "  m ", "  c ", "  /  ", "  ?  ", "  q  ", "L  H  S  :"] {
            #expect(help.contains(key), "help.txt lacks \(key)")
        }
    }
}
