import GRDB

/// The runtime's tables (sessions, timers, outbox, logbooks) live in the same workspace
/// database and are migrated by the same `DatabaseMigrator`; the store calls this after
/// registering its own migrations. Owned by the runtime.
public enum RuntimeSchema {
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        // The runtime issue adds its migrations here, after the store's.
    }
}
