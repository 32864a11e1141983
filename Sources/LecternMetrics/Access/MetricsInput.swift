import Foundation
import LecternCore
import LecternDORA
import LecternRecords

/// Reading record files: one file, many in parallel, or a folder into an in-memory store.
public enum MetricsInput {
  /// Reads one file into `batch`; bad records go to `problems` (reading goes on past them). Throws for a
  /// file that cannot be read at all.
  public static func read(_ path: String, kind: RecordKind?, into batch: inout RecordBatch, problems: inout IngestProblems)
    throws
  {
    guard let format = RecordFile.format(of: path) else {
      throw IngestError(file: path, line: nil, field: nil, message: "unknown format; expected .csv, .jsonl, .ndjson or .json")
    }
    guard let kind = kind ?? RecordKind.from(fileName: (path as NSString).lastPathComponent) else {
      throw IngestError(
        file: path, line: nil, field: nil,
        message: "cannot tell the record kind from the name; use --kind deployments|changes|incidents")
    }
    guard FileManager.default.fileExists(atPath: path) else { throw InputError.missingFile(path: path) }
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    RecordFile.read(bytes, name: path, kind: kind, format: format, into: &batch, problems: &problems)
  }

  /// Reads one file into `batch`; throws `IngestProblems` listing every bad record.
  public static func read(_ path: String, kind: RecordKind?, into batch: inout RecordBatch) throws {
    var problems = IngestProblems()
    try read(path, kind: kind, into: &batch, problems: &problems)
    if !problems.isEmpty { throw problems }
  }

  /// Reads files in parallel (each into its own batch) and joins the batches in argument order; throws
  /// `IngestProblems` listing the bad records of every file (in argument order) when there is any.
  public static func readAll(_ paths: [String], kind: RecordKind?) throws -> RecordBatch {
    let results = try paths.concurrentMap { path in
      var batch = RecordBatch()
      var problems = IngestProblems()
      try read(path, kind: kind, into: &batch, problems: &problems)
      return (batch, problems)
    }
    var problems = IngestProblems()
    for (_, p) in results { problems.add(p) }
    if !problems.isEmpty { throw problems }
    var all = RecordBatch()
    for (b, _) in results {
      all.deployments += b.deployments
      all.changes += b.changes
      all.incidents += b.incidents
    }
    return all
  }

  /// Every record file in a folder, ingested into a new in-memory store.
  public static func inMemoryStore(from directory: String) throws -> MetricsStore {
    var batch = RecordBatch()
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var found = 0
    let files = names.sorted().filter { RecordFile.format(of: $0) != nil && RecordKind.from(fileName: $0) != nil }
    batch = try readAll(files.map { (directory as NSString).appendingPathComponent($0) }, kind: nil)
    found = files.count
    if found == 0 {
      throw IngestError(
        file: directory, line: nil, field: nil,
        message: "no record files; expected deployments/changes/incidents .csv, .jsonl or .json")
    }
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    return store
  }
}
