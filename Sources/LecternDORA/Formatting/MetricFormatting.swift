import Foundation
import LecternCore

/// Numbers, durations and tiers as people read them. Templates and commands never format numbers.
public enum MetricFormatting {
  /// `0.30/day`, `6.0 h`, `2.3 d`, `50.0%`, or `no data (reason)`.
  public static func value(_ m: DORAMeasurement) -> String {
    guard let v = m.number else {
      if case .noData(let reason) = m.value { return "no data (\(reason))" }
      return "no data"
    }
    return amount(v, m.unit)
  }

  public static func amount(_ v: Double, _ unit: DORAMeasurement.Unit) -> String {
    switch unit {
    case .perDay: return String(format: "%.2f/day", v)
    case .percent: return String(format: "%.1f%%", v)
    case .hours: return duration(hours: v)
    }
  }

  /// Hours as minutes, hours or days, whichever reads best (never truncated to whole hours).
  public static func duration(hours: Double) -> String {
    if hours < 1 { return String(format: "%.0f min", hours * 60) }
    if hours < 48 { return String(format: "%.1f h", hours) }
    return String(format: "%.1f d", hours / 24)
  }

  /// `High` or `—`.
  public static func tier(_ m: DORAMeasurement) -> String { m.tier?.name ?? "—" }

  /// What it takes to reach the next tier: `> 1.00/day for High`, or `top tier`.
  public static func nextTier(_ m: DORAMeasurement) -> String {
    guard m.number != nil else { return "—" }
    guard let next = m.nextTier, let bound = next.bound else { return "top tier" }
    let op = m.metric.higherIsBetter ? (next.inclusive ? "≥" : ">") : (next.inclusive ? "≤" : "<")
    return "\(op) \(amount(bound, m.unit)) for \(next.name)"
  }

  /// Extra facts behind one metric.
  public static func detail(_ m: DORAMeasurement, _ c: MetricCounts) -> String {
    switch m.metric {
    case .deploymentFrequency:
      let perWeek = m.number.map { String(format: "%.1f/week, ", $0 * 7) } ?? ""
      return "\(perWeek)\(c.deployments) deployments on \(c.daysWithDeployments) days"
    case .leadTime:
      let p90 = chosenPercentiles(m) ?? m.p90.map { "p90 \(duration(hours: $0)), " } ?? ""
      return "\(p90)\(c.changes) changes, \(c.unmatchedSHAs) unmatched SHAs, \(c.negativeLeadTimes) negative"
    case .changeFailureRate:
      let inferred = c.inferredCauses.map { n in
        ", \(n) by inferred cause (\(c.inferredLinks ?? 0) incident\(c.inferredLinks == 1 ? "" : "s") linked by inference)"
      }
      return "\(c.failedDeployments) of \(c.productionDeployments) production deployments\(inferred ?? "")"
    case .timeToRestore:
      let chosen = chosenPercentiles(m) ?? ""
      return "\(chosen)\(c.resolvedIncidents) resolved, \(c.openIncidents) open, \(c.negativeRestoreTimes) negative"
    }
  }

  /// `p50 6.0 h, p75 9.0 h, ` when percentiles other than the default median and p90 were asked for.
  static func chosenPercentiles(_ m: DORAMeasurement) -> String? {
    let quantiles = m.percentiles.map(\.quantile)
    guard !quantiles.isEmpty, quantiles != [0.5, 0.9] else { return nil }
    return m.percentiles.map { "\($0.label) \(duration(hours: $0.value)), " }.joined()
  }
}
