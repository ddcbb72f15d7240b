import FlowKit
import Foundation
import Testing
@testable import FlowRuntime

/// `flowcanvas run --script`: scripts parsed, run on a virtual clock, judged.
@Suite struct TestRunTests {
    static let flow = LiveFlow(flowId: "orders", version: nil, document: PersistenceTests.conversation(),
                               state: .paused) // a test run ignores the live state

    func run(_ json: String) async throws -> RunReport {
        let script = try RunScript(json: Data(json.utf8))
        return await TestRunner(flow: Self.flow).run(script)
    }

    @Test func aScriptWhoseExpectationsHoldPasses() async throws {
        let report = try await run("""
            [{"trigger": {"from": "+15550111", "message": "where is my order"}},
             {"expect": {"at": "wait", "state": "waiting", "messageSent": "Order number?"}},
             {"reply": "EX123"},
             {"expect": {"node": "thanks", "outcome": "answered", "state": "done"}},
             {"expect": {"variable": "wait.message", "equals": "EX123"}},
             {"expect": {"message-sent": {"to": "+15550111", "channel": "sms", "message": "Thanks"}}}]
            """)
        #expect(report.passed, "\(report.text)")
        #expect(report.expectations == (4, 0))
        #expect(report.outbox.map(\.message) == ["Order number?", "Thanks"])
        #expect(report.sessions.count == 1)
        #expect(report.version == nil)
        #expect(report.text.hasSuffix("PASS: 4 of 4 expectations held\n"))
        // Each action shows the transcript lines it produced.
        #expect(report.steps[2].transcript.map(\.entry.node) == ["wait", "thanks", "done"])
        #expect(report.text.contains("+0s     done           ended with outcome answered"))
    }

    @Test func aFailedExpectationFailsTheRunAndSaysWhy() async throws {
        let report = try await run("""
            [{"trigger": {"from": "+15550111"}},
             {"wait": 30},
             {"expect": {"outcome": "answered"}},
             {"wait": 30},
             {"expect": {"outcome": "no-answer", "node": "late"}},
             {"expect": {"node": "thanks"}}]
            """)
        #expect(!report.passed)
        #expect(report.expectations == (1, 2))
        #expect(report.steps[2].detail == "the outcome is none (state waiting), not answered")
        #expect(report.steps[5].detail.hasPrefix("node thanks was not reached (path: start → ask → wait → late)"))
        #expect(report.text.contains("✗ expect outcome answered — the outcome is none (state waiting), not answered"))
        #expect(report.text.hasSuffix("FAIL: 1 of 3 expectations held\n"))
        // The timeout fired at +60 s.
        let late = try #require(report.steps[3].transcript.first { $0.entry.node == "late" })
        #expect(late.entry.time.timeIntervalSince(report.startedAt) == 60)
    }

    @Test func aReplyWithNothingWaitingIsAFailedStep() async throws {
        let report = try await run("""
            [{"reply": "too early"},
             {"trigger": {}},
             {"reply": "1"},
             {"reply": "2"}]
            """)
        #expect(!report.passed)
        #expect(report.steps.map(\.ok) == [false, true, true, false])
        #expect(report.steps[0].detail == "no session yet: trigger one first")
        #expect(report.steps[3].detail == "the session is not waiting for a reply (it is done)")
        #expect(report.text.contains("2 step(s) could not run"))
    }

    @Test func malformedScriptsAreRefusedNamingTheStep() {
        func error(_ json: String) -> String? {
            do { _ = try RunScript(json: Data(json.utf8)); return nil } catch { return error.message }
        }
        #expect(error("{") == "the script is not valid JSON: malformed JSON at line 1, column 2: unexpected end of input inside an object (the file is truncated)")
        #expect(error(#"{"trigger": {}}"#) == "the script must be a JSON array of steps")
        #expect(error(#"[{"trigger": {}}, {"jump": 1}]"#) == "step 2: unknown action 'jump' (expected trigger, reply, wait, expect or stub)")
        #expect(error(#"[{"wait": -1}]"#) == "step 1: wait must be a number of seconds ≥ 0")
        #expect(error(#"[{"expect": {"colour": "red"}}]"#)?.hasPrefix("step 1: expect has the unknown key 'colour'") == true)
        #expect(error(#"[{"expect": {"state": "sleeping"}}]"#) == "step 1: state must be running, waiting, done or failed")
        #expect(error(#"[{"trigger": {}, "reply": "x"}]"#)?.hasPrefix("step 1: each step is an object with exactly one action") == true)
    }

    @Test func theReportEncodesAsJSON() async throws {
        let report = try await run(#"[{"trigger": {}}, {"expect": {"state": "waiting"}}]"#)
        let data = try JSONEncoder().encode(report)
        let decoded = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(decoded.steps == report.steps)
        #expect(decoded.passed)
    }
}
