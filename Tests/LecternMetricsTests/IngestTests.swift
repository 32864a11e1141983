import Foundation
import GRDB
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics
@testable import LecternRecords

@Suite(.postgresServer) struct IngestTests {
  private func read(_ text: String, _ kind: RecordKind, _ format: RecordFile.Format, name: String = "in") throws -> RecordBatch {
    var batch = RecordBatch()
    try RecordFile.read(Array(text.utf8), name: name, kind: kind, format: format, into: &batch)
    return batch
  }

  @Test func csvQuotingEmbeddedCommasNewlinesAndCRLF() throws {
    let csv =
      "id,service,finished_at,status,commits,extra\r\n"
      + "d1,api,2026-03-02T10:00:00Z,success,\"a;b c\",\"x, \"\"quoted\"\"\ny\"\r\n"
      + "d2,\"web, eu\",2026-03-03T10:00:00+01:00,failure,,\r\n"
    let b = try read(csv, .deployments, .csv)
    #expect(b.deployments.map(\.id) == ["d1", "d2"])
    #expect(b.deployments[0].commits == ["a", "b", "c"])
    #expect(b.deployments[1].service == "web, eu")
    #expect(b.deployments[1].status == .failure)
    #expect(b.deployments[1].finishedAt == Timestamp(rfc3339: "2026-03-03T09:00:00Z"))
  }

  @Test func errorsNameFileLineFieldAndExpectedForm() throws {
    // The bad record is on physical line 4: line 2's quoted field spans two lines.
    let csv = "id,service,finished_at\nd1,\"multi\nline\",2026-03-02T10:00:00Z\nd2,api,yesterday\n"
    #expect(
      throws: IngestProblems([
        IngestError(
          file: "deploys.csv", line: 4, column: 8, field: "finished_at",
          message:
            "'yesterday' is not an RFC 3339 timestamp; expected a form like 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00")
      ])
    ) {
      _ = try read(csv, .deployments, .csv, name: "deploys.csv")
    }
    #expect(throws: IngestProblems.self) {
      _ = try read("{\"id\": \"i1\", \"opened_at\": \"2026-03-02T10:00:00Z\", \"severity\": \"P0\"}\n", .incidents, .jsonl)
    }
    do {
      _ = try read(
        "[\n  {\"sha\": \"a\", \"committed_at\": \"2026-03-02T10:00:00Z\"},\n  {\"sha\": \"b\"}\n]\n", .changes, .json,
        name: "c.json")
      Issue.record("expected an error")
    } catch let e as IngestProblems {
      #expect(e.errors.map(\.line) == [3])
      #expect(e.errors.map(\.field) == ["committed_at"])
    }
  }

  @Test(arguments: [("1", 1), ("SEV1", 1), ("sev-2", 2), ("Sev 3", 3), ("4", 4)])
  func severitySpellings(_ text: String, _ expected: Int) {
    #expect(RecordDecoder.severity(text) == expected)
  }

  @Test(arguments: StoreKind.tested) func csvAndJSONLinesGiveIdenticalResults(_ kind: StoreKind) throws {
    let csvDeployments =
      "id,service,environment,finished_at,status,commits\nd1,api,production,2026-03-02T10:00:00Z,success,a b\nd2,api,production,2026-03-03T10:00:00Z,failure,c\n"
    let jsonDeployments = """
      {"id": "d1", "service": "api", "environment": "production", "finished_at": "2026-03-02T10:00:00Z", "status": "success", "commits": ["a", "b"]}
      {"id": "d2", "service": "api", "finished_at": "2026-03-03T10:00:00Z", "status": "failure", "commits": ["c"]}
      """
    let csvChanges =
      "sha,service,committed_at\na,api,2026-03-02T04:00:00Z\nb,api,2026-03-01T10:00:00Z\nc,api,2026-03-03T09:00:00Z\n"
    let jsonChanges =
      "[{\"sha\": \"a\", \"service\": \"api\", \"committed_at\": \"2026-03-02T04:00:00Z\"}, {\"sha\": \"b\", \"service\": \"api\", \"committed_at\": \"2026-03-01T10:00:00Z\"}, {\"sha\": \"c\", \"service\": \"api\", \"committed_at\": \"2026-03-03T09:00:00Z\"}]"
    var fromCSV = RecordBatch()
    try RecordFile.read(Array(csvDeployments.utf8), name: "d.csv", kind: .deployments, format: .csv, into: &fromCSV)
    try RecordFile.read(Array(csvChanges.utf8), name: "c.csv", kind: .changes, format: .csv, into: &fromCSV)
    var fromJSON = RecordBatch()
    try RecordFile.read(Array(jsonDeployments.utf8), name: "d.jsonl", kind: .deployments, format: .jsonl, into: &fromJSON)
    try RecordFile.read(Array(jsonChanges.utf8), name: "c.json", kind: .changes, format: .json, into: &fromJSON)
    #expect(fromCSV.deployments == fromJSON.deployments)
    #expect(fromCSV.changes == fromJSON.changes)
    let a = try TestStore.loaded(fromCSV, kind)
    let b = try TestStore.loaded(fromJSON, kind)
    #expect(
      try DORACalculator(store: a).report(window: HandDataset.window)
        == DORACalculator(store: b).report(window: HandDataset.window))
  }

  @Test(arguments: StoreKind.tested) func reingestIsIdempotentAndRepeatedIdsReplace(_ kind: StoreKind) throws {
    let store = try TestStore(kind)
    let first = try store.ingest(HandDataset.batch)
    #expect(first.deployments == .init(added: 7, replaced: 0, unchanged: 0))
    let second = try store.ingest(HandDataset.batch)
    #expect(second.deployments == .init(added: 0, replaced: 0, unchanged: 7))
    #expect(second.changes.unchanged == 6)
    #expect(second.incidents.unchanged == 6)
    var update = RecordBatch()
    update.deployments = [
      Deployment(
        id: "d1", service: "api", finishedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!, status: .failure, commits: ["a", "b"])
    ]
    let third = try store.ingest(update)
    #expect(third.deployments == .init(added: 0, replaced: 1, unchanged: 0))
    #expect(try store.recordCounts().deployments == 7)
    // d1 now failed: production deployments d1, d2, d3, d5 → failed d1, d2, d5 → 3 / 4 = 75 %.
    #expect(
      try DORACalculator(store: store.reader()).report(window: HandDataset.window).measurement(.changeFailureRate)?.number == 75)
  }

  @Test(arguments: StoreKind.tested) func aRepeatedIdInOneBatchReplacesTheEarlierRecord(_ kind: StoreKind) throws {
    let store = try TestStore(kind)
    let at = Timestamp(rfc3339: "2026-03-02T10:00:00Z")!
    var batch = RecordBatch()
    batch.deployments = [
      Deployment(id: "d1", service: "api", finishedAt: at, commits: ["a", "b"]),
      Deployment(id: "d2", service: "api", finishedAt: at, commits: ["c"]),
      Deployment(id: "d1", service: "api", finishedAt: at, status: .failure, commits: ["b", "z"]),
      Deployment(id: "d1", service: "api", finishedAt: at, status: .failure, commits: ["b", "z"]),
    ]
    // d1 added, then replaced once (a different record), then unchanged (the same again); d2 added.
    #expect(try store.ingest(batch).deployments == .init(added: 2, replaced: 1, unchanged: 1))
    let reader = try store.reader()
    #expect(try reader.deployment(id: "d1")?.commits == ["b", "z"])
    #expect(try reader.deployment(id: "d1")?.status == .failure)
    // The replaced deployment's commit list replaced the earlier one: a is no longer shipped by anything.
    let shas = try reader.read { db in try String.fetchAll(db, sql: "SELECT sha FROM deployment_commits ORDER BY sha") }
    #expect(shas == ["b", "c", "z"])
  }

  @Test(arguments: StoreKind.tested) func aBadRecordWritesNothing(_ kind: StoreKind) throws {
    let store = try TestStore(kind)
    var batch = HandDataset.batch
    batch.incidents.append(Incident(id: "bad", severity: 9, openedAt: Timestamp(rfc3339: "2026-03-02T10:00:00Z")!))
    #expect(throws: (any Error).self) { _ = try store.ingest(batch) }
    #expect(try store.recordCounts() == (0, 0, 0))
    // A store that already holds records keeps exactly them.
    _ = try store.ingest(HandDataset.batch)
    var update = batch
    update.deployments[0].status = .failure
    #expect(throws: (any Error).self) { _ = try store.ingest(update) }
    #expect(try store.recordCounts() == (7, 6, 6))
    #expect(try store.reader().deployment(id: "d1")?.status == .success)
  }
}

extension MetricsStore.IngestSummary.Counts {
  init(added: Int, replaced: Int, unchanged: Int) {
    self.init()
    self.added = added
    self.replaced = replaced
    self.unchanged = unchanged
  }
}
