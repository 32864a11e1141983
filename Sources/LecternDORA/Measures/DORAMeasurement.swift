import LecternCore

/// One computed DORA metric: a value with its unit and tier, or "no data" with the reason.
public struct DORAMeasurement: Sendable, Hashable {
  /// One percentile of a duration: `quantile` 0.75 and its value (in the measurement's unit).
  public struct PercentileValue: Sendable, Hashable {
    public var quantile: Double
    public var value: Double

    public init(quantile: Double, value: Double) {
      self.quantile = quantile
      self.value = value
    }

    /// `p75`, `p99.9`.
    public var label: String {
      let p = quantile * 100
      return p == p.rounded() ? "p\(Int(p))" : "p\(p)"
    }
  }

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
  /// Durations only: the percentiles asked for (`--percentile 50,75,90`), in the order asked.
  public var percentiles: [PercentileValue] = []
  public var tier: Tier?
  /// The tier above this one (its bound is what it takes to move up); `nil` at the top or with no data.
  public var nextTier: Tier?

  public init(metric: DORAMetric, value: Value, unit: Unit, p90: Double? = nil, tier: Tier? = nil, nextTier: Tier? = nil) {
    self.metric = metric
    self.value = value
    self.unit = unit
    self.p90 = p90
    self.tier = tier
    self.nextTier = nextTier
  }

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
  /// Of `failedDeployments`, those counted only through an inferred incident link; `nil` when inference
  /// is off (it is opt-in).
  public var inferredCauses: Int?
  /// Incidents without `caused_by` linked by inference to a production deployment in the window; `nil`
  /// when inference is off.
  public var inferredLinks: Int?
  /// Changes whose first deployment is in the window and that have a lead time.
  public var changes = 0
  /// Shipped SHAs without a `changes` record.
  public var unmatchedSHAs = 0
  public var negativeLeadTimes = 0
  /// Incidents opened in the window: resolved ones have a restore time, open ones are only counted.
  public var resolvedIncidents = 0
  public var openIncidents = 0
  public var negativeRestoreTimes = 0
  /// Every record left out of a metric, by reason (non-production environments, unmatched SHAs, …).
  public var excluded: [Exclusion] = []

  public init() {}
}

/// The four metrics for a window and service filter: the one value every renderer shows.
///
/// Computed once by the metrics store; slides, reports and `metrics show` format it and never compute or
/// tier numbers themselves, so the same data gets the same words everywhere.
public struct DORAReport: Sendable, Hashable {
  public var window: Window
  /// Empty: every service.
  public var services: [String]
  public var measurements: [DORAMeasurement]
  public var counts: MetricCounts
  /// Where the tier thresholds came from (`contract defaults`, a benchmark table in a file).
  public var tierSource: String
  /// Where the records came from (a store path, a folder read into memory), for provenance lines.
  public var source: String
  /// Services in the filter that no record in the store has.
  public var unknownServices: [String] = []
  /// A trend bucket clipped by an edge of the window (part of a week or month): its numbers cover less
  /// time than the others'.
  public var isPartialBucket = false

  public init(
    window: Window, services: [String], measurements: [DORAMeasurement], counts: MetricCounts, tierSource: String,
    source: String = ""
  ) {
    self.window = window
    self.services = services
    self.measurements = measurements
    self.counts = counts
    self.tierSource = tierSource
    self.source = source
  }

  public func measurement(_ metric: DORAMetric) -> DORAMeasurement? { measurements.first { $0.metric == metric } }

  /// The same numbers classified by `table`: the only place a measurement gets its tier.
  public func tiered(by table: TierTable) -> DORAReport {
    var copy = self
    for i in copy.measurements.indices {
      let metric = copy.measurements[i].metric
      // A plain loop: Swift 6.3's optimizer crashes on the equivalent closure (CopyPropagation).
      if case .value(let v) = copy.measurements[i].value {
        copy.measurements[i].tier = table.tier(of: v, for: metric)
        copy.measurements[i].nextTier = table.nextTierUp(from: v, for: metric)
      } else {
        copy.measurements[i].tier = nil
        copy.measurements[i].nextTier = nil
      }
    }
    copy.tierSource = table.source
    return copy
  }

  /// "DORA metrics: 90 days to 2026-11-29T00:00:00Z, all services (store)": printed wherever live numbers appear.
  public var provenance: String {
    let scope = services.isEmpty ? "all services" : services.joined(separator: ", ")
    return "DORA metrics: \(Int(window.days.rounded())) days to \(window.end), \(scope) (\(source))"
  }
}
