/// The store's tables on PostgreSQL, as versioned migrations recorded in
/// `flowcanvas_migrations` (schema `store`), with the same identifiers as the SQLite
/// migrator so the two stay in step. Append-only: never edit a registered migration.
/// Names compare case-insensitively in ASCII only (`lower(… COLLATE "C")`), exactly as
/// SQLite's NOCASE does, whatever the database's locale.
enum PostgresStoreSchema {
    static let name = "store"

    static let migrations: [(identifier: String, statements: [String])] = [
        ("store-v1", [
            """
            CREATE TABLE flows (
                id text PRIMARY KEY,
                name text NOT NULL,
                kind text NOT NULL,
                created_at timestamptz NOT NULL,
                state text CHECK (state IS NULL OR state IN ('running', 'paused')),
                live_version bigint,
                last_revision bigint NOT NULL DEFAULT 0
            )
            """,
            #"CREATE UNIQUE INDEX flows_name_nocase ON flows (lower(name COLLATE "C"))"#,
            """
            CREATE TABLE drafts (
                flow_id text PRIMARY KEY REFERENCES flows(id) ON DELETE CASCADE ON UPDATE CASCADE,
                document bytea NOT NULL,
                revision bigint NOT NULL,
                based_on bigint,
                updated_at timestamptz NOT NULL,
                updated_by text NOT NULL
            )
            """,
            """
            CREATE TABLE versions (
                flow_id text NOT NULL REFERENCES flows(id) ON DELETE CASCADE ON UPDATE CASCADE,
                number bigint NOT NULL,
                document bytea NOT NULL,
                comment text NOT NULL,
                author text NOT NULL,
                created_at timestamptz NOT NULL,
                based_on bigint,
                apps text NOT NULL,
                variables text NOT NULL,
                PRIMARY KEY (flow_id, number)
            )
            """,
            """
            CREATE TABLE apps (
                name text PRIMARY KEY,
                channel text NOT NULL,
                webhook_url text NOT NULL
            )
            """,
            #"CREATE UNIQUE INDEX apps_name_nocase ON apps (lower(name COLLATE "C"))"#,
        ]),
        ("v2-shares", [
            """
            CREATE TABLE shares (
                token text PRIMARY KEY,
                flow_id text NOT NULL REFERENCES flows(id) ON DELETE CASCADE ON UPDATE CASCADE,
                salt bytea NOT NULL,
                hash bytea NOT NULL,
                iterations bigint NOT NULL,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz
            )
            """,
            // At most one working link per flow.
            "CREATE UNIQUE INDEX shares_active ON shares(flow_id) WHERE revoked_at IS NULL",
        ]),
        // The port each link was made with (nullable: older links have none).
        ("v3-share-port", ["ALTER TABLE shares ADD COLUMN port bigint"]),
        // Each version's own change, for blame (VersionChangeSet); back-filled lazily.
        ("v4-version-changes", [
            """
            CREATE TABLE version_changes (
                flow_id text NOT NULL,
                number bigint NOT NULL,
                changes bytea NOT NULL,
                PRIMARY KEY (flow_id, number),
                FOREIGN KEY (flow_id, number) REFERENCES versions(flow_id, number) ON DELETE CASCADE ON UPDATE CASCADE
            )
            """,
        ]),
    ]
}
