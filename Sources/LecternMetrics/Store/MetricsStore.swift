import Foundation
import GRDB
import GRDBSQLite
import LecternDORA

/// The SQLite store of deployments, changes and incidents (GRDB).
///
/// Schema versioned by migrations; WAL mode on files. Timestamps are stored as integer
/// microseconds since the Unix epoch (UTC). The SQL is deliberately plain — `TEXT`, `INTEGER`,
/// `ON CONFLICT … DO UPDATE`, `EXISTS` — so that the same schema and queries run on PostgreSQL with
/// `BIGINT` for the timestamps (see `docs/metrics-store.md`).
public final class MetricsStore: @unchecked Sendable {
  let reader: any DatabaseReader
  /// `nil` for a store opened for reading only.
  let writer: (any DatabaseWriter)?
  /// The file, or `nil` for an in-memory store.
  public let path: String?
  /// Whether the store has the v2 incident timings (`acknowledged_at`, `mitigated_at`); a read-only store
  /// written by an older Lectern may not, and is read without them.
  let hasIncidentTimings: Bool

  /// How long a write waits for another process's write to finish before giving up.
  public static let busyTimeout: Double = 60

  /// The tables a Lectern store has; a file with any other table is not one.
  static let ownTables: Set<String> = ["deployments", "deployment_commits", "changes", "incidents", "grdb_migrations"]

  /// Opens (creating if needed) the store at `path` for writing, or an in-memory store for `nil`.
  ///
  /// A file that is not a Lectern store (it has other tables, or is not SQLite) is refused before
  /// anything is written to it. Writes from other processes are waited for (up to `busyTimeout`).
  public init(path: String?) throws {
    self.path = path
    var configuration = Configuration()
    // The one foreign key (commits → deployment) is kept by `ingest` itself, which replaces a
    // deployment's commits with it; checking it on each of a million inserted rows costs a lookup each.
    configuration.foreignKeysEnabled = false
    configuration.busyMode = .timeout(Self.busyTimeout)
    let writer: any DatabaseWriter
    if let path {
      try Self.checkIsLecternStore(path)
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      writer = try DatabasePool(path: path, configuration: configuration)  // WAL mode
    } else {
      writer = try DatabaseQueue(configuration: configuration)
    }
    try Self.migrate(writer)
    self.writer = writer
    reader = writer
    hasIncidentTimings = true
  }

  /// Applies the migrations. Two processes creating the same new store can both find a migration missing; the
  /// loser's DDL then fails ("duplicate column") although the store is now complete. Each retry re-reads what is
  /// applied, so a store another process finished is accepted and a real failure still throws.
  static func migrate(_ writer: any DatabaseWriter) throws {
    var attempt = 0
    while true {
      do {
        try migrator.migrate(writer)
        return
      } catch {
        attempt += 1
        if attempt >= 3 { throw error }
        usleep(50_000)
      }
    }
  }

  /// Opens an existing store for reading only: no migration, no write, works on a read-only file.
  public init(readingAt path: String) throws {
    self.path = path
    let queue = try Self.openForReading(path)
    let migrations: [String]
    do {
      migrations = try queue.read { db in
        try db.tableExists("grdb_migrations") ? Array(try Self.migrator.appliedIdentifiers(db)) : []
      }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw MetricsStoreError.notSQLite(path: path)
    }
    guard migrations.contains(Self.v1) else { throw MetricsStoreError.notAStore(path: path, tables: try queue.read(Self.tables)) }
    writer = nil
    reader = queue
    hasIncidentTimings = migrations.contains(Self.v2)
  }

  /// A read-only connection. A WAL store in a folder this process cannot write has no `-shm` file to
  /// share, and SQLite refuses it; such a store is then opened as immutable (nobody can be writing it
  /// through this process's eyes), which needs no lock and no `-shm`.
  static func openForReading(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(busyTimeout)
    do {
      return try DatabaseQueue(path: path, configuration: configuration)
    } catch let error as DatabaseError
      where error.resultCode.primaryResultCode == .SQLITE_READONLY || error.resultCode.primaryResultCode == .SQLITE_CANTOPEN
    {
      guard FileManager.default.fileExists(atPath: path) else { throw error }
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
      return try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: configuration)
    }
  }

  /// Refuses a file that exists and is not an (empty, or Lectern) SQLite store, without writing to it.
  static func checkIsLecternStore(_ path: String) throws {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard FileManager.default.fileExists(atPath: path), size > 0 else { return }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(busyTimeout)
    let tables: [String]
    do {
      tables = try DatabaseQueue(path: path, configuration: configuration).read(Self.tables)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
      throw MetricsStoreError.notSQLite(path: path)
    }
    let foreign = tables.filter { !ownTables.contains($0) }
    if !foreign.isEmpty { throw MetricsStoreError.notAStore(path: path, tables: foreign) }
  }

  private static func tables(_ db: Database) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
  }

  static let v1 = "v1: deployments, changes, incidents"
  static let v2 = "v2: incident acknowledged_at, mitigated_at"

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(v1) { db in
      try db.execute(
        sql: """
          CREATE TABLE deployments (
            id TEXT PRIMARY KEY NOT NULL,
            service TEXT NOT NULL,
            environment TEXT NOT NULL,
            finished_at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('success', 'failure')),
            commits TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX deployments_by_time ON deployments (environment, finished_at);
          CREATE TABLE deployment_commits (
            deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
            sha TEXT NOT NULL,
            PRIMARY KEY (deployment_id, sha)
          ) WITHOUT ROWID;
          CREATE INDEX deployment_commits_by_sha ON deployment_commits (sha);
          CREATE TABLE changes (
            sha TEXT PRIMARY KEY NOT NULL,
            service TEXT,
            committed_at INTEGER NOT NULL
          ) WITHOUT ROWID;
          CREATE TABLE incidents (
            id TEXT PRIMARY KEY NOT NULL,
            service TEXT,
            severity INTEGER CHECK (severity BETWEEN 1 AND 4),
            opened_at INTEGER NOT NULL,
            resolved_at INTEGER,
            caused_by TEXT,
            title TEXT
          ) WITHOUT ROWID;
          CREATE INDEX incidents_by_time ON incidents (opened_at);
          CREATE INDEX incidents_by_cause ON incidents (caused_by);
          """)
    }
    migrator.registerMigration(v2) { db in
      try db.execute(
        sql: """
          ALTER TABLE incidents ADD COLUMN acknowledged_at INTEGER;
          ALTER TABLE incidents ADD COLUMN mitigated_at INTEGER;
          """)
    }
    return migrator
  }

  /// What an ingest did, per kind.
  public struct IngestSummary: Sendable, Hashable {
    public struct Counts: Sendable, Hashable {
      public var added = 0
      public var replaced = 0
      public var unchanged = 0
      public var total: Int { added + replaced + unchanged }
    }

    public var deployments = Counts()
    public var changes = Counts()
    public var incidents = Counts()
  }

  /// Writes a batch in one transaction: all of it, or (on any error) nothing.
  ///
  /// A record whose id is already stored replaces it; one identical to the stored one is
  /// "unchanged", so ingesting the same data twice changes nothing. `progress` is called every
  /// 100,000 records with the number written so far.
  public func ingest(_ batch: RecordBatch, progress: ((Int) -> Void)? = nil) throws -> IngestSummary {
    guard let writer else { throw MetricsStoreError.readOnly(path: path ?? "in memory") }
    var summary = IngestSummary()
    try writer.write { db in
      // A larger page cache for the bulk of random-key index inserts.
      try db.execute(sql: "PRAGMA cache_size = -131072")
      var written = 0
      func tick() {
        written += 1
        if written % 100_000 == 0 { progress?(written) }
      }
      let deploymentsBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deployments") ?? 0
      let upsertDeployment = try db.makeStatement(
        sql: """
          INSERT INTO deployments (id, service, environment, finished_at, status, commits) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET service = excluded.service, environment = excluded.environment,
            finished_at = excluded.finished_at, status = excluded.status, commits = excluded.commits
          WHERE deployments.service IS NOT excluded.service OR deployments.environment IS NOT excluded.environment
            OR deployments.finished_at IS NOT excluded.finished_at OR deployments.status IS NOT excluded.status
            OR deployments.commits IS NOT excluded.commits
          """)
      let clearCommits = try db.makeStatement(sql: "DELETE FROM deployment_commits WHERE deployment_id = ?")
      let addCommit = try db.makeStatement(sql: "INSERT OR IGNORE INTO deployment_commits (deployment_id, sha) VALUES (?, ?)")
      var changed = 0
      // Commits need clearing only for a deployment that existed before (in the store or earlier in this batch).
      var seenInBatch = Set<String>()
      let storeHadDeployments = deploymentsBefore > 0
      // In file order, so that a later record with the same id replaces an earlier one.
      for d in batch.deployments {
        let commits = d.commits.joined(separator: " ")
        try Self.run(
          upsertDeployment,
          [
            .text(d.id), .text(d.service), .text(d.environment), .int(d.finishedAt.microseconds), .text(d.status.rawValue),
            .text(commits),
          ])
        if sqlite3_changes(db.sqliteConnection) > 0 {
          changed += 1
          if storeHadDeployments || !seenInBatch.insert(d.id).inserted {
            try Self.run(clearCommits, [.text(d.id)])
          }
          for sha in d.commits { try Self.run(addCommit, [.text(d.id), .text(sha)]) }
        }
        tick()
      }
      let deploymentsAfter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deployments") ?? 0
      summary.deployments = Self.counts(
        total: batch.deployments.count, changed: changed, added: deploymentsAfter - deploymentsBefore)

      let changesBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes") ?? 0
      let upsertChange = try db.makeStatement(
        sql: """
          INSERT INTO changes (sha, service, committed_at) VALUES (?, ?, ?)
          ON CONFLICT (sha) DO UPDATE SET service = excluded.service, committed_at = excluded.committed_at
          WHERE changes.service IS NOT excluded.service OR changes.committed_at IS NOT excluded.committed_at
          """)
      changed = 0
      for c in batch.changes {
        try Self.run(upsertChange, [.text(c.sha), BindValue(c.service), .int(c.committedAt.microseconds)])
        if sqlite3_changes(db.sqliteConnection) > 0 { changed += 1 }
        tick()
      }
      let changesAfter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes") ?? 0
      summary.changes = Self.counts(total: batch.changes.count, changed: changed, added: changesAfter - changesBefore)

      let incidentsBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") ?? 0
      let upsertIncident = try db.makeStatement(
        sql: """
          INSERT INTO incidents (id, service, severity, opened_at, resolved_at, caused_by, title, acknowledged_at, mitigated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET service = excluded.service, severity = excluded.severity,
            opened_at = excluded.opened_at, resolved_at = excluded.resolved_at, caused_by = excluded.caused_by,
            title = excluded.title, acknowledged_at = excluded.acknowledged_at, mitigated_at = excluded.mitigated_at
          WHERE incidents.service IS NOT excluded.service OR incidents.severity IS NOT excluded.severity
            OR incidents.opened_at IS NOT excluded.opened_at OR incidents.resolved_at IS NOT excluded.resolved_at
            OR incidents.caused_by IS NOT excluded.caused_by OR incidents.title IS NOT excluded.title
            OR incidents.acknowledged_at IS NOT excluded.acknowledged_at OR incidents.mitigated_at IS NOT excluded.mitigated_at
          """)
      changed = 0
      for i in batch.incidents {
        try Self.run(
          upsertIncident,
          [
            .text(i.id), BindValue(i.service), BindValue(i.severity.map(Int64.init)), .int(i.openedAt.microseconds),
            BindValue(i.resolvedAt?.microseconds), BindValue(i.causedBy), BindValue(i.title),
            BindValue(i.acknowledgedAt?.microseconds), BindValue(i.mitigatedAt?.microseconds),
          ])
        if sqlite3_changes(db.sqliteConnection) > 0 { changed += 1 }
        tick()
      }
      let incidentsAfter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") ?? 0
      summary.incidents = Self.counts(total: batch.incidents.count, changed: changed, added: incidentsAfter - incidentsBefore)
      // Fresh statistics let SQLite drive the lead-time query by SHA rather than by environment
      // (sampled, so this stays cheap on large stores).
      try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
    }
    return summary
  }

  /// Binds and runs a prepared statement through the SQLite C API: ingest binds millions of
  /// values, and GRDB's general argument conversion costs more than the insert itself.
  private static func run(_ statement: Statement, _ values: [BindValue]) throws {
    let s = statement.sqliteStatement
    sqlite3_reset(s)
    for (i, value) in values.enumerated() {
      let index = Int32(i + 1)
      switch value {
      case .text(let text):
        var t = text
        t.withUTF8 { buffer in
          buffer.withMemoryRebound(to: CChar.self) { chars in
            _ = sqlite3_bind_text(s, index, chars.baseAddress ?? emptyCString, Int32(chars.count), sqliteTransient)
          }
        }
      case .int(let n): sqlite3_bind_int64(s, index, n)
      case .null: sqlite3_bind_null(s, index)
      }
    }
    let code = sqlite3_step(s)
    guard code == SQLITE_DONE || code == SQLITE_ROW else {
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))))
    }
  }

  private enum BindValue {
    case text(String)
    case int(Int64)
    case null

    init(_ s: String?) { self = s.map { .text($0) } ?? .null }
    init(_ n: Int64?) { self = n.map { .int($0) } ?? .null }
  }

  static func counts(total: Int, changed: Int, added: Int) -> IngestSummary.Counts {
    var c = IngestSummary.Counts()
    c.added = added
    c.replaced = max(0, changed - added)
    c.unchanged = max(0, total - changed)
    return c
  }

  /// Numbers of stored records per kind, for provenance lines.
  public func recordCounts() throws -> (deployments: Int, changes: Int, incidents: Int) {
    try reader.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deployments") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") ?? 0
      )
    }
  }

  /// Runs read-only work against the store.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    try reader.read(body)
  }
}

/// SQLite's "copy the bytes now" destructor (`SQLITE_TRANSIENT`), which Swift cannot import as a macro.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

nonisolated(unsafe) private let emptyCString: UnsafePointer<CChar> = {
  let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
  p.pointee = 0
  return UnsafePointer(p)
}()

extension MetricsStore {
  /// One incident by id, or `nil`.
  public func incident(id: String) throws -> Incident? {
    let timings = hasIncidentTimings ? "acknowledged_at, mitigated_at" : "NULL AS acknowledged_at, NULL AS mitigated_at"
    return try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: "SELECT id, service, severity, opened_at, resolved_at, caused_by, title, \(timings) FROM incidents WHERE id = ?",
          arguments: [id])
      else { return nil }
      func time(_ column: String) -> Timestamp? { (row[column] as Int64?).map { Timestamp(microseconds: $0) } }
      return Incident(
        id: row["id"], service: row["service"], severity: row["severity"], openedAt: Timestamp(microseconds: row["opened_at"]),
        resolvedAt: time("resolved_at"), causedBy: row["caused_by"], title: row["title"],
        acknowledgedAt: time("acknowledged_at"), mitigatedAt: time("mitigated_at"))
    }
  }

  /// One deployment by id, or `nil`.
  public func deployment(id: String) throws -> Deployment? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, service, environment, finished_at, status, commits FROM deployments WHERE id = ?", arguments: [id])
      else { return nil }
      let commits: String = row["commits"]
      return Deployment(
        id: row["id"], service: row["service"], environment: row["environment"],
        finishedAt: Timestamp(microseconds: row["finished_at"]),
        status: Deployment.Status(rawValue: row["status"]) ?? .success,
        commits: commits.split(separator: " ").map(String.init))
    }
  }
}
