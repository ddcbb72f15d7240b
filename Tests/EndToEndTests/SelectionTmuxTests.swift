import FlowKit
import Foundation
import Testing

/// Issue 11 end to end: the real binary under tmux with `set-clipboard on`. From the flow
/// list, open one flow, select three connected nodes (Space, `]`), copy them, go back to the
/// list, open another flow that already has two of their ids, paste, save; `flowcanvas show
/// --json` has the nodes under fresh ids with their internal connectors, and tmux received
/// the OSC 52 sequence (its paste buffer holds the fragment).
@Suite(.serialized) struct SelectionTmuxTests {

    static let source = FlowDocument(
        name: "A orders",
        settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "lookup", type: "http-request", label: "Find order", x: 32, y: 2,
                     config: ["method": "GET", "url": "https://shop.example/orders"]),
            FlowNode(id: "reply", type: "send", label: "Tell order", x: 62, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Your order: $(lookup.body)"]),
            FlowNode(id: "done", type: "end", label: "Resolved", x: 92, y: 2, config: ["outcome": "resolved"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "lookup"),
            Connection(from: "lookup", outcome: "success", to: "reply"),
            Connection(from: "reply", outcome: "sent", to: "done"),
        ])

    /// The target already uses the ids lookup and done.
    static let target = FlowDocument(
        name: "B target",
        settings: FlowSettings(outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550199"]),
            FlowNode(id: "lookup", type: "send", label: "Hello", x: 32, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Hello"]),
            FlowNode(id: "done", type: "end", label: "Resolved", x: 62, y: 2, config: ["outcome": "resolved"]),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "lookup"),
            Connection(from: "lookup", outcome: "sent", to: "done"),
        ])

    @Test func copyThreeConnectedNodesIntoAnotherFlowFromTheList() throws {
        try requireTmux()
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.ok(["import", try cli.file("a.json", FlowCodec.exportJSON(Self.source)), "--name", "A orders"])
        try cli.ok(["import", try cli.file("b.json", FlowCodec.exportJSON(Self.target)), "--name", "B target"])

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let command = try TmuxSession.editorCommand(cli)
        try tmux.start(command: command, width: 140, height: 40)
        try tmux.tmux(["set-option", "-s", "set-clipboard", "on"])
        try tmux.waitFor("B target")
        try tmux.keys("Enter")  // the first flow by name: A orders
        try tmux.waitFor("A orders")
        try tmux.waitFor("Working Draft")

        // lookup, then its success and sent connectors: three connected nodes.
        try tmux.keys("/")
        try tmux.text("lookup")
        try tmux.keys("Enter")
        try tmux.waitFor("match 1/2 for \"lookup\"")  // reply mentions $(lookup.body)
        try tmux.keys("Space")
        try tmux.waitFor("added Find order: 1 selected")
        try tmux.keys("]")
        try tmux.waitFor("followed lookup.success → reply")
        try tmux.keys("Space")
        try tmux.waitFor("2 selected")
        try tmux.keys("]")
        try tmux.waitFor("followed reply.sent → done")
        try tmux.keys("Space")
        try tmux.waitFor("3 selected")
        try tmux.keys("y")
        try tmux.waitFor("copied 3 nodes (1 connector to nodes outside left out)")

        // The OSC 52 sequence reached tmux: its newest paste buffer is the fragment.
        let buffer = try waitForBuffer(tmux)
        let fragment = try FlowCodec.importDocument(Data(buffer.utf8))
        #expect(fragment.nodes.map(\.id).sorted() == ["done", "lookup", "reply"])

        // Back to the list (nothing changed, so q leaves at once), then the other flow.
        try tmux.keys("Escape")  // alone: Esc then q at once would read as Alt-q
        try tmux.waitFor("selection cleared")
        try tmux.keys("q")
        try tmux.waitFor("Flows")
        try tmux.keys("Down", "Enter")
        try tmux.waitFor("B target")
        try tmux.waitFor("Working Draft")
        try tmux.keys("S-Down", "S-Down")  // 16 rows down: an empty stretch of canvas
        try tmux.keys("p")
        try tmux.waitFor("pasted 3 nodes (2 renamed) (1 connector to")  // the rest is cut at the pane's edge
        try tmux.keys("s")
        try tmux.waitFor("saved (revision")
        try tmux.keys("q")
        try tmux.waitFor("Flows")
        try tmux.keys("q")
        #expect(tmux.waitForExit())

        let shown = try cli.ok(["show", "B target", "--json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let doc = try #require((json["document"] as? [String: Any]) ?? json)
        let nodes = try #require(doc["nodes"] as? [[String: Any]])
        let ids = Set(nodes.compactMap { $0["id"] as? String })
        #expect(ids == ["start", "lookup", "done", "lookup-2", "reply", "done-2"])
        let links = try #require(doc["connections"] as? [[String: Any]])
        let pairs = Set(links.compactMap { l -> String? in
            guard let f = l["from"] as? String, let o = l["outcome"] as? String, let t = l["to"] as? String else { return nil }
            return "\(f).\(o)→\(t)"
        })
        #expect(pairs.isSuperset(of: ["lookup-2.success→reply", "reply.sent→done-2"]), "\(pairs)")
        #expect(pairs.count == 4, "the target's two and the two inside the copy")
        let reply = try #require(nodes.first { $0["id"] as? String == "reply" })
        let config = reply["config"] as? [String: Any]
        #expect(config?["message"] as? String == "Your order: $(lookup-2.body)", "the reference follows the new id")
    }

    /// tmux stores an OSC 52 from the application as its newest buffer.
    func waitForBuffer(_ tmux: TmuxSession, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let r = try tmux.tmux(["show-buffer"], output: true)
            if r.status == 0, r.out.contains("flowcanvas/1") { return r.out }
            usleep(100_000)
        }
        Issue.record("no tmux paste buffer with the fragment after \(timeout)s")
        return ""
    }
}
