import GRDB
import LecternCore
import LecternDORA

/// Computes the four DORA metrics from the store, exactly as the metrics contract defines them.
public struct DORACalculator: Sendable {
  public var store: MetricsStore
  public var tiers: TierTable

  public init(store: MetricsStore, tiers: TierTable = .defaults) {
    self.store = store
    self.tiers = tiers
  }

  public func report(window: Window, services: [String] = []) throws -> DORAReport {
    try store.read { db in try report(db, window: window, services: services) }
  }

  /// One report per calendar bucket of the window (the trend series).
  public func trend(window: Window, by unit: CalendarUnit, services: [String] = []) throws -> [DORAReport] {
    try store.read { db in try window.buckets(unit).map { try report(db, window: $0, services: services) } }
  }

  private func report(_ db: Database, window: Window, services: [String]) throws -> DORAReport {
    let filter = Set(services)
    var counts = MetricCounts()
    let start = window.start.microseconds
    let end = window.end.microseconds
    let serviceClause = services.isEmpty ? "" : " AND service IN (\(services.map { _ in "?" }.joined(separator: ", ")))"
    let serviceArgs = services.map { $0 as any DatabaseValueConvertible }

    // Deployment frequency.
    let frequency = try Row.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) AS n, COUNT(DISTINCT finished_at / 86400000000) AS days FROM deployments
        WHERE environment = 'production' AND status = 'success' AND finished_at >= ? AND finished_at < ?\(serviceClause)
        """, arguments: StatementArguments([start, end] + serviceArgs))
    counts.deployments = frequency?["n"] ?? 0
    counts.daysWithDeployments = frequency?["days"] ?? 0
    let anyDeployments =
      try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM deployments WHERE 1 = 1\(serviceClause))",
        arguments: StatementArguments(serviceArgs))
      ?? false
    let deploymentFrequency: DORAMeasurement.Value =
      anyDeployments
      ? .value(Double(counts.deployments) / window.days)
      : .noData(
        reason: services.isEmpty ? "no deployments in the store" : "no deployments for \(services.joined(separator: ", "))")

    // Lead time: changes whose first successful production deployment finished in the window.
    var leadTimes: [Double]
    let shipped = try Row.fetchCursor(
      db,
      sql: """
        SELECT dc.sha AS sha, d.finished_at AS finished, d.service AS dservice, c.committed_at AS committed, c.service AS cservice
        FROM deployment_commits dc
        JOIN deployments d ON d.id = dc.deployment_id
        LEFT JOIN changes c ON c.sha = dc.sha
        WHERE d.environment = 'production' AND d.status = 'success' AND d.finished_at >= ? AND d.finished_at < ?
          AND NOT EXISTS (
            SELECT 1 FROM deployment_commits dc2 JOIN deployments d2 ON d2.id = dc2.deployment_id
            WHERE dc2.sha = dc.sha AND d2.environment = 'production' AND d2.status = 'success'
              AND (d2.finished_at < d.finished_at OR (d2.finished_at = d.finished_at AND d2.id < d.id)))
        """, arguments: [start, end])
    let lead = try durations(
      shipped, filter: filter, ownService: "cservice", inheritedService: "dservice", from: "committed", to: "finished")
    leadTimes = lead.hours
    counts.unmatchedSHAs = lead.missing
    counts.negativeLeadTimes = lead.negative
    leadTimes.sort()
    counts.changes = leadTimes.count
    let leadTime: DORAMeasurement.Value =
      leadTimes.isEmpty
      ? .noData(reason: "no deployed change with a commit time in the window") : .value(percentile(sorted: leadTimes, 0.5)!)

    // Change failure rate.
    let failures = try Row.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) AS n,
          SUM(CASE WHEN status = 'failure' OR EXISTS (SELECT 1 FROM incidents i WHERE i.caused_by = d.id) THEN 1 ELSE 0 END) AS failed
        FROM deployments d
        WHERE environment = 'production' AND finished_at >= ? AND finished_at < ?\(serviceClause)
        """, arguments: StatementArguments([start, end] + serviceArgs))
    counts.productionDeployments = failures?["n"] ?? 0
    counts.failedDeployments = failures?["failed"] ?? 0
    let changeFailureRate: DORAMeasurement.Value =
      counts.productionDeployments == 0
      ? .noData(reason: "no production deployments in the window")
      : .value(100 * Double(counts.failedDeployments) / Double(counts.productionDeployments))

    // Time to restore: incidents opened in the window.
    var restoreTimes: [Double]
    let incidents = try Row.fetchCursor(
      db,
      sql: """
        SELECT i.opened_at AS opened, i.resolved_at AS resolved, i.service AS iservice, d.service AS dservice
        FROM incidents i LEFT JOIN deployments d ON d.id = i.caused_by
        WHERE i.opened_at >= ? AND i.opened_at < ?
        """, arguments: [start, end])
    let restore = try durations(
      incidents, filter: filter, ownService: "iservice", inheritedService: "dservice", from: "opened", to: "resolved")
    restoreTimes = restore.hours
    counts.openIncidents = restore.missing
    counts.negativeRestoreTimes = restore.negative
    restoreTimes.sort()
    counts.resolvedIncidents = restoreTimes.count
    let timeToRestore: DORAMeasurement.Value =
      restoreTimes.isEmpty
      ? .noData(
        reason: counts.openIncidents > 0
          ? "\(counts.openIncidents) incident(s) opened in the window, none resolved" : "no incidents opened in the window")
      : .value(percentile(sorted: restoreTimes, 0.5)!)

    func measurement(_ metric: DORAMetric, _ value: DORAMeasurement.Value, _ unit: DORAMeasurement.Unit, p90: Double? = nil)
      -> DORAMeasurement
    {
      DORAMeasurement(metric: metric, value: value, unit: unit, p90: p90, tier: nil, nextTier: nil)
    }
    return DORAReport(
      window: window, services: services,
      measurements: [
        measurement(.deploymentFrequency, deploymentFrequency, .perDay),
        measurement(.leadTime, leadTime, .hours, p90: percentile(sorted: leadTimes, 0.9)),
        measurement(.changeFailureRate, changeFailureRate, .percent),
        measurement(.timeToRestore, timeToRestore, .hours),
      ], counts: counts, tierSource: tiers.source, source: store.path ?? "in memory"
    ).tiered(by: tiers)
  }

  /// Durations in hours between two timestamp columns, by the contract's shared rules: a record
  /// without its own service takes the inherited one (the deployment that shipped or caused it) and,
  /// with neither, counts only when no filter is set; a missing start or end (unmatched SHA, open
  /// incident) is counted, not included; a negative duration is a data error, counted and excluded.
  private func durations(
    _ rows: RowCursor, filter: Set<String>, ownService: String, inheritedService: String, from: String, to: String
  ) throws -> (hours: [Double], missing: Int, negative: Int) {
    var hours: [Double] = []
    var missing = 0
    var negative = 0
    while let row = try rows.next() {
      let service: String? = row[ownService] ?? row[inheritedService]
      if !filter.isEmpty, !(service.map(filter.contains) ?? false) { continue }
      guard let start: Int64 = row[from], let end: Int64 = row[to] else {
        missing += 1
        continue
      }
      let h = Double(end - start) / 3_600_000_000
      if h < 0 {
        negative += 1
      } else {
        hours.append(h)
      }
    }
    return (hours, missing, negative)
  }
}
