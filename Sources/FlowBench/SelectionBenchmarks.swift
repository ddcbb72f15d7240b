import FlowCanvasView
import FlowKit
import TerminalUI

/// Issue 11's figures on the generated 5,000-node editor flow at 200×60: a frame of
/// select-all and of each step moving all of it (the document shows every step, so each
/// one replaces a 5,000-node edit and re-routes what is on screen), a filtered search, and
/// a paste of 1,000 nodes (parse + fresh ids + the one edit) into the flow they came from,
/// so every id collides.
public enum SelectionBenchmarks {
    public static func run(nodes: Int = 5_000, connectors: Int = 6_000, steps: Int = 50,
                           report: (BenchmarkResult) -> Void) {
        let doc = SyntheticFlow.editorFlow(nodeCount: nodes, connectorCount: connectors)
        let label = "\(nodes) nodes"

        // Ctrl-A, then m and one arrow per frame.
        var s = EditorBenchmarks.Session(doc)
        s.state.cursor = s.nodeNearCentre()
        var selectAll: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<10 {
            let d = clock.measure {
                s.state.clearSelection()
                s.state.selectAll()
                s.view.render(s.state, into: &s.current, area: s.current.bounds, theme: .standard)
            }
            selectAll.append(d.milliseconds)
        }
        report(BenchmarkResult(name: "frame: select all (\(label))", samples: selectAll, target: "< 16 ms"))
        let start = clock.measure { s.state.handle(.startMove) }
        report(BenchmarkResult(name: "m on the whole selection (\(label))", samples: [start.milliseconds], target: "-"))
        let moves = s.measure(steps: steps) { state, i in
            state.handle(.moveCursor(dx: i % 8 < 4 ? 1 : -1, dy: 0))
        }
        report(BenchmarkResult(name: "frame: move step, all selected (\(label))", samples: moves.ms, target: "< 16 ms"))
        s.state.handle(.confirm)

        // A filtered search: words plus filters, as typed into `/`.
        let severities = Dictionary(doc.nodes.enumerated().compactMap { i, n in i % 7 == 0 ? (n.id, Severity.error) : nil },
                                    uniquingKeysWith: { a, _ in a })
        for query in ["type:send is:unconnected", "is:unreachable", "is:invalid uses:start", "order"] {
            var ms: [Double] = []
            var found = 0
            for _ in 0..<20 {
                let d = clock.measure {
                    found = (try? NodeSearch(parsing: query))?.matches(in: doc, severities: severities).count ?? -1
                }
                ms.append(d.milliseconds)
            }
            report(BenchmarkResult(name: "search \"\(query)\" → \(found) (\(label))", samples: ms, target: "< 10 ms"))
        }

        // Paste 1,000 nodes copied from the same flow (every id taken: all renamed).
        let copied = Array(doc.nodes.prefix(1_000).map(\.id))
        let text = FlowCodec.exportJSON(FlowFragment.extract(copied, from: doc).fragment)
        var pasteMs: [Double] = []
        for _ in 0..<5 {
            var flow = EditableFlow(document: doc)
            let d = clock.measure {
                if let pasted = try? FlowFragment.paste(text: text, into: flow.document, at: (0, 100_000)) {
                    flow.insertPasted(pasted.document, name: "paste")
                }
            }
            precondition(flow.document.nodes.count == doc.nodes.count + 1_000, "the paste must land")
            pasteMs.append(d.milliseconds)
        }
        report(BenchmarkResult(name: "paste 1,000 nodes into \(label)", samples: pasteMs, target: "< 50 ms"))
    }
}
