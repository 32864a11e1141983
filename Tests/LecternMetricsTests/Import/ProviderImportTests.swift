import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics
@testable import LecternRecords

/// Importers read files written from the providers' documented response shapes (Fixtures/).
@Suite struct ProviderImportTests {
  private func file(_ name: String) throws -> (name: String, bytes: [UInt8]) {
    (name, [UInt8](try Data(contentsOf: TestPaths.fixture(name))))
  }

  private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

  @Test func gitHubDeploymentsFinishAtTheirFinalStatus() throws {
    // Two pages one after the other, as `gh api --paginate` writes them.
    let result = try GitHubDeployments()
      .read(deployments: [try file("github-deployments.json")], statuses: [try file("github-statuses.json")])
    #expect(result.deployments.map(\.id) == ["github:1001", "github:1002"])
    #expect(result.deployments.map(\.service) == ["checkout-api", "checkout-api"])
    #expect(result.deployments.map(\.finishedAt) == [t("2026-03-02T10:00:00Z"), t("2026-03-03T10:30:00Z")])
    // "error" is a failed deployment; 1003 has only a pending status: not finished, and said so.
    #expect(result.deployments.map(\.status) == [.success, .failure])
    #expect(result.deployments[0].commits == ["a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d"])
    #expect(result.unfinished == ["1003"])
    let named = try GitHubDeployments(service: "checkout")
      .read(deployments: [try file("github-deployments.json")], statuses: [try file("github-statuses.json")])
    #expect(named.deployments.allSatisfy { $0.service == "checkout" })
  }

  @Test func pagerDutyIncidentsCarryAcknowledgedAndResolvedTimes() throws {
    let incidents = try PagerDutyIncidents().read([try file("pagerduty-incidents.json")])
    #expect(incidents.map(\.id) == ["PT4KHLK", "Q1R2S3T"])
    #expect(incidents[0].service == "checkout-api")
    #expect(incidents[0].severity == 2)
    #expect(incidents[0].openedAt == t("2026-03-03T10:40:00Z"))
    // The earliest acknowledgement, not the first listed.
    #expect(incidents[0].acknowledgedAt == t("2026-03-03T10:45:00Z"))
    #expect(incidents[0].resolvedAt == t("2026-03-03T12:10:00Z"))
    #expect(incidents[0].title == "Checkout returns 502")
    #expect(incidents[1].resolvedAt == nil)
    #expect(incidents[1].severity == nil)
    #expect(incidents[1].acknowledgedAt == nil)
  }

  @Test func importedRecordsGiveTheMetrics() throws {
    var batch = RecordBatch()
    batch.deployments = try GitHubDeployments()
      .read(deployments: [try file("github-deployments.json")], statuses: [try file("github-statuses.json")]).deployments
    batch.incidents = try PagerDutyIncidents().read([try file("pagerduty-incidents.json")])
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    let r = try DORACalculator(store: store).report(window: HandDataset.window)
    // 1001 succeeded, 1002 errored → 1 of 2 failed.
    #expect(r.measurement(.changeFailureRate)?.number == 50)
    // PT4KHLK: 10:40 → 12:10 = 1.5 h; Q1R2S3T is open.
    #expect(r.measurement(.timeToRestore)?.number == 1.5)
    #expect(r.counts.openIncidents == 1)
    #expect(try store.incident(id: "PT4KHLK")?.acknowledgedAt == t("2026-03-03T10:45:00Z"))
  }

  @Test func aWrongShapeNamesTheFileAndField() throws {
    let bad = Array(#"{"incidents": [{"id": "P1", "created_at": {"at": "2026-03-03T10:40:00Z"}}]}"#.utf8)
    #expect(
      throws: IngestProblems([
        IngestError(file: "pd.json", line: 1, field: "created_at", message: "an object; expected a string or a number")
      ])
    ) { _ = try PagerDutyIncidents().read([("pd.json", bad)]) }
  }
}
