import FlowKit
import Foundation
import Testing
import TestSupport
@testable import FlowRuntime

/// Node semantics that go through templates, expressions, branch operators and JSON paths.
@Suite struct ExpressionDependentTests {
    @Test func sendRendersTemplatesFromTriggerAndReplies() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("wait", "receive", ["channel": "sms", "timeoutSeconds": 60])
            .node("tell", "send", ["channel": "sms", "to": "$(start.from)",
                                   "message": "You asked '$(start.message)', order $(wait.message) is on its way"])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "wait").link("wait", "received", "tell").link("tell", "sent", "done")
        let rig = MemoryRig(document: b.document)
        _ = try await rig.sms(from: "+15550111", "where is it")
        _ = try await rig.engine.deliverInbound(channel: "sms", from: "+15550111", to: "+15550100", message: "EX9")
        #expect(rig.outbox.messages.map(\.to) == ["+15550111"])
        #expect(rig.outbox.messages.map(\.message) == ["You asked 'where is it', order EX9 is on its way"])
    }

    @Test func branchTakesTheFirstBranchThatHoldsElseNone() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("route", "branch", ["branches": [
                ["name": "stop", "variable": "start.message", "op": "equals", "value": "STOP"],
                ["name": "help", "variable": "$(start.message)", "op": "contains", "value": "help"],
                ["name": "any-help", "variable": "start.message", "op": "starts-with", "value": "help"],
            ]])
            .node("stopped", "end", ["outcome": "stopped"]).node("helped", "end", ["outcome": "helped"])
            .node("other", "end", ["outcome": "other"])
            .link("start", "next", "route").link("route", "stop", "stopped").link("route", "help", "helped")
            .link("route", "any-help", "other").link("route", "none", "other")
        let rig = MemoryRig(document: b.document)
        #expect(try await rig.sms("STOP").outcome == "stopped")
        #expect(try await rig.sms("please help").outcome == "helped")
        #expect(try await rig.sms("help me").outcome == "helped") // first match wins
        #expect(try await rig.sms("hello").outcome == "other")
        #expect(try await rig.sms("hello").transcript.contains { $0.text == "none: no branch held" })
    }

    @Test func branchComparesNumbersAndRendersItsValue() async throws {
        let b = FlowBuilder(settings: FlowSettings(variables: [CustomVariable(name: "limit", default: "100")]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("route", "branch", ["branches": [
                ["name": "big", "variable": "start.message", "op": "greater-than", "value": "$(limit)"],
            ]])
            .node("big", "end", ["outcome": "big"]).node("small", "end", ["outcome": "small"])
            .link("start", "next", "route").link("route", "big", "big").link("route", "none", "small")
        let rig = MemoryRig(document: b.document)
        #expect(try await rig.sms("250").outcome == "big")
        #expect(try await rig.sms("99").outcome == "small")
    }

    @Test func evaluateTakesTrueOrFalse() async throws {
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("vars", "set-variables", ["assignments": ["count": "$(start.message)"]])
            .node("eval", "evaluate", ["expression": "number($(count)) > 2 && len($(start.from)) > 0"])
            .node("yes", "end", ["outcome": "yes"]).node("no", "end", ["outcome": "no"])
            .node("bad", "end", ["outcome": "bad"])
            .link("start", "next", "vars").link("vars", "next", "eval")
            .link("eval", "true", "yes").link("eval", "false", "no").link("eval", "error", "bad")
        let rig = MemoryRig(document: b.document)
        #expect(try await rig.sms("3").outcome == "yes")
        #expect(try await rig.sms("1").outcome == "no")
    }

    @Test func dataParserExtractsFieldsByPath() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"order":{"items":[{"sku":"A1","qty":2}],"status":"shipped"}}"#) }
        defer { server.stop() }
        let b = FlowBuilder()
        b.node("start", "start", FlowBuilder.smsStart)
            .node("call", "http-request", ["method": "GET", "url": .string(server.baseURL + "/o/$(start.message)")])
            .node("parse", "data-parser", ["source": "$(call.body)",
                                           "fields": ["sku": "order.items[0].sku", "status": "order.status"]])
            .node("parse2", "data-parser", ["source": "$(call.body)", "fields": ["missing": "order.items[5].sku"]])
            .node("tell", "send", ["channel": "sms", "to": "$(start.from)", "message": "$(parse.sku) is $(parse.status)"])
            .node("done", "end", ["outcome": "ok"]).node("bad", "end", ["outcome": "bad"])
            .link("start", "next", "call").link("call", "success", "parse")
            .link("parse", "success", "tell").link("tell", "sent", "parse2")
            .link("parse2", "success", "done").link("parse2", "error", "bad")
        let rig = MemoryRig(document: b.document)
        let s = try await rig.sms("EX1")
        #expect(server.requests.first?.path == "/o/EX1")
        #expect(s.outputs["parse"] == ["sku": "A1", "status": "shipped"])
        #expect(rig.outbox.messages.map(\.message) == ["A1 is shipped"])
        #expect(s.outcome == "bad") // a path that finds nothing is the error outcome
    }

    @Test func deepReferencesReadIntoJSONOutputs() async throws {
        let b = FlowBuilder()
        b.node("start", "start", ["trigger": "webhook", "path": "p"])
            .node("vars", "set-variables", ["assignments": ["name": "$(start.body.customer.name)",
                                                            "first": "$(start.body.items[0])",
                                                            "line": "Dear $(start.body.customer.name)"]])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "vars").link("vars", "next", "done")
        let rig = MemoryRig(document: b.document)
        let s = try #require(try await rig.engine.triggerWebhook(path: "p", body: ["customer": ["name": "Ada"], "items": ["x", "y"]]).started.first)
        #expect(s.variables["name"] == "Ada")
        #expect(s.variables["first"] == "x")
        #expect(s.variables["line"] == "Dear Ada")
    }

    @Test func theDuplicateGuardKeysOnTheRenderedIdentifier() async throws {
        let settings = FlowSettings(preventDuplicateSessions: true, uniqueIdentifier: "$(start.from)")
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: TriggerTests.replyFlow("x", settings: settings))])
        let a = try await rig.sms(from: "+15550111")
        let b = try await rig.sms(from: "+15550222") // another customer: allowed
        #expect(a.uniqueKey == "+15550111")
        #expect(b.uniqueKey == "+15550222")
        // The same customer again: refused while A is active. (Their message would go to
        // A's receive, so trigger the flow directly.)
        await #expect(throws: RuntimeError.duplicateSession(flowId: "f", key: "+15550111", existingSession: a.id)) {
            try await rig.engine.startSession(flow: rig.flow, trigger: .inboundMessage(channel: "sms", from: "+15550111", to: "+15550100", message: "again"))
        }
    }

    @Test func httpURLUsesMakeLiveVariableValues() async throws {
        let server = try LoopbackHTTPServer { _ in .json("{}") }
        defer { server.stop() }
        let b = FlowBuilder(settings: FlowSettings(variables: [CustomVariable(name: "apiBase", default: "http://unused.invalid", externalized: true)]))
        b.node("start", "start", FlowBuilder.smsStart)
            .node("call", "http-request", ["method": "GET", "url": "$(apiBase)/orders/$(start.message)"])
            .node("done", "end", ["outcome": "ok"])
            .link("start", "next", "call").link("call", "success", "done")
        let rig = MemoryRig([LiveFlow(flowId: "f", version: 1, document: b.document, variableValues: ["apiBase": server.baseURL])])
        #expect(try await rig.sms("EX7").outcome == "ok")
        #expect(server.requests.map(\.path) == ["/orders/EX7"])
    }
}
