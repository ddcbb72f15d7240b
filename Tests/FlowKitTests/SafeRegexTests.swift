import Foundation
import Testing
@testable import FlowKit

/// Issue 13, defect 11: `matches` runs on a non-backtracking engine with a step budget.
@Suite struct SafeRegexTests {
    static let patterns = [
        "^EX[0-9]{3}$", "abc", "^abc", "abc$", "a.c", "a|b|cd", "(ab)+", "(ab)*c", "a?b", "^(a|b)*$",
        "colou?r", "[A-Z][a-z]+", "[^0-9]", "\\d+", "\\D", "\\w+@\\w+\\.com", "\\s", "\\bcat\\b", "\\Bat",
        "x{2,}", "x{1,3}y", "^x{0}$", "^$", "(?:yes|no)$", "(?<code>[0-9]+)-", "a.*?b", "[a\\-z]", "[]a]",
        "\\.", "\\$\\(x\\)", "^\\+1[0-9]{10}$", "(?i)hello", "(?i)[a-c]+$", "é+", "\\u00e9", "^(a+)+$",
        "[\\d,]+", "a{2}", "^\\s*$", "end\\n?$",
    ]
    static let texts = [
        "", "EX123", "EX12", "xEX123", "abc", "xabcx", "aXc", "cd", "ababc", "b", "color", "colour",
        "Hello", "HELLO there", "123", "a1", "me@site.com", "a b", "the cat sat", "bat", "xxx", "xy", "x",
        "yes", "no!", "42-", "a--b", "]", ".", "$(x)", "+15550100000", "ééé", "aaaa", "1,2,3", "{", "x{",
        "   ", "end\n", "end\n\n", "line1\nline2",
    ]

    /// On the common syntax the engine agrees with ICU (NSRegularExpression).
    @Test func agreesWithNSRegularExpression() throws {
        for pattern in Self.patterns {
            let icu = try NSRegularExpression(pattern: pattern)
            let ours = try SafeRegex(pattern)
            for text in Self.texts {
                let expected = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(try ours.firstMatch(in: text) == expected, "/\(pattern)/ on \(text.debugDescription)")
            }
        }
    }

    @Test func catastrophicPatternsForBacktrackingRunInLinearTime() throws {
        // ICU took 3.3 s on 26 a's; each further one doubles it. Here the work is counted.
        let a30 = String(repeating: "a", count: 30)
        for (pattern, text, matches) in [("(a+)+$", a30 + "b", false), ("^(a|aa)+$", a30 + "b", false),
                                         ("(a*)*b$", a30 + "b", true), ("^(\\w+\\s?)*$", a30 + "!", false)] {
            let regex = try SafeRegex(pattern)
            #expect(try regex.firstMatch(in: text, budget: 20_000) == matches, "\(pattern)")
        }
    }

    @Test func theStepBudgetEndsASearchThatWouldTakeTooLong() throws {
        let regex = try SafeRegex("(x{0,40}){25}y")
        let text = String(repeating: "x", count: 20_000)
        #expect(throws: SafeRegex.Failure.self) { try regex.firstMatch(in: text) }
        #expect(try regex.firstMatch(in: "xxy"))
    }

    @Test func refusesWhatNeedsBacktrackingAndOversizedPatterns() {
        func failure(_ p: String) -> String? {
            do { _ = try SafeRegex(p); return nil } catch { return error.message }
        }
        #expect(failure("(a)\\1")?.contains("back-references") == true)
        #expect(failure("a(?=b)")?.contains("look-around") == true)
        #expect(failure("a*+")?.contains("possessive") == true)
        #expect(failure("(") == "has an unclosed (")
        #expect(failure("a)") == "has an unmatched )")
        #expect(failure("[a") == "has an unclosed [")
        #expect(failure("*a") == "has a quantifier with nothing to repeat")
        #expect(failure(String(repeating: "a", count: 513)) == "is longer than 512 characters")
        #expect(failure("(((a{0,1000}){1000}))")?.contains("too large") == true)
        #expect(failure("a{1001}") == "repeats more than 1000 times")
    }

    @Test func expressionsReportPatternProblemsAsErrors() throws {
        let expression = try Expression(parsing: "matches($(t), $(p))")
        func evaluate(_ t: String, _ p: String) throws(ExpressionError) -> JSONValue {
            try expression.evaluate { ref in
                ref.description == "$(t)" ? .string(t) : (ref.description == "$(p)" ? .string(p) : nil)
            }
        }
        #expect(try evaluate("EX123", "^EX[0-9]{3}$") == .bool(true))
        #expect(throws: ExpressionError.self) { try evaluate(String(repeating: "x", count: 20_000), "(x{0,40}){25}y") }
        #expect(throws: ExpressionError.self) { try evaluate("x", String(repeating: "a", count: 600)) }
        // Evaluation goes on working after a pattern ran out of budget.
        #expect(try evaluate("abc", "b") == .bool(true))
        #expect(BranchOperator.matches.holds(.string(String(repeating: "a", count: 40) + "b"), "(a+)+$") == false)
    }
}
