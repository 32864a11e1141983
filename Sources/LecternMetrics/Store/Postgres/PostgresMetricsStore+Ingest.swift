import Foundation
import LecternDORA
import PostgresNIO

extension PostgresMetricsStore {
  /// Records per statement: each chunk travels as one JSON parameter read by `jsonb_to_recordset`.
  static let chunkSize = 10_000

  /// Migrates the store if needed, then writes a batch in one transaction: all of it, or (on any error)
  /// nothing. Counts as the SQLite store does: a record whose id is stored and differs is replaced, an
  /// identical one is unchanged; a later record with the same id in the batch replaces an earlier one.
  /// Other ingests into the same database wait for this one (advisory lock).
  public func ingest(_ batch: RecordBatch, progress: ((Int) -> Void)? = nil) throws -> MetricsStore.IngestSummary {
    try withSession { session in
      try PostgresSchema.migrate(session)
      return try session.transaction {
        try session.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLock))")
        var written = 0
        let tick = { (n: Int) in
          let before = written / 100_000
          written += n
          if written / 100_000 > before { progress?(written) }
        }
        var summary = MetricsStore.IngestSummary()
        summary.deployments = try Self.upsert(
          session, table: "deployments", Self.rounds(batch.deployments, key: \.id), tick: tick, Self.upsertDeployments)
        summary.changes = try Self.upsert(
          session, table: "changes", Self.rounds(batch.changes, key: \.sha), tick: tick, Self.upsertChanges)
        summary.incidents = try Self.upsert(
          session, table: "incidents", Self.rounds(batch.incidents, key: \.id), tick: tick, Self.upsertIncidents)
        return summary
      }
    }
  }

  /// The batch in rounds where no key repeats (round k holds each key's k-th record, in batch order),
  /// because one `INSERT … ON CONFLICT DO UPDATE` cannot touch a row twice; later rounds replace earlier ones.
  static func rounds<T>(_ items: [T], key: (T) -> String) -> [[T]] {
    var seen: [String: Int] = [:]
    var rounds: [[T]] = []
    for item in items {
      let k = key(item)
      let round = seen[k, default: 0]
      seen[k] = round + 1
      if round == rounds.count { rounds.append([]) }
      rounds[round].append(item)
    }
    return rounds
  }

  /// Runs `write` on every chunk of every round and counts added (rows after − rows before), replaced
  /// and unchanged records from the rows each statement changed.
  private static func upsert<T>(
    _ session: PostgresSession, table: String, _ rounds: [[T]], tick: (Int) -> Void,
    _ write: (PostgresSession, ArraySlice<T>) throws -> Int
  ) throws -> MetricsStore.IngestSummary.Counts {
    let count = PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)")
    let before = try session.query(count).first?.decode(Int64.self) ?? 0
    var changed = 0
    var total = 0
    for round in rounds {
      for start in stride(from: 0, to: round.count, by: chunkSize) {
        let chunk = round[start..<min(start + chunkSize, round.count)]
        changed += try write(session, chunk)
        total += chunk.count
        tick(chunk.count)
      }
    }
    let after = try session.query(count).first?.decode(Int64.self) ?? 0
    return MetricsStore.counts(total: total, changed: changed, added: Int(after - before))
  }

  static func json<T: Encodable>(_ rows: [T]) throws -> String {
    String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
  }
}
