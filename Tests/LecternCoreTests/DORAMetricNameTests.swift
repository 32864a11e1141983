import Testing

@testable import LecternCore

/// Metric names are read over bytes when ASCII; the result must be what the character rules give.
struct DORAMetricNameTests {
  @Test(arguments: [
    "Deployment Frequency", "**Lead time**", "  change-fail   percentage. ", "MTTR", "mean time to restore (MTTR)",
    "Time\tto  Restore", "deployment_frequency", "`CFR`:", "- lead -- time -", "", "***", "Elite", "10 %",
    "Failed Deployment Recovery Time", "a.-b", "x\r\ny",
  ])
  func bytesAgreeWithCharacters(_ name: String) {
    #expect(DORAMetric.normalizedName(name) == DORAMetric.normalizedByCharacters(name))
  }

  @Test func namesPeopleWriteAreRead() {
    #expect(DORAMetric(name: "**Lead time for changes**") == .leadTime)
    #expect(DORAMetric(name: "Mean time to restore (MTTR)") == .timeToRestore)
    #expect(DORAMetric(name: "Change-fail percentage.") == .changeFailureRate)
    #expect(DORAMetric(name: "DÉPLOIEMENT") == nil)
    #expect(DORAMetric(name: "Elite") == nil)
  }
}
