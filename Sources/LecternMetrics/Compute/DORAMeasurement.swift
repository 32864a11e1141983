import LecternCore

/// One computed DORA metric: a value with its unit and tier, or "no data" with the reason.
public struct DORAMeasurement: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case value(Double)
    /// Nothing behind the metric; never shown as 0.
    case noData(reason: String)
  }

  public enum Unit: String, Sendable, Hashable {
    case perDay = "per day"
    case hours
    case percent
  }

  public var metric: DORAMetric
  public var value: Value
  public var unit: Unit
  /// Lead time only: the 90th percentile beside the median.
  public var p90: Double?
  public var tier: Tier?
  /// The tier above this one (its bound is what it takes to move up); `nil` at the top or with no data.
  public var nextTier: Tier?

  public var number: Double? {
    if case .value(let v) = value { return v }
    return nil
  }
}

/// What stands behind the four numbers.
public struct MetricCounts: Sendable, Hashable {
  /// Successful production deployments in the window.
  public var deployments = 0
  /// UTC days in the window with at least one of them.
  public var daysWithDeployments = 0
  /// All production deployments in the window (success or failure), and how many failed or caused an incident.
  public var productionDeployments = 0
  public var failedDeployments = 0
  /// Changes whose first deployment is in the window and that have a lead time.
  public var changes = 0
  /// Shipped SHAs without a `changes` record.
  public var unmatchedSHAs = 0
  public var negativeLeadTimes = 0
  /// Incidents opened in the window: resolved ones have a restore time, open ones are only counted.
  public var resolvedIncidents = 0
  public var openIncidents = 0
  public var negativeRestoreTimes = 0
}

/// The four metrics for a window and service filter.
public struct DORAReport: Sendable, Hashable {
  public var window: Window
  /// Empty: every service.
  public var services: [String]
  public var measurements: [DORAMeasurement]
  public var counts: MetricCounts
  public var tierSource: String

  public func measurement(_ metric: DORAMetric) -> DORAMeasurement? { measurements.first { $0.metric == metric } }
}
