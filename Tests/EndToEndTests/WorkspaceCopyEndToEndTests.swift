import Foundation
import Testing
import TestSupport

/// `workspace copy` of a workspace `serve` has used: the runtime's rows (a finished and a
/// waiting session, their transcripts, the outbox, a logbook) arrive in PostgreSQL as
/// they were, counted on both sides, and new outbox and log ids do not collide.
@Suite(.serialized) struct WorkspaceCopyEndToEndTests {
    @Test func theRuntimesRowsArriveWithTheFlows() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Order status", ServeFlows.conversation(thanks: "Thanks"))
        let serve = try ServeProcess(cli)
        defer { serve.kill() }
        _ = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "where is it"}"#)
        _ = try await serve.post("/inbound/sms", #"{"from": "+15550111", "to": "+15550100", "message": "EX123"}"#)
        let waiting = try await serve.post("/inbound/sms", #"{"from": "+15550122", "to": "+15550100", "message": "hello"}"#)
        let waitingID = try #require((waiting.object["sessions"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(serve.stop() == 0)

        try TestPostgres.withDatabase { url in
            let copied = try cli.ok(["workspace", "copy", "--to", url])
            let counts = PostgresEndToEndTests.tableCounts(copied.stdout)
            #expect(counts["flows"] == 1 && counts["versions"] == 1 && counts["runtime_session"] == 2
                     && counts["runtime_outbox"] == 3 && counts["runtime_log"] == 1, "\(copied.stdout)")
            #expect((counts["runtime_transcript"] ?? 0) >= 2)
            let database = String(url.split(separator: "/").last!)
            func sql(_ query: String) throws -> String {
                try TestPostgres.administer(query, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try sql("SELECT state || ' ' || waiting_address || ' ' || current_node FROM runtime_session WHERE id = '\(waitingID)'")
                    == "waiting +15550122 wait")
            #expect(try sql("SELECT count(*) FROM runtime_transcript WHERE session_id = '\(waitingID)'") != "0")
            #expect(try sql(#"SELECT string_agg(message, '|' ORDER BY id) FROM runtime_outbox"#)
                    == "Order number?|Thanks EX123|Order number?")
            #expect(try sql("SELECT logbook || ': ' || message FROM runtime_log") == "orders: answered +15550111: EX123")
            // The next outbox and log ids follow the copied ones.
            #expect(try sql("SELECT nextval(pg_get_serial_sequence('runtime_outbox', 'id')) > max(id) FROM runtime_outbox") == "t")
            #expect(try sql("SELECT nextval(pg_get_serial_sequence('runtime_log', 'id')) > max(id) FROM runtime_log") == "t")
        }
    }

    /// A webhook flow that asks, then waits `timeout` seconds for the reply ("late" after).
    static func asking(name: String, path: String, timeout: Int) -> String {
        PostgresRestartEndToEndTests.flow
            .replacingOccurrences(of: #""name": "Restart""#, with: #""name": "\#(name)""#)
            .replacingOccurrences(of: #""path": "restart""#, with: #""path": "\#(path)""#)
            .replacingOccurrences(of: #""timeoutSeconds": 600"#, with: #""timeoutSeconds": \#(timeout)"#)
    }

    /// Sessions copied from SQLite have no owner in PostgreSQL (`owner` is PostgreSQL's
    /// own column). Under two `serve` processes on the copy, the waiting session takes
    /// its reply and finishes, and the timer that fell due meanwhile fires once.
    @Test func copiedSessionsRunOnUnderServeOnPostgreSQL() async throws {
        let cli = try CLIHarness()
        defer { cli.cleanUp() }
        try cli.makeLive("Waits", Self.asking(name: "Waits", path: "waits", timeout: 600))
        // 8 s: the SQLite serve must stop before it fires, and under the full parallel suite this
        // process's awaits between the trigger and the stop took over 2 s once.
        try cli.makeLive("Times out", Self.asking(name: "Times out", path: "times-out", timeout: 8))
        let sqliteServe = try ServeProcess(cli)
        defer { sqliteServe.kill() }
        let waits = try await sqliteServe.post("/hooks/waits", #"{"from": "+15550201"}"#)
        let timesOut = try await sqliteServe.post("/hooks/times-out", #"{"from": "+15550202"}"#)
        let waitingID = try #require((waits.object["sessions"] as? [[String: Any]])?.first?["id"] as? String, "\(waits.text)")
        let timerID = try #require((timesOut.object["sessions"] as? [[String: Any]])?.first?["id"] as? String, "\(timesOut.text)")
        #expect(sqliteServe.stop() == 0)

        try await withPostgresDatabase { url, database in
            func sql(_ query: String) throws -> String {
                try TestPostgres.administer(query, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            try cli.ok(["workspace", "copy", "--to", url])
            #expect(try sql("SELECT count(*) FROM runtime_session WHERE owner IS NULL AND state = 'waiting'") == "2")

            let serves = try (0..<2).map { _ in try ServeProcess(cli, workspace: url) }
            defer { serves.forEach { $0.kill() } }
            let replied = try await serves[1].post("/inbound/sms", #"{"from": "+15550201", "to": "+15550100", "message": "A-1"}"#)
            #expect(replied.status == 200, "\(replied.text)")

            // The timer (due 8 s after the trigger) fires at one of the two, once.
            let deadline = Date().addingTimeInterval(40)
            var states = ""
            while Date() < deadline {
                states = try sql("SELECT string_agg(id || '=' || state || '/' || coalesce(outcome, ''), ' ' ORDER BY id) FROM runtime_session")
                if try sql("SELECT count(*) FROM runtime_session WHERE state IN ('running', 'waiting')") == "0" { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try sql("SELECT state || '/' || outcome FROM runtime_session WHERE id = '\(waitingID)'") == "done/answered", "\(states)")
            #expect(try sql("SELECT state || '/' || outcome FROM runtime_session WHERE id = '\(timerID)'") == "done/late", "\(states)")
            let timerEntries = try sql("""
                SELECT count(*) FROM runtime_transcript t, json_array_elements(t.entries::json) e
                WHERE t.session_id = '\(timerID)' AND e->>2 = 'timer'
                """)
            #expect(timerEntries == "1", "the copied timer fired \(timerEntries) times")
            #expect(try sql("SELECT count(*) FROM runtime_session WHERE owner IS NULL") == "0")
            #expect(try sql(#"SELECT string_agg(message, '|' ORDER BY id) FROM runtime_outbox WHERE "to" = '+15550201'"#)
                    == "Order number?|Thanks")
            for serve in serves { #expect(serve.stop() == 0) }
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
