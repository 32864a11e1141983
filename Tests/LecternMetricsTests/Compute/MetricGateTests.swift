import Foundation
import LecternCore
import LecternDORA
import Testing

@testable import LecternMetrics

/// `--fail-if` thresholds: parsed in the metric's units or as tiers, checked against a report.
@Suite struct MetricGateTests {
  private func report() throws -> DORAReport {
    try DORACalculator(store: try HandDataset.store()).report(window: HandDataset.window)
  }

  @Test func unitsAreReadInTheMetricsOwnUnit() throws {
    #expect(try MetricGate(parsing: "change_failure_rate>30%").threshold == .amount(30))
    #expect(try MetricGate(parsing: "lead_time > 7d").threshold == .amount(168))
    #expect(try MetricGate(parsing: "time_to_restore>=90m").threshold == .amount(1.5))
    #expect(try MetricGate(parsing: "deployment_frequency<2/week").threshold == .amount(2.0 / 7))
    #expect(try MetricGate(parsing: "deployment_frequency<high").threshold == .tier("High"))
    #expect(try MetricGate(parsing: "lead_time<=36h").comparison == .lessOrEqual)
  }

  @Test(arguments: ["lead_time", "speed>3", "lead_time>soon", "change_failure_rate>", "deployment_frequency<Elite"])
  func badThresholdsAreRejected(_ text: String) {
    #expect(throws: MetricGate.Invalid.self) { _ = try MetricGate(parsing: text) }
  }

  @Test func breachesPassesAndNoData() throws {
    let r = try report()
    // Change failure rate is 50 %, deployment frequency 0.3/day (Mid), lead time 6 h.
    #expect(try MetricGate(parsing: "change_failure_rate>30%").check(r) == .breached("Change Failure Rate is 50.0%"))
    #expect(try MetricGate(parsing: "change_failure_rate>=50.1%").check(r) == .passed)
    #expect(try MetricGate(parsing: "lead_time>7d").check(r) == .passed)
    #expect(try MetricGate(parsing: "deployment_frequency<High").check(r) == .breached("Deployment Frequency is 0.30/day (Mid)"))
    #expect(try MetricGate(parsing: "deployment_frequency<Mid").check(r) == .passed)
    #expect(try MetricGate(parsing: "deployment_frequency<=Mid").check(r) != .passed)
    let empty = try DORACalculator(store: try MetricsStore(path: nil)).report(window: HandDataset.window)
    #expect(
      try MetricGate(parsing: "lead_time>7d").check(empty) == .noData("no deployed change with a commit time in the window"))
  }
}
