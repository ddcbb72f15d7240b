import FlowCanvasView
import FlowEditor
import FlowKit
import TerminalUI

/// The editor figures of issue 3: frame time (canvas render into a reused cell buffer +
/// diff against the previous frame) for cursor moves, pans and node-drag steps on
/// generated flows at 200×60, and the cells each such keystroke changes (what the
/// backend must send). Targets at 5,000 nodes: median < 2 ms, p99 < 8 ms.
public enum EditorBenchmarks {
    public static let screen = Size(width: 200, height: 60)

    public static func run(sizes: [(nodes: Int, connectors: Int)] = [(1_000, 1_200), (5_000, 6_000)],
                           steps: Int = 200, report: (BenchmarkResult) -> Void) {
        for size in sizes {
            let doc = SyntheticFlow.editorFlow(nodeCount: size.nodes, connectorCount: size.connectors)
            let label = "\(size.nodes) nodes/\(doc.connections.count) conn"
            let target = size.nodes >= 5_000 ? "< 2 ms median, < 8 ms p99" : "-"

            var cursor = Session(doc)
            let moves = cursor.measure(steps: steps) { state, i in
                // Walk a rectangle so the cursor passes over boxes and empty canvas.
                let leg = (i / 30) % 4
                state.handle(.moveCursor(dx: leg == 0 ? 1 : leg == 2 ? -1 : 0, dy: leg == 1 ? 1 : leg == 3 ? -1 : 0))
            }
            report(BenchmarkResult(name: "frame: cursor move (\(label))", samples: moves.ms, target: target))
            report(BenchmarkResult(name: "cells/keystroke: cursor move (\(label))", samples: moves.cells,
                                   target: "≤ 64 bytes at the backend", unit: "cells"))

            var pan = Session(doc)
            let pans = pan.measure(steps: steps) { state, i in
                // Shift-arrow pans round a square: right, down, left, up (25 × 8 cells each),
                // so the first lap reaches parts of the flow no frame has shown yet.
                switch (i / 25) % 4 {
                case 0: state.viewportOrigin.x += 8
                case 1: state.viewportOrigin.y += 8
                case 2: state.viewportOrigin.x -= 8
                default: state.viewportOrigin.y -= 8
                }
                state.cursor = GridPoint(state.viewportOrigin.x + 100, state.viewportOrigin.y + 30)
            }
            report(BenchmarkResult(name: "frame: pan by 8 (\(label))", samples: pans.ms, target: target))
            report(BenchmarkResult(name: "cells/keystroke: pan by 8 (\(label))", samples: pans.cells,
                                   target: "-", unit: "cells"))

            var drag = Session(doc)
            drag.state.cursor = drag.nodeNearCentre()
            drag.state.handle(.startMove)
            let drags = drag.measure(steps: steps) { state, i in
                // Back and forth over neighbours: routes of the dragged node change every step.
                let leg = (i / 20) % 4
                state.handle(.moveCursor(dx: leg == 0 ? 1 : leg == 2 ? -1 : 0, dy: leg == 1 ? 1 : leg == 3 ? -1 : 0))
            }
            report(BenchmarkResult(name: "frame: drag step (\(label))", samples: drags.ms, target: target))
            report(BenchmarkResult(name: "cells/keystroke: drag step (\(label))", samples: drags.cells,
                                   target: "≤ 1 KB at the backend", unit: "cells"))

            let view = CanvasView()
            var first = CellBuffer(size: screen)
            let state = Session(doc).state
            let clock = ContinuousClock()
            let d = clock.measure {
                view.render(state, into: &first, area: first.bounds, theme: .standard)
            }
            report(BenchmarkResult(name: "first frame, cold caches (\(label))", samples: [d.milliseconds], target: "-"))
        }
    }

    /// A canvas screen at `screen` size over `doc`, viewport in the middle of the flow,
    /// with two buffers that swap every frame (the backend keeps the previous one).
    struct Session {
        var state: CanvasState
        let view = CanvasView()
        var current = CellBuffer(size: EditorBenchmarks.screen)
        var previous = CellBuffer(size: EditorBenchmarks.screen)

        init(_ doc: FlowDocument) {
            state = CanvasState(document: doc)
            state.viewportSize = (EditorBenchmarks.screen.width, EditorBenchmarks.screen.height)
            var maxX = 0, maxY = 0
            for n in doc.nodes { maxX = max(maxX, n.x ?? 0); maxY = max(maxY, n.y ?? 0) }
            // Start a third of the way in, so pans right and down stay over the flow.
            state.viewportOrigin = GridPoint(maxX / 3, maxY / 3)
            state.cursor = GridPoint(maxX / 3 + 100, maxY / 3 + 30)
        }

        /// The label row of the node nearest the screen's centre.
        func nodeNearCentre() -> GridPoint {
            let c = GridPoint(state.viewportOrigin.x + 100, state.viewportOrigin.y + 30)
            let best = state.document.nodes.min {
                abs(($0.x ?? 0) - c.x) + abs(($0.y ?? 0) - c.y) < abs(($1.x ?? 0) - c.x) + abs(($1.y ?? 0) - c.y)
            }!
            return GridPoint((best.x ?? 0) + 2, (best.y ?? 0) + 1)
        }

        /// Runs `steps` keystrokes after a warm-up frame; returns each frame's time (state
        /// update + render + diff) and the number of cells the diff found changed.
        mutating func measure(steps: Int, _ key: (inout CanvasState, Int) -> Void) -> (ms: [Double], cells: [Double]) {
            view.render(state, into: &previous, area: previous.bounds, theme: .standard)
            var ms: [Double] = [], cells: [Double] = []
            ms.reserveCapacity(steps)
            cells.reserveCapacity(steps)
            let clock = ContinuousClock()
            var changed = 0
            for i in 0..<steps {
                let d = clock.measure {
                    key(&state, i)
                    view.render(state, into: &current, area: current.bounds, theme: .standard)
                    changed = current.diff(from: previous).reduce(0) { $0 + $1.cells.count }
                }
                ms.append(d.milliseconds)
                cells.append(Double(changed))
                swap(&current, &previous)
            }
            return (ms, cells)
        }
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
