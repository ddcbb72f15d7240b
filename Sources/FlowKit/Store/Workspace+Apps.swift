import Foundation

// Channel apps (DESIGN §11): named senders a live version binds per channel.
extension Workspace {
    /// The built-in `outbox` first, then the added apps by name.
    public func apps() throws(WorkspaceError) -> [WorkspaceApp] {
        let added = try read { db in
            try db.apps()
        }
        return [WorkspaceApp.outbox] + added.map(WorkspaceApp.init(record:))
    }

    /// An app by name (case-insensitive), `outbox` included.
    public func app(named name: String) throws(WorkspaceError) -> WorkspaceApp {
        if name.caseInsensitiveCompare(WorkspaceApp.outboxName) == .orderedSame { return .outbox }
        guard let r = try read({ db in try db.app(named: name) }) else { throw .unknownApp(name) }
        return WorkspaceApp(record: r)
    }

    /// Adds an app that posts `{"to","from","message","channel"}` to `webhookURL`.
    /// With a `signingSecret`, each post carries `X-FlowCanvas-Signature: sha256=…` (the
    /// scheme webhook Starts check, DESIGN §11) so the receiver can tell it came from here.
    @discardableResult
    public func addApp(name: String, channel: String, webhookURL: String,
                       signingSecret: String? = nil) throws(WorkspaceError) -> WorkspaceApp {
        let record = try checkedApp(name: name, channel: channel, webhookURL: webhookURL, signingSecret: signingSecret)
        try write { db in try insertApp(db, record) }
        return WorkspaceApp(record: record)
    }

    /// The checks `addApp` makes, without writing: for a form that creates an app later
    /// (the Make Live wizard's "New app…"). A taken name is refused too.
    public func checkNewApp(name: String, channel: String, webhookURL: String,
                            signingSecret: String? = nil) throws(WorkspaceError) -> WorkspaceApp {
        let record = try checkedApp(name: name, channel: channel, webhookURL: webhookURL, signingSecret: signingSecret)
        if try read({ db in try db.app(named: record.name) }) != nil { throw .appExists(record.name) }
        return WorkspaceApp(record: record)
    }

    func checkedApp(name: String, channel: String, webhookURL: String,
                    signingSecret: String? = nil) throws(WorkspaceError) -> AppRecord {
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
        // An empty secret means none; spaces around it are almost always a paste slip.
        let secret = signingSecret?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if secret.contains(where: \.isNewline) {
            throw .invalidArgument("a signing secret must be one line")
        }
        return AppRecord(name: name, channel: channel, webhookURL: webhookURL, signingSecret: secret.isEmpty ? nil : secret)
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

extension WorkspaceApp {
    init(record r: AppRecord) {
        self.init(name: r.name, channel: r.channel, webhookURL: r.webhookURL, signingSecret: r.signingSecret)
    }
}
