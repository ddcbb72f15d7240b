import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// Issue 16's end-to-end test: three `serve` processes on three ports over one
/// PostgreSQL database. A load generator spreads webhook triggers and the customers'
/// replies over the three (a reply always at another process than its trigger), kills one
/// with -9 a third of the way in, and goes on with the two left. Then: no acknowledged
/// session lost, no timer fired twice, every waiting session finished, and no session's
/// transcript written by two processes at once (its chunks follow each other without gap
/// or overlap). `FLOWCANVAS_PROBE_TRIGGERS` sets the count (default 500;
/// scripts/probe-multi-serve runs 10,000).
@Suite(.serialized) struct MultiServePostgresEndToEndTests {
    /// Webhook → ask → wait 2 s for a reply → thanks → done; no reply in time: late (the timer).
    static let flow = Documents.askAndWait(name: "Multi", path: "multi", timeoutSeconds: 2)

    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var acknowledged: [String] = []
        private(set) var replies = 0
        private(set) var refusedAfterKill = 0
        func ack(_ id: String) { lock.withLock { acknowledged.append(id) } }
        func replied() { lock.withLock { replies += 1 } }
        func refused() { lock.withLock { refusedAfterKill += 1 } }
        var count: Int { lock.withLock { acknowledged.count } }
    }

    static func post(_ session: URLSession, port: Int, _ path: String, _ body: String) async -> (Int, [String: Any])? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        guard let (data, response) = try? await session.data(for: request) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0,
                (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    @Test func threeServesOnOnePostgreSQLLoseNothingWhenOneIsKilled() async throws {
        let total = Int(ProcessInfo.processInfo.environment["FLOWCANVAS_PROBE_TRIGGERS"] ?? "") ?? 500
        try await withPostgresDatabase { url, database in
            let cli = try CLIHarness()
            defer { cli.cleanUp() }
            let home = ["FLOWCANVAS_HOME": cli.workspace.path]
            func ok(_ args: [String]) throws {
                let r = try cli.run(["--workspace", url] + args, workspaceOption: false, environment: home)
                #expect(r.status == 0, "\(args): \(r.stderr)")
            }
            try ok(["new", "Multi"])
            try ok(["save", "Multi", try cli.file("multi.json", Self.flow)])
            try ok(["make-live", "Multi", "--comment", "load"])

            let serves = try (0..<3).map { _ in try ServeProcess(cli, workspace: url) }
            defer { for serve in serves where serve.process.isRunning { serve.kill() } }
            let ports = serves.map(\.port)
            let killed = KillSwitch()
            let tally = Tally()
            let config = URLSessionConfiguration.ephemeral
            config.timeoutIntervalForRequest = 20
            config.httpMaximumConnectionsPerHost = 8
            let http = URLSession(configuration: config)
            defer { http.invalidateAndCancel() }
            let next = Counter()
            let started = Date()

            await withTaskGroup(of: Void.self) { group in
                // The kill: once a third of the triggers are acknowledged.
                group.addTask {
                    while tally.count < total / 3 { try? await Task.sleep(for: .milliseconds(5)) }
                    kill(serves[2].process.processIdentifier, SIGKILL)
                    serves[2].process.waitUntilExit()
                    killed.set()
                }
                for _ in 0..<12 {
                    group.addTask {
                        while let n = next.take(below: total) {
                            let alive = killed.isSet ? [ports[0], ports[1]] : ports
                            let at = n % alive.count
                            let customer = "+1555\(String(format: "%07d", n))"
                            var answer = await Self.post(http, port: alive[at], "/hooks/multi", #"{"from": "\#(customer)"}"#)
                            if answer == nil { // that process died under us: another one
                                answer = await Self.post(http, port: ports[(at + 1) % 2], "/hooks/multi", #"{"from": "\#(customer)"}"#)
                            }
                            guard let (status, body) = answer, status == 200,
                                  let id = (body["sessions"] as? [[String: Any]])?.first?["id"] as? String else {
                                tally.refused()
                                continue
                            }
                            tally.ack(id)
                            // Two customers in three reply, always at another process.
                            guard n % 3 != 0 else { continue }
                            let other = killed.isSet ? ports[(at + 1) % 2] : ports[(at + 1) % 3]
                            let reply = #"{"from": "\#(customer)", "to": "+15550100", "message": "EX\#(n)"}"#
                            if let (s, _) = await Self.post(http, port: other, "/inbound/sms", reply), s == 200 { tally.replied() }
                            else if let (s, _) = await Self.post(http, port: ports[0], "/inbound/sms", reply), s == 200 { tally.replied() }
                        }
                    }
                }
            }
            let elapsed = Date().timeIntervalSince(started)
            #expect(killed.isSet)

            // Every waiting session ends (replied, or its 2 s timer fires at a survivor;
            // the killed process's running sessions are taken over within a second).
            let deadline = Date().addingTimeInterval(60)
            var active = -1
            while Date() < deadline {
                active = Int(try TestPostgres.administer(
                    "SELECT count(*) FROM runtime_session WHERE state IN ('running', 'waiting')", database: database)
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                if active == 0 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(active == 0, "\(active) sessions still running or waiting")

            // 0 acknowledged sessions lost.
            let stored = Set(try TestPostgres.administer("SELECT id FROM runtime_session", database: database)
                .split(separator: "\n").map(String.init))
            let lost = tally.acknowledged.filter { !stored.contains($0) }
            #expect(lost.isEmpty, "\(lost.count) acknowledged sessions lost")
            #expect(tally.count > total / 2, "only \(tally.count) of \(total) triggers acknowledged")

            // 0 timers fired twice: no session has two timer entries or two endings.
            let twice = try TestPostgres.administer("""
                SELECT count(*) FROM (SELECT t.session_id FROM runtime_transcript t,
                    json_array_elements(t.entries::json) e GROUP BY t.session_id
                    HAVING count(*) FILTER (WHERE e->>2 = 'timer') > 1 OR count(*) FILTER (WHERE e->>2 = 'end') > 1) x
                """, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(twice == "0", "\(twice) sessions fired a timer or ended twice")

            // No session's steps from two processes interleaved: its transcript chunks
            // follow each other (each starts where the previous ended) and add up to the
            // session's transcript.
            let broken = try TestPostgres.administer("""
                SELECT count(*) FROM (
                    SELECT s.id FROM runtime_session s JOIN runtime_transcript t ON t.session_id = s.id
                    GROUP BY s.id, s.transcript_count
                    HAVING sum(json_array_length(t.entries::json)) <> s.transcript_count
                        OR bool_or(t.seq <> (SELECT coalesce(sum(json_array_length(p.entries::json)), 0)
                                            FROM runtime_transcript p WHERE p.session_id = s.id AND p.seq < t.seq))
                ) x
                """, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(broken == "0", "\(broken) sessions with overlapping or missing transcript chunks")
            let owners = try TestPostgres.administer(
                "SELECT count(DISTINCT written_by) FROM runtime_transcript", database: database)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let outcomes = try TestPostgres.administer(
                "SELECT coalesce(outcome, state) || '=' || count(*) FROM runtime_session GROUP BY coalesce(outcome, state) ORDER BY 1", database: database)
                .split(separator: "\n").joined(separator: " ")
            for serve in serves.prefix(2) { #expect(serve.stop() == 0) }
            print("multi-serve probe: \(total) triggers over 3 serves (one killed -9 at \(total / 3)) in \(String(format: "%.1f", elapsed)) s: \(tally.count) acknowledged, \(tally.replies) replies delivered, \(tally.refusedAfterKill) unacknowledged, \(lost.count) lost, \(twice) timers twice, \(broken) interleaved, transcript writers \(owners), outcomes \(outcomes)")
        }
    }

    /// A new database on the test server, dropped afterwards: (URL, database name).
    func withPostgresDatabase(_ body: (String, String) async throws -> Void) async throws {
        let name = "fc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try TestPostgres.administer("CREATE DATABASE \(name)")
        defer { _ = try? TestPostgres.administer("DROP DATABASE \(name) WITH (FORCE)") }
        try await body(try TestPostgres.url(database: name), name)
    }
}

/// Hands out 0, 1, 2… to the load generator's workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
