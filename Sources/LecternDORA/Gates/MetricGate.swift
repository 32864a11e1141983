import LecternCore

/// A CI threshold on one metric, written as the condition that fails the build:
/// `change_failure_rate>30%`, `lead_time>7d`, `time_to_restore>=1h`, `deployment_frequency<1/week`,
/// or against a tier name, `deployment_frequency<High` (worse than High).
public struct MetricGate: Sendable, Hashable, CustomStringConvertible {
  public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
  }

  public enum Threshold: Sendable, Hashable {
    /// In the metric's unit: per day, hours or percent.
    case amount(Double)
    /// A tier of the tier table (`High`); `<` means a worse tier, `>` a better one.
    case tier(String)
  }

  public var metric: DORAMetric
  public var comparison: Comparison
  public var threshold: Threshold
  /// As written.
  public var text: String

  public var description: String { text }

  /// What checking a gate against a report found.
  public enum Outcome: Sendable, Hashable {
    case passed
    /// The condition holds: the build fails. The text says what the value was.
    case breached(String)
    /// Nothing to check: neither passed nor breached.
    case noData(String)
  }

  public struct Invalid: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Parses `metric<op>value`; the value takes the metric's units (`30%`, `7d`, `36h`, `90m`, `2w`,
  /// `1/day`, `3/week`, `1/month`; a bare number is percent, hours or per day) or a tier name of `tiers`.
  public init(parsing text: String, tiers: TierTable = .defaults) throws {
    let compact = String(text.filter { $0 != " " })
    guard let (name, op, value) = Self.split(compact) else {
      throw Invalid(
        description: "--fail-if '\(text)' is not a threshold; expected METRIC<VALUE or METRIC>VALUE such as 'lead_time>7d'")
    }
    guard let metric = DORAMetric(rawValue: name.lowercased()) ?? DORAMetric(name: name) else {
      let names = DORAMetric.allCases.map(\.rawValue).joined(separator: ", ")
      throw Invalid(description: "--fail-if '\(text)': '\(name)' is not a metric; expected one of \(names)")
    }
    self.metric = metric
    self.comparison = op
    self.text = text
    if let tier = tiers.tiers[metric]?.first(where: { $0.name.lowercased() == value.lowercased() }) {
      threshold = .tier(tier.name)
    } else if let amount = Self.amount(value, metric: metric) {
      threshold = .amount(amount)
    } else {
      let tierNames = (tiers.tiers[metric] ?? []).map(\.name).joined(separator: ", ")
      throw Invalid(
        description:
          "--fail-if '\(text)': '\(value)' is not a value for \(metric.rawValue); expected \(Self.units(metric)) or a tier (\(tierNames))"
      )
    }
  }

  private static func split(_ s: String) -> (String, Comparison, String)? {
    for op in Comparison.allCases {
      if let range = s.range(of: op.rawValue) {
        let name = String(s[..<range.lowerBound])
        let value = String(s[range.upperBound...])
        guard !name.isEmpty, !value.isEmpty else { return nil }
        return (name, op, value)
      }
    }
    return nil
  }

  private static func units(_ metric: DORAMetric) -> String {
    switch metric {
    case .deploymentFrequency: "a rate such as 1/day, 3/week or 1/month"
    case .leadTime, .timeToRestore: "a duration such as 90m, 36h, 7d or 2w"
    case .changeFailureRate: "a percentage such as 30%"
    }
  }

  /// The value in the metric's unit, or `nil` when it is not written in one of its units.
  static func amount(_ text: String, metric: DORAMetric) -> Double? {
    let lower = text.lowercased()
    func number(_ s: Substring) -> Double? { Double(s).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
    switch metric {
    case .changeFailureRate:
      return number(lower.hasSuffix("%") ? lower.dropLast() : Substring(lower))
    case .leadTime, .timeToRestore:
      let units: [(String, Double)] = [("min", 1.0 / 60), ("m", 1.0 / 60), ("h", 1), ("d", 24), ("w", 168)]
      for (suffix, hours) in units where lower.hasSuffix(suffix) {
        if let n = number(lower.dropLast(suffix.count)) { return n * hours }
      }
      return number(Substring(lower))
    case .deploymentFrequency:
      let parts = lower.split(separator: "/", maxSplits: 1)
      guard let n = parts.first.flatMap(number) else { return nil }
      guard parts.count == 2 else { return n }
      switch parts[1] {
      case "day", "d": return n
      case "week", "w": return n / 7
      case "month", "m": return n / 30
      default: return nil
      }
    }
  }
}
