import Foundation
import LecternDORA

/// Reads one input file into a batch of records (all of one kind).
public enum RecordFile {
  public enum Format: String, Sendable { case csv, jsonl, json }

  /// The format a file name implies: `.csv`, `.jsonl`/`.ndjson`, `.json`.
  public static func format(of path: String) -> Format? {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") { return .csv }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
    if lower.hasSuffix(".json") { return .json }
    return nil
  }

  /// Reads `bytes` as `kind` records in `format`; every error names `name`, the line and the field.
  ///
  /// Reading goes on past a bad record, so that every bad record is found; throws `IngestProblems`
  /// (all of them) at the end when there was any.
  public static func read(_ bytes: [UInt8], name: String, kind: RecordKind, format: Format, into batch: inout RecordBatch) throws
  {
    var problems = IngestProblems()
    read(bytes, name: name, kind: kind, format: format, into: &batch, problems: &problems)
    if !problems.isEmpty { throw problems }
  }

  /// Reads `bytes`, adding good records to `batch` and bad ones to `problems`.
  public static func read(
    _ bytes: [UInt8], name: String, kind: RecordKind, format: Format, into batch: inout RecordBatch,
    problems: inout IngestProblems
  ) {
    let decoder = RecordDecoder(file: name)
    func add(_ get: (Field) -> FieldValue?, _ line: Int) throws {
      switch kind {
      case .deployments: batch.deployments.append(try decoder.deployment(get, line: line))
      case .changes: batch.changes.append(try decoder.change(get, line: line))
      case .incidents: batch.incidents.append(try decoder.incident(get, line: line))
      }
    }
    switch format {
    case .csv: readCSV(bytes, name: name, problems: &problems, add)
    case .jsonl: readJSONLines(bytes, name: name, problems: &problems, add)
    case .json: readJSONArray(bytes, name: name, problems: &problems, add)
    }
  }

  static func readJSONLines(
    _ bytes: [UInt8], name: String, problems: inout IngestProblems, _ add: ((Field) -> FieldValue?, Int) throws -> Void
  ) {
    let decoder = JSONDecoder()
    var line = 0
    var start = 0
    for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
      line += 1
      let slice = bytes[start..<i]
      start = i + 1
      guard slice.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
      let value: JSONValue
      do {
        value = try decoder.decode(JSONValue.self, from: Data(slice))
      } catch {
        problems.add(IngestError(file: name, line: line, field: nil, message: "invalid JSON; expected one object per line"))
        continue
      }
      record(value, name: name, line: line, problems: &problems, add)
    }
  }

  static func readJSONArray(
    _ bytes: [UInt8], name: String, problems: inout IngestProblems, _ add: ((Field) -> FieldValue?, Int) throws -> Void
  ) {
    let value: JSONValue
    let spans = elementSpans(bytes)
    do {
      value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    } catch {
      // Name the elements that do not parse on their own; else the array itself is malformed.
      let decoder = JSONDecoder()
      let bad = spans.filter { (try? decoder.decode(JSONValue.self, from: Data(bytes[$0.range]))) == nil }
      for span in bad {
        problems.add(IngestError(file: name, line: span.line, field: nil, message: "invalid JSON; expected an object"))
      }
      if bad.isEmpty {
        problems.add(IngestError(file: name, line: nil, field: nil, message: "invalid JSON; expected an array of objects"))
      }
      return
    }
    guard case .array(let array) = value else {
      problems.add(
        IngestError(file: name, line: 1, field: nil, message: "\(value.kindDescription); expected a JSON array of objects"))
      return
    }
    let lines = spans.map(\.line)
    for (index, element) in array.enumerated() {
      record(element, name: name, line: index < lines.count ? lines[index] : 1, problems: &problems, add)
    }
  }

  private static func record(
    _ value: JSONValue, name: String, line: Int, problems: inout IngestProblems,
    _ add: ((Field) -> FieldValue?, Int) throws -> Void
  ) {
    guard case .object(let object) = value else {
      problems.add(IngestError(file: name, line: line, field: nil, message: "\(value.kindDescription); expected an object"))
      return
    }
    do {
      try add({ field in object[field.name].map { .json($0) } }, line)
    } catch let error as IngestError {
      problems.add(error)
    } catch {
      problems.add(IngestError(file: name, line: line, field: nil, message: "\(error)"))
    }
  }

  /// Where each top-level element of a JSON array is: the line it starts on and its bytes.
  static func elementSpans(_ bytes: [UInt8]) -> [(line: Int, range: Range<Int>)] {
    var spans: [(line: Int, range: Range<Int>)] = []
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    var previous: UInt8 = 0
    var open: (line: Int, start: Int)?
    for (i, b) in bytes.enumerated() {
      if b == 0x0A { line += 1 }
      if inString {
        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
        continue
      }
      let significant = !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09)
      // At depth 1, a value starts right after the opening '[' or a ',' and ends at the next ',' or ']'.
      if significant, depth == 1, previous == 0x5B || previous == 0x2C, b != 0x5D { open = (line, i) }
      if depth == 1, b == 0x2C || b == 0x5D, let o = open {
        spans.append((o.line, o.start..<i))
        open = nil
      }
      switch b {
      case 0x22: inString = true
      case 0x7B, 0x5B: depth += 1
      case 0x7D, 0x5D: depth -= 1
      default: break
      }
      if significant { previous = b }
    }
    return spans
  }
}
