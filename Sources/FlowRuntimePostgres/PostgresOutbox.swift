import FlowKit
import FlowRuntime
import Foundation
import PostgresNIO

/// The built-in `outbox` app on PostgreSQL (`runtime_outbox`): exactly once per
/// idempotency key, as on SQLite, the key's unique index deciding in one statement.
struct PostgresOutbox: OutboxStore {
    let connection: PostgresRuntimeConnection

    func deliver(_ m: OutboundMessage) async -> DeliveryResult {
        do {
            let key: String? = m.idempotencyKey.isEmpty ? nil : m.idempotencyKey
            let inserted = try await connection.rows("""
                INSERT INTO runtime_outbox (session_id, flow_id, app, channel, "to", "from", message, time, idempotency_key)
                VALUES (\(m.sessionId), \(m.flowId), \(m.app), \(m.channel), \(m.to), \(m.from), \(m.message),
                        \(m.time.timeIntervalSince1970), \(key))
                ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING id
                """)
            if let row = inserted.first {
                return .sent(detail: "stored in the outbox as #\(try row.decode(Int64.self))")
            }
            let earlier = try await connection.rows("SELECT id FROM runtime_outbox WHERE idempotency_key = \(key)")
                .first.map { try $0.decode(Int64.self) } ?? 0
            return .sent(detail: "already in the outbox as #\(earlier) (sent before a restart)")
        } catch {
            return .failed(reason: "the outbox could not store the message: \(error)")
        }
    }

    func messages(limit: Int?) throws -> [OutboxMessage] {
        let columns = #"id, session_id, flow_id, app, channel, "to", "from", message, time"#
        let query: PostgresQuery = limit.map { n in
            "SELECT * FROM (SELECT \(unescaped: columns) FROM runtime_outbox ORDER BY id DESC LIMIT \(max(0, n))) newest ORDER BY id"
        } ?? "SELECT \(unescaped: columns) FROM runtime_outbox ORDER BY id"
        return try connection.rows(query).map { row in
            let (id, session, flow, app, channel, to, from, message, time) =
                try row.decode((Int64, String?, String?, String, String, String, String, String, Double).self)
            return OutboxMessage(id: id, sessionId: session ?? "", flowId: flow ?? "", app: app, channel: channel,
                                 to: to, from: from, message: message, time: Date(timeIntervalSince1970: time))
        }
    }
}
