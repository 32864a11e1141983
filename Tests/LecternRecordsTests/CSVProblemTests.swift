import Foundation
import LecternCore
import LecternDORA
import Testing

@testable import LecternRecords

/// CSV structure problems are errors with file, line and column; every bad record is listed, up to a limit.
@Suite struct CSVProblemTests {
  private func problems(_ bytes: [UInt8], _ kind: RecordKind = .deployments) -> (RecordBatch, IngestProblems) {
    var batch = RecordBatch()
    var problems = IngestProblems()
    RecordFile.read(bytes, name: "d.csv", kind: kind, format: .csv, into: &batch, problems: &problems)
    return (batch, problems)
  }

  private func problems(_ text: String, _ kind: RecordKind = .deployments) -> (RecordBatch, IngestProblems) {
    problems(Array(text.utf8), kind)
  }

  @Test func rowsWithTooFewOrTooManyFieldsAreErrorsWithLineAndColumn() {
    let (batch, found) = problems(
      "id,service,finished_at\nd1,api,2026-03-02T10:00:00Z\nd2,api\nd3,api,2026-03-02T10:00:00Z,extra\n")
    #expect(batch.deployments.map(\.id) == ["d1"])
    #expect(found.errors.map(\.line) == [3, 4])
    // Too few: where the row ends; too many: where the first extra field starts.
    #expect(found.errors.map(\.column) == [7, 29])
    #expect(found.errors[0].message == "row has 2 fields; the header has 3")
    #expect(found.errors[0].description == "d.csv:3:7: error: row has 2 fields; the header has 3")
  }

  @Test func aDuplicatedHeaderColumnIsAnError() {
    let (batch, found) = problems("id,service,finished_at,Service\nd1,api,2026-03-02T10:00:00Z,web\n")
    #expect(batch.deployments.isEmpty)
    #expect(found.errors.count == 1)
    #expect(found.errors[0].line == 1)
    #expect(found.errors[0].column == 24)
    #expect(found.errors[0].field == "service")
  }

  /// Found by FuzzRecords (issue 17): a lone CR ends a row, so it ends a line for every message; the byte after it
  /// was reported one line up, at a column past the end of that line.
  @Test func invalidUTF8AfterALoneCarriageReturnIsOnTheNextLine() {
    var bytes = Array("id,service,finished_at\r\nd1,api,2026-03-02T10:00:00Z\r".utf8)
    bytes += [0xFF]
    bytes += Array("d2,api,2026-03-02T10:00:00Z\r\n".utf8)
    let (_, found) = problems(bytes)
    #expect(found.errors.first?.line == 3, "\(found)")
    #expect(found.errors.first?.column == 1, "\(found)")
    #expect(found.errors.allSatisfy { ($0.line ?? 0) <= 3 }, "\(found)")
  }

  @Test func invalidUTF8IsAnErrorWithLineAndColumn() {
    var bytes = Array("id,service,finished_at\nd1,api,2026-03-02T10:00:00Z\nd2,ap".utf8)
    bytes += [0xFF, 0x69]
    bytes += Array(",2026-03-02T10:00:00Z\nd3,caf\u{E9},2026-03-02T10:00:00Z\n".utf8)
    let (batch, found) = problems(bytes)
    #expect(found.errors.count == 1)
    #expect(found.errors.first?.line == 3)
    #expect(found.errors.first?.column == 6)
    #expect(found.errors.first?.message == "byte 0xFF is not UTF-8; expected UTF-8 text")
    // Valid multi-byte text is kept as written; the bad row is not read as U+FFFD.
    #expect(batch.deployments.map(\.service) == ["api", "caf\u{E9}"])
  }

  @Test func fieldErrorsCarryTheirColumn() {
    let (_, found) = problems("id,service,finished_at\nd1,api,yesterday\n")
    #expect(found.errors.first?.line == 2)
    #expect(found.errors.first?.column == 8)
    #expect(found.errors.first?.field == "finished_at")
  }

  @Test func everyBadRecordIsCountedAndTheFirstTwentyKept() {
    var text = "id,service,finished_at\n"
    for i in 1...25 { text += "d\(i),api,day \(i)\n" }
    let (_, found) = problems(text)
    #expect(found.count == 25)
    #expect(found.errors.count == IngestProblems.limit)
    #expect(found.errors.map(\.line) == Array(2...21))
    #expect(found.description.hasSuffix("… and 5 more bad records (25 in all)"))
  }
}
