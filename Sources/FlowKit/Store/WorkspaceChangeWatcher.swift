import Foundation
import GRDB

/// Tells whether the workspace changed since the last look, cheaply enough to ask four
/// times a second (the flow list follows other processes: the CLI, another editor,
/// `serve`). On SQLite it reads `PRAGMA data_version` on a connection of its own, a
/// number SQLite changes whenever another connection commits; nothing is read from the
/// tables. Other backends compare the flow list's one query.
public final class WorkspaceChangeWatcher {
    let workspace: Workspace
    /// Its own connection: `data_version` is per connection, and the pool's readers rotate.
    private let queue: DatabaseQueue?
    private var lastVersion: Int?
    private var lastFlows: [FlowSummary]?

    public init(workspace: Workspace) {
        self.workspace = workspace
        if let url = (workspace.backend as? SQLiteWorkspaceBackend)?.databaseURL {
            var config = Configuration()
            config.readonly = true
            config.label = "workspace-watcher"
            queue = try? DatabaseQueue(path: url.path, configuration: config)
        } else {
            queue = nil
        }
        _ = hasChanged()
    }

    /// True when something was committed since the previous call (the first call: false).
    public func hasChanged() -> Bool {
        if let queue {
            guard let version = try? queue.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else {
                return false
            }
            defer { lastVersion = version }
            return lastVersion != nil && lastVersion != version
        }
        guard let flows = try? workspace.flows() else { return false }
        defer { lastFlows = flows }
        return lastFlows != nil && lastFlows != flows
    }
}
