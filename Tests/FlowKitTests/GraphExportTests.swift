import Foundation
import Testing
@testable import FlowKit

@Suite struct GraphExportTests {
    static let survey = FlowDocument(
        name: "Survey \"v2\"",
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS"),
            FlowNode(id: "check", type: "branch", label: "Is it \"yes\"?", config: [
                "branches": [["name": "yes", "variable": "start.message", "op": "equals", "value": "yes"]],
            ]),
            FlowNode(id: "done", type: "end"),
            FlowNode(id: "ask-again", type: "send", label: "Ask <again> #2\nplease"),
        ],
        connections: [
            Connection(from: "start", outcome: "next", to: "check"),
            Connection(from: "check", outcome: "yes", to: "done"),
            Connection(from: "check", outcome: "none", to: "ask-again"),
            Connection(from: "ask-again", outcome: "sent", to: "check"),
            Connection(from: "ask-again", outcome: "failed", to: "gone"), // dangling: left out
        ]
    )

    @Test func mermaidOfASmallFlow() {
        let expected = """
        flowchart LR
          %% Survey "v2"
          n_ask_again["Ask #lt;again#gt; #35;2 please"]
          n_check{"Is it #quot;yes#quot;?"}
          n_done(["End"])
          n_start(["Inbound SMS"])
          n_ask_again -->|"sent"| n_check
          n_check -->|"none"| n_ask_again
          n_check -->|"yes"| n_done
          n_start -->|"next"| n_check

        """
        #expect(GraphExport.mermaid(Self.survey) == expected)
    }

    @Test func dotOfASmallFlow() {
        let expected = #"""
        digraph "Survey \"v2\"" {
          rankdir=LR;
          node [shape=box, style=rounded, fontname="Helvetica"];
          edge [fontname="Helvetica", fontsize=10];
          "ask-again" [label="Ask <again> #2 please"];
          "check" [label="Is it \"yes\"?", shape=diamond, style=solid];
          "done" [label="End", shape=box, style="rounded,bold"];
          "start" [label="Inbound SMS", shape=box, style="rounded,bold"];
          "ask-again" -> "check" [label="sent"];
          "check" -> "ask-again" [label="none"];
          "check" -> "done" [label="yes"];
          "start" -> "check" [label="next"];
        }

        """#
        #expect(GraphExport.dot(Self.survey) == expected)
    }

    @Test func outputDoesNotDependOnDocumentOrder() {
        var shuffled = Self.survey
        shuffled.nodes.reverse()
        shuffled.connections.reverse()
        #expect(GraphExport.mermaid(shuffled) == GraphExport.mermaid(Self.survey))
        #expect(GraphExport.dot(shuffled) == GraphExport.dot(Self.survey))
    }

    @Test func mermaidKeywordsAndDoubleHyphensCannotBreakIDs() {
        let doc = FlowDocument(name: "", nodes: [FlowNode(id: "end", type: "end"), FlowNode(id: "a--b", type: "log")],
                               connections: [Connection(from: "a--b", outcome: "next", to: "end")])
        let text = GraphExport.mermaid(doc)
        #expect(text.contains("n_a__b -->|\"next\"| n_end"))
        #expect(!text.contains("%%"))
    }

    @Test func dotEscapesBackslashes() {
        let doc = FlowDocument(name: "a\\b", nodes: [FlowNode(id: "x", type: "log", label: #"C:\temp "q""#)])
        let text = GraphExport.dot(doc)
        #expect(text.hasPrefix(#"digraph "a\\b" {"#))
        #expect(text.contains(#""x" [label="C:\\temp \"q\""];"#))
    }
}
