import Foundation
import LecternDORA
import LecternTestSupport

@testable import LecternMetrics

/// A fresh store of one kind for one test: an SQLite file in a temporary folder, or a new schema on
/// the suite's PostgreSQL server (`.postgresServer`). Written and read through the same doors the
/// commands use (`MetricsProvider.ingest(_:into:)`, `MetricsLocation.named`).
struct TestStore {
  let kind: StoreKind
  /// What `--db` would say: the SQLite path or the `postgresql://` URL.
  let db: String

  init(_ kind: StoreKind) throws {
    self.kind = kind
    switch kind {
    case .sqlite: db = TestPaths.temporaryDirectory().appendingPathComponent("store/m.sqlite").path
    case .postgres:
      let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
      db = try SharedPostgres.current().url(schema: schema)
    }
  }

  func ingest(_ batch: RecordBatch) throws -> MetricsStore.IngestSummary {
    try MetricsProvider.ingest(batch, into: db)
  }

  /// The store as `show`, `report` and `build` read it: read-only.
  func reader() throws -> MetricsStore {
    switch try MetricsLocation.named(db) {
    case .server(let url): try PostgresMetricsStore(url).snapshot()
    default: try MetricsStore(readingAt: db)
    }
  }

  /// The records stored now, counted where they are stored.
  func recordCounts() throws -> (deployments: Int, changes: Int, incidents: Int) {
    switch try MetricsLocation.named(db) {
    case .server(let url): try PostgresMetricsStore(url).recordCounts()
    default: try MetricsStore(readingAt: db).recordCounts()
    }
  }

  /// `batch` in a store of `kind`, opened for reading: SQLite in memory (as `--data` does), or written
  /// to PostgreSQL and read back.
  static func loaded(_ batch: RecordBatch, _ kind: StoreKind) throws -> MetricsStore {
    switch kind {
    case .sqlite:
      let store = try MetricsStore(path: nil)
      _ = try store.ingest(batch)
      return store
    case .postgres:
      let store = try TestStore(.postgres)
      _ = try store.ingest(batch)
      return try store.reader()
    }
  }
}
