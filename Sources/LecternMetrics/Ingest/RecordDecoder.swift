import Foundation
import LecternDORA

/// A field as read from CSV (always text) or JSON (text, number, list, null).
enum FieldValue {
  case text(String)
  case number(Double)
  case list([String])
  case null

  var text: String? {
    switch self {
    case .text(let s): return s
    case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .list, .null: return nil
    }
  }
}

/// The text without leading and trailing spaces and tabs; the same string when there are none.
func trimSpaces(_ s: String) -> String {
  let u = s.utf8
  guard let f = u.first, let l = u.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
  var sub = Substring(s)
  while let c = sub.first, c == " " || c == "\t" { sub.removeFirst() }
  while let c = sub.last, c == " " || c == "\t" { sub.removeLast() }
  return String(sub)
}

/// The fields the contract defines, resolved to CSV columns once per file.
enum Field: Int, CaseIterable {
  case id, service, environment, finishedAt, status, commits, sha, committedAt, severity, openedAt, resolvedAt, causedBy, title

  var name: String {
    switch self {
    case .id: "id"
    case .service: "service"
    case .environment: "environment"
    case .finishedAt: "finished_at"
    case .status: "status"
    case .commits: "commits"
    case .sha: "sha"
    case .committedAt: "committed_at"
    case .severity: "severity"
    case .openedAt: "opened_at"
    case .resolvedAt: "resolved_at"
    case .causedBy: "caused_by"
    case .title: "title"
    }
  }
}

/// Turns fields into typed records, with errors that name the file, line, field and expected form.
struct RecordDecoder {
  let file: String

  private func fail(_ line: Int, _ field: String?, _ message: String) -> IngestError {
    IngestError(file: file, line: line, field: field, message: message)
  }

  private func required(_ get: (Field) -> FieldValue?, _ field: Field, line: Int) throws -> String {
    guard let value = get(field) else { throw fail(line, field.name, "missing; expected a value") }
    guard let text = value.text.map(trimSpaces), !text.isEmpty else {
      throw fail(line, field.name, "empty; expected a value")
    }
    return text
  }

  private func optional(_ get: (Field) -> FieldValue?, _ field: Field) -> String? {
    guard let t = get(field)?.text.map(trimSpaces), !t.isEmpty else { return nil }
    return t
  }

  private func timestamp(_ text: String, _ field: Field, line: Int) throws -> Timestamp {
    guard let t = Timestamp(rfc3339: text) else {
      throw fail(
        line, field.name,
        "'\(text)' is not an RFC 3339 timestamp; expected a form like 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00")
    }
    return t
  }

  func deployment(_ get: (Field) -> FieldValue?, line: Int) throws -> Deployment {
    let id = try required(get, .id, line: line)
    let service = try required(get, .service, line: line)
    let finished = try timestamp(try required(get, .finishedAt, line: line), .finishedAt, line: line)
    let environment = optional(get, .environment) ?? "production"
    var status = Deployment.Status.success
    if let s = optional(get, .status) {
      guard let parsed = Deployment.Status(rawValue: s.lowercased()) else {
        throw fail(line, "status", "'\(s)' is not a status; expected 'success' or 'failure'")
      }
      status = parsed
    }
    var commits: [String] = []
    switch get(.commits) {
    case .list(let items): commits = items.map(trimSpaces).filter { !$0.isEmpty }
    case .text(let s): commits = s.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" || $0 == "," }).map(String.init)
    case .number(let d): commits = [FieldValue.number(d).text ?? ""]
    case .null, nil: break
    }
    return Deployment(id: id, service: service, environment: environment, finishedAt: finished, status: status, commits: commits)
  }

  func change(_ get: (Field) -> FieldValue?, line: Int) throws -> Change {
    let sha = try required(get, .sha, line: line)
    let committed = try timestamp(try required(get, .committedAt, line: line), .committedAt, line: line)
    return Change(sha: sha, service: optional(get, .service), committedAt: committed)
  }

  func incident(_ get: (Field) -> FieldValue?, line: Int) throws -> Incident {
    let id = try required(get, .id, line: line)
    let opened = try timestamp(try required(get, .openedAt, line: line), .openedAt, line: line)
    let resolved = try optional(get, .resolvedAt).map { try timestamp($0, .resolvedAt, line: line) }
    var severity: Int?
    if let s = optional(get, .severity) {
      guard let parsed = Self.severity(s) else {
        throw fail(line, "severity", "'\(s)' is not a severity; expected 1-4 (also written SEV1, sev-1, Sev 1)")
      }
      severity = parsed
    }
    return Incident(
      id: id, service: optional(get, .service), severity: severity, openedAt: opened, resolvedAt: resolved,
      causedBy: optional(get, .causedBy), title: optional(get, .title))
  }

  /// `1`, `SEV1`, `sev-1`, `Sev 1` → 1; only 1…4.
  static func severity(_ text: String) -> Int? {
    var s = Substring(text.lowercased())
    if s.hasPrefix("sev") { s = s.dropFirst(3) }
    s = s.drop(while: { $0 == " " || $0 == "-" || $0 == "_" })
    guard let n = Int(s), (1...4).contains(n) else { return nil }
    return n
  }
}

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
  public static func read(_ bytes: [UInt8], name: String, kind: RecordKind, format: Format, into batch: inout RecordBatch) throws
  {
    let decoder = RecordDecoder(file: name)
    func add(_ get: (Field) -> FieldValue?, _ line: Int) throws {
      switch kind {
      case .deployments: batch.deployments.append(try decoder.deployment(get, line: line))
      case .changes: batch.changes.append(try decoder.change(get, line: line))
      case .incidents: batch.incidents.append(try decoder.incident(get, line: line))
      }
    }
    switch format {
    case .csv:
      var columns: [Int?]?
      do {
        try CSVReader.read(bytes) { row in
          guard let columns else {
            var map: [String: Int] = [:]
            for (i, name) in row.fields.enumerated() { map[trimSpaces(name).lowercased()] = i }
            columns = Field.allCases.map { map[$0.name] }
            return
          }
          try add({ field in columns[field.rawValue].flatMap { $0 < row.fields.count ? .text(row.fields[$0]) : nil } }, row.line)
        }
      } catch let failure as CSVReader.Failure {
        switch failure {
        case .unterminatedQuote(let line):
          throw IngestError(file: name, line: line, field: nil, message: "quoted field is never closed; expected a closing '\"'")
        case .quoteInUnquotedField(let line):
          throw IngestError(
            file: name, line: line, field: nil,
            message: "'\"' inside an unquoted field; expected the whole field in quotes with '\"\"' for a quote")
        case .textAfterClosingQuote(let line):
          throw IngestError(
            file: name, line: line, field: nil, message: "text after a closing quote; expected ',' or the end of the line")
        }
      }
    case .jsonl:
      var line = 0
      var start = 0
      for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
        line += 1
        let slice = bytes[start..<i]
        start = i + 1
        guard slice.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
        let object = try jsonObject(Data(slice), name: name, line: line)
        try add({ convert(object[$0.name]) }, line)
      }
    case .json:
      let value: Any
      do {
        value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
      } catch {
        throw IngestError(
          file: name, line: nil, field: nil, message: "invalid JSON (\(error.localizedDescription)); expected an array of objects"
        )
      }
      guard let array = value as? [Any] else {
        throw IngestError(file: name, line: 1, field: nil, message: "expected a JSON array of objects")
      }
      let lines = elementLines(bytes)
      for (index, element) in array.enumerated() {
        let line = index < lines.count ? lines[index] : 1
        guard let object = element as? [String: Any] else {
          throw IngestError(file: name, line: line, field: nil, message: "expected an object")
        }
        try add({ convert(object[$0.name]) }, line)
      }
    }
  }

  private static func jsonObject(_ data: Data, name: String, line: Int) throws -> [String: Any] {
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw IngestError(file: name, line: line, field: nil, message: "invalid JSON; expected one object per line")
    }
    guard let object = value as? [String: Any] else {
      throw IngestError(file: name, line: line, field: nil, message: "expected a JSON object")
    }
    return object
  }

  private static func convert(_ any: Any?) -> FieldValue? {
    switch any {
    case nil: return nil
    case is NSNull: return .null
    case let s as String: return .text(s)
    case let b as Bool: return .text(b ? "true" : "false")
    case let n as NSNumber: return .number(n.doubleValue)
    case let a as [Any]: return .list(a.compactMap { convert($0)?.text })
    default: return nil
    }
  }

  /// The line each top-level element of a JSON array starts on.
  private static func elementLines(_ bytes: [UInt8]) -> [Int] {
    var lines: [Int] = []
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    for b in bytes {
      if b == 0x0A { line += 1 }
      if inString {
        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
        continue
      }
      switch b {
      case 0x22:
        if depth == 1 { lines.append(line) }
        inString = true
      case 0x7B, 0x5B:
        if depth == 1 { lines.append(line) }
        depth += 1
      case 0x7D, 0x5D: depth -= 1
      default: break
      }
    }
    return lines
  }
}
