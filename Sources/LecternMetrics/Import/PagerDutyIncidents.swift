import Foundation
import LecternDORA

/// Incidents from PagerDuty's REST API `GET /incidents`, saved as JSON (`{"incidents": […]}` pages or an
/// array): `id`, `title`, `created_at`, `status`, `resolved_at` (else `last_status_change_at` for a
/// resolved incident), `service.summary`, `priority.summary` (`P1`–`P4` → severity 1–4) and
/// `acknowledgements[].at` (the earliest is `acknowledged_at`).
public struct PagerDutyIncidents: Sendable {
  public init() {}

  public func read(_ files: [(name: String, bytes: [UInt8])]) throws -> [Incident] {
    var incidents: [Incident] = []
    for (name, bytes) in files {
      let json = ProviderJSON(file: name)
      for (path, i) in try json.objects(bytes, key: "incidents") {
        let id = try json.required(i, "id", at: path)
        guard let opened = try json.timestamp(i, "created_at", at: path) else {
          throw IngestError(file: name, line: nil, field: "\(path).created_at", message: "missing; expected a timestamp")
        }
        var resolved = try json.timestamp(i, "resolved_at", at: path)
        if resolved == nil, try json.text(i, "status", at: path) == "resolved" {
          resolved = try json.timestamp(i, "last_status_change_at", at: path)
        }
        var acknowledged: Timestamp?
        if case .array(let acks)? = i["acknowledgements"] {
          for case .object(let ack) in acks {
            if let at = try json.timestamp(ack, "at", at: "\(path).acknowledgements[]"), acknowledged.map({ at < $0 }) ?? true {
              acknowledged = at
            }
          }
        }
        let priority = try json.object(i, "priority").flatMap { try json.text($0, "summary", at: "\(path).priority") }
        incidents.append(
          Incident(
            id: id, service: try json.object(i, "service").flatMap { try json.text($0, "summary", at: "\(path).service") },
            severity: priority.flatMap(Self.severity), openedAt: opened, resolvedAt: resolved,
            title: try json.text(i, "title", at: path), acknowledgedAt: acknowledged))
      }
    }
    return incidents
  }

  /// `P1`…`P4` → 1…4; other priorities (`P5`, custom names) give no severity.
  static func severity(_ priority: String) -> Int? {
    guard priority.uppercased().hasPrefix("P"), let n = Int(priority.dropFirst()), (1...4).contains(n) else { return nil }
    return n
  }
}
