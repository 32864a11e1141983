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
  let writer: any DatabaseWriter
  /// The file, or `nil` for an in-memory store.
  public let path: String?

  /// Opens (creating if needed) the store at `path`, or an in-memory store for `nil`.
  public init(path: String?) throws {
    self.path = path
    var configuration = Configuration()
    // The one foreign key (commits → deployment) is kept by `ingest` itself, which replaces a
    // deployment's commits with it; checking it on each of a million inserted rows costs a lookup each.
    configuration.foreignKeysEnabled = false
    if let path {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let pool = try DatabasePool(path: path, configuration: configuration)  // WAL mode
      writer = pool
    } else {
      writer = try DatabaseQueue(configuration: configuration)
    }
    try Self.migrator.migrate(writer)
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: deployments, changes, incidents") { db in
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
          INSERT INTO incidents (id, service, severity, opened_at, resolved_at, caused_by, title) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET service = excluded.service, severity = excluded.severity,
            opened_at = excluded.opened_at, resolved_at = excluded.resolved_at, caused_by = excluded.caused_by,
            title = excluded.title
          WHERE incidents.service IS NOT excluded.service OR incidents.severity IS NOT excluded.severity
            OR incidents.opened_at IS NOT excluded.opened_at OR incidents.resolved_at IS NOT excluded.resolved_at
            OR incidents.caused_by IS NOT excluded.caused_by OR incidents.title IS NOT excluded.title
          """)
      changed = 0
      for i in batch.incidents {
        try Self.run(
          upsertIncident,
          [
            .text(i.id), BindValue(i.service), BindValue(i.severity.map(Int64.init)), .int(i.openedAt.microseconds),
            BindValue(i.resolvedAt?.microseconds), BindValue(i.causedBy), BindValue(i.title),
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

  private static func counts(total: Int, changed: Int, added: Int) -> IngestSummary.Counts {
    var c = IngestSummary.Counts()
    c.added = added
    c.replaced = max(0, changed - added)
    c.unchanged = max(0, total - changed)
    return c
  }

  /// Numbers of stored records per kind, for provenance lines.
  public func recordCounts() throws -> (deployments: Int, changes: Int, incidents: Int) {
    try writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deployments") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes") ?? 0,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") ?? 0
      )
    }
  }

  /// Runs read-only work against the store.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    try writer.read(body)
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
    try read { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, service, severity, opened_at, resolved_at, caused_by, title FROM incidents WHERE id = ?",
          arguments: [id])
      else { return nil }
      let resolved: Int64? = row["resolved_at"]
      return Incident(
        id: row["id"], service: row["service"], severity: row["severity"], openedAt: Timestamp(microseconds: row["opened_at"]),
        resolvedAt: resolved.map { Timestamp(microseconds: $0) }, causedBy: row["caused_by"], title: row["title"])
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
