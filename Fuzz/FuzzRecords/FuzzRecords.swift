// libFuzzer target: the metrics record readers (CSV, JSON Lines, JSON arrays).
//
// The record kind is the one the input's field names suggest (`sha` → changes, `opened_at` → incidents, else
// deployments), so seeds keep meaning what they meant; every input goes through all three formats.
// Oracles: no crash; every problem names the file and a line that exists in the input; no more records than
// the input has lines (CSV and JSON Lines) or objects (JSON).
import LecternDORA
import LecternRecords

func kind(of bytes: [UInt8]) -> RecordKind {
  let head = String(decoding: bytes.prefix(512), as: UTF8.self)
  if head.contains("sha") { return .changes }
  if head.contains("opened_at") || head.contains("openedAt") || head.contains("incident") { return .incidents }
  return .deployments
}

/// One input from libFuzzer (`data` is nil when `size` is 0).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  // Lines end at LF, CRLF or a lone CR (as the CSV reader ends rows).
  let lines =
    1
    + bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && bytes[$0 + 1 == bytes.count ? $0 : $0 + 1] != 0x0A) }
    .count
  let objects = bytes.reduce(0) { $0 + ($1 == 0x7B ? 1 : 0) }
  let kind = kind(of: bytes)
  for format in [RecordFile.Format.csv, .jsonl, .json] {
    var batch = RecordBatch()
    var problems = IngestProblems()
    RecordFile.read(bytes, name: "fuzz", kind: kind, format: format, into: &batch, problems: &problems)
    precondition(batch.count <= (format == .json ? objects : lines), "\(format) \(kind): \(batch.count) records")
    for problem in problems.errors {
      precondition(problem.file == "fuzz", "\(format) \(kind): problem names \(problem.file)")
      if let line = problem.line {
        precondition(line >= 1 && line <= lines, "\(format) \(kind): problem at line \(line) of \(lines): \(problem)")
      }
    }
  }
  return 0
}
