import FlowKit
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import FlowEditor

/// `$(` in a template field offers what is in scope (issue 9, item 7).
@Suite struct NodeFormCompletionTests {
    let doc = FlowDocument(
        name: "F",
        settings: FlowSettings(variables: [CustomVariable(name: "shop", default: "Acme")]),
        nodes: [
            FlowNode(id: "start", type: "start", label: "In", x: 0, y: 0,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "lookup", type: "http-request", label: "Lookup parcel", x: 20, y: 0,
                     config: ["method": "GET", "url": "https://x"]),
            FlowNode(id: "reply", type: "send", label: "Reply", x: 40, y: 0, config: ["channel": "sms", "to": "$(start.from)"]),
        ],
        connections: [Connection(from: "start", outcome: "received", to: "lookup"),
                      Connection(from: "lookup", outcome: "success", to: "reply")])

    private func type(_ text: String, into f: inout NodeForm) {
        for c in text { _ = f.handle(.char(c)) }
    }

    @Test func dollarParenOpensTheListTypingFiltersAndTabCompletes() throws {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, focus: "message")
        type("Hi, ", into: &f)
        #expect(f.completion == nil)
        type("$(", into: &f)
        let open = try #require(f.completion)
        #expect(open.items.first?.name == "shop" && open.items.contains { $0.name == "lookup.body" })
        type("lookup.s", into: &f)
        #expect(f.completion?.items.map(\.name) == ["lookup.status"])
        #expect(f.handle(.key(KeyEvent(.tab))) == .editing)
        #expect(f.value(of: "message") == "Hi, $(lookup.status)")
        #expect(f.completion == nil && f.focusedFieldID == "message", "Tab completed; it did not move to the next field")
        type(" for $(st", into: &f)
        #expect(f.completion?.selectedItem.name == "start.from", "the Start node's outputs, in the catalog's order")
        _ = f.handle(.key(KeyEvent(.down)))
        #expect(f.completion?.selectedItem.name == "start.to")
        _ = f.handle(.key(KeyEvent(.up)))
        _ = f.handle(.key(KeyEvent(.up)))
        #expect(f.completion?.selectedItem.name == f.completion?.items.last?.name, "Up from the first wraps to the last")
        #expect(f.completion?.selectedItem.name == "system.timestamp", "system values come last")
        _ = f.handle(.key(KeyEvent(.down)))
        _ = f.handle(.key(KeyEvent(.enter)))
        #expect(f.value(of: "message") == "Hi, $(lookup.status) for $(start.from)")
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["message"] == "Hi, $(lookup.status) for $(start.from)")
    }

    @Test func escClosesTheListNotTheFormAndAClosingParenIsReused() throws {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, focus: "to")
        #expect(f.value(of: "to") == "$(start.from)")
        // Put the cursor inside the reference, after "$(st".
        _ = f.handle(.key(.ctrl("a")))
        for _ in 0..<4 { _ = f.handle(.key(KeyEvent(.right))) }
        #expect(f.completion?.prefix == "st")
        #expect(f.handle(.key(KeyEvent(.escape))) == .editing)
        #expect(f.completion == nil)
        _ = f.handle(.key(KeyEvent(.right)))  // still the same reference: stays closed
        #expect(f.completion == nil)
        _ = f.handle(.key(KeyEvent(.left)))
        _ = f.handle(.key(KeyEvent(.backspace)))  // "$(s" – editing the same reference keeps it closed too
        #expect(f.completion == nil)
        // A new `$(` opens it again.
        _ = f.handle(.key(.ctrl("e")))
        type(" $(sh", into: &f)
        #expect(f.completion?.items.map(\.name) == ["shop"])
        #expect(f.handle(.key(KeyEvent(.escape))) == .editing, "Esc with the list open does not cancel the form")
        #expect(f.handle(.key(KeyEvent(.escape))) == .cancelled)
    }

    @Test func theListReplacesThroughAnExistingClosingParen() throws {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, focus: "to")
        _ = f.handle(.key(.ctrl("a")))
        for _ in 0..<4 { _ = f.handle(.key(KeyEvent(.right))) }  // "$(st|art.from)"
        f.dismissedCompletion = nil
        f.updateCompletion()
        #expect(f.completion?.selectedItem.name == "start.from")
        _ = f.handle(.key(KeyEvent(.tab)))
        #expect(f.value(of: "to") == "$(start.from)", "the rest of the old name and its ) are replaced")
        #expect(f.form.focusedText?.cursor == "$(start.from)".count)
    }

    @Test func systemValuesAreOfferedWithWhatTheyMean() throws {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, focus: "message")
        type("Ref $(system.", into: &f)
        let list = try #require(f.completion)
        #expect(list.items.map(\.name) == SystemValue.allCases.map(\.reference))
        #expect(list.items.first?.detail == SystemValue.sessionId.meaning)
        type("fl", into: &f)
        #expect(f.completion?.items.map(\.name) == ["system.flowId", "system.flowName", "system.flowVersion"])
        _ = f.handle(.key(KeyEvent(.down)))
        _ = f.handle(.key(KeyEvent(.tab)))
        #expect(f.value(of: "message") == "Ref $(system.flowName)")
        guard case .applied = f.apply() else { Issue.record("a system value is a known reference"); return }
    }

    // MARK: In table cells (branches, headers)

    /// `doc` with its reply replaced by a Branch after the lookup.
    var tables: FlowDocument {
        var d = doc
        d.nodes[2] = FlowNode(id: "pick", type: "branch", label: "Pick", x: 40, y: 0, config: [:])
        d.connections = [Connection(from: "start", outcome: "next", to: "lookup"),
                         Connection(from: "lookup", outcome: "success", to: "pick")]
        return d
    }

    @Test func aBranchRowCompletesItsVariableBareAndItsValueAfterDollarParen() throws {
        var f = NodeForm(node: tables.node(withID: "pick")!, document: tables, focus: "branches")
        type("ok", into: &f)                       // typing starts the first row: its name
        #expect(f.completion == nil, "a branch's name takes no references")
        _ = f.handle(.key(KeyEvent(.tab)))
        type("lookup.st", into: &f)                // the variable: a reference written bare
        #expect(f.completion?.items.first?.name == "lookup.status")
        #expect(f.completion?.fieldID == "branches@0:1")
        _ = f.handle(.key(KeyEvent(.tab)))         // Tab accepts; it does not leave the cell
        #expect(f.rowEditor("branches")?.grid.rows[0].cells[1].value == "lookup.status")
        #expect(f.completion == nil)
        _ = f.handle(.key(KeyEvent(.tab)))         // operator
        _ = f.handle(.key(KeyEvent(.tab)))         // value: a template
        type("sh", into: &f)
        #expect(f.completion == nil, "in a template, only $( opens the list")
        type(" $(sh", into: &f)
        #expect(f.completion?.items.map(\.name) == ["shop"])
        _ = f.handle(.key(KeyEvent(.enter)))
        #expect(f.rowEditor("branches")?.grid.rows[0].cells[3].value == "sh $(shop)")
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["branches"] == .array([.object(["name": "ok", "variable": "lookup.status", "op": "equals",
                                                             "value": "sh $(shop)"])]))
    }

    @Test func aHeaderValueCompletesAndEscClosesTheListInThatCellOnly() throws {
        var f = NodeForm(node: tables.node(withID: "lookup")!, document: tables, focus: "headers")
        type("X-Session", into: &f)
        _ = f.handle(.key(KeyEvent(.tab)))
        type("$(system.se", into: &f)
        #expect(f.completion?.items.map(\.name) == ["system.sessionId"])
        #expect(f.handle(.key(KeyEvent(.escape))) == .editing, "Esc closes the list, not the form")
        #expect(f.completion == nil)
        type("ssionId)", into: &f)
        #expect(f.completion == nil, "still the reference Esc closed")
        _ = f.handle(.key(.ctrl("n")))             // a new row: its own cells
        type("X-Flow", into: &f)
        _ = f.handle(.key(KeyEvent(.tab)))
        type("$(system.flowN", into: &f)
        #expect(f.completion?.fieldID == "headers@1:1")
        _ = f.handle(.key(KeyEvent(.tab)))
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["headers"] == .object(["X-Session": "$(system.sessionId)", "X-Flow": "$(system.flowName)"]))
    }

    @Test func completionInATableCellGolden() throws {
        var f = NodeForm(node: tables.node(withID: "lookup")!, document: tables, focus: "headers")
        type("X-Parcel", into: &f)
        _ = f.handle(.key(KeyEvent(.tab)))
        type("$(start.", into: &f)
        var b = CellBuffer(width: 80, height: 24)
        f.render(into: &b, in: b.bounds)
        assertScreenGolden(b, "node-form-completion-table-cell")
        #expect(b.text().contains("start.from"))
    }

    @Test func numberAndChoiceFieldsNeverOpenIt() throws {
        var f = NodeForm(node: doc.node(withID: "lookup")!, document: doc, focus: "timeoutSeconds")
        type("$(", into: &f)
        #expect(f.completion == nil)
    }

    @Test func completionListGolden() throws {
        var f = NodeForm(node: doc.node(withID: "reply")!, document: doc, focus: "message")
        type("Your parcel: $(lookup.", into: &f)
        var b = CellBuffer(width: 80, height: 24)
        f.render(into: &b, in: b.bounds)
        assertScreenGolden(b, "node-form-completion")
    }
}
