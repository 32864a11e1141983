import Foundation
import GRDB
import GRDBSQLite
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

/// Reading never writes; a foreign SQLite file is refused untouched; concurrent writers wait.
@Suite struct StoreAccessTests {
  private func storePath() -> String {
    TestPaths.temporaryDirectory().appendingPathComponent("store/m.sqlite").path
  }

  @Test func aStoreOpenedForReadingIsReadOnlyAndComputes() throws {
    let path = storePath()
    _ = try MetricsStore(path: path).ingest(HandDataset.batch)
    let reader = try MetricsStore(readingAt: path)
    let readonly = try reader.read { db in sqlite3_db_readonly(db.sqliteConnection, "main") }
    #expect(readonly == 1)
    #expect(try DORACalculator(store: reader).report(window: HandDataset.window).measurement(.changeFailureRate)?.number == 50)
    #expect(throws: MetricsStoreError.readOnly(path: path)) { _ = try reader.ingest(HandDataset.batch) }
  }

  @Test func aForeignSQLiteFileIsRefusedBeforeAnythingIsWritten() throws {
    let path = storePath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let foreign = try DatabaseQueue(path: path)
    try foreign.write { db in
      try db.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')")
    }
    try foreign.close()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: MetricsStoreError.notAStore(path: path, tables: ["users"])) { _ = try MetricsStore(path: path) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let tables = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    #expect(tables == ["users"])
  }

  @Test func aFileThatIsNotSQLiteIsRefused() throws {
    let path = storePath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try "id,service\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: MetricsStoreError.notSQLite(path: path)) { _ = try MetricsStore(path: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,service\n")
  }

  @Test func aSecondWriterWaitsForTheFirst() throws {
    let path = storePath()
    let first = try MetricsStore(path: path)
    let second = try MetricsStore(path: path)
    let holding = DispatchSemaphore(value: 0)
    let secondStarted = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    // The first store holds the write lock until the second has started its ingest, and 0.8 s more;
    // the second must wait for it (busy timeout), not fail at once with "database is locked".
    Thread.detachNewThread {
      try? first.writer!.write { db in
        try db.execute(sql: "INSERT INTO changes (sha, committed_at) VALUES ('held', 0)")
        holding.signal()
        secondStarted.wait()
        Thread.sleep(forTimeInterval: 0.8)
      }
      done.signal()
    }
    holding.wait()
    secondStarted.signal()
    let started = Date()
    let summary = try second.ingest(HandDataset.batch)
    #expect(Date().timeIntervalSince(started) > 0.5)
    #expect(summary.deployments.added == 7)
    done.wait()
    #expect(try second.recordCounts().changes == 7)
  }

  @Test func aVersionOneStoreIsReadWithoutTimingsAndMigratedOnIngest() throws {
    let path = storePath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let old = try DatabasePool(path: path)
    try MetricsStore.migrator.migrate(old, upTo: MetricsStore.v1)
    try old.write { db in
      try db.execute(sql: "INSERT INTO incidents (id, opened_at) VALUES ('i1', 1772445600000000)")
    }
    try old.close()
    let reader = try MetricsStore(readingAt: path)
    #expect(try reader.incident(id: "i1")?.acknowledgedAt == nil)
    var batch = RecordBatch()
    batch.incidents = [
      Incident(
        id: "i2", openedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!,
        acknowledgedAt: Timestamp(rfc3339: "2026-03-02T10:05:00Z")!, mitigatedAt: Timestamp(rfc3339: "2026-03-02T10:30:00Z")!)
    ]
    _ = try MetricsStore(path: path).ingest(batch)
    let stored = try MetricsStore(readingAt: path).incident(id: "i2")
    #expect(stored?.acknowledgedAt == Timestamp(rfc3339: "2026-03-02T10:05:00Z"))
    #expect(stored?.mitigatedAt == Timestamp(rfc3339: "2026-03-02T10:30:00Z"))
    // Changing only a timing replaces the record (it is part of the record's identity for upserts).
    batch.incidents[0].mitigatedAt = Timestamp(rfc3339: "2026-03-02T10:35:00Z")!
    #expect(try MetricsStore(path: path).ingest(batch).incidents.replaced == 1)
  }

  @Test func aPathThatIsNotAStoreIsNotOpenedForReading() throws {
    let path = storePath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let foreign = try DatabaseQueue(path: path)
    try foreign.write { try $0.execute(sql: "CREATE TABLE users (id INTEGER)") }
    try foreign.close()
    #expect(throws: MetricsStoreError.notAStore(path: path, tables: ["users"])) { _ = try MetricsStore(readingAt: path) }
  }
}
