@testable import FlowCanvasView
import FlowKit
import TerminalUI
@testable import FlowEditor

/// Flows and helpers shared by the canvas renderer's tests.
enum CanvasFixtures {
    static func settings() -> FlowSettings {
        FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success), FlowOutcome(name: "api-failed", kind: .failure)])
    }

    static func start(_ x: Int, _ y: Int) -> FlowNode {
        FlowNode(id: "start", type: "start", label: "Inbound SMS", x: x, y: y,
                 config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"])
    }

    static func send(_ id: String, _ label: String, _ x: Int, _ y: Int) -> FlowNode {
        FlowNode(id: id, type: "send", label: label, x: x, y: y,
                 config: ["channel": "sms", "to": "$(start.from)", "message": "hello"])
    }

    static func log(_ id: String, _ x: Int, _ y: Int) -> FlowNode {
        FlowNode(id: id, type: "log", label: "Log \(id)", x: x, y: y, config: ["logbook": "audit", "message": "m"])
    }

    static func end(_ id: String, _ label: String, _ outcome: String?, _ x: Int, _ y: Int) -> FlowNode {
        FlowNode(id: id, type: "end", label: label, x: x, y: y, config: outcome.map { ["outcome": .string($0)] } ?? [:])
    }

    /// start → lookup (success / error / timeout) → two sends → two ends.
    static func orderStatus() -> FlowDocument {
        var settings = settings()
        settings.logbooks = ["audit"]
        return FlowDocument(
            name: "Order status", settings: settings,
            nodes: [
                start(2, 2),
                FlowNode(id: "lookup", type: "http-request", label: "Find the customer's order", x: 34, y: 2,
                         config: ["method": "GET", "url": "$(apiBase)/orders"]),
                send("reply", "Tell status", 68, 2),
                send("sorry", "Apologise", 68, 11),
                end("done", "Resolved", "resolved", 34, 20),
                end("failed", "API failed", "api-failed", 68, 20),
            ],
            connections: [
                Connection(from: "start", outcome: "next", to: "lookup"),
                Connection(from: "lookup", outcome: "success", to: "reply"),
                Connection(from: "lookup", outcome: "error", to: "sorry"),
                Connection(from: "lookup", outcome: "timeout", to: "sorry"),
                Connection(from: "reply", outcome: "sent", to: "done"),
                Connection(from: "sorry", outcome: "sent", to: "failed"),
            ])
    }

    /// A square grid of `side`×`side` Log nodes, each joined to its right neighbour (and
    /// the last of a row to the first of the next), spaced like the auto-layout does.
    static func grid(side: Int) -> FlowDocument {
        var nodes: [FlowNode] = []
        var connections: [Connection] = []
        for row in 0..<side {
            for col in 0..<side {
                nodes.append(log("n\(row)-\(col)", col * 36 + 2, row * 8 + 2))
                if col > 0 { connections.append(Connection(from: "n\(row)-\(col - 1)", outcome: "next", to: "n\(row)-\(col)")) }
            }
        }
        var s = settings()
        s.logbooks = ["audit"]
        return FlowDocument(name: "Grid", settings: s, nodes: nodes, connections: connections)
    }

    /// Renders `state` at its viewport into a fresh w×h buffer.
    static func render(_ state: CanvasState, view: CanvasView = CanvasView(), width: Int, height: Int,
                       glyphs: GlyphSet = .unicode, decorations: CanvasDecorations = CanvasDecorations()) -> CellBuffer {
        var state = state
        state.viewportSize = (width, height)
        var buf = CellBuffer(width: width, height: height, glyphs: glyphs)
        view.render(state, into: &buf, area: buf.bounds, theme: .standard, decorations: decorations)
        return buf
    }

    /// Screen positions of `ch` in the buffer.
    static func find(_ ch: Character, in buf: CellBuffer) -> [Point] {
        var out: [Point] = []
        for y in 0..<buf.height {
            for x in 0..<buf.width where buf[x, y].character == ch { out.append(Point(x: x, y: y)) }
        }
        return out
    }

    /// The screen column where `text` starts on row `y`, if it is there.
    static func column(of text: String, row y: Int, in buf: CellBuffer) -> Int? {
        let line = buf.text().components(separatedBy: "\n")[y]
        guard let r = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound)
    }
}
