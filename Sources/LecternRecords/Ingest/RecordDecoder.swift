import Foundation
import LecternDORA

/// A field as read from CSV (always text) or JSON (a typed value).
enum FieldValue {
  case text(String)
  case json(JSONValue)
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
  case acknowledgedAt, mitigatedAt

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
    case .acknowledgedAt: "acknowledged_at"
    case .mitigatedAt: "mitigated_at"
    }
  }

  static let byName: [String: Field] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}

/// Turns fields into typed records, with errors that name the file, line, field and expected form.
///
/// A JSON number where text belongs is its decimal text (`"id": 1` is the id `"1"`); a boolean, array or
/// object where a single value belongs is an error, never a default.
struct RecordDecoder {
  let file: String

  private func fail(_ line: Int, _ field: String?, _ message: String) -> IngestError {
    IngestError(file: file, line: line, field: field, message: message)
  }

  /// The field's text (trimmed), `nil` when absent, empty or JSON `null`; throws for a non-scalar.
  private func scalar(_ get: (Field) -> FieldValue?, _ field: Field, line: Int) throws -> String? {
    let text: String
    switch get(field) {
    case nil, .json(.null): return nil
    case .text(let s), .json(.string(let s)), .json(.number(let s)): text = trimSpaces(s)
    case .json(let other):
      throw fail(line, field.name, "\(other.kindDescription) is not a single value; expected a string or a number")
    }
    return text.isEmpty ? nil : text
  }

  private func required(_ get: (Field) -> FieldValue?, _ field: Field, line: Int) throws -> String {
    guard let text = try scalar(get, field, line: line) else {
      throw fail(line, field.name, get(field) == nil ? "missing; expected a value" : "empty; expected a value")
    }
    return text
  }

  private func timestamp(_ text: String, _ field: Field, line: Int) throws -> Timestamp {
    guard let t = Timestamp(rfc3339: text) else {
      throw fail(
        line, field.name,
        "'\(text)' is not an RFC 3339 timestamp; expected a form like 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00")
    }
    return t
  }

  private func optionalTimestamp(_ get: (Field) -> FieldValue?, _ field: Field, line: Int) throws -> Timestamp? {
    try scalar(get, field, line: line).map { try timestamp($0, field, line: line) }
  }

  func deployment(_ get: (Field) -> FieldValue?, line: Int) throws -> Deployment {
    let id = try required(get, .id, line: line)
    let service = try required(get, .service, line: line)
    let finished = try timestamp(try required(get, .finishedAt, line: line), .finishedAt, line: line)
    let environment = try scalar(get, .environment, line: line) ?? "production"
    var status = Deployment.Status.success
    if let s = try scalar(get, .status, line: line) {
      guard let parsed = Deployment.Status(rawValue: s.lowercased()) else {
        throw fail(line, "status", "'\(s)' is not a status; expected 'success' or 'failure'")
      }
      status = parsed
    }
    return Deployment(
      id: id, service: service, environment: environment, finishedAt: finished, status: status,
      commits: try commits(get(.commits), line: line))
  }

  /// CSV: SHAs separated by spaces, `;` or `,`. JSON: an array of strings (numbers as their text).
  private func commits(_ value: FieldValue?, line: Int) throws -> [String] {
    switch value {
    case nil, .json(.null): return []
    case .text(let s), .json(.string(let s)):
      return s.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" || $0 == "," }).map(String.init)
    case .json(.number(let n)): return [n]
    case .json(.array(let items)):
      return try items.enumerated().compactMap { index, item in
        switch item {
        case .string(let s): return trimSpaces(s).isEmpty ? nil : trimSpaces(s)
        case .number(let n): return n
        default:
          throw fail(line, "commits[\(index)]", "\(item.kindDescription) is not a SHA; expected a string")
        }
      }
    case .json(let other):
      throw fail(line, "commits", "\(other.kindDescription) is not a list of SHAs; expected an array of strings")
    }
  }

  func change(_ get: (Field) -> FieldValue?, line: Int) throws -> Change {
    let sha = try required(get, .sha, line: line)
    let committed = try timestamp(try required(get, .committedAt, line: line), .committedAt, line: line)
    return Change(sha: sha, service: try scalar(get, .service, line: line), committedAt: committed)
  }

  func incident(_ get: (Field) -> FieldValue?, line: Int) throws -> Incident {
    let id = try required(get, .id, line: line)
    let opened = try timestamp(try required(get, .openedAt, line: line), .openedAt, line: line)
    var severity: Int?
    if let s = try scalar(get, .severity, line: line) {
      guard let parsed = Self.severity(s) else {
        throw fail(line, "severity", "'\(s)' is not a severity; expected 1-4 (also written SEV1, sev-1, Sev 1)")
      }
      severity = parsed
    }
    return Incident(
      id: id, service: try scalar(get, .service, line: line), severity: severity, openedAt: opened,
      resolvedAt: try optionalTimestamp(get, .resolvedAt, line: line), causedBy: try scalar(get, .causedBy, line: line),
      title: try scalar(get, .title, line: line), acknowledgedAt: try optionalTimestamp(get, .acknowledgedAt, line: line),
      mitigatedAt: try optionalTimestamp(get, .mitigatedAt, line: line))
  }

  /// `1`, `SEV1`, `sev-1`, `Sev 1` → 1; only 1…4 (`0`, `-1`, `5`, `1.5` are not severities).
  static func severity(_ text: String) -> Int? {
    var s = Substring(text.lowercased())
    if s.hasPrefix("sev") {
      s = s.dropFirst(3)
      if let first = s.first, first == " " || first == "-" || first == "_" { s = s.dropFirst() }
    }
    guard s.allSatisfy(\.isASCII), s.first?.isNumber == true, let n = Int(s), (1...4).contains(n) else { return nil }
    return n
  }
}
