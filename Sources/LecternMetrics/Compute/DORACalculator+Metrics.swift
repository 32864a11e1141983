import GRDB
import LecternCore
import LecternDORA

extension DORACalculator {
  /// Successful production deployments in the window per day; 0 (a value) when the selected services
  /// have deployments but none in the window, no data when they have none at all.
  func deploymentFrequency(_ db: Database, window: Window, scope: Scope, counts: inout MetricCounts) throws
    -> DORAMeasurement.Value
  {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) AS n, COUNT(DISTINCT finished_at / 86400000000) AS days FROM deployments
        WHERE \(scope.production("environment")) AND status = 'success' AND finished_at >= ? AND finished_at < ?\(scope.serviceClause)
        """,
      arguments: StatementArguments(
        scope.productionArgs + [window.start.microseconds, window.end.microseconds] + scope.serviceArgs))
    counts.deployments = row?["n"] ?? 0
    counts.daysWithDeployments = row?["days"] ?? 0
    let any =
      try Bool.fetchOne(
        db, sql: "SELECT EXISTS (SELECT 1 FROM deployments WHERE 1 = 1\(scope.serviceClause))",
        arguments: StatementArguments(scope.serviceArgs)) ?? false
    guard any else {
      return .noData(
        reason: scope.services.isEmpty
          ? "no deployments in the store" : "no deployments for \(scope.services.joined(separator: ", "))")
    }
    return .value(Double(counts.deployments) / window.days)
  }

  /// Lead times in hours (sorted) of changes whose first successful production deployment finished in the window.
  func leadTimes(_ db: Database, window: Window, scope: Scope, counts: inout MetricCounts) throws -> (
    hours: [Double], noService: Int
  ) {
    let shipped = try Row.fetchCursor(
      db,
      sql: """
        SELECT dc.sha AS sha, d.finished_at AS finished, d.service AS dservice, c.committed_at AS committed, c.service AS cservice
        FROM deployment_commits dc
        JOIN deployments d ON d.id = dc.deployment_id
        LEFT JOIN changes c ON c.sha = dc.sha
        WHERE \(scope.production("d.environment")) AND d.status = 'success' AND d.finished_at >= ? AND d.finished_at < ?
          AND NOT EXISTS (
            SELECT 1 FROM deployment_commits dc2 JOIN deployments d2 ON d2.id = dc2.deployment_id
            WHERE dc2.sha = dc.sha AND \(scope.production("d2.environment")) AND d2.status = 'success'
              AND (d2.finished_at < d.finished_at OR (d2.finished_at = d.finished_at AND d2.id < d.id)))
        """,
      arguments: StatementArguments(
        scope.productionArgs + [window.start.microseconds, window.end.microseconds] + scope.productionArgs))
    let lead = try durations(
      shipped, filter: Set(scope.services), ownService: "cservice", inheritedService: "dservice", from: "committed",
      to: "finished")
    counts.unmatchedSHAs = lead.missing
    counts.negativeLeadTimes = lead.negative
    counts.changes = lead.hours.count
    return (lead.hours.sorted(), lead.noService)
  }

  /// Among production deployments in the window, the percentage that failed or caused an incident.
  func changeFailureRate(
    _ db: Database, window: Window, scope: Scope, links: [String: Int]?, counts: inout MetricCounts
  ) throws
    -> DORAMeasurement.Value
  {
    let row = try Row.fetchOne(
      db,
      sql: """
        SELECT COUNT(*) AS n,
          SUM(CASE WHEN status = 'failure' OR EXISTS (SELECT 1 FROM incidents i WHERE i.caused_by = d.id) THEN 1 ELSE 0 END) AS failed
        FROM deployments d
        WHERE \(scope.production("environment")) AND finished_at >= ? AND finished_at < ?\(scope.serviceClause)
        """,
      arguments: StatementArguments(
        scope.productionArgs + [window.start.microseconds, window.end.microseconds] + scope.serviceArgs))
    counts.productionDeployments = row?["n"] ?? 0
    counts.failedDeployments = row?["failed"] ?? 0
    // A deployment named by no explicit cause may still be failed by an inferred one (opt-in).
    if let links {
      let inferred = try inferredCounts(db, window: window, scope: scope, links: links)
      counts.inferredCauses = inferred.failures
      counts.inferredLinks = inferred.links
      counts.failedDeployments += inferred.failures
    }
    guard counts.productionDeployments > 0 else { return .noData(reason: "no production deployments in the window") }
    return .value(100 * Double(counts.failedDeployments) / Double(counts.productionDeployments))
  }

  /// Restore times in hours (sorted) of incidents opened in the window.
  func restoreTimes(_ db: Database, window: Window, scope: Scope, counts: inout MetricCounts) throws -> (
    hours: [Double], noService: Int
  ) {
    let incidents = try Row.fetchCursor(
      db,
      sql: """
        SELECT i.opened_at AS opened, i.resolved_at AS resolved, i.service AS iservice, d.service AS dservice
        FROM incidents i LEFT JOIN deployments d ON d.id = i.caused_by
        WHERE i.opened_at >= ? AND i.opened_at < ?
        """, arguments: [window.start.microseconds, window.end.microseconds])
    let restore = try durations(
      incidents, filter: Set(scope.services), ownService: "iservice", inheritedService: "dservice", from: "opened",
      to: "resolved")
    counts.openIncidents = restore.missing
    counts.negativeRestoreTimes = restore.negative
    counts.resolvedIncidents = restore.hours.count
    return (restore.hours.sorted(), restore.noService)
  }

  /// Deployments in the window (and the service filter) whose environment is not production, per name.
  func environmentExclusions(_ db: Database, window: Window, scope: Scope) throws -> [Exclusion] {
    try scope.otherNames.compactMap { name in
      let n =
        try Int.fetchOne(
          db,
          sql:
            "SELECT COUNT(*) FROM deployments WHERE environment = ? AND finished_at >= ? AND finished_at < ?\(scope.serviceClause)",
          arguments: StatementArguments([name, window.start.microseconds, window.end.microseconds] + scope.serviceArgs)) ?? 0
      return n > 0 ? Exclusion(.environment(name), count: n) : nil
    }
  }

  /// Durations in hours between two timestamp columns, by the contract's shared rules: a record
  /// without its own service takes the inherited one (the deployment that shipped or caused it) and,
  /// with neither, counts only when no filter is set (else it is counted as `noService`); a missing
  /// start or end (unmatched SHA, open incident) is counted, not included; a negative duration is a
  /// data error, counted and excluded.
  private func durations(
    _ rows: RowCursor, filter: Set<String>, ownService: String, inheritedService: String, from: String, to: String
  ) throws -> (hours: [Double], missing: Int, negative: Int, noService: Int) {
    var hours: [Double] = []
    var missing = 0
    var negative = 0
    var noService = 0
    while let row = try rows.next() {
      let service: String? = row[ownService] ?? row[inheritedService]
      if !filter.isEmpty {
        guard let service else {
          noService += 1
          continue
        }
        if !filter.contains(service) { continue }
      }
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
    return (hours, missing, negative, noService)
  }
}
