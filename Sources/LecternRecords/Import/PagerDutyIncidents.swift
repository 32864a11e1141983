import Foundation
import LecternDORA

/// Incidents from PagerDuty's REST API `GET /incidents`, saved as JSON (`{"incidents": […]}` pages or an
/// array): `id`, `title`, `created_at`, `status`, `resolved_at` (else `last_status_change_at` for a
/// resolved incident), `service.summary`, `priority.summary` (`P1`–`P4` → severity 1–4) and
/// `acknowledgements[].at` (the earliest is `acknowledged_at`).
public struct PagerDutyIncidents: Sendable {
  public init() {}

  /// Reads incidents files; throws `IngestProblems` naming every bad record.
  public func read(_ files: [(name: String, bytes: [UInt8])]) throws -> [Incident] {
    var problems = IngestProblems()
    let incidents = ProviderJSON.map(files, key: "incidents", problems: &problems) { i -> Incident? in
      let id = try i.required("id")
      let opened = try i.requiredTimestamp("created_at")
      var resolved = try i.timestamp("resolved_at")
      if resolved == nil, try i.text("status") == "resolved" {
        resolved = try i.timestamp("last_status_change_at")
      }
      let acknowledged = try i.objects("acknowledgements").compactMap { try $0.timestamp("at") }.min()
      let priority = try i.nested("priority")?.text("summary")
      return Incident(
        id: id, service: try i.nested("service")?.text("summary"), severity: priority.flatMap(Self.severity),
        openedAt: opened, resolvedAt: resolved, title: try i.text("title"), acknowledgedAt: acknowledged)
    }
    if !problems.isEmpty { throw problems }
    return incidents
  }

  /// `P1`…`P4` → 1…4; other priorities (`P5`, custom names) give no severity.
  static func severity(_ priority: String) -> Int? {
    guard priority.uppercased().hasPrefix("P"), let n = Int(priority.dropFirst()), (1...4).contains(n) else { return nil }
    return n
  }
}
