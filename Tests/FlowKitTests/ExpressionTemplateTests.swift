import Foundation
import Testing
@testable import FlowKit

@Suite struct ExpressionTemplateTests {
    let values: [String: JSONValue] = [
        "name": "Ann", "total": 12.5, "count": 3, "ok": true, "none": .null,
        "obj": ["b": 1, "a": [true, .null], "é": "x/y"],
    ]

    func render(_ source: String) -> String {
        Template(source).render { ref in
            if ref.parts == ["o", "body", "id"] { return 7 }
            return values[ref.raw]
        }
    }

    @Test func substitutesEveryKindOfValue() {
        #expect(render("Hi $(name), order $(o.body.id) total $(total) x$(count) $(ok)") == "Hi Ann, order 7 total 12.5 x3 true")
        #expect(render("$(obj)") == #"{"a":[true,null],"b":1,"é":"x/y"}"#)
        #expect(render("[$(none)][$(unknown)]") == "[][]")
        #expect(render("") == "")
        #expect(render("$(name)$(name)") == "AnnAnn")
    }

    @Test func plainDollarsAreText() {
        let t = Template("costs $5 or $ (x) or $$(name)")
        #expect(t.problems.isEmpty)
        #expect(t.references.map(\.raw) == ["name"])
        #expect(t.render { _ in "N" } == "costs $5 or $ (x) or $N")
    }

    @Test func referencesAreDistinctInOrder() {
        let t = Template("$(b) $(a.x[0]) $(b)")
        #expect(t.references.map(\.raw) == ["b", "a.x[0]"])
        #expect(t.references[1].parts == ["a", "x[0]"])
        #expect(t.references[1].head == "a")
    }

    struct ProblemCase: CustomTestStringConvertible, Sendable {
        var source: String
        var positions: [Int]
        var mentions: String
        var testDescription: String { source }
    }

    static let problemCases: [ProblemCase] = [
        ProblemCase(source: "Hello $(name", positions: [6], mentions: "unclosed $("),
        ProblemCase(source: "a $() b", positions: [2], mentions: "empty reference"),
        ProblemCase(source: "$( )", positions: [0], mentions: "empty reference"),
        ProblemCase(source: "é $(a b)", positions: [2], mentions: "white space"),
        ProblemCase(source: "$(a.)", positions: [0], mentions: "ends with a dot"),
        ProblemCase(source: "$(a[x])", positions: [0], mentions: "malformed index"),
        ProblemCase(source: "$(a $(b)", positions: [0], mentions: "unclosed $("),
        ProblemCase(source: "$(a\n)", positions: [0], mentions: "unclosed $("),
        ProblemCase(source: "$(x $(y", positions: [0, 4], mentions: "unclosed $("),
    ]

    @Test(arguments: problemCases)
    func reportsProblems(_ c: ProblemCase) {
        let t = Template(c.source)
        #expect(t.problems.map(\.position) == c.positions.map { Optional($0) })
        #expect(t.problems.allSatisfy { $0.message.contains(c.mentions) }, "\(t.problems)")
    }

    @Test func malformedPartsRenderAsTheyAre() {
        let t = Template("x $() y $(a $(b)")
        #expect(t.references.map(\.raw) == ["b"])
        #expect(t.render { _ in "B" } == "x $() y $(a B")
    }

    @Test func wellFormedTemplatesHaveNoProblems() {
        for source in ["", "plain", "$(a)", "$(start.body.customer[0].e-mail)", "$(rows[1][-1])", "a)b(c"] {
            #expect(Template(source).problems.isEmpty, "\(source)")
        }
    }
}

@Suite struct ExpressionJSONPathTests {
    let doc: JSONValue = [
        "order": ["items": [["sku": "A-1"], ["sku": "B-2"]], "id": 9, "key.with.dot": "dotted"],
        "items": [[1, 2], [3, 4]],
        "text": #"{"inner": {"deep": [10, 20]}}"#,
        "0": "zero-key",
    ]

    @Test(arguments: [
        ("order.items[0].sku", "A-1"),
        ("$.order.items[1].sku", "B-2"),
        ("order.items[-1].sku", "B-2"),
        ("items[1][0]", 3),
        ("$.items[0][1]", 2),
        ("items.1.0", 3),
        ("order['key.with.dot']", "dotted"),
        (#"order["id"]"#, 9),
        ("text.inner.deep[1]", 20),
        ("0", "zero-key"),
        (" order.id ", 9),
    ] as [(String, JSONValue)])
    func findsValues(_ path: String, _ expected: JSONValue) {
        #expect(JSONPath.lookup(path, in: doc) == expected)
    }

    @Test func rootAndMisses() {
        #expect(JSONPath.lookup("$", in: doc) == doc)
        #expect(JSONPath.lookup("", in: doc) == doc)
        #expect(JSONPath.lookup("order.missing", in: doc) == nil)
        #expect(JSONPath.lookup("order.items[5]", in: doc) == nil)
        #expect(JSONPath.lookup("order.id.deeper", in: doc) == nil)
        #expect(JSONPath.lookup("items[x]", in: doc) == nil)
    }

    @Test(arguments: [
        ("a..b", "empty key"),
        ("a[x]", "whole number"),
        ("a[0", "whole number"),
        ("a.", "ends with a dot"),
        ("a]b", "] without ["),
        ("a[0]b", "write a dot"),
        ("a['b]", "unclosed quoted key"),
    ])
    func reportsMalformedPaths(_ path: String, _ mentions: String) {
        #expect {
            _ = try JSONPath.parse(path)
        } throws: { error in
            (error as? ExpressionError)?.message.contains(mentions) == true
        }
    }

    @Test func referencesResolveThroughNodeOutputsAndVariables() {
        let outputs: [String: [String: JSONValue]] = ["lookup": ["body": doc, "status": 200]]
        let vars: [String: JSONValue] = ["list": ["a", "b"], "name": "Ann"]
        func resolve(_ raw: String) -> JSONValue? { Reference(raw).resolve(variables: vars, nodeOutputs: outputs) }
        #expect(resolve("lookup.status") == 200)
        #expect(resolve("lookup.body.order.items[1].sku") == "B-2")
        #expect(resolve("lookup.body.items[1][1]") == 4)
        #expect(resolve("lookup.missing") == nil)
        #expect(resolve("name") == "Ann")
        #expect(resolve("list[1]") == "b")
        #expect(resolve("nobody") == nil)
    }
}

@Suite struct ExpressionBranchOperatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var op: BranchOperator
        var value: JSONValue?
        var operand: String
        var holds: Bool
        var testDescription: String { "\(value?.templateText ?? "nil") \(op.rawValue) \(operand)" }
    }

    static let cases: [Case] = [
        Case(op: .equals, value: "yes", operand: "yes", holds: true),
        Case(op: .equals, value: "Yes", operand: "yes", holds: false),
        Case(op: .equals, value: 7, operand: "7.0", holds: true),
        Case(op: .equals, value: nil, operand: "", holds: true),
        Case(op: .equals, value: true, operand: "true", holds: true),
        Case(op: .notEquals, value: "a", operand: "b", holds: true),
        Case(op: .notEquals, value: "05", operand: "5", holds: false),
        Case(op: .contains, value: "hello world", operand: "o w", holds: true),
        Case(op: .contains, value: ["a", 2], operand: "2", holds: true),
        Case(op: .contains, value: ["ab"], operand: "a", holds: false),
        Case(op: .contains, value: nil, operand: "x", holds: false),
        Case(op: .startsWith, value: "EX123", operand: "EX", holds: true),
        Case(op: .startsWith, value: "xEX", operand: "EX", holds: false),
        Case(op: .greaterThan, value: "10", operand: "9", holds: true),
        Case(op: .greaterThan, value: 9, operand: "10", holds: false),
        Case(op: .greaterThan, value: "abc", operand: "10", holds: false),
        Case(op: .greaterThan, value: "b", operand: "a", holds: true),
        Case(op: .greaterThan, value: nil, operand: "0", holds: false),
        Case(op: .lessThan, value: "-1.5", operand: "0", holds: true),
        Case(op: .lessThan, value: 3, operand: "3", holds: false),
        Case(op: .lessThan, value: "apple", operand: "banana", holds: true),
        Case(op: .isEmpty, value: nil, operand: "ignored", holds: true),
        Case(op: .isEmpty, value: "  ", operand: "", holds: true),
        Case(op: .isEmpty, value: [], operand: "", holds: true),
        Case(op: .isEmpty, value: 0, operand: "", holds: false),
        Case(op: .matches, value: "EX123", operand: "^EX[0-9]{3}$", holds: true),
        Case(op: .matches, value: "EX12", operand: "^EX[0-9]{3}$", holds: false),
        Case(op: .matches, value: "abc", operand: "(", holds: false),
        Case(op: .matches, value: nil, operand: ".*", holds: false),
    ]

    @Test(arguments: cases)
    func holds(_ c: Case) {
        #expect(c.op.holds(c.value, c.operand) == c.holds)
    }

    @Test func operatorNamesMatchTheCatalog() throws {
        let spec = try #require(NodeCatalog.standard.type("branch")?.field("branches"))
        #expect(spec.options == BranchOperator.allCases.map(\.rawValue))
    }
}
