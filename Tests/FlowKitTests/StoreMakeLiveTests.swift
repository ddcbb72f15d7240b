import Foundation
import Testing
import TestSupport
@testable import FlowKit

@Suite struct StoreMakeLiveTests {
    @Test func makeLiveCreatesTheNextVersionAndDropsTheDraft() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            let before = Date().addingTimeInterval(-1)
            let v1 = try ws.makeLive("Order status", MakeLiveRequest(comment: "first"))
            #expect(v1.number == 1 && v1.comment == "first" && v1.author == "tester" && v1.basedOn == nil)
            #expect(v1.createdAt >= before)
            #expect(v1.apps == ["sms": "outbox"])
            #expect(v1.variables == ["greeting": "Hello"])
            let flow = try ws.flow("Order status")
            #expect(flow.status == .live && flow.state == .running && flow.liveVersion == 1 && !flow.hasDraft)
            #expect(try ws.version("Order status", 1) == v1)

            _ = try ws.editVersion("Order status", version: 1)
            try ws.saveDraft("Order status", document: StoreFixture.smsFlowWithLog())
            let v2 = try ws.makeLive("Order status", MakeLiveRequest(comment: "log replies", variables: ["greeting": "Hi"]))
            #expect(v2.number == 2 && v2.basedOn == 1 && v2.variables == ["greeting": "Hi"])
            #expect(try ws.flow("Order status").liveVersion == 2)
            #expect(try ws.document("Order status").document.nodes.count == 4)
        }
    }

    @Test func makeLiveBindsAddedAppsAndRefusesWrongBindings() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.addApp(name: "twilio", channel: "sms", webhookURL: "https://hooks.example/sms")
            try ws.addApp(name: "mailer", channel: "email", webhookURL: "http://127.0.0.1:9/mail")
            try StoreFixture.expectRefusal(ws, .unknownApp("nope")) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "nope"]))
            }
            try StoreFixture.expectRefusal(ws, .appChannelMismatch(app: "mailer", appChannel: "email", channel: "sms")) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "mailer"]))
            }
            try StoreFixture.expectRefusal(ws, .channelNotUsed(flow: "Order status", channel: "email")) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["email": "mailer"]))
            }
            try StoreFixture.expectRefusal(ws, .unknownChannel("pigeon")) {
                try ws.makeLive("Order status", MakeLiveRequest(apps: ["pigeon": "outbox"]))
            }
            try StoreFixture.expectRefusal(ws, .unknownVariable(flow: "Order status", variable: "nope")) {
                try ws.makeLive("Order status", MakeLiveRequest(variables: ["nope": "1"]))
            }
            // Only externalized variables take values.
            try StoreFixture.expectRefusal(ws, .unknownVariable(flow: "Order status", variable: "internal")) {
                try ws.makeLive("Order status", MakeLiveRequest(variables: ["internal": "1"]))
            }
            let v = try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "TWILIO"]))
            #expect(v.apps == ["sms": "twilio"])
            #expect(try ws.liveFlows().first?.version.apps == ["sms": "twilio"])
        }
    }

    @Test func makeLiveWithoutADraftIsRefused() throws {
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status")
            let error = WorkspaceError.noDraft(flow: "Order status")
            #expect(error.exitCode == 1)
            #expect(error.message.contains("edit"))
            try StoreFixture.expectRefusal(ws, error) { try ws.makeLive("Order status") }
        }
    }

    @Test func makeLiveIsRefusedWhileErrorsRemain() throws {
        // Needs the real Validator (validation helper): the broken flow has no Start.
        try StoreFixture.withWorkspace { ws in
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.brokenFlow())
            let before = try StoreFixture.rows(ws)
            do {
                try ws.makeLive("Order status")
                Issue.record("make-live of a flow without Start was accepted")
            } catch let WorkspaceError.validationFailed(flow, report) {
                #expect(flow == "Order status")
                #expect(report.errors.contains { $0.code == .noStart })
                #expect(WorkspaceError.validationFailed(flow: flow, report: report).exitCode == 1)
            }
            #expect(try StoreFixture.rows(ws) == before)
            #expect(try ws.flow("Order status").status == .draft)
            // Fixed, it goes live.
            try ws.saveDraft("Order status", document: StoreFixture.smsFlow())
            #expect(try ws.makeLive("Order status").number == 1)
        }
    }

    @Test func voiceFlowsCompileBeforeGoingLive() throws {
        // Needs the real VoiceCompiler (validation helper).
        try StoreFixture.withWorkspace { ws in
            let doc = FlowDocument(
                name: "Phone", kind: .voice,
                settings: FlowSettings(outcomes: [FlowOutcome(name: "done", kind: .success)],
                                       languages: [FlowLanguage(code: "en", required: true)]),
                nodes: [
                    FlowNode(id: "start", type: "start", x: 2, y: 2,
                             config: ["trigger": "inbound-call", "address": "+15550199"]),
                    FlowNode(id: "hello", type: "play", x: 30, y: 2, config: ["prompt": "welcome.wav"]),
                    FlowNode(id: "bye", type: "disconnect", x: 60, y: 2),
                ],
                connections: [Connection(from: "start", outcome: "next", to: "hello"),
                              Connection(from: "hello", outcome: "done", to: "bye"),
                              Connection(from: "hello", outcome: "error", to: "bye")])
            _ = try ws.createFlow(named: "Phone", document: doc)
            let before = try StoreFixture.rows(ws)
            do {
                try ws.makeLive("Phone")
                Issue.record("a voice flow with a missing prompt went live")
            } catch let WorkspaceError.validationFailed(_, report) {
                #expect(report.errors.contains { $0.code == .missingPrompt })
            }
            #expect(try StoreFixture.rows(ws) == before)
            let en = ws.mediaDirectory.appendingPathComponent("en", isDirectory: true)
            try FileManager.default.createDirectory(at: en, withIntermediateDirectories: true)
            try WAVBytes(frames: 800).data.write(to: en.appendingPathComponent("welcome.wav"))
            let v = try ws.makeLive("Phone")
            #expect(v.apps == ["voice": "outbox"])
        }
    }

    @Test func channelsUsedComeFromSendNodesAndTheStartTrigger() {
        var doc = StoreFixture.smsFlow()
        doc.nodes.append(FlowNode(id: "mail", type: "send", config: ["channel": "email", "to": "a@b", "message": "x"]))
        doc.nodes.append(FlowNode(id: "dyn", type: "send", config: ["channel": "$(start.channel)", "to": "a", "message": "x"]))
        #expect(doc.channelsUsed() == ["email", "sms"])
        doc.nodes[0].config = ["trigger": "webhook", "path": "orders"]
        #expect(doc.channelsUsed() == ["email", "sms"])
        doc.nodes.removeAll { $0.type == "send" }
        #expect(doc.channelsUsed().isEmpty)
    }
}
