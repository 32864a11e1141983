import Foundation
import LecternCore
import LecternDORA
import Testing

@testable import LecternRecords

/// JSON values keep their type: numbers are their decimal text, booleans and containers are never bridged.
@Suite struct TypedJSONTests {
  private func read(_ text: String, _ kind: RecordKind, _ format: RecordFile.Format = .jsonl, name: String = "in.jsonl")
    throws -> RecordBatch
  {
    var batch = RecordBatch()
    try RecordFile.read(Array(text.utf8), name: name, kind: kind, format: format, into: &batch)
    return batch
  }

  private func problems(_ text: String, _ kind: RecordKind, _ format: RecordFile.Format = .jsonl) -> IngestProblems {
    var batch = RecordBatch()
    var problems = IngestProblems()
    RecordFile.read(Array(text.utf8), name: "in.jsonl", kind: kind, format: format, into: &batch, problems: &problems)
    return problems
  }

  @Test func numbersWhereTextBelongsAreTheirDecimalText() throws {
    let b = try read(
      """
      {"id": 1, "opened_at": "2026-03-02T10:00:00Z", "severity": 1, "caused_by": 7}
      {"id": "true", "opened_at": "2026-03-02T10:00:00Z", "severity": 0.4e1}
      {"id": 12345678901234567890, "opened_at": "2026-03-02T10:00:00Z", "severity": "SEV2"}
      {"id": 123456789012345678901234567890, "opened_at": "2026-03-02T10:00:00Z"}
      """, .incidents)
    #expect(b.incidents.map(\.id) == ["1", "true", "12345678901234567890", "123456789012345678901234567890"])
    #expect(b.incidents.map(\.severity) == [1, 4, 2, nil])
    #expect(b.incidents[0].causedBy == "7")
  }

  @Test func numericSHAsInCommitsAreText() throws {
    let b = try read(
      #"[{"id": 10, "service": "api", "finished_at": "2026-03-02T10:00:00Z", "commits": [123, "abc", 9007199254740993]}]"#,
      .deployments, .json, name: "d.json")
    #expect(b.deployments[0].id == "10")
    #expect(b.deployments[0].commits == ["123", "abc", "9007199254740993"])
  }

  @Test func booleansArraysAndObjectsWhereAValueBelongsAreErrorsNamingLineAndField() {
    let found = problems(
      """
      {"id": "i1", "opened_at": "2026-03-02T10:00:00Z", "resolved_at": {"at": "2026-03-02T11:00:00Z"}}
      {"id": true, "opened_at": "2026-03-02T10:00:00Z"}
      {"id": "i3", "opened_at": "2026-03-02T10:00:00Z", "title": ["a", "b"]}
      {"id": "i4", "opened_at": "2026-03-02T10:00:00Z"}
      {"id": "i5", "opened_at": "2026-03-02T10:00:00Z", "severity": false}
      """, .incidents)
    #expect(found.count == 4)
    #expect(found.errors.map(\.line) == [1, 2, 3, 5])
    #expect(found.errors.map(\.field) == ["resolved_at", "id", "title", "severity"])
    #expect(found.errors[0].message.hasPrefix("an object is not a single value"))
    #expect(found.errors[1].message.hasPrefix("a boolean (true) is not a single value"))
  }

  @Test func aNonStringInCommitsIsAnError() {
    let found = problems(
      #"{"id": "d1", "service": "api", "finished_at": "2026-03-02T10:00:00Z", "commits": ["a", {"sha": "b"}]}"#,
      .deployments)
    #expect(found.errors.map(\.field) == ["commits[1]"])
  }

  @Test(arguments: ["0", "-1", "5", "1.5", "\"sev0\"", "\"SEV-5\"", "\"-1\"", "\"sev--1\""])
  func severitiesOutsideOneToFourAreErrors(_ severity: String) {
    let found = problems(#"{"id": "i", "opened_at": "2026-03-02T10:00:00Z", "severity": \#(severity)}"#, .incidents)
    #expect(found.errors.map(\.field) == ["severity"], "severity \(severity)")
  }

  @Test func incidentTimingsAreRead() throws {
    let b = try read(
      #"{"id": "i1", "opened_at": "2026-03-02T10:00:00Z", "acknowledged_at": "2026-03-02T10:05:00Z", "mitigated_at": "2026-03-02T10:40:00+00:00", "resolved_at": "2026-03-02T12:00:00Z"}"#,
      .incidents)
    #expect(b.incidents[0].acknowledgedAt == Timestamp(rfc3339: "2026-03-02T10:05:00Z"))
    #expect(b.incidents[0].mitigatedAt == Timestamp(rfc3339: "2026-03-02T10:40:00Z"))
    let csv = try read(
      "id,opened_at,acknowledged_at,mitigated_at\ni1,2026-03-02T10:00:00Z,2026-03-02T10:05:00Z,\n", .incidents, .csv,
      name: "i.csv")
    #expect(csv.incidents[0].acknowledgedAt == Timestamp(rfc3339: "2026-03-02T10:05:00Z"))
    #expect(csv.incidents[0].mitigatedAt == nil)
    let bad = problems(#"{"id": "i1", "opened_at": "2026-03-02T10:00:00Z", "mitigated_at": "soon"}"#, .incidents)
    #expect(bad.errors.map(\.field) == ["mitigated_at"])
  }

  @Test func invalidJSONLinesAreAllListed() {
    let found = problems(
      "{\"sha\": \"a\", \"committed_at\": \"2026-03-02T10:00:00Z\"}\n{\"sha\": \n[1, 2]\n\n{\"sha\": \"d\"}\n", .changes)
    #expect(found.errors.map(\.line) == [2, 3, 5])
    #expect(found.errors.map(\.field) == [nil, nil, "committed_at"])
  }
}

extension TypedJSONTests {
  @Test func aMalformedElementOfAJSONArrayIsNamedByItsLine() {
    var batch = RecordBatch()
    var problems = IngestProblems()
    let text = """
      [
        {"sha": "a", "committed_at": "2026-03-02T10:00:00Z"},
        {"sha": "b" "committed_at": "2026-03-02T10:00:00Z"},
        {"sha": "c, d", "committed_at": "2026-03-02T10:00:00Z"},
        {"sha": "e", "committed_at": 5 6}
      ]
      """
    RecordFile.read(Array(text.utf8), name: "c.json", kind: .changes, format: .json, into: &batch, problems: &problems)
    #expect(problems.errors.map(\.line) == [3, 5])
    #expect(problems.errors.allSatisfy { $0.message == "invalid JSON; expected an object" })
    #expect(batch.changes.isEmpty)
  }
}
