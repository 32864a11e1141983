import Foundation
import LecternDORA
import PostgresNIO

/// A metrics store on a PostgreSQL server, shared by a team: the SQLite store's schema, migrations and
/// upserts in PostgreSQL's dialect.
///
/// Writing: `ingest` is one transaction (all of the batch or nothing) under an advisory lock, so
/// concurrent ingests from several machines wait for each other. Reading: `snapshot()` copies every
/// record, in one read-only repeatable-read transaction, into an in-memory SQLite store, where the one
/// `DORACalculator` computes the numbers: both stores share one computation and give identical numbers.
public final class PostgresMetricsStore: Sendable {
  public let url: PostgresStoreURL

  /// Names the store; nothing is opened until it is used.
  public init(_ url: PostgresStoreURL) {
    self.url = url
  }

  /// Runs `body` on a new connection, closed afterwards.
  func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    let session = try PostgresSession(url)
    defer { session.close() }
    return try body(session)
  }

  /// The migrations applied to the store (empty when no ingest has created it).
  public func appliedMigrations() throws -> [String] {
    try withSession { try PostgresSchema.applied($0) }
  }

  /// Every record, read in one consistent read-only transaction into a new in-memory SQLite store.
  public func snapshot() throws -> MetricsStore {
    let batch = try withSession { session in
      try session.transaction(readOnly: true) {
        let applied = try PostgresSchema.applied(session)
        guard applied.contains(MetricsStore.v1) else {
          let foreign = try PostgresSchema.tables(session).filter { !PostgresSchema.ownTables.contains($0) }
          if !foreign.isEmpty { throw PostgresStoreError.notAStore(store: url.description, tables: foreign) }
          throw PostgresStoreError.noStore(store: url.description)
        }
        return try Self.load(session, timings: applied.contains(MetricsStore.v2))
      }
    }
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    return store
  }

  /// Numbers of stored records per kind.
  public func recordCounts() throws -> (deployments: Int, changes: Int, incidents: Int) {
    try withSession { session in
      let row = try session.query(
        """
        SELECT (SELECT COUNT(*) FROM deployments), (SELECT COUNT(*) FROM changes), (SELECT COUNT(*) FROM incidents)
        """
      ).first
      guard let n = try row?.decode((Int64, Int64, Int64).self) else { return (0, 0, 0) }
      return (Int(n.0), Int(n.1), Int(n.2))
    }
  }

  private static func load(_ session: PostgresSession, timings: Bool) throws -> RecordBatch {
    var batch = RecordBatch()
    batch.deployments = try session.query(
      "SELECT id, service, environment, finished_at, status, commits FROM deployments ORDER BY id"
    ).map { row in
      let (id, service, environment, finished, status, commits) = try row.decode(
        (String, String, String, Int64, String, String).self)
      return Deployment(
        id: id, service: service, environment: environment, finishedAt: Timestamp(microseconds: finished),
        status: Deployment.Status(rawValue: status) ?? .success, commits: commits.split(separator: " ").map(String.init))
    }
    batch.changes = try session.query("SELECT sha, service, committed_at FROM changes ORDER BY sha").map { row in
      let (sha, service, committed) = try row.decode((String, String?, Int64).self)
      return Change(sha: sha, service: service, committedAt: Timestamp(microseconds: committed))
    }
    let extra = timings ? "acknowledged_at, mitigated_at" : "NULL::bigint, NULL::bigint"
    batch.incidents = try session.query(
      PostgresQuery(
        unsafeSQL: "SELECT id, service, severity, opened_at, resolved_at, caused_by, title, \(extra) FROM incidents ORDER BY id")
    ).map { row in
      let (id, service, severity, opened, resolved, cause, title, acknowledged, mitigated) = try row.decode(
        (String, String?, Int32?, Int64, Int64?, String?, String?, Int64?, Int64?).self)
      func time(_ t: Int64?) -> Timestamp? { t.map(Timestamp.init(microseconds:)) }
      return Incident(
        id: id, service: service, severity: severity.map(Int.init), openedAt: Timestamp(microseconds: opened),
        resolvedAt: time(resolved), causedBy: cause, title: title, acknowledgedAt: time(acknowledged),
        mitigatedAt: time(mitigated))
    }
    return batch
  }
}
