import GRDB
import LecternCore
import LecternDORA

/// The opt-in inferred incident → deployment link (DevLake's heuristic, with a window): an incident with a
/// service and no `caused_by` is linked to the latest production deployment of the same service that
/// finished at or before it opened, when that is at most `inferCauses` earlier. An explicit `caused_by`
/// is never overridden: an incident that has one is never linked by inference.
extension DORACalculator {
  /// A SQL condition on the deployment `d`: an incident is linked to it by inference. Its arguments
  /// follow it in `args`. `"0"` (never) when inference is off.
  func inferredCauseCondition(_ scope: Scope) -> (sql: String, args: [any DatabaseValueConvertible]) {
    guard let within = inferCauses else { return ("0", []) }
    let production = (sql: scope.production("d2.environment"), args: scope.productionArgs)
    return (
      """
      EXISTS (SELECT 1 FROM incidents i WHERE i.caused_by IS NULL AND i.service = d.service
        AND i.opened_at >= d.finished_at AND i.opened_at - d.finished_at <= ?
        AND NOT EXISTS (SELECT 1 FROM deployments d2 WHERE d2.service = d.service AND \(production.sql)
          AND (d2.finished_at > d.finished_at OR (d2.finished_at = d.finished_at AND d2.id > d.id))
          AND d2.finished_at <= i.opened_at))
      """,
      [Self.microseconds(within)] + production.args
    )
  }

  /// How many incidents are linked by inference to a production deployment in the window (and the
  /// service filter); `nil` when inference is off.
  func inferredLinks(_ db: Database, window: Window, scope: Scope) throws -> Int? {
    guard let within = inferCauses else { return nil }
    let production = (sql: scope.production("d.environment"), args: scope.productionArgs)
    let later = (sql: scope.production("d2.environment"), args: scope.productionArgs)
    let services = scope.services.isEmpty ? "" : " AND d.service IN (\(scope.services.map { _ in "?" }.joined(separator: ", ")))"
    let sql = """
      SELECT COUNT(*) FROM incidents i JOIN deployments d ON d.service = i.service
      WHERE i.caused_by IS NULL AND \(production.sql) AND d.finished_at >= ? AND d.finished_at < ?\(services)
        AND i.opened_at >= d.finished_at AND i.opened_at - d.finished_at <= ?
        AND NOT EXISTS (SELECT 1 FROM deployments d2 WHERE d2.service = d.service AND \(later.sql)
          AND (d2.finished_at > d.finished_at OR (d2.finished_at = d.finished_at AND d2.id > d.id))
          AND d2.finished_at <= i.opened_at)
      """
    var args: [any DatabaseValueConvertible] = production.args + [window.start.microseconds, window.end.microseconds]
    args += scope.serviceArgs + [Self.microseconds(within)] + later.args
    return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0
  }

  static func microseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1_000_000).rounded()) }
}
