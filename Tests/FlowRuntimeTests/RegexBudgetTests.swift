import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// Issue 13, defect 11: a pattern that would hold a core fails its own session's
/// evaluate with `error`; the next session evaluates as usual.
@Suite struct RegexBudgetTests {
    @Test func aRunawayPatternTakesErrorAndOtherSessionsGoOn() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("eval", "evaluate", ["expression": "matches($(start.message), '(x{0,40}){25}y')"])
            .node("bad", "end", ["outcome": "broken"])
            .node("yes", "end", ["outcome": "matched"])
            .node("no", "end", ["outcome": "unmatched"])
            .link("start", "next", "eval").link("eval", "error", "bad")
            .link("eval", "true", "yes").link("eval", "false", "no")
        let rig = MemoryRig(document: b.document)
        let runaway = try await rig.sms(String(repeating: "x", count: 20_000))
        #expect(runaway.outcome == "broken")
        #expect(runaway.transcript.contains { $0.node == "eval" && $0.text.contains("needs too much work") })
        #expect(try await rig.sms(from: "+15550112", "xxy").outcome == "matched")
        #expect(try await rig.sms(from: "+15550113", "xx").outcome == "unmatched")
    }
}
