import GRDB
import LecternCore
import LecternDORA

/// The opt-in inferred incident → deployment link (DevLake's heuristic, with a window): an incident with a
/// service and no `caused_by` is linked to the latest production deployment of the same service that
/// finished at or before it opened, when that is at most `inferCauses` earlier. An explicit `caused_by`
/// is never overridden: an incident that has one is never linked by inference.
///
/// Computed in Swift over two plain reads (production deployments by service and time; incidents without
/// a cause), one binary search per incident: a correlated "no later deployment" subquery costs a scan per
/// pair on a large store.
extension DORACalculator {
  /// How many incidents are linked to each production deployment by inference; `nil` when inference is off.
  func inferredLinks(_ db: Database, scope: Scope) throws -> [String: Int]? {
    guard let within = inferCauses else { return nil }
    let limit = Int64((within * 1_000_000).rounded())
    var byService: [String: [(at: Int64, id: String)]] = [:]
    let deployments = try Row.fetchCursor(
      db,
      sql: "SELECT id, service, finished_at FROM deployments WHERE \(scope.production("environment"))",
      arguments: StatementArguments(scope.productionArgs))
    while let row = try deployments.next() {
      byService[row["service"], default: []].append((row["finished_at"], row["id"]))
    }
    // Ties in time go to the larger id, as "latest" needs one answer.
    for key in byService.keys { byService[key]!.sort { ($0.at, $0.id) < ($1.at, $1.id) } }
    var links: [String: Int] = [:]
    let incidents = try Row.fetchCursor(
      db, sql: "SELECT service, opened_at FROM incidents WHERE caused_by IS NULL AND service IS NOT NULL")
    while let row = try incidents.next() {
      let opened: Int64 = row["opened_at"]
      guard let list = byService[row["service"]], let latest = Self.lastIndex(in: list, atOrBefore: opened),
        opened - list[latest].at <= limit
      else { continue }
      links[list[latest].id, default: 0] += 1
    }
    return links
  }

  /// The index of the last element finished at or before `time` (the list sorted by time), if any.
  static func lastIndex(in list: [(at: Int64, id: String)], atOrBefore time: Int64) -> Int? {
    var low = 0
    var high = list.count
    while low < high {
      let mid = (low + high) / 2
      if list[mid].at <= time { low = mid + 1 } else { high = mid }
    }
    return low > 0 ? low - 1 : nil
  }

  /// Of the production deployments in the window (and the service filter): how many are failed only
  /// through inferred links, and how many incidents those links are.
  func inferredCounts(_ db: Database, window: Window, scope: Scope, links: [String: Int]) throws -> (
    failures: Int, links: Int
  ) {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, CASE WHEN status = 'failure' OR EXISTS (SELECT 1 FROM incidents i WHERE i.caused_by = d.id)
          THEN 1 ELSE 0 END AS failed
        FROM deployments d
        WHERE \(scope.production("environment")) AND finished_at >= ? AND finished_at < ?\(scope.serviceClause)
        """,
      arguments: StatementArguments(
        scope.productionArgs + [window.start.microseconds, window.end.microseconds] + scope.serviceArgs))
    var failures = 0
    var linked = 0
    while let row = try rows.next() {
      guard let n = links[row["id"]] else { continue }
      linked += n
      let failed: Int = row["failed"]
      if failed == 0 { failures += 1 }
    }
    return (failures, linked)
  }
}
