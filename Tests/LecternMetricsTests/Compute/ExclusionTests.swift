import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

/// Production under its usual names counts; everything left out of a metric is counted by reason.
@Suite(.postgresServer) struct ExclusionTests {
  private func store(_ environments: [String], _ kind: StoreKind) throws -> MetricsStore {
    var batch = RecordBatch()
    batch.deployments = environments.enumerated().map { i, env in
      Deployment(id: "d\(i)", service: "api", environment: env, finishedAt: t("2026-03-0\(i % 9 + 1)T10:00:00Z"))
    }
    return try TestStore.loaded(batch, kind)
  }

  @Test(arguments: StoreKind.tested) func productionProdAndPrdInAnyCaseCount(_ kind: StoreKind) throws {
    let s = try store(["production", "Production", "prod", "PRD", "staging", "staging", "live"], kind)
    let r = try DORACalculator(store: s).report(window: HandDataset.window)
    #expect(r.counts.deployments == 4)
    #expect(r.counts.productionDeployments == 4)
    #expect(
      r.counts.excluded == [Exclusion(.environment("live"), count: 1), Exclusion(.environment("staging"), count: 2)])
    #expect(r.counts.excluded.last?.description == "2 deployments in environment 'staging' not counted (not production)")
  }

  @Test(arguments: StoreKind.tested) func aConfiguredAliasCountsAsProduction(_ kind: StoreKind) throws {
    let s = try store(["production", "live", "Live", "staging"], kind)
    let production = ProductionEnvironments(aliases: try ProductionEnvironments.aliases(from: "live=production, qa=staging"))
    let r = try DORACalculator(store: s, production: production).report(window: HandDataset.window)
    #expect(r.counts.deployments == 3)
    #expect(r.counts.excluded == [Exclusion(.environment("staging"), count: 1)])
    #expect(!production.contains("qa"))
  }

  @Test(arguments: StoreKind.tested) func theHandDatasetReportsEveryLeftOutRecord(_ kind: StoreKind) throws {
    let r = try DORACalculator(store: try HandDataset.store(kind)).report(window: HandDataset.window)
    // d4 is staging; SHA e has no changes record; g was deployed before committed; i3 is open; i6 was
    // resolved before it opened.
    #expect(
      r.counts.excluded == [
        Exclusion(.environment("staging"), count: 1), Exclusion(.unmatchedSHA, count: 1),
        Exclusion(.negativeLeadTime, count: 1), Exclusion(.openIncident, count: 1),
        Exclusion(.negativeRestoreTime, count: 1),
      ])
    // Under a service filter, i4 (no service, no cause) is left out and counted.
    let api = try DORACalculator(store: try HandDataset.store(kind)).report(window: HandDataset.window, services: ["api"])
    #expect(api.counts.excluded.contains(Exclusion(.noService(.incidents), count: 1)))
  }

  @Test(arguments: StoreKind.tested) func aServiceWithNoRecordsIsNamed(_ kind: StoreKind) throws {
    let r = try DORACalculator(store: try HandDataset.store(kind)).report(
      window: HandDataset.window, services: ["api", "nosuch"])
    #expect(r.unknownServices == ["nosuch"])
  }

  @Test(arguments: StoreKind.tested) func percentilesOfBothDurations(_ kind: StoreKind) throws {
    let r = try DORACalculator(store: try HandDataset.store(kind), percentiles: [0.5, 0.75, 0.9])
      .report(window: HandDataset.window)
    let lead = try #require(r.measurement(.leadTime))
    #expect(lead.percentiles.map(\.label) == ["p50", "p75", "p90"])
    #expect(lead.percentiles[0].value == lead.number)
    #expect(lead.percentiles[2].value == lead.p90)
    let restore = try #require(r.measurement(.timeToRestore))
    // Resolved in the window: i1 0.5 h, i2 2 h, i4 4 h → p75 = 2 + 0.5 · (4 − 2) = 3 h.
    #expect(zip(restore.percentiles.map(\.value), [2, 3, 3.6]).allSatisfy { abs($0 - $1) < 1e-9 })
  }
}
