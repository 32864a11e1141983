import Foundation
import LecternDORA
import PostgresNIO

/// The three upserts, each over one chunk of records with distinct keys; each returns how many rows it
/// inserted or changed. `IS DISTINCT FROM` is PostgreSQL's spelling of SQLite's `IS NOT`.
extension PostgresMetricsStore {
  private struct DeploymentRow: Encodable {
    var id, service, environment: String
    var finished_at: Int64
    var status, commits: String
  }

  static func upsertDeployments(_ session: PostgresSession, _ chunk: ArraySlice<Deployment>) throws -> Int {
    let rows = chunk.map {
      DeploymentRow(
        id: $0.id, service: $0.service, environment: $0.environment, finished_at: $0.finishedAt.microseconds,
        status: $0.status.rawValue, commits: $0.commits.joined(separator: " "))
    }
    let payload = try Self.json(rows)
    let changed = try session.query(
      """
      INSERT INTO deployments (id, service, environment, finished_at, status, commits)
      SELECT id, service, environment, finished_at, status, commits FROM jsonb_to_recordset(\(payload)::jsonb)
        AS x(id text, service text, environment text, finished_at bigint, status text, commits text)
      ON CONFLICT (id) DO UPDATE SET service = excluded.service, environment = excluded.environment,
        finished_at = excluded.finished_at, status = excluded.status, commits = excluded.commits
      WHERE deployments.service IS DISTINCT FROM excluded.service
        OR deployments.environment IS DISTINCT FROM excluded.environment
        OR deployments.finished_at IS DISTINCT FROM excluded.finished_at
        OR deployments.status IS DISTINCT FROM excluded.status OR deployments.commits IS DISTINCT FROM excluded.commits
      RETURNING id
      """
    ).map { try $0.decode(String.self) }
    guard !changed.isEmpty else { return 0 }
    // A changed deployment's commits are replaced by its new list (the SQLite store does the same).
    let ids = Set(changed)
    let commits = chunk.filter { ids.contains($0.id) }.flatMap { d in d.commits.map { (d.id, $0) } }
    try session.query("DELETE FROM deployment_commits WHERE deployment_id = ANY(\(changed)::text[])")
    try session.query(
      """
      INSERT INTO deployment_commits (deployment_id, sha)
      SELECT * FROM unnest(\(commits.map(\.0))::text[], \(commits.map(\.1))::text[]) ON CONFLICT DO NOTHING
      """)
    return changed.count
  }

  private struct ChangeRow: Encodable {
    var sha: String
    var service: String?
    var committed_at: Int64
  }

  static func upsertChanges(_ session: PostgresSession, _ chunk: ArraySlice<Change>) throws -> Int {
    let payload = try Self.json(
      chunk.map { ChangeRow(sha: $0.sha, service: $0.service, committed_at: $0.committedAt.microseconds) })
    return try session.query(
      """
      INSERT INTO changes (sha, service, committed_at)
      SELECT sha, service, committed_at FROM jsonb_to_recordset(\(payload)::jsonb) AS x(sha text, service text, committed_at bigint)
      ON CONFLICT (sha) DO UPDATE SET service = excluded.service, committed_at = excluded.committed_at
      WHERE changes.service IS DISTINCT FROM excluded.service OR changes.committed_at IS DISTINCT FROM excluded.committed_at
      RETURNING sha
      """
    ).count
  }

  private struct IncidentRow: Encodable {
    var id: String
    var service: String?
    var severity: Int?
    var opened_at: Int64
    var resolved_at: Int64?
    var caused_by, title: String?
    var acknowledged_at, mitigated_at: Int64?

    init(_ i: Incident) {
      id = i.id
      service = i.service
      severity = i.severity
      opened_at = i.openedAt.microseconds
      resolved_at = i.resolvedAt?.microseconds
      caused_by = i.causedBy
      title = i.title
      acknowledged_at = i.acknowledgedAt?.microseconds
      mitigated_at = i.mitigatedAt?.microseconds
    }
  }

  static func upsertIncidents(_ session: PostgresSession, _ chunk: ArraySlice<Incident>) throws -> Int {
    let payload = try Self.json(chunk.map(IncidentRow.init))
    return try session.query(
      """
      INSERT INTO incidents (id, service, severity, opened_at, resolved_at, caused_by, title, acknowledged_at, mitigated_at)
      SELECT * FROM jsonb_to_recordset(\(payload)::jsonb) AS x(id text, service text, severity integer, opened_at bigint,
        resolved_at bigint, caused_by text, title text, acknowledged_at bigint, mitigated_at bigint)
      ON CONFLICT (id) DO UPDATE SET service = excluded.service, severity = excluded.severity,
        opened_at = excluded.opened_at, resolved_at = excluded.resolved_at, caused_by = excluded.caused_by,
        title = excluded.title, acknowledged_at = excluded.acknowledged_at, mitigated_at = excluded.mitigated_at
      WHERE incidents.service IS DISTINCT FROM excluded.service OR incidents.severity IS DISTINCT FROM excluded.severity
        OR incidents.opened_at IS DISTINCT FROM excluded.opened_at OR incidents.resolved_at IS DISTINCT FROM excluded.resolved_at
        OR incidents.caused_by IS DISTINCT FROM excluded.caused_by OR incidents.title IS DISTINCT FROM excluded.title
        OR incidents.acknowledged_at IS DISTINCT FROM excluded.acknowledged_at
        OR incidents.mitigated_at IS DISTINCT FROM excluded.mitigated_at
      RETURNING id
      """
    ).count
  }
}
