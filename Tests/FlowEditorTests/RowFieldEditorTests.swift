import FlowKit
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import FlowEditor

/// Branches and map fields are tables of rows in the node form (issue 9, item 6).
@Suite struct RowFieldEditorTests {
    let doc = FlowDocument(
        name: "F",
        nodes: [
            FlowNode(id: "start", type: "start", label: "In", x: 2, y: 2,
                     config: ["trigger": "inbound-message", "channel": "sms", "address": "+15550100"]),
            FlowNode(id: "call", type: "http-request", label: "Call", x: 30, y: 2,
                     config: ["method": "GET", "url": "https://x", "headers": ["Accept": "application/json"]]),
            FlowNode(id: "pick", type: "branch", label: "Pick", x: 60, y: 2, config: [
                "branches": [["name": "yes", "variable": "start.message", "op": "equals", "value": "YES"],
                             ["name": "no", "variable": "start.message", "op": "equals", "value": "NO"]]]),
        ])

    private func type(_ text: String, into f: inout NodeForm) {
        for c in text { _ = f.handle(.char(c)) }
    }

    private func key(_ k: KeyEvent, _ f: inout NodeForm, times: Int = 1) {
        for _ in 0..<times { _ = f.handle(.key(k)) }
    }

    @Test func branchesAreRowsWithAnOperatorChoiceAddDeleteAndReorder() throws {
        var f = NodeForm(node: doc.node(withID: "pick")!, document: doc, focus: "branches")
        let table = try #require(f.rowEditor("branches"))
        #expect(table.grid.rows.count == 2)
        #expect(table.grid.rows.map { $0.cells.map(\.value) } == [["yes", "start.message", "equals", "YES"],
                                                                    ["no", "start.message", "equals", "NO"]])
        // Ctrl-N adds a row below the focused one; typing fills its cells, Enter moves on.
        key(.ctrl("n"), &f)
        type("maybe", into: &f); key(KeyEvent(.enter), &f)
        type("start.message", into: &f); key(KeyEvent(.enter), &f)
        // The operator is a choice: a letter picks the first operator starting with it.
        type("c", into: &f); key(KeyEvent(.tab), &f)
        type("MAY", into: &f)
        #expect(f.rowEditor("branches")!.grid.rows[1].cells.map(\.value) == ["maybe", "start.message", "contains", "MAY"])
        // Alt-Up moves the new row to the top; Ctrl-D deletes the last row ("no").
        key(KeyEvent(.up, .alt), &f)
        key(KeyEvent(.down), &f, times: 2)
        key(.ctrl("d"), &f)
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        let branches = try #require(node.config["branches"]?.arrayValue)
        #expect(branches.map { $0["name"]?.stringValue } == ["maybe", "yes"])
        #expect(branches[0] == .object(["name": "maybe", "variable": "start.message", "op": "contains", "value": "MAY"]))
    }

    @Test func aWrongRowIsNamedInlineAndBlocksApplyUntilFixed() throws {
        var f = NodeForm(node: doc.node(withID: "pick")!, document: doc, focus: "branches")
        key(.ctrl("n"), &f)
        type("yes", into: &f)  // a second branch named "yes"
        #expect(f.error(of: "branches") == "row 2: branch \"yes\" is given twice", "the error shows as the row is typed")
        #expect(f.apply() == .editing)
        key(KeyEvent(.backspace), &f, times: 3)
        type("yes2", into: &f)
        #expect(f.error(of: "branches") == "Branches entry 2 (\"yes2\") has no variable to check",
                "then the validator's own check of the row")
        key(KeyEvent(.enter), &f)
        type("start.from", into: &f)
        #expect(f.error(of: "branches") == nil)
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["branches"]?.arrayValue?.count == 3)
    }

    @Test func typingIntoAnEmptyMapStartsARowAndBlankRowsAreDropped() throws {
        var node = doc.node(withID: "call")!
        node.config["headers"] = nil
        var f = NodeForm(node: node, document: doc, focus: "headers")
        #expect(f.rowEditor("headers")!.grid.rows.isEmpty)
        type("X-Id", into: &f); key(KeyEvent(.tab), &f); type("$(start.from)", into: &f)
        key(.ctrl("n"), &f)  // a blank row is not a header
        guard case .applied(let applied) = f.apply() else { Issue.record("applies"); return }
        #expect(applied.config["headers"] == .object(["X-Id": "$(start.from)"]))
        // Deleting every row removes the field from the config.
        var g = NodeForm(node: applied, document: doc, focus: "headers")
        key(.ctrl("d"), &g)
        guard case .applied(let cleared) = g.apply() else { Issue.record("applies"); return }
        #expect(cleared.config["headers"] == nil)
    }

    @Test func tabLeavesTheTableAfterItsLastCellAndShiftTabEntersAtTheEnd() throws {
        var f = NodeForm(node: doc.node(withID: "call")!, document: doc, focus: "url")
        key(KeyEvent(.tab), &f)
        #expect(f.focusedFieldID == "headers")
        key(KeyEvent(.tab), &f)  // name → value of the only row
        #expect(f.focusedFieldID == "headers")
        key(KeyEvent(.tab), &f)
        #expect(f.focusedFieldID == "body")
        key(KeyEvent(.backTab), &f)
        #expect(f.focusedFieldID == "headers")
        type("; q=1", into: &f)  // entered at the last cell: the value
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["headers"] == .object(["Accept": "application/json; q=1"]))
    }

    @Test func externalEditorTextThatDoesNotParseIsKeptAndReported() throws {
        var f = NodeForm(node: doc.node(withID: "call")!, document: doc, focus: "headers")
        key(.ctrl("x"), &f)
        #expect(f.handle(.key(.ctrl("e"))) == .editExternally(field: "headers", text: "Accept = application/json"))
        f.setText("Accept = text/plain\nbroken line", for: "headers")
        #expect(f.error(of: "headers") == "line 2: expected \"name = value\"")
        #expect(f.apply() == .editing)
        key(.ctrl("x"), &f)
        #expect(f.handle(.key(.ctrl("e"))) == .editExternally(field: "headers", text: "Accept = text/plain\nbroken line"),
                "reopening the editor gives the text back, not the old rows")
        f.setText("Accept = text/plain\nX-Trace = on", for: "headers")
        #expect(f.error(of: "headers") == nil)
        #expect(f.rowEditor("headers")!.grid.rows.count == 2)
        guard case .applied(let node) = f.apply() else { Issue.record("applies"); return }
        #expect(node.config["headers"] == .object(["Accept": "text/plain", "X-Trace": "on"]))
    }

    @Test func aValueWithABarOrEqualsSurvivesTheRows() throws {
        // The text form would split these; the rows keep them.
        var node = doc.node(withID: "pick")!
        node.config["branches"] = [["name": "pipe", "variable": "start.message", "op": "contains", "value": "a|b"]]
        var f = NodeForm(node: node, document: doc)
        guard case .applied(let applied) = f.apply() else { Issue.record("applies"); return }
        #expect(applied.config["branches"] == node.config["branches"])
    }

    @Test func branchRowsGolden() throws {
        var f = NodeForm(node: doc.node(withID: "pick")!, document: doc, focus: "branches")
        var b = CellBuffer(width: 80, height: 24)
        f.render(into: &b, in: b.bounds)
        assertScreenGolden(b, "node-form-branch-rows")
    }
}
