import FlowKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Exactly-once effects (issue 13): `serve` killed with SIGKILL under load, 20 times in a
/// row, then started once more to resume what was running. Every session it acknowledged
/// exists, and no session's message is in the outbox twice.
@Suite(.serialized) struct CrashEndToEndTests {
    /// Webhook → send "one" → send "two" → end: two effects per session, so kills land
    /// between a send and the save recording it.
    static let flow = """
        {"format": "flowcanvas/1", "name": "Crash", "kind": "messaging",
         "settings": {"outcomes": [{"name": "done", "kind": "success"}]},
         "nodes": [
           {"id": "start", "type": "start", "config": {"trigger": "webhook", "path": "crash"}},
           {"id": "one", "type": "send", "config": {"channel": "sms", "to": "+15550111", "message": "one $(start.body.n)"}},
           {"id": "two", "type": "send", "config": {"channel": "sms", "to": "+15550111", "message": "two $(start.body.n)"}},
           {"id": "done", "type": "end", "config": {"outcome": "done"}}],
         "connections": [{"from": "start", "outcome": "next", "to": "one"},
                         {"from": "one", "outcome": "sent", "to": "two"},
                         {"from": "two", "outcome": "sent", "to": "done"}]}
        """

    final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: [String] = []
        func add(_ id: String) { lock.withLock { ids.append(id) } }
        var all: [String] { lock.withLock { ids } }
    }

    /// Posts from `workers` clients until the server goes away; records acknowledged ids.
    static func load(port: Int, workers: Int, into acknowledged: Acknowledged, stop: @escaping @Sendable () -> Bool) async {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 5
        let session = URLSession(configuration: config)
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<workers {
                group.addTask {
                    var n = 0
                    while !stop() {
                        n += 1
                        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/hooks/crash")!)
                        request.httpMethod = "POST"
                        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                        request.httpBody = Data(#"{"n": "\#(w)-\#(n)"}"#.utf8)
                        guard let (data, response) = try? await session.data(for: request) else { return }
                        guard (response as? HTTPURLResponse)?.statusCode == 200,
                              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                              let id = (object["sessions"] as? [[String: Any]])?.first?["id"] as? String else { continue }
                        acknowledged.add(id)
                    }
                }
            }
        }
        session.invalidateAndCancel()
    }

    @Test func twentyKillsUnderLoadLoseNoAcknowledgedSessionAndDuplicateNoMessage() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Crash", Self.flow)
        let acknowledged = Acknowledged()
        for round in 0..<20 {
            let serve = try ServeProcess(cli)
            let killed = KillSwitch()
            let port = serve.port
            let loader = Task { await Self.load(port: port, workers: 8, into: acknowledged, stop: { killed.isSet }) }
            // Let the load build up, then SIGKILL mid-flight (varied so kills land anywhere).
            try await Task.sleep(for: .milliseconds(250 + 37 * (round % 7)))
            kill(serve.process.processIdentifier, SIGKILL)
            serve.process.waitUntilExit()
            killed.set()
            await loader.value
        }
        // A last, clean start resumes what was running, then stops.
        let last = try ServeProcess(cli)
        #expect(last.stop() == 0)

        let ids = acknowledged.all
        #expect(ids.count > 100, "the load got \(ids.count) sessions acknowledged")
        let sessions = try #require(try cli.ok(["sessions", "Crash", "--json", "--limit", "1000000"]).json() as? [[String: Any]])
        let stored = Set(sessions.compactMap { $0["id"] as? String })
        let lost = ids.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "\(lost.count) acknowledged sessions lost")
        let outbox = try #require(try cli.ok(["outbox", "--json"]).json() as? [[String: Any]])
        var perMessage: [String: Int] = [:]
        for m in outbox { perMessage["\(m["sessionId"] ?? "")|\(m["message"] ?? "")", default: 0] += 1 }
        let duplicates = perMessage.values.reduce(0) { $0 + max(0, $1 - 1) }
        #expect(duplicates == 0, "\(duplicates) duplicate outbox rows among \(outbox.count)")
        // Every finished session sent both messages exactly once.
        let done = sessions.filter { $0["state"] as? String == "done" }.compactMap { $0["id"] as? String }
        for id in done.prefix(50) {
            #expect(perMessage.keys.filter { $0.hasPrefix(id + "|") }.count == 2)
        }
        print("crash probe: 20 kills, \(ids.count) acknowledged, \(lost.count) lost, \(outbox.count) outbox rows, \(duplicates) duplicates")
    }
}

final class KillSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
