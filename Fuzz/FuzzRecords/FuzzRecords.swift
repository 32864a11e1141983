// libFuzzer target: the metrics record readers (CSV, JSON Lines, JSON arrays) for every record kind.
//
// Oracles: no crash; every problem names the file and a line that exists in the input; reading is
// deterministic (the same bytes give the same records and problems).
import LecternDORA
import LecternMetrics

/// One input from libFuzzer (`data` is nil when `size` is 0).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
  let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
  for format in [RecordFile.Format.csv, .jsonl, .json] {
    for kind in RecordKind.allCases {
      var batch = RecordBatch()
      var problems = IngestProblems()
      RecordFile.read(bytes, name: "fuzz", kind: kind, format: format, into: &batch, problems: &problems)
      var again = RecordBatch()
      var againProblems = IngestProblems()
      RecordFile.read(bytes, name: "fuzz", kind: kind, format: format, into: &again, problems: &againProblems)
      precondition(batch.count == again.count, "\(format) \(kind): record count differs between two reads")
      precondition(problems == againProblems, "\(format) \(kind): problems differ between two reads")
      for problem in problems.errors {
        precondition(problem.file == "fuzz", "\(format) \(kind): problem names \(problem.file)")
        if let line = problem.line {
          precondition(line >= 1 && line <= lines, "\(format) \(kind): problem at line \(line) of \(lines): \(problem)")
        }
      }
    }
  }
  return 0
}
