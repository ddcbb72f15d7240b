import FlowKit
import Foundation
import Testing
import TerminalUI
@testable import FlowEditor

@Suite struct NodeFormTests {
    let doc = FlowDocument(
        name: "F",
        settings: FlowSettings(logbooks: ["orders", "audit"], outcomes: [FlowOutcome(name: "resolved", kind: .success)]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "In", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": ""]),
            FlowNode(id: "call", type: "http-request", label: "Call", x: 30, y: 2, config: ["method": "GET"]),
            FlowNode(id: "pick", type: "branch", label: "Pick", x: 60, y: 2, config: [:]),
            FlowNode(id: "log", type: "log", label: "Log", x: 90, y: 2, config: [:]),
            FlowNode(id: "wait", type: "delay", label: "Wait", x: 2, y: 20, config: ["seconds": 60]),
            FlowNode(id: "end", type: "end", label: "End", x: 30, y: 20, config: [:]),
        ])

    @Test func labelFirstCatalogFieldsDefaultsAndMandatoryMarks() throws {
        let f = NodeForm(node: doc.node(withID: "call")!, document: doc)
        #expect(f.fieldIDs == ["label", "method", "url", "headers", "body", "timeoutSeconds"])
        #expect(f.value(of: "method") == "GET")
        #expect(f.form.fields.first { $0.id == "url" }?.mandatory == true)
        #expect(f.form.fields.first { $0.id == "headers" }?.mandatory == false)
        #expect(f.error(of: "url") == "URL is required" || f.error(of: "url") != nil, "the validator's finding shows inline")
    }

    @Test func selectsOfferChannelsOutcomesAndLogbooks() throws {
        let end = NodeForm(node: doc.node(withID: "end")!, document: doc)
        guard case .select(let outcome)? = end.form.fields.first(where: { $0.id == "outcome" })?.control else {
            Issue.record("flow outcome is a select"); return
        }
        #expect(outcome.options.contains("resolved"))
        let log = NodeForm(node: doc.node(withID: "log")!, document: doc)
        guard case .select(let book)? = log.form.fields.first(where: { $0.id == "logbook" })?.control else {
            Issue.record("logbook is a select"); return
        }
        #expect(book.options.contains("orders") && book.options.contains("audit"))
    }

    @Test func startFormFollowsTheTriggerAndShowsItsInstructions() throws {
        var f = NodeForm(node: doc.node(withID: "start")!, document: doc)
        #expect(f.fieldIDs == ["label", "trigger", "channel", "address"])
        #expect(f.form.fields.contains { $0.id == NodeForm.helpID })
        var b = CellBuffer(width: 80, height: 24)
        f.render(into: &b, in: b.bounds)
        #expect(b.text().contains("/inbound/CHANNEL"))
        f.focus("trigger")
        _ = f.handle(.key(.right))  // next trigger: webhook
        #expect(f.value(of: "trigger") == "webhook")
        #expect(f.fieldIDs == ["label", "trigger", "path", "signingSecret"])
        var b2 = CellBuffer(width: 80, height: 24)
        f.render(into: &b2, in: b2.bounds)
        #expect(b2.text().contains("/hooks/PATH"))
        f.focus("path")
        for c in "orders" { _ = f.handle(.char(c)) }
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["trigger"] == "webhook" && node.config["path"] == "orders")
        #expect(node.config["channel"] == nil && node.config["address"] == nil, "fields of the old trigger are dropped")
    }

    @Test func mapsAndBranchesAreTextLinesWithClearErrors() throws {
        var call = NodeForm(node: doc.node(withID: "call")!, document: doc)
        call.setText("Accept = application/json\nbroken line", for: "headers")
        call.setText("https://x", for: "url")
        #expect(call.apply() == .editing)
        #expect(call.error(of: "headers") == "line 2: expected \"name = value\"")
        call.setText("Accept = application/json\nX-Id = $(start.from)", for: "headers")
        guard case .applied(let n) = call.apply() else { Issue.record("applies"); return }
        #expect(n.config["headers"] == .object(["Accept": "application/json", "X-Id": "$(start.from)"]))

        var pick = NodeForm(node: doc.node(withID: "pick")!, document: doc)
        pick.setText("yes | start.message | equals | YES\nempty | start.message | nope", for: "branches")
        #expect(pick.apply() == .editing)
        #expect(pick.error(of: "branches")?.hasPrefix("line 2: unknown operator \"nope\"") == true)
        pick.setText("yes | start.message | equals | YES\nempty | start.message | is-empty", for: "branches")
        guard case .applied(let p) = pick.apply() else { Issue.record("applies"); return }
        #expect(p.config["branches"]?.arrayValue?.count == 2)
        #expect(FieldText.branchesText(p.config["branches"]) == "yes | start.message | equals | YES\nempty | start.message | is-empty | ")
    }

    @Test func numbersAreChecked() throws {
        var f = NodeForm(node: doc.node(withID: "wait")!, document: doc)
        #expect(f.value(of: "seconds") == "60")
        f.setText("soon", for: "seconds")
        #expect(f.apply() == .editing && f.error(of: "seconds") == "\"soon\" is not a number")
        f.setText("-5", for: "seconds")
        #expect(f.apply() == .editing && f.error(of: "seconds") == "must be at least 0")
        f.setText("90", for: "seconds")
        guard case .applied(let n) = f.apply() else { Issue.record("applies"); return }
        #expect(n.config["seconds"] == .number(90))
    }

    @Test func enterOnTheLastFieldAppliesAndEscCancels() throws {
        var f = NodeForm(node: doc.node(withID: "wait")!, document: doc)
        #expect(f.handle(.key(.enter)) == .editing)  // label → seconds
        #expect(f.focusedFieldID == "seconds")
        guard case .applied = f.handle(.key(.enter)) else { Issue.record("Enter on the last field applies"); return }
        #expect(f.handle(.key(.escape)) == .cancelled)
    }

    @Test func formWithErrorsGolden() throws {
        var f = NodeForm(node: doc.node(withID: "call")!, document: doc)
        f.setText("not a number", for: "timeoutSeconds")
        _ = f.apply()
        var b = CellBuffer(width: 80, height: 24)
        f.render(into: &b, in: b.bounds)
        assertScreenGolden(b, "node-form-errors")
        #expect(b.text().contains("\"not a number\" is not a number"))
    }
}
