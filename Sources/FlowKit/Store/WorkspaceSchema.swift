import Foundation
import GRDB

/// Tables another layer keeps in the workspace database (the runtime's sessions,
/// transcripts, outbox and logbooks), with the migrations that create them. The store
/// registers them in the same `grdb_migrations` table as its own, after its own, the
/// first time the layer asks for them (`Workspace.database(for:)`). Migrations are
/// append-only: never edit a registered one.
public struct WorkspaceSchema: Sendable {
    /// Names the schema in errors and in the set of schemas already migrated.
    public let name: String
    let registerMigrations: @Sendable (inout DatabaseMigrator) -> Void

    public init(name: String, migrations: @escaping @Sendable (inout DatabaseMigrator) -> Void) {
        self.name = name
        self.registerMigrations = migrations
    }
}

extension Workspace {
    /// The store API other layers get instead of the whole database: their own tables,
    /// migrated on first use, and a connection to read and write them. The store's tables
    /// stay behind `Workspace`'s methods. (A second backend implements this one call.)
    /// A workspace opened read-only refuses a schema it would have to create, with the
    /// reason writes are refused.
    public func database(for schema: WorkspaceSchema) throws(WorkspaceError) -> any DatabaseWriter {
        if migratedSchemas.contains(schema.name) { return database }
        var migrator = DatabaseMigrator()
        schema.registerMigrations(&migrator)
        do {
            let done = try database.read { db in try migrator.hasCompletedMigrations(db) }
            if !done {
                if let writeRefusal { throw writeRefusal }
                try migrator.migrate(database)
            }
        } catch {
            throw Workspace.mapError(error, path: databaseURL.path)
        }
        migratedSchemas.insert(schema.name)
        return database
    }
}

/// The names of the schemas this `Workspace` has migrated, so a layer asking again costs
/// no read. A lock, not an actor: `database(for:)` is synchronous.
final class MigratedSchemas: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    func contains(_ name: String) -> Bool { lock.withLock { names.contains(name) } }
    func insert(_ name: String) { _ = lock.withLock { names.insert(name) } }
}
