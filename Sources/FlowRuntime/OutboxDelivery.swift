import FlowKit
import Foundation
import GRDB

/// The built-in `outbox` app: stores each message in the `runtime_outbox` table, where
/// `GET /outbox` and `flowcanvas outbox` read it.
public struct OutboxDelivery: MessageDelivery {
    public static let appName = "outbox"
    public let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// The outbox in the runtime's tables of `workspace` (created on first use).
    public init(workspace: Workspace) throws(WorkspaceError) {
        self.init(writer: try workspace.runtimeDatabase())
    }

    /// A message whose `idempotencyKey` is already stored (the send ran again after a
    /// crash, before its session's next save was committed) is not stored again: the
    /// answer is `sent` with the earlier row's number. Exactly once, whatever the timing
    /// of the crash: the key's unique index decides, in one statement.
    public func deliver(_ m: OutboundMessage) async -> DeliveryResult {
        do {
            let (id, repeated) = try await writer.write { db -> (Int64, Bool) in
                try db.execute(sql: """
                    INSERT INTO runtime_outbox (session_id, flow_id, app, channel, "to", "from", message, time, idempotency_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                    """, arguments: [m.sessionId, m.flowId, m.app, m.channel, m.to, m.from, m.message,
                                     m.time.timeIntervalSince1970, m.idempotencyKey.isEmpty ? nil : m.idempotencyKey])
                if db.changesCount > 0 { return (db.lastInsertedRowID, false) }
                let earlier = try Int64.fetchOne(db, sql: "SELECT id FROM runtime_outbox WHERE idempotency_key = ?",
                                                 arguments: [m.idempotencyKey]) ?? 0
                return (earlier, true)
            }
            return .sent(detail: repeated ? "already in the outbox as #\(id) (sent before a restart)"
                                          : "stored in the outbox as #\(id)")
        } catch {
            return .failed(reason: "the outbox could not store the message: \(error)")
        }
    }

    /// Oldest first; `limit` keeps the newest ones.
    public func messages(limit: Int? = nil) throws -> [OutboxMessage] {
        try writer.read { db in
            var sql = "SELECT * FROM runtime_outbox ORDER BY id"
            if let limit { sql = "SELECT * FROM (SELECT * FROM runtime_outbox ORDER BY id DESC LIMIT \(max(0, limit))) ORDER BY id" }
            return try Row.fetchAll(db, sql: sql).map { r in
                OutboxMessage(id: r["id"], sessionId: r["session_id"] ?? "", flowId: r["flow_id"] ?? "",
                              app: r["app"], channel: r["channel"], to: r["to"], from: r["from"],
                              message: r["message"], time: Date(timeIntervalSince1970: r["time"]))
            }
        }
    }
}
