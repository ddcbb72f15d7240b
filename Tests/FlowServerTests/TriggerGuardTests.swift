import FlowKit
import FlowRuntime
import FlowServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Triggers only from real clients (issue 13): a web page the user visits must not be
/// able to start flows on 127.0.0.1, and a signed webhook starts only with its signature.
@Suite struct TriggerGuardTests {
    typealias Rig = RuntimeRoutesTests.Rig

    @Test func aBodyThatIsNotJSONByContentTypeIs415() async throws {
        try await Rig().test { c in
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"] {
                for uri in ["/hooks/orders", "/events/nothing", "/inbound/sms"] {
                    let r = try await c.call(.post, uri, #"{"id": 7}"#, headers: [.contentType: type])
                    #expect(r.status == 415, "\(type) to \(uri)")
                    #expect(r.body["error"]?.stringValue?.contains("application/json") == true)
                }
            }
            // A body without any Content-Type is refused too; an empty one is `{}`.
            let bare = try await c.client.execute(uri: "/hooks/orders", method: .post, body: ByteBuffer(string: "{}")) { $0.status.code }
            #expect(bare == 415)
            #expect(try await c.call(.post, "/hooks/orders").status == 200)
            #expect(try await c.call(.post, "/hooks/orders", "{}", headers: [.contentType: "Application/JSON; charset=utf-8"]).status == 200)
            // Nothing was started by the refused requests: one session per accepted one.
            #expect(try await c.call(.get, "/flows/hook/stats").body["outcomes"] == ["ok": 2])
        }
    }

    @Test func aRequestWithAnOriginIs403UnlessThatOriginIsAllowed() async throws {
        try await Rig(allowedOrigins: ["https://app.example.com/"]).test { c in
            let evil = try await c.call(.post, "/hooks/orders", "{}", headers: [.origin: "https://evil.example"])
            #expect(evil.status == 403)
            #expect(evil.body["error"]?.stringValue?.contains("--allow-origin") == true)
            #expect(try await c.call(.post, "/inbound/sms", #"{"from":"+1","to":"+15550100","message":"x"}"#,
                                     headers: [.origin: "null"]).status == 403)
            let allowed = try await c.call(.post, "/hooks/orders", "{}", headers: [.origin: "https://APP.example.com"])
            #expect(allowed.status == 200)
            // Reads are not triggers.
            #expect(try await c.call(.get, "/health", headers: [.origin: "https://evil.example"]).status == 200)
        }
    }

    @Test func aSignedWebhookNeedsTheHMACOfItsBody() async throws {
        let body = #"{"order": 42}"#
        let good = WebhookSignature.sign(Data(body.utf8), secret: Rig.hookSecret)
        #expect(good.hasPrefix("sha256=") && good.count == 7 + 64)
        let header = try #require(HTTPField.Name(WebhookSignature.headerName))
        try await Rig().test { c in
            let missing = try await c.call(.post, "/hooks/signed", body)
            #expect(missing.status == 401)
            #expect(missing.body["error"]?.stringValue?.contains(WebhookSignature.headerName) == true)
            let wrongSecret = WebhookSignature.sign(Data(body.utf8), secret: "guess")
            #expect(try await c.call(.post, "/hooks/signed", body, headers: [header: wrongSecret]).status == 401)
            // The signature of another body does not carry over.
            #expect(try await c.call(.post, "/hooks/signed", #"{"order": 43}"#, headers: [header: good]).status == 401)
            #expect(try await c.call(.post, "/hooks/signed", body, headers: [header: "sha256=zz"]).status == 401)
            #expect(try await c.call(.post, "/hooks/signed", body, headers: [header: "md5=" + good.dropFirst(7)]).status == 401)
            let ok = try await c.call(.post, "/hooks/signed", body, headers: [header: good])
            #expect(ok.status == 200)
            let upper = "sha256=" + good.dropFirst(7).uppercased()
            #expect(try await c.call(.post, "/hooks/signed", body, headers: [header: upper]).status == 200)
            // Only the accepted requests started sessions.
            #expect(try await c.call(.get, "/flows/signed/stats").body["outcomes"] == ["ok": 2])
            // A webhook without a secret needs no signature.
            #expect(try await c.call(.post, "/hooks/orders", body).status == 200)
        }
    }

    @Test func triggerAnswersCarryWhereSessionsAreNotTheirVariables() async throws {
        try await Rig().test { c in
            let body = #"{"order": 42}"#
            let signature = WebhookSignature.sign(Data(body.utf8), secret: Rig.hookSecret)
            let r = try await c.call(.post, "/hooks/signed", body,
                                     headers: [try #require(HTTPField.Name(WebhookSignature.headerName)): signature])
            let session = try #require(r.body["sessions"]?.arrayValue?.first?.objectValue)
            #expect(Set(session.keys) == ["id", "flowId", "version", "state", "currentNode"])
            #expect(!String(decoding: CanonicalJSON.encodeBytes(r.body, indent: false), as: UTF8.self).contains(Rig.hookSecret))
            let waiting = try await c.call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"hi"}"#)
            #expect(waiting.body["sessions"]?.arrayValue?.first?.objectValue?["variables"] == nil)
            let reply = try await c.call(.post, "/inbound/sms", #"{"from":"+15550111","to":"+15550100","message":"EX1"}"#)
            #expect(Set(try #require(reply.body["delivered"]?.objectValue).keys) == ["id", "flowId", "version", "state", "currentNode"])
        }
    }
}
