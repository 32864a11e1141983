import GRDB
import LecternCore
import LecternDORA

/// Computes the four DORA metrics from the store, exactly as the metrics contract defines them.
public struct DORACalculator: Sendable {
  public var store: MetricsStore
  public var tiers: TierTable
  /// Which environment names count as production.
  public var production: ProductionEnvironments
  /// The percentiles reported for both durations (fractions: 0.5, 0.9).
  public var percentiles: [Double]
  /// Opt-in: link an incident without `caused_by` to the latest production deployment of its service
  /// that finished at most this many seconds before it opened (see `DORACalculator+InferredCauses`).
  public var inferCauses: Double?

  public init(
    store: MetricsStore, tiers: TierTable = .defaults, production: ProductionEnvironments = .default,
    percentiles: [Double] = [0.5, 0.9], inferCauses: Double? = nil
  ) {
    self.store = store
    self.tiers = tiers
    self.production = production
    self.percentiles = percentiles
    self.inferCauses = inferCauses
  }

  public func report(window: Window, services: [String] = []) throws -> DORAReport {
    try store.read { db in
      let scope = try Scope(db, production: production, services: services)
      var r = try report(db, window: window, scope: scope, links: try inferredLinks(db, scope: scope))
      r.unknownServices = try services.filter { try !Self.hasRecords(db, service: $0) }
      return r
    }
  }

  /// One report per calendar bucket of the window (the trend series).
  public func trend(window: Window, by unit: CalendarUnit, services: [String] = []) throws -> [DORAReport] {
    try store.read { db in
      let scope = try Scope(db, production: production, services: services)
      let links = try inferredLinks(db, scope: scope)
      return try window.buckets(unit).map { bucket in
        var r = try report(db, window: bucket, scope: scope, links: links)
        r.isPartialBucket = !bucket.isWhole(unit)
        return r
      }
    }
  }

  /// Every service named by any record, sorted.
  public func services() throws -> [String] {
    try store.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT service FROM deployments UNION SELECT service FROM changes WHERE service IS NOT NULL
          UNION SELECT service FROM incidents WHERE service IS NOT NULL ORDER BY 1
          """)
    }
  }

  static func hasRecords(_ db: Database, service: String) throws -> Bool {
    try Bool.fetchOne(
      db,
      sql: """
        SELECT EXISTS (SELECT 1 FROM deployments WHERE service = ?) OR EXISTS (SELECT 1 FROM changes WHERE service = ?)
          OR EXISTS (SELECT 1 FROM incidents WHERE service = ?)
        """, arguments: [service, service, service]) ?? false
  }

  /// `links`: the inferred incident links per deployment, when inference is on.
  private func report(_ db: Database, window: Window, scope: Scope, links: [String: Int]?) throws -> DORAReport {
    var counts = MetricCounts()
    let frequency = try deploymentFrequency(db, window: window, scope: scope, counts: &counts)
    let lead = try leadTimes(db, window: window, scope: scope, counts: &counts)
    let failureRate = try changeFailureRate(db, window: window, scope: scope, links: links, counts: &counts)
    let restore = try restoreTimes(db, window: window, scope: scope, counts: &counts)
    counts.excluded += try environmentExclusions(db, window: window, scope: scope)
    let reasons: [(Exclusion.Reason, Int)] = [
      (.unmatchedSHA, counts.unmatchedSHAs), (.negativeLeadTime, counts.negativeLeadTimes),
      (.noService(.changes), lead.noService), (.openIncident, counts.openIncidents),
      (.negativeRestoreTime, counts.negativeRestoreTimes), (.noService(.incidents), restore.noService),
    ]
    counts.excluded += reasons.filter { $0.1 > 0 }.map { Exclusion($0.0, count: $0.1) }

    let leadTime: DORAMeasurement.Value =
      lead.hours.isEmpty
      ? .noData(reason: "no deployed change with a commit time in the window") : .value(percentile(sorted: lead.hours, 0.5)!)
    let timeToRestore: DORAMeasurement.Value =
      restore.hours.isEmpty
      ? .noData(
        reason: counts.openIncidents > 0
          ? "\(counts.openIncidents) incident(s) opened in the window, none resolved" : "no incidents opened in the window")
      : .value(percentile(sorted: restore.hours, 0.5)!)
    var leadMeasurement = DORAMeasurement(
      metric: .leadTime, value: leadTime, unit: .hours, p90: percentile(sorted: lead.hours, 0.9))
    leadMeasurement.percentiles = percentileValues(lead.hours)
    var restoreMeasurement = DORAMeasurement(metric: .timeToRestore, value: timeToRestore, unit: .hours)
    restoreMeasurement.percentiles = percentileValues(restore.hours)
    return DORAReport(
      window: window, services: scope.services,
      measurements: [
        DORAMeasurement(metric: .deploymentFrequency, value: frequency, unit: .perDay), leadMeasurement,
        DORAMeasurement(metric: .changeFailureRate, value: failureRate, unit: .percent), restoreMeasurement,
      ], counts: counts, tierSource: tiers.source, source: store.path ?? "in memory"
    ).tiered(by: tiers)
  }

  private func percentileValues(_ sorted: [Double]) -> [DORAMeasurement.PercentileValue] {
    guard !sorted.isEmpty else { return [] }
    return percentiles.map { .init(quantile: $0, value: percentile(sorted: sorted, $0)!) }
  }
}

/// What every query of one report shares: the stored environment names that count as production (and
/// those that do not) and the service filter.
struct Scope {
  var productionNames: [String]
  var otherNames: [String]
  var services: [String]

  init(_ db: Database, production: ProductionEnvironments, services: [String]) throws {
    let names = try String.fetchAll(db, sql: "SELECT DISTINCT environment FROM deployments")
    productionNames = names.filter(production.contains).sorted()
    otherNames = names.filter { !production.contains($0) }.sorted()
    self.services = services
  }

  /// `<column> IN (?, …)` over the production names (false when the store has none).
  func production(_ column: String) -> String {
    productionNames.isEmpty
      ? "0" : "\(column) IN (\(productionNames.map { _ in "?" }.joined(separator: ", ")))"
  }

  var productionArgs: [any DatabaseValueConvertible] { productionNames }

  /// ` AND service IN (?, …)`, or nothing without a filter.
  var serviceClause: String {
    services.isEmpty ? "" : " AND service IN (\(services.map { _ in "?" }.joined(separator: ", ")))"
  }

  var serviceArgs: [any DatabaseValueConvertible] { services }
}
