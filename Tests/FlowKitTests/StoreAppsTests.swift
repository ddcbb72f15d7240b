import Foundation
import Testing
@testable import FlowKit

@Suite struct StoreAppsTests {
    @Test func outboxIsAlwaysThereAndCannotBeRemoved() throws {
        try StoreFixture.withWorkspace { ws in
            #expect(try ws.apps() == [WorkspaceApp.outbox])
            #expect(try ws.app(named: "OUTBOX") == .outbox)
            let error = WorkspaceError.builtInApp("outbox")
            #expect(error.exitCode == 1)
            try StoreFixture.expectRefusal(ws, error) { try ws.removeApp(named: "outbox") }
            try StoreFixture.expectRefusal(ws, .appExists("outbox")) {
                try ws.addApp(name: "outbox", channel: "sms", webhookURL: "https://x.example")
            }
        }
    }

    @Test func addListAndRemoveApps() throws {
        try StoreFixture.withWorkspace { ws in
            try ws.addApp(name: "twilio", channel: "sms", webhookURL: "https://hooks.example/sms")
            try ws.addApp(name: "mailer", channel: "email", webhookURL: "http://127.0.0.1:8080/mail")
            #expect(try ws.apps().map(\.name) == ["outbox", "mailer", "twilio"])
            #expect(try ws.app(named: "TWILIO").webhookURL == "https://hooks.example/sms")
            try StoreFixture.expectRefusal(ws, .appExists("twilio")) {
                try ws.addApp(name: "twilio", channel: "sms", webhookURL: "https://x.example")
            }
            try StoreFixture.expectRefusal(ws, .invalidArgument("an app name must be 1-40 characters of a-z, 0-9 and '-', not 'My App'")) {
                try ws.addApp(name: "My App", channel: "sms", webhookURL: "https://x.example")
            }
            try StoreFixture.expectRefusal(ws, .unknownChannel("fax")) {
                try ws.addApp(name: "fax", channel: "fax", webhookURL: "https://x.example")
            }
            try StoreFixture.expectRefusal(ws, .invalidArgument("the webhook must be an http:// or https:// URL, not 'ftp://x'")) {
                try ws.addApp(name: "f", channel: "sms", webhookURL: "ftp://x")
            }
            try ws.removeApp(named: "mailer")
            #expect(try ws.apps().map(\.name) == ["outbox", "twilio"])
            try StoreFixture.expectRefusal(ws, .unknownApp("mailer")) { try ws.removeApp(named: "mailer") }
        }
    }

    @Test func appsBoundToALiveVersionStay() throws {
        try StoreFixture.withWorkspace { ws in
            try ws.addApp(name: "twilio", channel: "sms", webhookURL: "https://hooks.example/sms")
            _ = try ws.createFlow(named: "Order status", document: StoreFixture.smsFlow())
            try ws.makeLive("Order status", MakeLiveRequest(apps: ["sms": "twilio"]))
            try StoreFixture.expectRefusal(ws, .appInUse(app: "twilio", flow: "Order status")) {
                try ws.removeApp(named: "twilio")
            }
            // Once the live version uses the outbox, the app may go.
            _ = try ws.editVersion("Order status", version: 1)
            try ws.makeLive("Order status")
            try ws.removeApp(named: "twilio")
        }
    }
}
