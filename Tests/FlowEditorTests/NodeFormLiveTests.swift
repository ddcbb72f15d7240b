import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

/// Issue 9 "Node forms that never lie": each defect seen, as a test.
@Suite struct NodeFormLiveTests {
    let doc = FlowDocument(
        name: "Order status",
        settings: FlowSettings(logbooks: ["orders", "audit"], outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "Inbound SMS", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "lookup", type: "http-request", label: "Lookup parcel", x: 30, y: 2, config: ["method": "GET"]),
            FlowNode(id: "reply", type: "send", label: "Reply", x: 60, y: 2,
                     config: ["channel": "sms", "to": "$(start.from)", "message": "Your parcel: $(lookup.body)"]),
            FlowNode(id: "log", type: "log", label: "Log", x: 90, y: 2, config: ["logbook": "orders", "message": "done"]),
            FlowNode(id: "done", type: "end", label: "Done", x: 30, y: 20, config: ["outcome": "resolved"]),
            FlowNode(id: "new-end", type: "end", label: "", x: 60, y: 20, config: [:]),
        ],
        connections: [Connection(from: "start", outcome: "next", to: "lookup")])

    private func type(_ text: String, into f: inout NodeForm) { for c in text { _ = f.handle(.char(c)) } }

    @Test func anInlineErrorGoesAsSoonAsTheValueSatisfiesTheRule() {
        var f = NodeForm(node: doc.node(withID: "lookup")!, document: doc)
        #expect(f.error(of: "url") == "URL is required")
        f.focus("url")
        type("https://shop.example.com/orders", into: &f)
        #expect(f.error(of: "url") == nil, "\"URL is required\" stayed under a URL just typed")
        _ = f.handle(.ctrl("u"))
        #expect(f.error(of: "url") == "URL is required", "and comes back when the field is cleared")
    }

    @Test func selectsShowWhatTheNodeHas() {
        let done = NodeForm(node: doc.node(withID: "done")!, document: doc)
        #expect(done.value(of: "outcome") == "resolved" && done.error(of: "outcome") == nil)
        let log = NodeForm(node: doc.node(withID: "log")!, document: doc)
        #expect(log.value(of: "logbook") == "orders" && log.error(of: "logbook") == nil)
        // Not set: the select shows blank (not the first outcome) beside its finding.
        var empty = NodeForm(node: doc.node(withID: "new-end")!, document: doc)
        #expect(empty.value(of: "outcome") == "")
        #expect(empty.error(of: "outcome")?.contains("Flow outcome is not set") == true)
        empty.focus("outcome")
        _ = empty.handle(.key(.right))
        #expect(empty.value(of: "outcome") == "resolved" && empty.error(of: "outcome") == nil)
    }

    @Test func numberErrorsAreLiveToo() {
        var f = NodeForm(node: doc.node(withID: "lookup")!, document: doc)
        f.focus("timeoutSeconds")
        _ = f.handle(.ctrl("u"))
        type("ten", into: &f)
        #expect(f.error(of: "timeoutSeconds") == "\"ten\" is not a number")
        _ = f.handle(.ctrl("u")); type("10", into: &f)
        #expect(f.error(of: "timeoutSeconds") == nil)
    }

    @Test func ctrlXCtrlEOpensTheEditorAndCtrlEAloneGoesToTheLineEnd() {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc)
        f.focus("message")
        _ = f.handle(.ctrl("a"))
        #expect(f.handle(.ctrl("e")) == .editing, "Ctrl-E is line end now")
        type("!", into: &f)
        #expect(f.value(of: "message") == "Your parcel: $(lookup.body)!")
        #expect(f.handle(.ctrl("x")) == .editing)
        #expect(f.handle(.ctrl("e")) == .editExternally(field: "message", text: "Your parcel: $(lookup.body)!"))
        _ = f.handle(.ctrl("x")); _ = f.handle(.char("q"))
        #expect(f.value(of: "message")?.hasSuffix("!q") == true, "Ctrl-X then another key: the key acts as usual")
    }

    @Test func aPastedNewlineInAOneLineFieldDoesNotApply() {
        var f = NodeForm(node: doc.node(withID: "lookup")!, document: doc)
        f.focus("url")
        #expect(f.handle(.paste("https://x.example/\norders\u{1B}[201~")) == .editing)
        #expect(f.value(of: "url") == "https://x.example/ orders[201~")
        #expect(f.focusedFieldID == "url")
    }

    @Test func readOnlyFormsIgnorePastesAndKills() {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, readOnly: true)
        f.focus("message")
        _ = f.handle(.paste("x")); _ = f.handle(.ctrl("u")); _ = f.handle(.ctrl("k"))
        #expect(f.value(of: "message") == "Your parcel: $(lookup.body)")
    }

    @Test func wiringFindingsOfTheLastCheckShowAtTheEnd() {
        let report = Validator().validate(doc)
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, findings: report.findings(forNode: "reply"))
        var b = CellBuffer(width: 100, height: 40)
        f.render(into: &b, in: b.bounds)
        #expect(b.text().contains("No path from Start leads here"), "a wiring finding of the last whole-flow check")
    }

    @Test func smsMessagesShowTheirLengthAsTyped() {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc)
        var b = CellBuffer(width: 100, height: 40)
        f.render(into: &b, in: b.bounds)
        #expect(b.text().contains("13 characters · 1 SMS segment (GSM-7) + 1 variable part"))
        f.focus("message")
        _ = f.handle(.ctrl("u"))
        for _ in 0..<161 { _ = f.handle(.char("a")) }
        b.clear(); f.render(into: &b, in: b.bounds)
        #expect(b.text().contains("161 characters · 2 SMS segments (GSM-7)"))
        f.focus("channel")
        _ = f.handle(.key(.right))  // another channel: no SMS counter
        b.clear(); f.render(into: &b, in: b.bounds)
        #expect(!b.text().contains("SMS segment"))
    }
}
