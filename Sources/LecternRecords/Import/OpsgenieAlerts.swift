import Foundation
import LecternDORA

/// Incidents from Opsgenie alerts: `GET /v2/alerts`, saved as JSON (pages of `{"data": […], "paging":
/// …}`, an array, or JSON Lines).
///
/// Each alert is an incident: `id` (as `opsgenie:<id>`), `message` as its title, `createdAt` as
/// `opened_at`, `priority` `P1`–`P4` as severity 1–4 (`P5` gives none). Its `report` holds durations in
/// milliseconds after `createdAt`: `ackTime` gives `acknowledged_at`, and for a `closed` alert
/// `closeTime` gives `resolved_at` (else its `updatedAt`, the last change of a closed alert). Its service
/// is the value of a `service:NAME` tag, else the service given, else none.
public struct OpsgenieAlerts: Sendable {
  /// The service of alerts without a `service:` tag.
  public var service: String?

  public init(service: String? = nil) {
    self.service = service
  }

  /// Reads alerts files; throws `IngestProblems` naming every bad record.
  public func read(_ files: [(name: String, bytes: [UInt8])]) throws -> [Incident] {
    var problems = IngestProblems()
    let incidents = ProviderJSON.map(files, key: "data", problems: &problems) { a -> Incident? in
      let id = try a.required("id")
      let opened = try a.requiredTimestamp("createdAt")
      let report = try a.nested("report")
      func after(_ ms: Int64?) -> Timestamp? { ms.map { Timestamp(microseconds: opened.microseconds + $0 * 1000) } }
      let acknowledged = after(try report?.milliseconds("ackTime"))
      var resolved: Timestamp?
      if try a.required("status").lowercased() == "closed" {
        resolved = try after(report?.milliseconds("closeTime")) ?? a.requiredTimestamp("updatedAt")
      }
      let tagged = try a.strings("tags").first { $0.lowercased().hasPrefix("service:") }.map { String($0.dropFirst(8)) }
      return Incident(
        id: "opsgenie:\(id)", service: tagged ?? service, severity: try a.text("priority").flatMap(PagerDutyIncidents.severity),
        openedAt: opened, resolvedAt: resolved, title: try a.text("message"), acknowledgedAt: acknowledged)
    }
    if !problems.isEmpty { throw problems }
    return incidents
  }
}
