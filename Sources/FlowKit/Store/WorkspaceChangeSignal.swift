/// "Has another connection committed a write since I last asked?", answered without
/// reading the store's tables: cheap enough to ask four times a second. A backend makes
/// one per watcher (`WorkspaceBackend.makeChangeSignal()`); each holds what it needs
/// (SQLite: a connection of its own; PostgreSQL: a LISTEN connection).
public protocol WorkspaceChangeSignal: AnyObject {
    /// True when a write committed since the previous call (the first call after
    /// creation: false). A signal that may have missed a change (a lost connection)
    /// answers true, so the caller reloads rather than shows stale rows.
    func hasChanged() -> Bool
}
