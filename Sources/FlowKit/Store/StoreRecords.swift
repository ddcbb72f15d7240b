import Foundation
import GRDB

// Rows of the store's tables, as a `WorkspaceBackend` reads and writes them. The public
// API of `Workspace` hands out the value types of StoreTypes.swift instead, so the schema
// can change without breaking callers; these are public only for backends in other
// modules (PostgreSQL).

public struct FlowRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "flows"

    public var id: String
    public var name: String
    public var kind: String
    public var createdAt: Date
    /// nil until made live.
    public var state: String?
    public var liveVersion: Int?
    /// Last revision number handed out for this flow's drafts. Monotonic across drafts,
    /// so a stale editor's revision never matches a later draft by accident.
    public var lastRevision: Int

    public init(id: String, name: String, kind: String, createdAt: Date, state: String?, liveVersion: Int?,
                lastRevision: Int) {
        self.id = id
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
        self.state = state
        self.liveVersion = liveVersion
        self.lastRevision = lastRevision
    }
}

public struct DraftRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "drafts"

    public var flowId: String
    /// The document as `FlowCodec.encodeForStorage` wrote it.
    public var document: Data
    public var revision: Int
    public var basedOn: Int?
    public var updatedAt: Date
    public var updatedBy: String

    public init(flowId: String, document: Data, revision: Int, basedOn: Int?, updatedAt: Date, updatedBy: String) {
        self.flowId = flowId
        self.document = document
        self.revision = revision
        self.basedOn = basedOn
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

public struct VersionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "versions"

    public var flowId: String
    public var number: Int
    public var document: Data
    public var comment: String
    public var author: String
    public var createdAt: Date
    public var basedOn: Int?
    /// JSON object channel → app name.
    public var apps: String
    /// JSON object externalized variable → value.
    public var variables: String

    public init(flowId: String, number: Int, document: Data, comment: String, author: String, createdAt: Date,
                basedOn: Int?, apps: String, variables: String) {
        self.flowId = flowId
        self.number = number
        self.document = document
        self.comment = comment
        self.author = author
        self.createdAt = createdAt
        self.basedOn = basedOn
        self.apps = apps
        self.variables = variables
    }
}

public struct AppRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "apps"

    public var name: String
    public var channel: String
    public var webhookURL: String
    /// Signs each post (`X-FlowCanvas-Signature`, as webhook Starts check); nil: unsigned.
    public var signingSecret: String?

    public init(name: String, channel: String, webhookURL: String, signingSecret: String? = nil) {
        self.name = name
        self.channel = channel
        self.webhookURL = webhookURL
        self.signingSecret = signingSecret
    }
}

/// `[String: String]` as a canonical JSON object, for the versions' JSON columns.
enum StringMapColumn {
    static func encode(_ map: [String: String]) -> String {
        CanonicalJSON.encode(.object(map.mapValues { .string($0) }), indent: false)
    }

    static func decode(_ text: String) -> [String: String] {
        guard let data = text.data(using: .utf8),
              let map = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return map
    }
}
