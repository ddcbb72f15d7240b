import Foundation

// Channel apps (DESIGN §11): named senders a live version binds per channel.
extension Workspace {
    /// The built-in `outbox` first, then the added apps by name.
    public func apps() throws(WorkspaceError) -> [WorkspaceApp] {
        let added = try read { db in
            try db.apps()
        }
        return [WorkspaceApp.outbox] + added.map { WorkspaceApp(name: $0.name, channel: $0.channel, webhookURL: $0.webhookURL) }
    }

    /// An app by name (case-insensitive), `outbox` included.
    public func app(named name: String) throws(WorkspaceError) -> WorkspaceApp {
        if name.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame { return .outbox }
        guard let r = try read({ db in try db.app(named: name) }) else { throw .unknownApp(name) }
        return WorkspaceApp(name: r.name, channel: r.channel, webhookURL: r.webhookURL)
    }

    /// Adds an app that posts `{"to","from","message","channel"}` to `webhookURL`.
    @discardableResult
    public func addApp(name: String, channel: String, webhookURL: String) throws(WorkspaceError) -> WorkspaceApp {
        let record = try checkedApp(name: name, channel: channel, webhookURL: webhookURL)
        try write { db in try insertApp(db, record) }
        return WorkspaceApp(name: record.name, channel: record.channel, webhookURL: record.webhookURL)
    }

    /// The checks `addApp` makes, without writing: for a form that creates an app later
    /// (the Make Live wizard's "New app…"). A taken name is refused too.
    public func checkNewApp(name: String, channel: String, webhookURL: String) throws(WorkspaceError) -> WorkspaceApp {
        let record = try checkedApp(name: name, channel: channel, webhookURL: webhookURL)
        if try read({ db in try db.app(named: record.name) }) != nil { throw .appExists(record.name) }
        return WorkspaceApp(name: record.name, channel: record.channel, webhookURL: record.webhookURL)
    }

    func checkedApp(name: String, channel: String, webhookURL: String) throws(WorkspaceError) -> AppRecord {
        let name = name.trimmingCharacters(in: .whitespaces)
        // Same rule as node ids: app names appear in scripts and URLs.
        guard FlowNode.isValidID(name) else {
            throw .invalidArgument("an app name must be 1-40 characters of a-z, 0-9 and '-', not '\(name)'")
        }
        if name.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame { throw .appExists(WorkspaceApp.outboxName) }
        guard catalog.channels.contains(channel) else { throw .unknownChannel(channel) }
        guard let url = URL(string: webhookURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw .invalidArgument("the webhook must be an http:// or https:// URL, not '\(webhookURL)'")
        }
        return AppRecord(name: name, channel: channel, webhookURL: webhookURL)
    }

    func insertApp(_ db: any StoreTransaction, _ record: AppRecord) throws {
        if try db.app(named: record.name) != nil { throw WorkspaceError.appExists(record.name) }
        try db.insertApp(record)
    }

    /// Removes an app; refused for `outbox` and for apps a live version is bound to.
    public func removeApp(named name: String) throws(WorkspaceError) {
        if name.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame { throw .builtInApp(WorkspaceApp.outboxName) }
        try write { db in
            guard let app = try db.app(named: name) else { throw WorkspaceError.unknownApp(name) }
            for flow in try db.liveFlows() {
                let v = try versionRecord(db, of: flow, number: flow.liveVersion!)
                if StringMapColumn.decode(v.apps).values.contains(where: {
                    $0.caseInsensitiveCompare(app.name) == .orderedSame
                }) {
                    throw WorkspaceError.appInUse(app: app.name, flow: flow.name)
                }
            }
            try db.deleteApp(named: app.name)
        }
    }
}
