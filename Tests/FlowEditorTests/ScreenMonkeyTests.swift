import FlowKit
import Foundation
import Testing
import TestSupport
import TerminalUI
@testable import FlowEditor

/// Thousands of random keys, clicks, drags, wheels and resizes across every mode, pane
/// and modal layer, rendering at random sizes down to 20×6: nothing may crash, and undo
/// afterwards must give back the document the screen opened with.
@Suite struct ScreenMonkeyTests {

    static let keys: [Event] = {
        var k: [Event] = "amcxu/nhjklsq?LHS:ED1 -".map { Event.char($0) }
        k += [.key(.enter), .key(.escape), .key(.tab), .key(.backTab), .key(.backspace), .key(.delete),
              .key(.up), .key(.down), .key(.left), .key(.right), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end),
              .key(.up, .shift), .key(.down, .shift), .key(.left, .shift), .key(.right, .shift),
              .ctrl("s"), .ctrl("z"), .ctrl("r"), .ctrl("e"), .ctrl("u")]
        return k
    }()

    @Test(arguments: [1, 2, 3])
    func randomEventsNeverCrashAndUndoRestores(seed: UInt64) throws {
        let tw = try TempWorkspace(); defer { tw.cleanUp() }
        let id = try tw.flow("Monkey \(seed)", template: "order-status")
        let s = try CanvasScreen.open(workspace: tw.workspace, flow: id)
        s.externalEditor = "true"
        let original = s.document
        var rng = SplitMix64(seed: seed)
        var size = Size(width: 100, height: 30)
        var glyphs = GlyphSet.unicode
        for step in 0..<4000 {
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 75 {
                _ = s.handle(Self.keys.randomElement(using: &rng)!)
            } else if roll < 92 {
                let actions: [MouseAction] = [.press, .press, .drag, .release, .wheelUp, .wheelDown]
                let m = MouseEvent(actions.randomElement(using: &rng)!, x: Int.random(in: -2..<size.width + 2, using: &rng),
                                   y: Int.random(in: -2..<size.height + 2, using: &rng))
                _ = s.handle(.mouse(m))
            } else if roll < 97 {
                size = Size(width: Int.random(in: 20...200, using: &rng), height: Int.random(in: 6...60, using: &rng))
                _ = s.handle(.resize(width: size.width, height: size.height))
            } else {
                glyphs = glyphs == .unicode ? .ascii : .unicode
            }
            if step % 3 == 0 {
                _ = TerminalApp.frame(for: s, size: size, glyphs: glyphs)
                // Also draw the screen itself below its minimum, as a shrinking terminal might.
                var b = CellBuffer(width: size.width, height: size.height, glyphs: glyphs)
                s.render(into: &b, size: size)
            }
        }
        // Leave every layer and mode, then undo to the start.
        for _ in 0..<8 where s.modalName != nil || s.state.mode != .normal || s.focus != .canvas {
            _ = s.handle(.key(.escape))
        }
        if s.modalName == "copy" || s.modalName == "note" { _ = s.handle(.key(.escape)) }
        #expect(s.modalName == nil)
        #expect(s.state.mode == .normal)
        var n = 0
        while s.state.flow.canUndo, n < 10_000 { _ = s.handle(.char("u")); n += 1 }
        #expect(s.document == original, "seed \(seed): undo back to the start restores the document")
    }
}
