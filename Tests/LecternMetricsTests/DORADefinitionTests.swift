import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

/// A small dataset where every number can be checked by hand (window 2026-03-01 … 2026-03-11, 10 days).
enum HandDataset {
  static let window = Window(start: t("2026-03-01T00:00:00Z"), end: t("2026-03-11T00:00:00Z"))

  static var batch: RecordBatch {
    var b = RecordBatch()
    b.deployments = [
      Deployment(id: "d1", service: "api", finishedAt: t("2026-03-02T10:00:00Z"), commits: ["a", "b"]),
      Deployment(id: "d2", service: "api", finishedAt: t("2026-03-03T10:00:00Z"), status: .failure, commits: ["c"]),
      Deployment(id: "d3", service: "api", finishedAt: t("2026-03-03T15:00:00Z"), commits: ["c", "e"]),
      Deployment(id: "d4", service: "web", environment: "staging", finishedAt: t("2026-03-04T10:00:00Z"), commits: ["f"]),
      Deployment(id: "d5", service: "web", finishedAt: t("2026-03-05T12:00:00Z"), commits: ["b", "g"]),
      Deployment(id: "d6", service: "web", finishedAt: t("2026-02-27T00:00:00Z"), commits: ["h"]),
      Deployment(id: "d7", service: "api", finishedAt: t("2026-03-11T00:00:00Z"), commits: ["i"]),
    ]
    b.changes = [
      Change(sha: "a", service: "api", committedAt: t("2026-03-02T04:00:00Z")),
      Change(sha: "b", committedAt: t("2026-03-01T10:00:00Z")),
      Change(sha: "c", service: "api", committedAt: t("2026-03-03T09:00:00Z")),
      Change(sha: "g", service: "web", committedAt: t("2026-03-05T13:00:00Z")),
      Change(sha: "h", service: "web", committedAt: t("2026-02-26T00:00:00Z")),
      Change(sha: "i", service: "api", committedAt: t("2026-03-10T00:00:00Z")),
    ]
    b.incidents = [
      Incident(
        id: "i1", service: "api", severity: 1, openedAt: t("2026-03-03T11:00:00Z"), resolvedAt: t("2026-03-03T11:30:00Z"),
        causedBy: "d2"),
      Incident(id: "i2", openedAt: t("2026-03-06T00:00:00Z"), resolvedAt: t("2026-03-06T02:00:00Z"), causedBy: "d5"),
      Incident(id: "i3", service: "api", openedAt: t("2026-03-07T00:00:00Z")),
      Incident(id: "i4", openedAt: t("2026-03-08T00:00:00Z"), resolvedAt: t("2026-03-08T04:00:00Z")),
      Incident(id: "i5", service: "api", openedAt: t("2026-02-28T00:00:00Z"), resolvedAt: t("2026-02-28T01:00:00Z")),
      Incident(id: "i6", service: "web", openedAt: t("2026-03-09T00:00:00Z"), resolvedAt: t("2026-03-08T23:00:00Z")),
    ]
    return b
  }

  /// The dataset in a store of `kind` (SQLite in memory, or PostgreSQL written and read back).
  static func store(_ kind: StoreKind = .sqlite) throws -> MetricsStore {
    try TestStore.loaded(batch, kind)
  }
}

@Suite(.postgresServer) struct DORADefinitionTests {
  private func value(_ r: DORAReport, _ m: DORAMetric) -> Double? { r.measurement(m)?.number }

  @Test(arguments: StoreKind.tested) func allServices(_ kind: StoreKind) throws {
    let r = try DORACalculator(store: HandDataset.store(kind)).report(window: HandDataset.window)
    // Deployment frequency: successful production deployments in [03-01, 03-11): d1, d3, d5 = 3
    // (d2 failed, d4 staging, d6 before, d7 at the open end) → 3 / 10 days = 0.3 per day.
    #expect(value(r, .deploymentFrequency) == 0.3)
    #expect(r.counts.deployments == 3)
    // Days with a deployment: 03-02, 03-03, 03-05 = 3.
    #expect(r.counts.daysWithDeployments == 3)
    // Lead time: a 10:00−04:00 = 6 h (d1); b 03-02 10:00 − 03-01 10:00 = 24 h (first shipped by d1, not d5);
    // c 15:00 − 09:00 = 6 h (d2 failed, so d3 is its first successful deployment) → sorted [6, 6, 24], median 6 h.
    #expect(value(r, .leadTime) == 6)
    // p90: h = (3 − 1) · 0.9 = 1.8 → 6 + 0.8 · (24 − 6) = 20.4 h.
    #expect(abs((r.measurement(.leadTime)?.p90 ?? 0) - 20.4) < 1e-9)
    #expect(r.counts.changes == 3)
    // e is shipped by d3 but has no changes record: unmatched. g: 12:00 − 13:00 = −1 h: a data error.
    #expect(r.counts.unmatchedSHAs == 1)
    #expect(r.counts.negativeLeadTimes == 1)
    // Change failure rate: production deployments in the window d1, d2, d3, d5 = 4; d2 failed, d5 caused i2 → 2 / 4 = 50 %.
    #expect(value(r, .changeFailureRate) == 50)
    #expect(r.counts.failedDeployments == 2)
    // Time to restore: i1 0.5 h, i2 2 h, i4 4 h (i3 open, i5 before, i6 negative) → median 2 h.
    #expect(value(r, .timeToRestore) == 2)
    #expect(r.counts.openIncidents == 1)
    #expect(r.counts.negativeRestoreTimes == 1)
    // Tiers (contract defaults): 0.3/day ≥ 1/30 → Mid; 6 h < 24 h → High; 50 % > 30 % → Low; 2 h < 24 h → Mid.
    #expect(r.measurements.map { $0.tier?.name } == ["Mid", "High", "Low", "Mid"])
    // Next tier up for deployment frequency is High: more than 1 per day.
    #expect(r.measurement(.deploymentFrequency)?.nextTier?.bound == 1)
  }

  @Test(arguments: StoreKind.tested) func serviceFilterRules(_ kind: StoreKind) throws {
    let calc = DORACalculator(store: try HandDataset.store(kind))
    let api = try calc.report(window: HandDataset.window, services: ["api"])
    // d1, d3 → 2 / 10 = 0.2 per day.
    #expect(value(api, .deploymentFrequency) == 0.2)
    // b has no service: it takes d1's (api). Lead times [6, 6, 24] again; e (shipped by d3, api) unmatched.
    #expect(value(api, .leadTime) == 6)
    #expect(api.counts.unmatchedSHAs == 1)
    #expect(api.counts.negativeLeadTimes == 0)
    // d1, d2, d3: only d2 failed → 1 / 3.
    #expect(abs(value(api, .changeFailureRate)! - 100.0 / 3) < 1e-9)
    // i1 (api) 0.5 h; i2 takes d5's service (web); i4 has no service and no cause → only without a filter.
    #expect(value(api, .timeToRestore) == 0.5)
    #expect(api.counts.openIncidents == 1)

    let web = try calc.report(window: HandDataset.window, services: ["web"])
    // d5 only → 0.1 per day.
    #expect(value(web, .deploymentFrequency) == 0.1)
    // b belongs to api (through d1); g is negative: no lead time at all → no data, not 0.
    #expect(web.measurement(.leadTime)?.number == nil)
    #expect(web.counts.negativeLeadTimes == 1)
    // d5 caused i2 → 1 / 1 = 100 %.
    #expect(value(web, .changeFailureRate) == 100)
    // i2 (through d5) 2 h; i6 negative.
    #expect(value(web, .timeToRestore) == 2)
    #expect(web.counts.negativeRestoreTimes == 1)
  }

  @Test(arguments: StoreKind.tested) func noDataIsNeverZero(_ kind: StoreKind) throws {
    let empty = try DORACalculator(store: TestStore.loaded(RecordBatch(), kind)).report(window: HandDataset.window)
    for m in empty.measurements {
      guard case .noData = m.value else {
        Issue.record("\(m.metric) should be no data")
        continue
      }
      #expect(m.tier == nil)
    }
    // Deployments exist for the service, but none in this window: frequency is a real 0 per day.
    let later = Window(start: t("2027-01-01T00:00:00Z"), end: t("2027-01-31T00:00:00Z"))
    let quiet = try DORACalculator(store: HandDataset.store(kind)).report(window: later)
    #expect(quiet.measurement(.deploymentFrequency)?.number == 0)
    #expect(quiet.measurement(.deploymentFrequency)?.tier?.name == "Low")
    #expect(quiet.measurement(.leadTime)?.number == nil)
    #expect(quiet.measurement(.changeFailureRate)?.number == nil)
    #expect(quiet.measurement(.timeToRestore)?.number == nil)
    // A service the store has never seen: no data for frequency too.
    let unknown = try DORACalculator(store: HandDataset.store(kind)).report(window: HandDataset.window, services: ["nope"])
    #expect(unknown.measurement(.deploymentFrequency)?.number == nil)
  }

  @Test(arguments: StoreKind.tested) func windowEdgesAreHalfOpen(_ kind: StoreKind) throws {
    // [03-02T10:00, 03-03T15:00): d1 is in (start included), d3 is out (end excluded), d2 failed.
    let w = Window(start: t("2026-03-02T10:00:00Z"), end: t("2026-03-03T15:00:00Z"))
    let r = try DORACalculator(store: HandDataset.store(kind)).report(window: w)
    #expect(r.counts.deployments == 1)
    #expect(r.counts.productionDeployments == 2)
  }

  @Test func offsetsAreConvertedToUTC() throws {
    // 2026-03-02T11:00:00+01:00 is 10:00Z; 2026-03-02T05:00:00-05:00 is 10:00Z.
    #expect(t("2026-03-02T11:00:00+01:00") == t("2026-03-02T10:00:00Z"))
    #expect(t("2026-03-02T05:00:00-05:00") == t("2026-03-02T10:00:00Z"))
    #expect(t("2026-03-02T10:00:00.250Z").microseconds - t("2026-03-02T10:00:00Z").microseconds == 250_000)
    #expect(t("2026-03-02T10:00:00.5+00:00").description == "2026-03-02T10:00:00.5Z")
  }

  @Test(arguments: [
    "2026-03-02 10:00:00Z", "2026-03-02T10:00:00", "2026-02-30T10:00:00Z", "2026-03-02T24:00:00Z", "03/02/2026",
    "2026-03-02T10:00Z", "2026-03-02T10:00:00+0100",
  ])
  func nonRFC3339IsRejected(_ text: String) {
    #expect(Timestamp(rfc3339: text) == nil)
  }

  @Test func percentilesInterpolateType7() {
    // Even count: mean of the two middle values.
    #expect(percentile([4, 1, 3, 2], 0.5) == 2.5)
    // 1…10, q = 0.9: h = 9 · 0.9 = 8.1 → x8 + 0.1 · (x9 − x8) = 9 + 0.1 = 9.1.
    #expect(abs(percentile((1...10).map(Double.init), 0.9)! - 9.1) < 1e-9)
    #expect(percentile([7], 0.9) == 7)
    #expect(percentile([], 0.5) == nil)
  }

  @Test(arguments: StoreKind.tested) func firstDeploymentOfAShaIsTheEarliestSuccessfulProductionOne(_ kind: StoreKind) throws {
    var b = RecordBatch()
    b.changes = [Change(sha: "x", service: "api", committedAt: t("2026-03-01T00:00:00Z"))]
    b.deployments = [
      Deployment(id: "late", service: "api", finishedAt: t("2026-03-05T00:00:00Z"), commits: ["x"]),
      Deployment(id: "early", service: "api", finishedAt: t("2026-03-02T00:00:00Z"), commits: ["x"]),
      Deployment(
        id: "earlier-staging", service: "api", environment: "staging", finishedAt: t("2026-03-01T12:00:00Z"), commits: ["x"]),
    ]
    let store = try TestStore.loaded(b, kind)
    // 03-02 − 03-01 = 24 h; counted once, not again for "late".
    let r = try DORACalculator(store: store).report(window: HandDataset.window)
    #expect(r.measurement(.leadTime)?.number == 24)
    #expect(r.counts.changes == 1)
    // In a window holding only the later deployment, x is not counted (its first deployment is earlier).
    let w = Window(start: t("2026-03-04T00:00:00Z"), end: t("2026-03-06T00:00:00Z"))
    #expect(try DORACalculator(store: store).report(window: w).counts.changes == 0)
  }

  @Test(arguments: StoreKind.tested) func weeklyTrendBuckets(_ kind: StoreKind) throws {
    let calc = DORACalculator(store: try HandDataset.store(kind))
    let series = try calc.trend(window: HandDataset.window, by: .week)
    // 2026-03-01 is a Sunday: buckets [03-01, 03-02), [03-02, 03-09), [03-09, 03-11).
    #expect(series.map(\.window.start.description) == ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"])
    #expect(series.map(\.counts.deployments) == [0, 3, 0])
    // Week 2: 3 deployments / 7 days.
    #expect(abs(series[1].measurement(.deploymentFrequency)!.number! - 3.0 / 7) < 1e-12)
  }
}
