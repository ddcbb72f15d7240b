import GRDB

/// The store's migrator. Other layers' tables (the runtime's) are registered through
/// `WorkspaceSchema` when first used, in the same `grdb_migrations` table (DECISIONS 6).
/// Migrations are append-only: never edit a registered one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("store-v1") { db in
            try db.create(table: "flows") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique().collate(.nocase)
                t.column("kind", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("state", .text).check(sql: "state IS NULL OR state IN ('running', 'paused')")
                t.column("liveVersion", .integer)
                t.column("lastRevision", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "drafts") { t in
                t.primaryKey("flowId", .text)
                    .references("flows", onDelete: .cascade, onUpdate: .cascade)
                t.column("document", .blob).notNull()
                t.column("revision", .integer).notNull()
                t.column("basedOn", .integer)
                t.column("updatedAt", .datetime).notNull()
                t.column("updatedBy", .text).notNull()
            }
            try db.create(table: "versions") { t in
                t.column("flowId", .text).notNull()
                    .references("flows", onDelete: .cascade, onUpdate: .cascade)
                t.column("number", .integer).notNull()
                t.column("document", .blob).notNull()
                t.column("comment", .text).notNull()
                t.column("author", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("basedOn", .integer)
                t.column("apps", .text).notNull()
                t.column("variables", .text).notNull()
                t.primaryKey(["flowId", "number"])
            }
            try db.create(table: "apps") { t in
                t.primaryKey("name", .text).collate(.nocase)
                t.column("channel", .text).notNull()
                t.column("webhookURL", .text).notNull()
            }
        }
        migrator.registerMigration("v2-shares", migrate: ShareSchema.createTables)
        migrator.registerMigration("v3-share-port", migrate: ShareSchema.addPort)
        // Each version's own change, for blame (VersionChangeSet). Existing versions are
        // back-filled by the first blame that needs them.
        migrator.registerMigration("v4-version-changes") { db in
            try db.create(table: "version_changes") { t in
                t.column("flowId", .text).notNull()
                t.column("number", .integer).notNull()
                t.column("changes", .blob).notNull()
                t.primaryKey(["flowId", "number"])
                t.foreignKey(["flowId", "number"], references: "versions", columns: ["flowId", "number"],
                             onDelete: .cascade, onUpdate: .cascade)
            }
        }
        // An app's optional signing secret (issue 12); same identifier on PostgreSQL.
        migrator.registerMigration("v6-app-signing-secret") { db in
            try db.alter(table: "apps") { t in t.add(column: "signingSecret", .text) }
        }
        // The --public-url a share link was printed under (share --status prints it again).
        // v7: v5 is PostgreSQL's runtime tables; the numbers stay the same on both backends.
        migrator.registerMigration("v7-share-public-url", migrate: ShareSchema.addPublicURL)
        return migrator
    }
}
