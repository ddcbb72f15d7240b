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
}
