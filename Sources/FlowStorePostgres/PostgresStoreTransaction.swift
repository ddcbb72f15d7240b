import FlowKit
import Foundation
import Logging
import PostgresNIO

/// The store's rows in SQL for PostgreSQL, inside one transaction of
/// `PostgresWorkspaceBackend` (each query waits for its result).
struct PostgresStoreTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    func execute(_ query: PostgresQuery) throws {
        _ = try rows(query)
    }

    /// The transaction's first statement, answered within `timeout` or taken for a dead
    /// connection (`PostgresNoAnswer`, an outage: the caller retries once on a new one). A
    /// connection the server ended while it sat idle has been seen to leave the query
    /// unanswered for good, which held the store's lock, and the process, forever.
    func begin(_ query: PostgresQuery, timeout: TimeAmount = PostgresNoAnswer.beginTimeout) throws {
        let answered = connection.eventLoop.makePromise(of: Void.self)
        let timer = connection.eventLoop.scheduleTask(in: timeout) {
            answered.fail(PostgresNoAnswer(seconds: Double(timeout.nanoseconds) / 1e9))
        }
        defer { timer.cancel() }
        connection.query(query, logger: logger).map { _ in () }.cascade(to: answered)
        try answered.futureResult.wait()
    }

    // MARK: Flows

    private static let flowColumns = "id, name, kind, created_at, state, live_version, last_revision"

    private static func flowRecord(_ row: PostgresRow) throws -> FlowRecord {
        let (id, name, kind, createdAt, state, live, last) =
            try row.decode((String, String, String, Date, String?, Int?, Int).self)
        return FlowRecord(id: id, name: name, kind: kind, createdAt: createdAt, state: state, liveVersion: live,
                          lastRevision: last)
    }

    func flow(id: String) throws -> FlowRecord? {
        try rows("SELECT \(unescaped: Self.flowColumns) FROM flows WHERE id = \(id)").first.map(Self.flowRecord)
    }

    func flow(named name: String) throws -> FlowRecord? {
        try rows("""
            SELECT \(unescaped: Self.flowColumns) FROM flows
            WHERE lower(name COLLATE "C") = lower(\(name) COLLATE "C")
            """).first.map(Self.flowRecord)
    }

    func insertFlow(_ flow: FlowRecord) throws {
        try execute("""
            INSERT INTO flows (\(unescaped: Self.flowColumns))
            VALUES (\(flow.id), \(flow.name), \(flow.kind), \(flow.createdAt), \(flow.state), \(flow.liveVersion),
                    \(flow.lastRevision))
            """)
    }

    func updateFlow(_ flow: FlowRecord) throws {
        try execute("""
            UPDATE flows SET name = \(flow.name), kind = \(flow.kind), created_at = \(flow.createdAt),
                state = \(flow.state), live_version = \(flow.liveVersion), last_revision = \(flow.lastRevision)
            WHERE id = \(flow.id)
            """)
    }

    func deleteFlow(id: String) throws {
        try execute("DELETE FROM flows WHERE id = \(id)")
    }

    func flowList() throws -> [FlowListRow] {
        try rows("""
            SELECT f.id, f.name, f.kind, f.created_at, f.state, f.live_version, f.last_revision,
                   d.revision, d.updated_at, d.updated_by, v.number, v.created_at, v.author
            FROM flows f LEFT JOIN drafts d ON d.flow_id = f.id
            LEFT JOIN versions v ON v.flow_id = f.id AND v.number = (SELECT MAX(number) FROM versions m WHERE m.flow_id = f.id)
            ORDER BY lower(f.name COLLATE "C")
            """).map { row in
            let (id, name, kind, createdAt, state, live, last, revision, updatedAt, updatedBy, latest, latestAt, latestAuthor) =
                try row.decode((String, String, String, Date, String?, Int?, Int, Int?, Date?, String?, Int?, Date?, String?).self)
            return FlowListRow(
                flow: FlowRecord(id: id, name: name, kind: kind, createdAt: createdAt, state: state,
                                 liveVersion: live, lastRevision: last),
                draftRevision: revision, draftUpdatedAt: updatedAt, draftUpdatedBy: updatedBy,
                latestVersion: latest, latestVersionCreatedAt: latestAt, latestVersionAuthor: latestAuthor)
        }
    }

    func liveFlows() throws -> [FlowRecord] {
        try rows("SELECT \(unescaped: Self.flowColumns) FROM flows WHERE live_version IS NOT NULL ORDER BY id COLLATE \"C\"")
            .map(Self.flowRecord)
    }

    func liveFlowPointers() throws -> [LiveFlowPointer] {
        try rows("""
            SELECT f.id, f.name, f.state, f.live_version, v.created_at
            FROM flows f JOIN versions v ON v.flow_id = f.id AND v.number = f.live_version
            ORDER BY f.id COLLATE "C"
            """).map { row in
            let (id, name, state, live, createdAt) = try row.decode((String, String, String?, Int, Date).self)
            return LiveFlowPointer(id: id, name: name, state: state.flatMap(FlowState.init(rawValue:)) ?? .running,
                                   liveVersion: live, versionCreatedAt: createdAt)
        }
    }

    // MARK: Drafts

    func draft(flowID: String) throws -> DraftRecord? {
        try rows("""
            SELECT flow_id, document, revision, based_on, updated_at, updated_by FROM drafts WHERE flow_id = \(flowID)
            """).first.map { row in
            let (flowID, document, revision, basedOn, updatedAt, updatedBy) =
                try row.decode((String, Data, Int, Int?, Date, String).self)
            return DraftRecord(flowId: flowID, document: document, revision: revision, basedOn: basedOn,
                               updatedAt: updatedAt, updatedBy: updatedBy)
        }
    }

    func saveDraft(_ draft: DraftRecord) throws {
        try execute("""
            INSERT INTO drafts (flow_id, document, revision, based_on, updated_at, updated_by)
            VALUES (\(draft.flowId), \(draft.document), \(draft.revision), \(draft.basedOn), \(draft.updatedAt),
                    \(draft.updatedBy))
            ON CONFLICT (flow_id) DO UPDATE SET document = excluded.document, revision = excluded.revision,
                based_on = excluded.based_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
    }

    func deleteDraft(flowID: String) throws {
        try execute("DELETE FROM drafts WHERE flow_id = \(flowID)")
    }

    // MARK: Versions

    func version(flowID: String, number: Int) throws -> VersionRecord? {
        try rows("""
            SELECT flow_id, number, document, comment, author, created_at, based_on, apps, variables
            FROM versions WHERE flow_id = \(flowID) AND number = \(number)
            """).first.map { row in
            let (flowID, number, document, comment, author, createdAt, basedOn, apps, variables) =
                try row.decode((String, Int, Data, String, String, Date, Int?, String, String).self)
            return VersionRecord(flowId: flowID, number: number, document: document, comment: comment, author: author,
                                 createdAt: createdAt, basedOn: basedOn, apps: apps, variables: variables)
        }
    }

    func latestVersionNumber(flowID: String) throws -> Int? {
        try rows("SELECT MAX(number) FROM versions WHERE flow_id = \(flowID)").first.flatMap { try $0.decode(Int?.self) }
    }

    func insertVersion(_ v: VersionRecord) throws {
        try execute("""
            INSERT INTO versions (flow_id, number, document, comment, author, created_at, based_on, apps, variables)
            VALUES (\(v.flowId), \(v.number), \(v.document), \(v.comment), \(v.author), \(v.createdAt), \(v.basedOn),
                    \(v.apps), \(v.variables))
            """)
    }

    func versionHeaders(flowID: String) throws -> [VersionHeader] {
        try rows("""
            SELECT number, comment, author, created_at, based_on FROM versions
            WHERE flow_id = \(flowID) ORDER BY number DESC
            """).map { row in
            let (number, comment, author, createdAt, basedOn) = try row.decode((Int, String, String, Date, Int?).self)
            return VersionHeader(number: number, comment: comment, author: author, createdAt: createdAt, basedOn: basedOn)
        }
    }

    func versionHeader(flowID: String, number: Int) throws -> VersionHeader? {
        try rows("""
            SELECT number, comment, author, created_at, based_on FROM versions
            WHERE flow_id = \(flowID) AND number = \(number)
            """).first.map { row in
            let (number, comment, author, createdAt, basedOn) = try row.decode((Int, String, String, Date, Int?).self)
            return VersionHeader(number: number, comment: comment, author: author, createdAt: createdAt, basedOn: basedOn)
        }
    }

    func versionChanges(flowID: String, through: Int) throws -> [(number: Int, changes: Data)] {
        try rows("""
            SELECT number, changes FROM version_changes WHERE flow_id = \(flowID) AND number <= \(through) ORDER BY number
            """).map { row in
            let (number, changes) = try row.decode((Int, Data).self)
            return (number, changes)
        }
    }

    func insertVersionChanges(flowID: String, number: Int, changes: Data) throws {
        try execute("""
            INSERT INTO version_changes (flow_id, number, changes) VALUES (\(flowID), \(number), \(changes))
            ON CONFLICT (flow_id, number) DO NOTHING
            """)
    }

    // MARK: Apps

    private static func appRecord(_ row: PostgresRow) throws -> AppRecord {
        let (name, channel, webhook, secret) = try row.decode((String, String, String, String?).self)
        return AppRecord(name: name, channel: channel, webhookURL: webhook, signingSecret: secret)
    }

    func apps() throws -> [AppRecord] {
        try rows(#"SELECT name, channel, webhook_url, signing_secret FROM apps ORDER BY lower(name COLLATE "C")"#).map(Self.appRecord)
    }

    func app(named name: String) throws -> AppRecord? {
        try rows("""
            SELECT name, channel, webhook_url, signing_secret FROM apps WHERE lower(name COLLATE "C") = lower(\(name) COLLATE "C")
            """).first.map(Self.appRecord)
    }

    func insertApp(_ app: AppRecord) throws {
        try execute("INSERT INTO apps (name, channel, webhook_url, signing_secret) VALUES (\(app.name), \(app.channel), \(app.webhookURL), \(app.signingSecret))")
    }

    func deleteApp(named name: String) throws {
        try execute(#"DELETE FROM apps WHERE lower(name COLLATE "C") = lower(\#(name) COLLATE "C")"#)
    }

    // MARK: Shares

    private static let shareColumns = "token, flow_id, salt, hash, iterations, created_at, revoked_at, port, public_url"

    private static func shareRow(_ row: PostgresRow) throws -> ShareRow {
        let (token, flowID, salt, hash, iterations, createdAt, revokedAt, port, publicURL) =
            try row.decode((String, String, Data, Data, Int, Date, Date?, Int?, String?).self)
        return ShareRow(token: token, flowId: flowID, salt: salt, hash: hash, iterations: iterations,
                        createdAt: createdAt, revokedAt: revokedAt, port: port, publicURL: publicURL)
    }

    func share(token: String) throws -> ShareRow? {
        try rows("SELECT \(unescaped: Self.shareColumns) FROM shares WHERE token = \(token)").first.map(Self.shareRow)
    }

    func activeShare(flowID: String) throws -> ShareRow? {
        try rows("""
            SELECT \(unescaped: Self.shareColumns) FROM shares WHERE flow_id = \(flowID) AND revoked_at IS NULL
            """).first.map(Self.shareRow)
    }

    func insertShare(_ s: ShareRow) throws {
        try execute("""
            INSERT INTO shares (\(unescaped: Self.shareColumns))
            VALUES (\(s.token), \(s.flowId), \(s.salt), \(s.hash), \(s.iterations), \(s.createdAt), \(s.revokedAt),
                    \(s.port), \(s.publicURL))
            """)
    }

    func updateShare(_ s: ShareRow) throws {
        try execute("""
            UPDATE shares SET flow_id = \(s.flowId), salt = \(s.salt), hash = \(s.hash), iterations = \(s.iterations),
                created_at = \(s.createdAt), revoked_at = \(s.revokedAt), port = \(s.port),
                public_url = \(s.publicURL)
            WHERE token = \(s.token)
            """)
    }

    func shares(flowID: String) throws -> [ShareRow] {
        try rows("""
            SELECT \(unescaped: Self.shareColumns) FROM shares WHERE flow_id = \(flowID) ORDER BY created_at, token COLLATE "C"
            """).map(Self.shareRow)
    }

    // MARK: Counts

    func rowCounts() throws -> StoreRowCounts {
        guard let row = try rows("""
            SELECT (SELECT COUNT(*) FROM flows), (SELECT COUNT(*) FROM drafts), (SELECT COUNT(*) FROM versions),
                   (SELECT COUNT(*) FROM version_changes), (SELECT COUNT(*) FROM apps), (SELECT COUNT(*) FROM shares)
            """).first else { return StoreRowCounts() }
        let (flows, drafts, versions, changes, apps, shares) = try row.decode((Int, Int, Int, Int, Int, Int).self)
        return StoreRowCounts(flows: flows, drafts: drafts, versions: versions, versionChanges: changes, apps: apps,
                              shares: shares)
    }

    // MARK: Other layers' tables, verbatim (workspace copy)

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func forEachRow(of table: String, columns: [String], _ body: ([StoreValue]) throws -> Void) throws -> Bool {
        let types = Dictionary(try rows("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table)
            """).map { try $0.decode((String, String).self) }, uniquingKeysWith: { first, _ in first })
        guard !types.isEmpty else { return false }
        let list = columns.map(Self.quoted).joined(separator: ", ")
        for row in try rows(PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(Self.quoted(table)) ORDER BY 1")) {
            try body(zip(columns, row).map { column, cell -> StoreValue in
                switch types[column] {
                case "bigint", "integer", "smallint": return try cell.decode(Int64?.self).map(StoreValue.integer) ?? .null
                case "double precision", "real": return try cell.decode(Double?.self).map(StoreValue.real) ?? .null
                case "bytea": return try cell.decode(Data?.self).map(StoreValue.blob) ?? .null
                default: return try cell.decode(String?.self).map(StoreValue.text) ?? .null
                }
            })
        }
        return true
    }

    func rowCount(of table: String) throws -> Int? {
        let exists = try rows("SELECT to_regclass(\(Self.quoted(table))) IS NOT NULL").first.map { try $0.decode(Bool.self) } ?? false
        guard exists else { return nil }
        return try rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(Self.quoted(table))")).first.map { try $0.decode(Int.self) }
    }

    /// Points a `bigserial` column's sequence past the largest value copied into it, so
    /// the next insert does not reuse an id.
    func advanceSequence(of table: String, column: String) throws {
        try execute(PostgresQuery(unsafeSQL: """
            SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), max(\(Self.quoted(column)))) FROM \(Self.quoted(table))
            HAVING max(\(Self.quoted(column))) IS NOT NULL
            """))
    }

    /// In statements of up to 1,000 rows (one round trip each, well under PostgreSQL's
    /// 65,535 parameters for the runtime's widest table).
    func insertRows(into table: String, columns: [String], _ rows: [[StoreValue]]) throws {
        let list = columns.map(Self.quoted).joined(separator: ", ")
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + 1_000)]
            var bindings = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                var marks: [String] = []
                for value in row {
                    switch value {
                    case .null: bindings.appendNull()
                    case .integer(let n): bindings.append(n)
                    case .real(let d): bindings.append(d)
                    case .text(let t): bindings.append(t)
                    case .blob(let b): try bindings.append(b)
                    }
                    marks.append("$\(bindings.count)")
                }
                tuples.append("(" + marks.joined(separator: ", ") + ")")
            }
            try execute(PostgresQuery(unsafeSQL: "INSERT INTO \(Self.quoted(table)) (\(list)) VALUES \(tuples.joined(separator: ", "))",
                                      binds: bindings))
            start += chunk.count
        }
    }
}

/// No answer to a statement that answers at once (BEGIN) in time: the connection is dead.
struct PostgresNoAnswer: Error, CustomStringConvertible {
    static let beginTimeout = TimeAmount.seconds(5)
    var seconds: Double
    var description: String { "the server did not answer in \(Int(seconds)) s" }
}
