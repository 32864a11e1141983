import LecternDORA
import LecternPostmortem

/// A new postmortem in Lectern's shape, pre-filled from the incident record: front matter that links
/// it to the store, a timeline with the times the store knows, and empty action tables to fill in.
public enum PostmortemSkeleton {
  public static func markdown(incident: Incident, cause: Deployment?) -> String {
    let day = String(incident.openedAt.description.prefix(10))
    let title = incident.title ?? "Incident \(incident.id)"
    func time(_ t: Timestamp) -> String {
      let s = t.description  // 2026-09-02T01:32:44Z
      return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(5))
    }
    var out = "---\n"
    out += "title: \(yaml(title))\n"
    out += "incident: \(incident.id)\n"
    if let c = incident.causedBy { out += "caused_by: \(c)\n" }
    out += "date: \(day)\n"
    if let s = incident.severity { out += "severity: \(s)\n" }
    if let service = incident.service ?? cause?.service { out += "service: \(service)\n" }
    out += "status: draft\n"
    out += "authors: []\n"
    out += "---\n\n"
    out += "# \(title)\n\n"
    out += "## Summary\n\nWhat happened, in two or three sentences.\n\n"
    out += "## Impact\n\n- Who was affected, and how\n\n"
    out += "## Timeline\n\nAll times in UTC.\n\n| Time (UTC) | Event |\n|---|---|\n"
    if let cause {
      out += "| \(time(cause.finishedAt)) | \(cause.id) finished deploying \(cause.service) to \(cause.environment) |\n"
    }
    out += "| \(time(incident.openedAt)) | Incident opened (detected) |\n"
    if let resolved = incident.resolvedAt {
      out += "| \(time(resolved)) | Incident resolved (resolved) |\n"
      out += "\nTime to restore: \(DurationText.format(minutes: incident.minutesToRestore ?? 0))\n"
    }
    out += "\n## Root causes\n\n- \n\n"
    out += "## Severity and response\n\n| Severity | Description | Response Time |\n|---|---|---|\n"
    out += "| 1 | Critical: service down | 30 minutes |\n| 2 | Major: degraded, no workaround | 1 Hours |\n"
    out += "| 3 | Minor: degraded, with workaround | 24 Hours |\n\n"
    out += "# Short Term\n\n| Team | What | Owner | Due | Status |\n|---|---|---|---|---|\n|  |  |  |  | open |\n\n"
    out += "# Long Term\n\n| Team | Focus | DORA Metric |\n|---|---|---|\n|  |  |  |\n\n"
    out += "# Narrative\n\nThe story of the incident, for the people who were not there.\n"
    return out
  }

  private static func yaml(_ s: String) -> String {
    let needsQuotes = s.contains(":") || s.contains("#") || s.hasPrefix("[") || s.hasPrefix("{") || s.hasPrefix("\"")
    return needsQuotes
      ? "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : s
  }
}
