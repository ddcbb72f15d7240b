import FlowKit
import Foundation
import GRDB

/// A named channel app that posts messages to a webhook (`flowcanvas apps add`).
public struct ChannelApp: Codable, Equatable, Sendable {
    public var name: String
    public var channel: String
    public var webhookURL: String
    public var createdAt: Date

    public init(name: String, channel: String, webhookURL: String, createdAt: Date = Date()) {
        self.name = name
        self.channel = channel
        self.webhookURL = webhookURL
        self.createdAt = createdAt
    }
}

public enum AppRegistryError: Error, Equatable, CustomStringConvertible {
    case reservedName(String)
    case invalidName(String)
    case alreadyExists(String)
    case notFound(String)
    case invalidURL(String)
    case unknownChannel(String)

    public var description: String {
        switch self {
        case .reservedName(let n): return "'\(n)' is the built-in app and cannot be added or removed"
        case .invalidName(let n): return "app name '\(n)' must be 1–40 characters of a-z, 0-9 and -"
        case .alreadyExists(let n): return "an app named '\(n)' already exists"
        case .notFound(let n): return "no app named '\(n)'"
        case .invalidURL(let u): return "'\(u)' is not an http:// or https:// URL"
        case .unknownChannel(let c): return "unknown channel '\(c)'"
        }
    }
}

/// The apps table (`runtime_app`) and the resolver `serve` uses: `outbox` is the
/// built-in app; every other name is a webhook app from the table.
public struct AppRegistry: AppResolver {
    public let writer: any DatabaseWriter
    public let http: any HTTPClient

    public init(writer: any DatabaseWriter, http: any HTTPClient = URLSessionHTTPClient()) {
        self.writer = writer
        self.http = http
    }

    public func add(_ app: ChannelApp) throws {
        if app.name == OutboxDelivery.appName { throw AppRegistryError.reservedName(app.name) }
        guard FlowNode.isValidID(app.name) else { throw AppRegistryError.invalidName(app.name) }
        guard NodeCatalog.standard.channels.contains(app.channel) else {
            throw AppRegistryError.unknownChannel(app.channel)
        }
        guard let url = URL(string: app.webhookURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host != nil else { throw AppRegistryError.invalidURL(app.webhookURL) }
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM runtime_app WHERE name = ?", arguments: [app.name]) != nil {
                throw AppRegistryError.alreadyExists(app.name)
            }
            try db.execute(sql: "INSERT INTO runtime_app (name, channel, webhook_url, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [app.name, app.channel, app.webhookURL, app.createdAt.timeIntervalSince1970])
        }
    }

    public func remove(named name: String) throws {
        if name == OutboxDelivery.appName { throw AppRegistryError.reservedName(name) }
        try writer.write { db in
            try db.execute(sql: "DELETE FROM runtime_app WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw AppRegistryError.notFound(name) }
        }
    }

    /// Webhook apps by name (the built-in `outbox` is not listed).
    public func list() throws -> [ChannelApp] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runtime_app ORDER BY name").map(Self.app(from:))
        }
    }

    public func app(named name: String) throws -> ChannelApp? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runtime_app WHERE name = ?", arguments: [name]).map(Self.app(from:))
        }
    }

    public func delivery(forApp name: String) throws -> (any MessageDelivery)? {
        if name == OutboxDelivery.appName { return OutboxDelivery(writer: writer) }
        guard let app = try app(named: name), let url = URL(string: app.webhookURL) else { return nil }
        return WebhookDelivery(url: url, http: http)
    }

    private static func app(from row: Row) -> ChannelApp {
        ChannelApp(name: row["name"], channel: row["channel"], webhookURL: row["webhook_url"],
                   createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}
