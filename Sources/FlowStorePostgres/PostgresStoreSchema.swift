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
        // The runtime's tables (issue 16): sessions and transcripts, outbox, logbooks, as
        // SQLite's runtime-v1 + runtime-v2 with times as Unix seconds (double precision).
        // `owner` is the serve process (its number from runtime_process_seq, held as an
        // advisory lock while it lives) that last claimed the session; a running session
        // whose owner holds no lock any more is taken over. The duplicate-session guard
        // is the unique index runtime_session_unique. `written_by` marks which process
        // wrote each transcript chunk (checks that no two processes ran a session at once).
        ("v5-runtime", [
            """
            CREATE TABLE runtime_session (
                id text PRIMARY KEY,
                flow_id text NOT NULL,
                version bigint,
                state text NOT NULL,
                current_node text,
                variables text NOT NULL DEFAULT '{}',
                outputs text NOT NULL DEFAULT '{}',
                waiting_kind text,
                waiting_channel text,
                waiting_address text,
                timer_due double precision,
                outcome text,
                failure text,
                unique_key text,
                customer text,
                steps bigint NOT NULL DEFAULT 0,
                transcript_count bigint NOT NULL DEFAULT 0,
                created_at double precision NOT NULL,
                updated_at double precision NOT NULL,
                owner integer
            )
            """,
            "CREATE INDEX runtime_session_flow ON runtime_session (flow_id, created_at)",
            "CREATE INDEX runtime_session_waiting ON runtime_session (waiting_channel, waiting_address) WHERE state = 'waiting'",
            "CREATE INDEX runtime_session_timer ON runtime_session (timer_due) WHERE state = 'waiting' AND timer_due IS NOT NULL",
            "CREATE INDEX runtime_session_running ON runtime_session (owner) WHERE state = 'running'",
            """
            CREATE UNIQUE INDEX runtime_session_unique ON runtime_session (flow_id, unique_key)
                WHERE unique_key IS NOT NULL AND state IN ('running', 'waiting')
            """,
            """
            CREATE TABLE runtime_transcript (
                session_id text NOT NULL,
                seq bigint NOT NULL,
                entries text NOT NULL,
                written_by integer,
                PRIMARY KEY (session_id, seq)
            )
            """,
            """
            CREATE TABLE runtime_outbox (
                id bigserial PRIMARY KEY,
                session_id text,
                flow_id text,
                app text NOT NULL,
                channel text NOT NULL,
                "to" text NOT NULL,
                "from" text NOT NULL,
                message text NOT NULL,
                time double precision NOT NULL,
                idempotency_key text
            )
            """,
            "CREATE UNIQUE INDEX runtime_outbox_key ON runtime_outbox (idempotency_key) WHERE idempotency_key IS NOT NULL",
            """
            CREATE TABLE runtime_log (
                id bigserial PRIMARY KEY,
                logbook text NOT NULL,
                flow_id text,
                session_id text,
                node text,
                message text NOT NULL,
                time double precision NOT NULL
            )
            """,
            "CREATE INDEX runtime_log_book ON runtime_log (logbook, id)",
            // Numbers of serve processes (owners): each holds pg_advisory_lock(runtimeOwnerLockClass, n).
            "CREATE SEQUENCE runtime_process_seq AS integer CYCLE",
        ]),
        // An app's optional signing secret (issue 12); same identifier as SQLite's.
        ("v6-app-signing-secret", ["ALTER TABLE apps ADD COLUMN signing_secret text"]),
        // The --public-url a share link was printed under; same identifier as SQLite's.
        ("v7-share-public-url", ["ALTER TABLE shares ADD COLUMN public_url text"]),
    ]
}
