import Foundation
import GRDB

// Rows of the store's tables. Small Codable records; the public API hands out the value
// types of StoreTypes.swift instead, so the schema can change without breaking callers.

struct FlowRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "flows"
    static let draft = hasOne(DraftRecord.self)

    var id: String
    var name: String
    var kind: String
    var createdAt: Date
    /// nil until made live.
    var state: String?
    var liveVersion: Int?
    /// Last revision number handed out for this flow's drafts. Monotonic across drafts,
    /// so a stale editor's revision never matches a later draft by accident.
    var lastRevision: Int
}

struct DraftRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "drafts"

    var flowId: String
    var document: Data
    var revision: Int
    var basedOn: Int?
    var updatedAt: Date
    var updatedBy: String
}

struct VersionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "versions"

    var flowId: String
    var number: Int
    var document: Data
    var comment: String
    var author: String
    var createdAt: Date
    var basedOn: Int?
    /// JSON object channel → app name.
    var apps: String
    /// JSON object externalized variable → value.
    var variables: String
}

struct AppRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "apps"

    var name: String
    var channel: String
    var webhookURL: String
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
