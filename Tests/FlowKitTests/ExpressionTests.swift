import Foundation
import Testing
@testable import FlowKit

/// Variables for the expression tables, read the way the runtime reads them.
private let variables: [String: JSONValue] = [
    "five": 5, "fiveText": "5", "name": "Ann", "flag": "false", "yes": "TRUE", "empty": "",
    "items": [1, 2, 3], "code": "EX123", "badPattern": "(", "zero": "0",
]
private let outputs: [String: [String: JSONValue]] = [
    "lookup": ["status": 200, "body": ["id": 7, "items": [["sku": "A-1"]], "state": "shipped"]],
]
private func lookup(_ ref: Reference) -> JSONValue? {
    ref.resolve(variables: variables, nodeOutputs: outputs)
}

struct EvalCase: CustomTestStringConvertible, Sendable {
    var source: String
    var expected: JSONValue
    init(_ source: String, _ expected: JSONValue) { self.source = source; self.expected = expected }
    var testDescription: String { source }
}

struct ErrorCase: CustomTestStringConvertible, Sendable {
    var source: String
    var position: Int?
    var mentions: String
    init(_ source: String, at position: Int?, _ mentions: String) {
        self.source = source; self.position = position; self.mentions = mentions
    }
    var testDescription: String { source }
}

@Suite struct ExpressionEvaluationTests {
    static let cases: [EvalCase] = [
        EvalCase("1 == 1", true),
        EvalCase("'007' == 7", true),
        EvalCase("$(fiveText) == 5", true),
        EvalCase("$(five) == '5.0'", true),
        EvalCase("'1.0' == '1'", true),
        EvalCase("'abc' == 'ABC'", false),
        EvalCase("$(missing) == ''", true),
        EvalCase("$(missing) == null", true),
        EvalCase("$(empty) == null", true),
        EvalCase("null == 0", false),
        EvalCase("$(yes) == true", true),
        EvalCase("$(flag) != false", false),
        EvalCase("'abc' < 'abd'", true),
        EvalCase("'10' < '9'", false),
        EvalCase("'b' > 'a'", true),
        EvalCase("10 > 9", true),
        EvalCase("$(fiveText) >= 5", true),
        EvalCase("$(five) <= 4.5", false),
        EvalCase("-3 < 2", true),
        EvalCase("- $(five) == -5", true),
        EvalCase("1.5e2 == 150", true),
        EvalCase("!$(flag)", true),
        EvalCase("!$(zero)", true),
        EvalCase("!$(name)", false),
        EvalCase("!$(missing)", true),
        EvalCase("!!$(items)", true),
        EvalCase("true || false && false", true),
        EvalCase("(true || false) && false", false),
        EvalCase("!(1 == 2) && 2 == 2", true),
        EvalCase("false && $(missing) < 1", false),
        EvalCase("true || $(missing) < 1", true),
        EvalCase("len('héllo')", 5),
        EvalCase("len($(items))", 3),
        EvalCase("len($(missing))", 0),
        EvalCase("len($(lookup.body))", 3),
        EvalCase("upper($(name))", "ANN"),
        EvalCase("lower('ÀB')", "àb"),
        EvalCase("trim('  x \\n')", "x"),
        EvalCase("number(' 42 ') == 42", true),
        EvalCase("number($(five))", 5),
        EvalCase("contains('hello', 'ell')", true),
        EvalCase("contains('hello', '')", true),
        EvalCase("contains($(items), '2')", true),
        EvalCase("contains($(items), 4)", false),
        EvalCase("contains($(lookup.body), 'state')", true),
        EvalCase("startsWith($(code), 'EX')", true),
        EvalCase("endsWith($(code), '124')", false),
        EvalCase("matches($(code), '^EX[0-9]+$')", true),
        EvalCase("matches('xEX1', '^EX')", false),
        EvalCase("matches($(five), '^5$')", true),
        EvalCase("'it\\'s' == \"it's\"", true),
        EvalCase("'\\u00e9' == 'é'", true),
        EvalCase("'tab\\there'", "tab\there"),
        EvalCase("'cost \\$(x)'", "cost $(x)"),
        EvalCase("$(lookup.status) == 200 && $(lookup.body.state) == 'shipped'", true),
        EvalCase("$(lookup.body.items[0].sku)", "A-1"),
        EvalCase("$(lookup.body.items[-1].sku) == 'A-1'", true),
        EvalCase("null", .null),
        EvalCase("  42  ", 42),
        EvalCase("\"double\"", "double"),
    ]

    @Test(arguments: cases)
    func evaluates(_ c: EvalCase) throws {
        let expression = try Expression(parsing: c.source)
        #expect(try expression.evaluate(lookup) == c.expected)
    }

    static let runtimeErrors: [ErrorCase] = [
        ErrorCase("$(missing) < 3", at: nil, "cannot compare null"),
        ErrorCase("'abc' > 3", at: nil, "cannot compare the text 'abc' with the number 3"),
        ErrorCase("true < false", at: nil, "cannot compare"),
        ErrorCase("number('abc')", at: nil, "not a number"),
        ErrorCase("matches('x', $(badPattern))", at: nil, "not a valid regular expression"),
        ErrorCase("len(true)", at: nil, "len() needs text or a list"),
        ErrorCase("-'abc'", at: nil, "cannot negate"),
    ]

    @Test(arguments: runtimeErrors)
    func failsAtRunTime(_ c: ErrorCase) throws {
        let expression = try Expression(parsing: c.source)
        #expect {
            _ = try expression.evaluate(lookup)
        } throws: { error in
            (error as? ExpressionError)?.message.contains(c.mentions) == true
        }
    }

    @Test func conditionUsesTruthiness() throws {
        #expect(try Expression(parsing: "$(name)").evaluateCondition(lookup))
        #expect(try !Expression(parsing: "$(flag)").evaluateCondition(lookup))
        #expect(try !Expression(parsing: "$(empty)").evaluateCondition(lookup))
    }
}

@Suite struct ExpressionParseTests {
    static let errors: [ErrorCase] = [
        ErrorCase("", at: 0, "empty"),
        ErrorCase("   ", at: 0, "empty"),
        ErrorCase("1 = 1", at: 2, "use == to compare"),
        ErrorCase("'abc", at: 0, "unclosed string"),
        ErrorCase("x == \"abc", at: 5, "unclosed string"),
        ErrorCase("$(a", at: 0, "unclosed $("),
        ErrorCase("1 == $()", at: 5, "empty reference"),
        ErrorCase("$(a b) == 1", at: 0, "white space"),
        ErrorCase("$(a..b)", at: 0, "empty part"),
        ErrorCase("$ == 1", at: 0, "reference such as $(name)"),
        ErrorCase("foo == 1", at: 0, "write $(foo) to read a variable"),
        ErrorCase("bogus(1)", at: 0, "unknown function bogus()"),
        ErrorCase("len(1, 2)", at: 0, "len() takes 1 argument, not 2"),
        ErrorCase("contains('a')", at: 0, "contains() takes 2 arguments, not 1"),
        ErrorCase("upper()", at: 0, "takes 1 argument, not 0"),
        ErrorCase("(1 == 1", at: 0, "missing ) to close"),
        ErrorCase("len('a'", at: 7, "missing ) or ,"),
        ErrorCase("1 == 1)", at: 6, "did not expect ')'"),
        ErrorCase("1 2", at: 2, "did not expect the number 2"),
        ErrorCase("1 < 2 < 3", at: 6, "cannot be chained"),
        ErrorCase("1 ==", at: 4, "ends too early"),
        ErrorCase("true & false", at: 5, "use &&"),
        ErrorCase("true | false", at: 5, "use ||"),
        ErrorCase("== 1", at: 0, "expected a value but found '=='"),
        ErrorCase("matches('x', '(')", at: 0, "not a valid regular expression"),
        ErrorCase("'a\\q'", at: 2, "unknown escape \\q"),
        ErrorCase("'\\u12'", at: 1, "four hex digits"),
        ErrorCase("'é' == @", at: 7, "unexpected character '@'"),
        ErrorCase("1.2.3", at: 0, "malformed number"),
        ErrorCase("-", at: 0, "must be followed by a number"),
    ]

    @Test(arguments: errors)
    func reportsMessageAndPosition(_ c: ErrorCase) {
        do {
            let parsed = try Expression(parsing: c.source)
            Issue.record("parsed \(c.source) as \(parsed.root)")
        } catch {
            #expect(error.message.contains(c.mentions), "\(error.message)")
            #expect(error.position == c.position, "\(error)")
            #expect(error.description.hasSuffix("(at character \((c.position ?? -1) + 1))"))
        }
    }

    @Test func listsEveryReferenceOnce() throws {
        let e = try Expression(parsing: "$(a) == $(b.c) || contains($(d.e[0]), $(a))")
        #expect(e.references.map(\.raw) == ["a", "b.c", "d.e[0]"])
        #expect(e.references[2].parts == ["d", "e[0]"])
        #expect(try Expression(parsing: "1 == 1").references.isEmpty)
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(throws: ExpressionError.self) { try Expression(parsing: deep) }
        let nots = String(repeating: "!", count: 10_000) + "true"
        #expect(throws: ExpressionError.self) { try Expression(parsing: nots) }
        let fifty = try Expression(parsing: String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50))
        #expect(try fifty.evaluate { _ in nil } == 1)
    }
}
