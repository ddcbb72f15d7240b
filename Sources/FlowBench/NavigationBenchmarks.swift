import FlowCanvasView
import FlowKit
import TerminalUI

/// Issue 10's figures on one generated flow at 200×60: a cursor-move frame at the compact
/// and overview zoom levels and with the minimap shown, `=` (fit) on the whole flow, and the
/// node-under-cursor lookup the key path runs (a pass over every node today).
enum NavigationBenchmarks {
    static func run(_ doc: FlowDocument, label: String, target: String, steps: Int, report: (BenchmarkResult) -> Void) {
        for level in [CanvasZoom.Level.compact, .overview] {
            var s = EditorBenchmarks.Session(doc)
            s.state.zoom = .preset(level)
            let moves = s.measure(steps: steps) { state, i in
                let leg = (i / 30) % 4
                state.handle(.moveCursor(dx: leg == 0 ? 1 : leg == 2 ? -1 : 0, dy: leg == 1 ? 1 : leg == 3 ? -1 : 0))
            }
            report(BenchmarkResult(name: "frame: cursor move, \(level.name) (\(label))", samples: moves.ms, target: target))
            report(BenchmarkResult(name: "cells/keystroke: cursor move, \(level.name) (\(label))", samples: moves.cells,
                                   target: "-", unit: "cells"))
        }

        var map = EditorBenchmarks.Session(doc)
        let view = map.view
        var buffer = CellBuffer(size: EditorBenchmarks.screen)
        var mapMs: [Double] = []
        let clock = ContinuousClock()
        for i in 0..<steps {
            let d = clock.measure {
                map.state.handle(.pan(dx: i % 2 == 0 ? 1 : -1, dy: 0))
                view.render(map.state, into: &buffer, area: buffer.bounds, theme: .standard)
                view.renderMinimap(map.state, into: &buffer, area: buffer.bounds, theme: .standard)
            }
            mapMs.append(d.milliseconds)
        }
        report(BenchmarkResult(name: "frame: pan with the minimap (\(label))", samples: mapMs, target: target))

        var fitMs: [Double] = []
        for _ in 0..<20 {
            var state = EditorBenchmarks.Session(doc).state
            let d = clock.measure { state.handle(.fit) }
            fitMs.append(d.milliseconds)
        }
        report(BenchmarkResult(name: "= fit the whole flow (\(label))", samples: fitMs, target: "< 30 ms"))

        var lookup = EditorBenchmarks.Session(doc)
        lookup.state.cursor = lookup.nodeNearCentre()
        var hits = 0
        var lookupMs: [Double] = []
        for _ in 0..<steps {
            let d = clock.measure { if lookup.state.nodeUnderCursor != nil { hits += 1 } }
            lookupMs.append(d.milliseconds)
        }
        report(BenchmarkResult(name: "nodeUnderCursor per key (\(label), \(hits) hits)", samples: lookupMs,
                               target: "grows with the flow: the pass to index"))
    }
}
