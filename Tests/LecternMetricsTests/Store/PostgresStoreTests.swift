import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import PostgresNIO
import Testing

@testable import LecternMetrics

private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

/// The shared PostgreSQL store against a real server: same numbers as SQLite, one transaction per
/// ingest, a foreign schema refused, concurrent ingests waiting, reading with SELECT rights only.
@Suite(.postgresServer) struct PostgresStoreTests {
  private static let enabled = PostgresServer.unavailableReason == nil
  private static let reason: Comment = "PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are absent"

  /// Visible in the test list: says why the PostgreSQL cases of every store test did not run.
  @Test(.enabled(if: enabled, reason)) func aRealServerIsRunning() throws {
    let server = try SharedPostgres.current()
    #expect(server.isRunning)
    let store = try TestStore(.postgres)
    _ = try store.ingest(RecordBatch())
    #expect(try PostgresMetricsStore(PostgresStoreURL(store.db)).appliedMigrations() == [MetricsStore.v1, MetricsStore.v2])
  }

  /// The example data (1,134 deployments, 2,836 changes, 33 incidents) gives identical reports, trends
  /// and per-service views from both stores.
  @Test(.enabled(if: enabled, reason)) func bothStoresGiveIdenticalNumbers() throws {
    let root = TestPaths.repositoryRoot().appendingPathComponent("decks/data")
    let batch = try MetricsInput.readAll(
      ["deployments.csv", "changes.csv", "incidents.jsonl"].map { root.appendingPathComponent($0).path }, kind: nil)
    let sqlite = try TestStore(.sqlite)
    let postgres = try TestStore(.postgres)
    #expect(try sqlite.ingest(batch) == postgres.ingest(batch))
    #expect(try sqlite.recordCounts() == postgres.recordCounts())
    let window = Window(start: t("2026-08-01T00:00:00Z"), end: t("2026-11-29T00:00:00Z"))
    let provider = MetricsProvider()
    func request(_ db: String, services: [String] = []) throws -> MetricsRequest {
      MetricsRequest(location: try .named(db), window: window, services: services, percentiles: [0.5, 0.75, 0.9])
    }
    for services in [[], ["checkout-api"], ["search", "billing"]] {
      var a = try provider.report(request(sqlite.db, services: services))
      var b = try provider.report(request(postgres.db, services: services))
      #expect(a.source != b.source)
      a.source = ""
      b.source = ""
      #expect(a == b)
      #expect(a.counts.deployments > 0)
    }
    let trendA = try provider.trend(request(sqlite.db), by: .week).map(\.measurements)
    #expect(try trendA == provider.trend(request(postgres.db), by: .week).map(\.measurements))
    let byA = try provider.byService(request(sqlite.db)).map(\.measurements)
    #expect(try byA == provider.byService(request(postgres.db)).map(\.measurements))
    #expect(byA.count == 4)
  }

  @Test(.enabled(if: enabled, reason)) func everyFieldSurvivesTheRoundTrip() throws {
    var batch = RecordBatch()
    batch.deployments = [
      Deployment(
        id: "dé-1 ✓", service: "api, eu", environment: "Prod", finishedAt: t("2026-03-02T10:00:00.123456Z"), status: .failure,
        commits: ["a1", "b2"])
    ]
    batch.changes = [
      Change(sha: "a1", committedAt: t("1970-01-01T00:00:00Z")),
      Change(sha: "b2", service: "x", committedAt: t("2026-03-01T00:00:00Z")),
    ]
    batch.incidents = [
      Incident(
        id: "i'1\"", service: "api", severity: 4, openedAt: t("2026-03-02T11:00:00Z"), resolvedAt: t("2026-03-02T12:00:00Z"),
        causedBy: "dé-1 ✓", title: "quote ' and \\ backslash; DROP TABLE incidents", acknowledgedAt: t("2026-03-02T11:05:00Z"),
        mitigatedAt: t("2026-03-02T11:30:00Z")),
      Incident(id: "i2", openedAt: t("2026-03-03T00:00:00Z")),
    ]
    let store = try TestStore(.postgres)
    _ = try store.ingest(batch)
    let reader = try store.reader()
    #expect(try reader.deployment(id: "dé-1 ✓") == batch.deployments[0])
    #expect(try reader.incident(id: "i'1\"") == batch.incidents[0])
    #expect(try reader.incident(id: "i2") == batch.incidents[1])
    #expect(try reader.recordCounts() == (1, 2, 2))
  }

  @Test(.enabled(if: enabled, reason)) func aSchemaWithOtherTablesIsRefusedBeforeAnythingIsWritten() throws {
    let server = try SharedPostgres.current()
    let url = try PostgresStoreURL(server.url(schema: "foreign_app"))
    let session = try PostgresSession(url)
    defer { session.close() }
    try session.execute("CREATE SCHEMA IF NOT EXISTS foreign_app")
    try session.execute("CREATE TABLE IF NOT EXISTS foreign_app.users (id INTEGER PRIMARY KEY, name TEXT)")
    #expect(throws: PostgresStoreError.notAStore(store: url.description, tables: ["users"])) {
      _ = try MetricsProvider.ingest(HandDataset.batch, into: server.url(schema: "foreign_app"))
    }
    #expect(throws: PostgresStoreError.notAStore(store: url.description, tables: ["users"])) {
      _ = try PostgresMetricsStore(url).snapshot()
    }
    #expect(try PostgresSchema.tables(session) == ["users"])
  }

  @Test(.enabled(if: enabled, reason)) func readingAStoreNobodyWroteSaysSo() throws {
    let url = try PostgresStoreURL(TestStore(.postgres).db)
    #expect(throws: PostgresStoreError.noStore(store: url.description)) { _ = try PostgresMetricsStore(url).snapshot() }
    #expect(try PostgresMetricsStore(url).appliedMigrations().isEmpty)
  }

  /// show/report/build need SELECT only: a role without any write right reads and computes; its ingest
  /// is refused with the server's reason, and nothing is written.
  @Test(.enabled(if: enabled, reason)) func aRoleWithSelectOnlyReadsAndComputes() throws {
    let store = try TestStore(.postgres)
    _ = try store.ingest(HandDataset.batch)
    let url = try PostgresStoreURL(store.db)
    let admin = try PostgresSession(url)
    defer { admin.close() }
    try admin.execute("DO $$ BEGIN CREATE ROLE lectern_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    try admin.execute("GRANT USAGE ON SCHEMA \(url.schema) TO lectern_reader")
    try admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA \(url.schema) TO lectern_reader")
    let readerURL = store.db.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://lectern_reader@")
    let report = try MetricsProvider().report(
      MetricsRequest(location: .named(readerURL), window: HandDataset.window, services: []))
    #expect(report.measurement(.changeFailureRate)?.number == 50)
    #expect(report.source == url.description.replacingOccurrences(of: "postgres@", with: "lectern_reader@"))
    do {
      _ = try MetricsProvider.ingest(HandDataset.batch, into: readerURL)
      Issue.record("a SELECT-only role must not write")
    } catch let error as PostgresStoreError {
      #expect("\(error)".contains("permission denied"))
    }
    #expect(try store.recordCounts() == (7, 6, 6))
  }

  /// A second ingest waits for one in progress (advisory lock) instead of failing, then writes.
  @Test(.enabled(if: enabled, reason)) func aSecondWriterWaitsForTheFirst() throws {
    let store = try TestStore(.postgres)
    _ = try store.ingest(RecordBatch())
    let holder = try PostgresSession(PostgresStoreURL(store.db))
    defer { holder.close() }
    try holder.execute("BEGIN")
    try holder.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLock))")
    let released = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: 0.8)
      try? holder.execute("COMMIT")
      released.signal()
    }
    let started = Date()
    let summary = try store.ingest(HandDataset.batch)
    #expect(Date().timeIntervalSince(started) > 0.5)
    #expect(summary.deployments.added == 7)
    released.wait()
  }

  /// Concurrent ingests of overlapping batches from several threads all succeed, one after another:
  /// the store ends with every record once, and exactly one ingest added each.
  @Test(.enabled(if: enabled, reason)) func concurrentIngestsAllLand() throws {
    let store = try TestStore(.postgres)
    let batches = (0..<4).map { n -> RecordBatch in
      var b = HandDataset.batch
      b.changes.append(Change(sha: "only-\(n)", committedAt: t("2026-03-01T00:00:00Z")))
      return b
    }
    let results = Locked<[MetricsStore.IngestSummary]>([])
    DispatchQueue.concurrentPerform(iterations: batches.count) { i in
      if let summary = try? store.ingest(batches[i]) { results.withLock { $0.append(summary) } }
    }
    let summaries = results.withLock { $0 }
    #expect(summaries.count == 4)
    #expect(summaries.map(\.deployments.added).reduce(0, +) == 7)
    #expect(summaries.map(\.changes.added).reduce(0, +) == 6 + 4)
    #expect(try store.recordCounts() == (7, 10, 6))
  }

  @Test(.enabled(if: enabled, reason)) func aStoppedServerIsAClearError() throws {
    let url = try PostgresStoreURL("postgresql://postgres@127.0.0.1:1/postgres?sslmode=disable")
    do {
      _ = try PostgresMetricsStore(url).snapshot()
      Issue.record("expected a connection error")
    } catch let error as PostgresStoreError {
      guard case .cannotConnect = error else { throw error }
      #expect("\(error)".hasPrefix("postgresql://postgres@127.0.0.1:1/postgres: error: cannot connect:"))
    }
  }
}
