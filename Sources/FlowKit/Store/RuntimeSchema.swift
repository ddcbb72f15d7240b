import GRDB

/// The runtime's tables (sessions, transcripts, outbox, logbooks, apps) live in the same
/// workspace database and are migrated by the same `DatabaseMigrator`; the store calls
/// this after registering its own migrations. Owned by the runtime.
///
/// Times are stored as REAL Unix seconds so timers compare and sort numerically.
/// JSON columns hold compact canonical JSON.
public enum RuntimeSchema {
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
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
                CREATE INDEX runtime_session_flow ON runtime_session(flow_id, created_at);
                CREATE INDEX runtime_session_waiting
                    ON runtime_session(waiting_channel, waiting_address) WHERE state = 'waiting';
                CREATE INDEX runtime_session_timer ON runtime_session(timer_due) WHERE timer_due IS NOT NULL;
                CREATE INDEX runtime_session_unique
                    ON runtime_session(flow_id, unique_key) WHERE unique_key IS NOT NULL;
                CREATE INDEX runtime_session_active
                    ON runtime_session(state) WHERE state IN ('running', 'waiting');

                CREATE TABLE runtime_transcript (
                    session_id TEXT NOT NULL REFERENCES runtime_session(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    time REAL NOT NULL,
                    node TEXT,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (session_id, seq)
                );

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

                CREATE TABLE runtime_app (
                    name TEXT PRIMARY KEY NOT NULL,
                    channel TEXT NOT NULL,
                    webhook_url TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                """)
        }
    }
}
