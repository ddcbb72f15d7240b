import Foundation
import GRDB

// Read-only share links (DESIGN §13). The store keeps the link's token and an opaque
// password hash (salt, derived bytes, iteration count); hashing itself lives in the
// FlowShare library, so FlowKit needs no crypto. A flow has at most one active share;
// turning sharing on again revokes the old link and makes a new token. Revoked rows are
// kept (with `revokedAt`) so a dead token stays dead and is never handed out again.

/// One share link of a flow.
public struct ShareRecord: Equatable, Sendable {
    public var flowID: String
    /// The secret part of the link `/share/TOKEN`.
    public var token: String
    public var salt: Data
    /// The password's derived key; never the password.
    public var hash: Data
    public var iterations: Int
    public var createdAt: Date
    /// When the link was turned off; nil while it works.
    public var revokedAt: Date?
    /// The port the printed link named (`share --port`), so `share --status` prints the
    /// same link. nil for links made before the port was stored.
    public var port: Int?
    /// The address the printed link was made under (`share --public-url`), so `share --status`
    /// prints the same link. nil: the link was printed as http://HOST:PORT.
    public var publicURL: String?

    public var isActive: Bool { revokedAt == nil }

    public init(flowID: String, token: String, salt: Data, hash: Data, iterations: Int,
                createdAt: Date, revokedAt: Date? = nil, port: Int? = nil, publicURL: String? = nil) {
        self.flowID = flowID
        self.token = token
        self.salt = salt
        self.hash = hash
        self.iterations = iterations
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.port = port
        self.publicURL = publicURL
    }
}

/// What a share link shows: its record and the flow's latest saved state.
public struct SharedFlow: Equatable, Sendable {
    public var share: ShareRecord
    /// The working draft if the flow has one, else its live version (as `document(_:)`).
    public var stored: StoredDocument
}

/// The `shares` table, appended to the store's migrator as `v2-shares`.
enum ShareSchema {
    static func createTables(_ db: Database) throws {
        try db.create(table: "shares") { t in
            t.primaryKey("token", .text)
            t.column("flowId", .text).notNull()
                .references("flows", onDelete: .cascade, onUpdate: .cascade)
            t.column("salt", .blob).notNull()
            t.column("hash", .blob).notNull()
            t.column("iterations", .integer).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("revokedAt", .datetime)
        }
        // At most one working link per flow.
        try db.execute(sql: "CREATE UNIQUE INDEX shares_active ON shares(flowId) WHERE revokedAt IS NULL")
    }

    /// `v3-share-port`: the port each link was made with (nullable: older links have none).
    static func addPort(_ db: Database) throws {
        try db.alter(table: "shares") { t in t.add(column: "port", .integer) }
    }

    /// `v7-share-public-url`: the `--public-url` each link was printed under (nullable).
    static func addPublicURL(_ db: Database) throws {
        try db.alter(table: "shares") { t in t.add(column: "publicURL", .text) }
    }
}

/// A row of the `shares` table, as a `WorkspaceBackend` reads and writes it.
public struct ShareRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "shares"

    public var token: String
    public var flowId: String
    public var salt: Data
    public var hash: Data
    public var iterations: Int
    public var createdAt: Date
    public var revokedAt: Date?
    /// The port the link was made with (`v3-share-port`; nil for older links).
    public var port: Int?
    /// The `--public-url` the link was printed under (`v7-share-public-url`; nil: none).
    public var publicURL: String?

    public init(token: String, flowId: String, salt: Data, hash: Data, iterations: Int, createdAt: Date,
                revokedAt: Date?, port: Int? = nil, publicURL: String? = nil) {
        self.token = token
        self.flowId = flowId
        self.salt = salt
        self.hash = hash
        self.iterations = iterations
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.port = port
        self.publicURL = publicURL
    }

    var record: ShareRecord {
        ShareRecord(flowID: flowId, token: token, salt: salt, hash: hash, iterations: iterations,
                    createdAt: createdAt, revokedAt: revokedAt, port: port, publicURL: publicURL)
    }
}

extension Workspace {
    /// Turns the flow's share link on with `token` and the password's hash, revoking any
    /// link it had (so the old token stops working at once). The caller makes the token
    /// and the hash; a token already used by any link, live or dead, is refused.
    @discardableResult
    public func enableShare(_ nameOrID: String, token: String, salt: Data, hash: Data,
                            iterations: Int, port: Int? = nil, publicURL: String? = nil) throws(WorkspaceError) -> ShareRecord {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) else {
            throw .invalidArgument("a share token must be printable ASCII without '/'")
        }
        guard !salt.isEmpty, !hash.isEmpty, iterations > 0 else {
            throw .invalidArgument("a share needs a salt, a password hash and an iteration count")
        }
        return try write { db in
            let flow = try resolve(db, nameOrID)
            if try db.share(token: token) != nil {
                throw WorkspaceError.invalidArgument("the share token is already in use; make a new one")
            }
            let now = Date()
            try revokeActiveShare(db, flowID: flow.id, at: now)
            let row = ShareRow(token: token, flowId: flow.id, salt: salt, hash: hash, iterations: iterations,
                               createdAt: now, revokedAt: nil, port: port, publicURL: publicURL)
            try db.insertShare(row)
            // Read back: the database keeps dates to the millisecond (SQLite) or microsecond.
            return try db.share(token: token)?.record ?? row.record
        }
    }

    /// Turns the flow's share link off at once. Returns the link that was revoked, nil
    /// when sharing was already off.
    @discardableResult
    public func disableShare(_ nameOrID: String) throws(WorkspaceError) -> ShareRecord? {
        try write { db in
            let flow = try resolve(db, nameOrID)
            return try revokeActiveShare(db, flowID: flow.id, at: Date())
        }
    }

    /// The flow's working share link, nil when sharing is off.
    public func shareStatus(_ nameOrID: String) throws(WorkspaceError) -> ShareRecord? {
        try read { db in
            let flow = try resolve(db, nameOrID)
            return try activeShare(db, flowID: flow.id)?.record
        }
    }

    /// The link `token` opens, with the flow's latest saved state, read in one snapshot;
    /// nil when no working link has that token (never existed, revoked, or its flow has
    /// nothing saved), so callers cannot tell those cases apart.
    public func share(token: String) throws(WorkspaceError) -> SharedFlow? {
        guard !token.isEmpty else { return nil }
        return try read { db in
            guard let row = try db.share(token: token), row.revokedAt == nil,
                  let flow = try db.flow(id: row.flowId) else { return nil }
            do {
                return SharedFlow(share: row.record, stored: try stored(db, flow, nil))
            } catch WorkspaceError.noDraft {
                return nil
            }
        }
    }

    private func activeShare(_ db: any StoreTransaction, flowID: String) throws -> ShareRow? {
        try db.activeShare(flowID: flowID)
    }

    @discardableResult
    private func revokeActiveShare(_ db: any StoreTransaction, flowID: String, at date: Date) throws -> ShareRecord? {
        guard var row = try activeShare(db, flowID: flowID) else { return nil }
        row.revokedAt = date
        try db.updateShare(row)
        // Read back, for the stored precision of the date.
        if let stored = try db.share(token: row.token) { return stored.record }
        return row.record
    }
}
