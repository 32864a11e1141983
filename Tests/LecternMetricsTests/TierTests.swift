import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

@Suite struct TierTests {
  @Test func contractDefaults() {
    let t = TierTable.defaults
    // Deployment frequency: High is *more than* 1 per day; Mid at least 1 per 30 days.
    #expect(t.tier(of: 1.0001, for: .deploymentFrequency)?.name == "High")
    #expect(t.tier(of: 1, for: .deploymentFrequency)?.name == "Mid")
    #expect(t.tier(of: 1.0 / 30, for: .deploymentFrequency)?.name == "Mid")
    #expect(t.tier(of: 0.03, for: .deploymentFrequency)?.name == "Low")
    // Change failure rate: High under 15 %; Mid at most 30 %.
    #expect(t.tier(of: 14.9, for: .changeFailureRate)?.name == "High")
    #expect(t.tier(of: 15, for: .changeFailureRate)?.name == "Mid")
    #expect(t.tier(of: 30, for: .changeFailureRate)?.name == "Mid")
    #expect(t.tier(of: 30.1, for: .changeFailureRate)?.name == "Low")
    // Time to restore: High under 1 hour; Mid under 24 hours.
    #expect(t.tier(of: 0.99, for: .timeToRestore)?.name == "High")
    #expect(t.tier(of: 1, for: .timeToRestore)?.name == "Mid")
    #expect(t.tier(of: 24, for: .timeToRestore)?.name == "Low")
    // Lead time: High under 24 hours; Mid under 7 days.
    #expect(t.tier(of: 167.9, for: .leadTime)?.name == "Mid")
    #expect(t.tier(of: 168, for: .leadTime)?.name == "Low")
    #expect(t.nextTierUp(from: 50, for: .changeFailureRate)?.bound == 30)
  }

  @Test func metricNameAliases() {
    #expect(DORAMetric(name: "**Deployment Frequency**") == .deploymentFrequency)
    #expect(DORAMetric(name: "MTTR") == .timeToRestore)
    #expect(DORAMetric(name: "Mean time to restore") == .timeToRestore)
    #expect(DORAMetric(name: "Change fail percentage") == .changeFailureRate)
    #expect(DORAMetric(name: "Lead Time for Changes.") == .leadTime)
    #expect(DORAMetric(name: "Team") == nil)
  }

  @Test func seedBenchmarkTableGivesTheContractThresholds() throws {
    // The DORA table of the seed talk, as written there.
    let header = ["**Metric**", "**High Performers**", "**Mid Performers**", "**Low Performers**"]
    let rows = [
      ["**Deployment Frequency**", "Multiple times/day", "Weekly to monthly", "Less than monthly"],
      ["**Lead Time for Changes**", "Hours", "Days", "Weeks to months"],
      ["**Change Failure Rate**", "<15%", "15-30%", ">30%"],
      ["**Time to Restore Service**", "<1 hour", "<1 day", ">1 day"],
    ]
    let table = try #require(TierTable.parse(header: header, rows: rows, source: "seed"))
    for metric in DORAMetric.allCases {
      #expect(table.tiers[metric]?.map(\.bound) == TierTable.defaults.tiers[metric]?.map(\.bound), "\(metric)")
      #expect(table.tiers[metric]?.map(\.inclusive) == TierTable.defaults.tiers[metric]?.map(\.inclusive), "\(metric)")
    }
    #expect(table.tiers[.leadTime]?.map(\.name) == ["High Performers", "Mid Performers", "Low Performers"])
  }

  @Test func fourTierBenchmarkFromAnotherYear() throws {
    let header = ["Metric", "Elite", "High", "Medium", "Low"]
    let rows = [
      [
        "Deployment frequency", "On-demand (multiple deploys per day)", "Between once per day and once per week",
        "Between once per week and once per month", "Fewer than once per six months",
      ],
      [
        "Lead time for changes", "Less than one hour", "Between one day and one week", "Between one month and six months",
        "More than six months",
      ],
      [
        "Time to restore service", "Less than one hour", "Less than one day", "Between one day and one week",
        "More than six months",
      ],
      ["Change failure rate", "0-15%", "16-30%", "16-30%", "46-60%"],
    ]
    let table = try #require(TierTable.parse(header: header, rows: rows, source: "2019"))
    #expect(table.tiers[.deploymentFrequency]?.compactMap(\.bound) == [1, 1.0 / 7, 1.0 / 30])
    #expect(table.tier(of: 0.5, for: .deploymentFrequency)?.name == "High")
    #expect(table.tiers[.timeToRestore]?.compactMap(\.bound) == [1, 24, 168])
    #expect(table.tier(of: 12, for: .timeToRestore)?.name == "High")
    // 0-15 % includes 15 %.
    #expect(table.tier(of: 15, for: .changeFailureRate)?.name == "Elite")
  }
}
