import Foundation
import LecternCore
import LecternDORA
import Testing

@testable import LecternMetrics

private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

/// The opt-in inferred incident → deployment link: the latest production deployment of the incident's
/// service that finished within the window before it opened; never over an explicit `caused_by`.
@Suite struct InferredCauseTests {
  private let window = Window(start: t("2026-03-01T00:00:00Z"), end: t("2026-03-11T00:00:00Z"))

  private func store() throws -> MetricsStore {
    var batch = RecordBatch()
    batch.deployments = [
      Deployment(id: "d1", service: "api", finishedAt: t("2026-03-02T10:00:00Z")),
      Deployment(id: "d2", service: "api", finishedAt: t("2026-03-03T10:00:00Z")),
      Deployment(id: "d3", service: "api", finishedAt: t("2026-03-05T10:00:00Z")),
      Deployment(id: "d4", service: "web", finishedAt: t("2026-03-03T12:00:00Z")),
      // Later than d2 and before i1, but not production: never the inferred cause.
      Deployment(id: "d5", service: "api", environment: "staging", finishedAt: t("2026-03-03T11:00:00Z")),
    ]
    batch.incidents = [
      // 3 h and 4 h after d2 (the latest production api deployment before them): linked to d2.
      Incident(id: "i1", service: "api", openedAt: t("2026-03-03T13:00:00Z")),
      Incident(id: "i5", service: "api", openedAt: t("2026-03-03T14:00:00Z")),
      // Explicit: d1 failed by it, and it links nothing else.
      Incident(id: "i2", service: "api", openedAt: t("2026-03-03T15:00:00Z"), causedBy: "d1"),
      // 48 h after d4: outside 24 h, inside 72 h.
      Incident(id: "i3", service: "web", openedAt: t("2026-03-05T12:00:00Z")),
      // No service: nothing to link by.
      Incident(id: "i4", openedAt: t("2026-03-05T11:00:00Z")),
      // 1 h after d3, but its explicit cause (not in the store) is never overridden.
      Incident(id: "i6", service: "api", openedAt: t("2026-03-05T11:00:00Z"), causedBy: "deploy-from-elsewhere"),
    ]
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    return store
  }

  @Test func offByDefault() throws {
    let r = try DORACalculator(store: try store()).report(window: window)
    // d1 of d1–d4 failed (explicitly): 1 / 4 = 25 %.
    #expect(r.measurement(.changeFailureRate)?.number == 25)
    #expect(r.counts.inferredCauses == nil)
    #expect(r.counts.inferredLinks == nil)
  }

  @Test func withinADayTheDeploymentBeforeTheIncidentIsItsCause() throws {
    let r = try DORACalculator(store: try store(), inferCauses: 86_400).report(window: window)
    // d1 (explicit) and d2 (inferred from i1 and i5) of 4: 50 %.
    #expect(r.measurement(.changeFailureRate)?.number == 50)
    #expect(r.counts.failedDeployments == 2)
    #expect(r.counts.inferredCauses == 1)
    #expect(r.counts.inferredLinks == 2)
    #expect(
      MetricFormatting.detail(r.measurement(.changeFailureRate)!, r.counts)
        == "2 of 4 production deployments, 1 by inferred cause (2 incidents linked by inference)")
  }

  @Test func aLongerWindowLinksMore() throws {
    let r = try DORACalculator(store: try store(), inferCauses: 72 * 3600).report(window: window)
    // i3 now links d4 (48 h ≤ 72 h): d1, d2, d4 of 4 = 75 %.
    #expect(r.measurement(.changeFailureRate)?.number == 75)
    #expect(r.counts.inferredCauses == 2)
    #expect(r.counts.inferredLinks == 3)
  }

  @Test func theServiceFilterAndTheReportWindowApply() throws {
    let web = try DORACalculator(store: try store(), inferCauses: 86_400).report(window: window, services: ["web"])
    #expect(web.measurement(.changeFailureRate)?.number == 0)
    #expect(web.counts.inferredLinks == 0)
    // Only d3 is in [03-04, 03-11): i6 names another deployment, so d3 stays good.
    let late = Window(start: t("2026-03-04T00:00:00Z"), end: t("2026-03-11T00:00:00Z"))
    let r = try DORACalculator(store: try store(), inferCauses: 86_400).report(window: late)
    #expect(r.measurement(.changeFailureRate)?.number == 0)
    #expect(r.counts.inferredCauses == 0)
  }

  @Test func aDocumentsInferCausesWinsOverTheSettingsFile() throws {
    let directory = URL(fileURLWithPath: "/tmp")
    let defaults = MetricsDefaults(
      data: "/tmp/records", db: nil, defaultStore: "none.sqlite", window: WindowSpec(), inferCauses: 3600)
    let own = try MetricsRequest.forDocument(
      settings: ["infer_causes": "24h"], directory: directory, defaults: defaults, tiers: .defaults)
    #expect(own?.inferCauses == 86_400)
    let inherited = try MetricsRequest.forDocument(settings: [:], directory: directory, defaults: defaults, tiers: .defaults)
    #expect(inherited?.inferCauses == 3600)
    #expect(throws: WindowSpec.Invalid.self) {
      _ = try MetricsRequest.forDocument(
        settings: ["infer_causes": "soon"], directory: directory, defaults: defaults, tiers: .defaults)
    }
  }
}
