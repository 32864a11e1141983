/// The store's schema on PostgreSQL: the SQLite migrations, one for one and under the same names, in
/// PostgreSQL's DDL (`BIGINT` microseconds, no `WITHOUT ROWID`). Applied migrations are recorded in
/// `lectern_migrations`; the whole migration runs in one transaction under an advisory lock, so two
/// laptops or CI jobs migrating at once take turns.
enum PostgresSchema {
  /// The tables a Lectern schema has; a schema with any other table is not one.
  static let ownTables: Set<String> = ["deployments", "deployment_commits", "changes", "incidents", "lectern_migrations"]

  /// The advisory lock every writer takes (migrations and ingests): one writer at a time per database.
  static let writeLock: Int64 = 0x4c45_4354_4552_4e00  // "LECTERN\0"

  static let migrations: [(name: String, sql: String)] = [
    (
      MetricsStore.v1,
      """
      CREATE TABLE deployments (
        id TEXT PRIMARY KEY NOT NULL,
        service TEXT NOT NULL,
        environment TEXT NOT NULL,
        finished_at BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('success', 'failure')),
        commits TEXT NOT NULL
      );
      CREATE INDEX deployments_by_time ON deployments (environment, finished_at);
      CREATE TABLE deployment_commits (
        deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
        sha TEXT NOT NULL,
        PRIMARY KEY (deployment_id, sha)
      );
      CREATE INDEX deployment_commits_by_sha ON deployment_commits (sha);
      CREATE TABLE changes (
        sha TEXT PRIMARY KEY NOT NULL,
        service TEXT,
        committed_at BIGINT NOT NULL
      );
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY NOT NULL,
        service TEXT,
        severity INTEGER CHECK (severity BETWEEN 1 AND 4),
        opened_at BIGINT NOT NULL,
        resolved_at BIGINT,
        caused_by TEXT,
        title TEXT
      );
      CREATE INDEX incidents_by_time ON incidents (opened_at);
      CREATE INDEX incidents_by_cause ON incidents (caused_by);
      """
    ),
    (
      MetricsStore.v2,
      """
      ALTER TABLE incidents ADD COLUMN acknowledged_at BIGINT;
      ALTER TABLE incidents ADD COLUMN mitigated_at BIGINT;
      """
    ),
  ]

  /// The tables in the session's schema.
  static func tables(_ session: PostgresSession) throws -> [String] {
    try session.query(
      "SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(session.url.schema) ORDER BY 1"
    ).map { try $0.decode(String.self) }
  }

  /// The migrations applied so far (none when the schema or its migrations table does not exist).
  static func applied(_ session: PostgresSession) throws -> [String] {
    guard try tables(session).contains("lectern_migrations") else { return [] }
    return try session.query("SELECT identifier FROM lectern_migrations ORDER BY applied_at, identifier").map {
      try $0.decode(String.self)
    }
  }

  /// Creates the schema if needed and applies the missing migrations, in one transaction. A schema
  /// holding other tables is refused before anything is written.
  static func migrate(_ session: PostgresSession) throws {
    try session.transaction {
      try session.query("SELECT pg_advisory_xact_lock(\(writeLock))")
      let foreign = try tables(session).filter { !ownTables.contains($0) }
      if !foreign.isEmpty { throw PostgresStoreError.notAStore(store: session.url.description, tables: foreign) }
      let done = Set(try applied(session))
      if migrations.allSatisfy({ done.contains($0.name) }) { return }
      // Creating needs CREATE rights; a store that is up to date needs none (see docs/metrics-store.md).
      let schemaExists = try !session.query("SELECT 1 FROM pg_namespace WHERE nspname = \(session.url.schema)").isEmpty
      if !schemaExists { try session.execute("CREATE SCHEMA \(session.url.schema)") }
      if done.isEmpty {
        try session.execute(
          """
          CREATE TABLE IF NOT EXISTS lectern_migrations (
            identifier TEXT PRIMARY KEY NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())
          """)
      }
      for migration in migrations where !done.contains(migration.name) {
        // One statement at a time: the extended query protocol takes one command per query.
        for statement in migration.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
          try session.execute(String(statement))
        }
        try session.query("INSERT INTO lectern_migrations (identifier) VALUES (\(migration.name))")
      }
    }
  }
}
