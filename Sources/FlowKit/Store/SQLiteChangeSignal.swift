import Foundation
import GRDB

/// SQLite's change signal: `PRAGMA data_version` on a connection of its own, a number
/// SQLite changes whenever another connection commits; nothing is read from the tables.
/// Its own connection because `data_version` is per connection and the pool's readers rotate.
final class SQLiteChangeSignal: WorkspaceChangeSignal {
    private let queue: DatabaseQueue
    private var lastVersion: Int?

    init?(databaseURL: URL) {
        var config = Configuration()
        config.readonly = true
        config.label = "workspace-watcher"
        guard let queue = try? DatabaseQueue(path: databaseURL.path, configuration: config) else { return nil }
        self.queue = queue
        _ = hasChanged()
    }

    func hasChanged() -> Bool {
        guard let version = try? queue.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else {
            return false
        }
        defer { lastVersion = version }
        return lastVersion != nil && lastVersion != version
    }
}
