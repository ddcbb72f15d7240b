import FlowKit
import GRDB

/// The runtime's tables (sessions, transcripts, outbox, logbooks) live in the same
/// workspace database, registered with the store as a `WorkspaceSchema` the first time the
/// runtime asks for them (`Workspace.runtimeDatabase()`). Owned by the runtime. Channel apps are the
/// store's `apps` table (`Workspace.apps()`); the runtime has none of its own.
///
/// Times are stored as REAL Unix seconds so timers compare and sort numerically.
/// JSON columns hold compact canonical JSON.
///
/// Written for throughput (`serve` commits sessions in groups, see
/// `DatabaseSessionStore`): a session that finishes in one activation costs one session
/// row and one transcript row. Indexes are partial where they can be, so a finished
/// session touches only the primary key and the per-flow index.
public enum RuntimeSchema {
    public static let tables = WorkspaceSchema(name: "runtime", migrations: registerMigrations)

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("runtime-v1") { db in
            try db.execute(sql: """
                CREATE TABLE runtime_session (
                    id TEXT PRIMARY KEY NOT NULL,
                    flow_id TEXT NOT NULL,
                    version INTEGER,
                    state TEXT NOT NULL,
                    current_node TEXT,
                    variables TEXT NOT NULL DEFAULT '{}',
                    outputs TEXT NOT NULL DEFAULT '{}',
                    waiting_kind TEXT,
                    waiting_channel TEXT,
                    waiting_address TEXT,
                    timer_due REAL,
                    outcome TEXT,
                    failure TEXT,
                    unique_key TEXT,
                    customer TEXT,
                    steps INTEGER NOT NULL DEFAULT 0,
                    transcript_count INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                -- Lists and stats per flow (newest first).
                CREATE INDEX runtime_session_flow ON runtime_session(flow_id, created_at);
                -- An inbound message finds the session waiting on (channel, customer).
                CREATE INDEX runtime_session_waiting
                    ON runtime_session(waiting_channel, waiting_address) WHERE state = 'waiting';
                -- Due timers, and sessions left running by a stopped process.
                CREATE INDEX runtime_session_timer
                    ON runtime_session(timer_due) WHERE state = 'waiting' AND timer_due IS NOT NULL;
                CREATE INDEX runtime_session_running ON runtime_session(created_at) WHERE state = 'running';
                -- The duplicate-session guard looks at active sessions only.
                CREATE INDEX runtime_session_unique
                    ON runtime_session(flow_id, unique_key)
                    WHERE unique_key IS NOT NULL AND state IN ('running', 'waiting');

                -- A session's transcript in chunks: each save appends the entries it added
                -- as one JSON array of [time, node, kind, text], `seq` being the index of
                -- the chunk's first entry.
                CREATE TABLE runtime_transcript (
                    session_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    entries TEXT NOT NULL,
                    PRIMARY KEY (session_id, seq)
                ) WITHOUT ROWID;

                CREATE TABLE runtime_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    session_id TEXT,
                    flow_id TEXT,
                    app TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    "to" TEXT NOT NULL,
                    "from" TEXT NOT NULL,
                    message TEXT NOT NULL,
                    time REAL NOT NULL
                );

                CREATE TABLE runtime_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    logbook TEXT NOT NULL,
                    flow_id TEXT,
                    session_id TEXT,
                    node TEXT,
                    message TEXT NOT NULL,
                    time REAL NOT NULL
                );
                CREATE INDEX runtime_log_book ON runtime_log(logbook, id);
                """)
        }
        // Exactly-once outbox (issue 13): a send re-run after a crash carries the same key
        // (session, node, step) and its insert is ignored.
        migrator.registerMigration("runtime-v2-outbox-key") { db in
            try db.execute(sql: """
                ALTER TABLE runtime_outbox ADD COLUMN idempotency_key TEXT;
                CREATE UNIQUE INDEX runtime_outbox_key ON runtime_outbox(idempotency_key)
                    WHERE idempotency_key IS NOT NULL;
                """)
        }
    }
}

extension Workspace {
    /// The runtime's tables in this workspace's database, created on first use.
    public func runtimeDatabase() throws(WorkspaceError) -> any DatabaseWriter {
        try database(for: RuntimeSchema.tables)
    }
}
