import Foundation
import LecternBrowser
import LecternCore
import LecternDORA
import LecternExtract
import LecternLive
import LecternMetrics
import LecternReport
import LecternSlides
import LecternTemplates

/// `lectern metrics show` output in its four formats: the report, then a trend series (`--by week`) or
/// one report per service (`--by service`), and every record left out of a metric with its reason.
enum MetricsOutput {
  static func render(
    _ r: DORAReport, series: [DORAReport], services: MetricsGroups = .none, provenance: MetricsProvenance,
    format: Lectern.Metrics.Show.Format
  ) -> String {
    switch format {
    case .table: return table(r, series: series, services: services, provenance: provenance)
    case .markdown: return markdown(r, series: series, services: services, provenance: provenance)
    case .csv: return csv(r, series: series, services: services)
    case .json: return json(r, series: series, services: services, provenance: provenance)
    }
  }

  private static func scope(_ r: DORAReport) -> String {
    let services = r.services.isEmpty ? "all services" : r.services.joined(separator: ", ")
    return "\(r.window.start) → \(r.window.end) (\(String(format: "%g", r.window.days)) days), \(services)"
  }

  /// A trend bucket's start, marked when the window's edge cuts it short.
  private static func from(_ s: DORAReport) -> String {
    s.window.start.description + (s.isPartialBucket ? " (partial)" : "")
  }

  private static func cells(_ s: DORAReport) -> [String] {
    s.measurements.map { $0.number == nil ? "no data" : MetricFormatting.value($0) }
  }

  static func table(_ r: DORAReport, series: [DORAReport], services: MetricsGroups, provenance: MetricsProvenance) -> String {
    var rows = [["Metric", "Value", "Tier", "Next tier", "Behind it"]]
    for m in r.measurements {
      rows.append([
        m.metric.displayName, MetricFormatting.value(m), MetricFormatting.tier(m), MetricFormatting.nextTier(m),
        MetricFormatting.detail(m, r.counts),
      ])
    }
    var out = "DORA metrics, \(scope(r))\n\n" + aligned(rows)
    if !r.counts.excluded.isEmpty {
      out += "\nNot counted:\n" + r.counts.excluded.map { "  \($0)\n" }.joined()
    }
    if !series.isEmpty {
      out += "\nTrend\n\n"
      var trend = [["From", "Deploys/day", "Lead time", "Change failure", "Restore"]]
      for s in series { trend.append([from(s)] + cells(s)) }
      out += aligned(trend)
    }
    if !services.items.isEmpty {
      out += "\nBy \(services.kind)\n\n"
      var rows = [[services.title, "Deploys/day", "Lead time", "Change failure", "Restore", "Not counted"]]
      for (name, s) in services.items {
        rows.append([name] + cells(s) + [String(s.counts.excluded.map(\.count).reduce(0, +))])
      }
      out += aligned(rows)
    }
    out +=
      "\nTiers: \(r.tierSource). Store: \(provenance.store) (\(provenance.deployments) deployments, \(provenance.changes) changes, \(provenance.incidents) incidents).\n"
    return out
  }

  private static func aligned(_ rows: [[String]]) -> String {
    let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n") + "\n"
  }

  private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

  static func markdown(_ r: DORAReport, series: [DORAReport], services: MetricsGroups, provenance: MetricsProvenance)
    -> String
  {
    var out =
      "**DORA metrics**, \(scope(r))\n\n| Metric | Value | Tier | Next tier | Behind it |\n| --- | --- | --- | --- | --- |\n"
    for m in r.measurements {
      out +=
        "| \(cell(m.metric.displayName)) | \(cell(MetricFormatting.value(m))) | \(cell(MetricFormatting.tier(m))) | \(cell(MetricFormatting.nextTier(m))) | \(cell(MetricFormatting.detail(m, r.counts))) |\n"
    }
    if !r.counts.excluded.isEmpty {
      out += "\nNot counted:\n\n" + r.counts.excluded.map { "- \($0)\n" }.joined()
    }
    if !series.isEmpty {
      out += "\n| From | Deploys/day | Lead time | Change failure | Restore |\n| --- | --- | --- | --- | --- |\n"
      for s in series {
        out += "| \(from(s)) | " + cells(s).map(cell).joined(separator: " | ") + " |\n"
      }
    }
    if !services.items.isEmpty {
      out += "\n| \(services.title) | Deploys/day | Lead time | Change failure | Restore |\n| --- | --- | --- | --- | --- |\n"
      for (name, s) in services.items {
        out += "| \(cell(name)) | " + cells(s).map(cell).joined(separator: " | ") + " |\n"
      }
    }
    out += "\nTiers: \(r.tierSource). Store: \(provenance.store).\n"
    return out
  }

  /// One row per metric and report; `service` is empty for the report over every service.
  static func csv(_ r: DORAReport, series: [DORAReport], services: MetricsGroups) -> String {
    var out = "window_start,window_end,metric,value,unit,p90,tier,service,percentiles,not_counted,team,partial\r\n"
    for report in [r] + series {
      for m in report.measurements { out += csvRow(report, m, team: "") }
    }
    let isTeam = services.kind == "team"
    for item in services.items {
      for m in item.report.measurements { out += csvRow(item.report, m, team: isTeam ? item.name : "") }
    }
    return out
  }

  // Written as plain statements: Swift 6.3's optimizer crashes (CopyPropagation) on the closure-heavy form.
  private static func csvRow(_ report: DORAReport, _ m: DORAMeasurement, team: String) -> String {
    var fields = [report.window.start.description, report.window.end.description, m.metric.rawValue]
    var value = ""
    if let v = m.number { value = String(v) }
    fields.append(value)
    fields.append(m.unit.rawValue)
    var p90 = ""
    if let p = m.p90 { p90 = String(p) }
    fields.append(p90)
    fields.append(m.tier?.name ?? "")
    fields.append(report.services.joined(separator: " "))
    var percentiles: [String] = []
    for p in m.percentiles { percentiles.append("\(p.label)=\(p.value)") }
    fields.append(percentiles.joined(separator: " "))
    var notCounted: [String] = []
    for e in report.counts.excluded where e.metrics.contains(m.metric) { notCounted.append(e.description) }
    fields.append(notCounted.joined(separator: "; "))
    fields.append(team)
    // A trend bucket cut short by the window's edge.
    fields.append(report.isPartialBucket ? "true" : "")
    var quoted: [String] = []
    for f in fields { quoted.append(csvField(f)) }
    return quoted.joined(separator: ",") + "\r\n"
  }

  private static func csvField(_ s: String) -> String {
    var needsQuotes = false
    for c in s where c == "," || c == "\"" || c == "\n" { needsQuotes = true }
    return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  static func json(_ r: DORAReport, series: [DORAReport], services: MetricsGroups, provenance: MetricsProvenance) -> String {
    var w = JSONWriter(pretty: true)
    w.beginObject()
    w.key("report")
    json(r, &w)
    w.key("trend")
    w.beginArray()
    for s in series { json(s, &w) }
    w.endArray()
    if !services.items.isEmpty {
      w.key(services.kind == "team" ? "teams" : "services")
      w.beginArray()
      for (name, s) in services.items { json(s, &w, team: services.kind == "team" ? name : nil) }
      w.endArray()
    }
    w.field("tiers", r.tierSource)
    w.key("store")
    w.beginObject()
    w.field("path", provenance.store)
    w.field("deployments", provenance.deployments)
    w.field("changes", provenance.changes)
    w.field("incidents", provenance.incidents)
    w.endObject()
    w.endObject()
    return String(decoding: w.finish(), as: UTF8.self)
  }

  private static func json(_ r: DORAReport, _ w: inout JSONWriter, team: String? = nil) {
    w.beginObject()
    if let team { w.field("team", team) }
    w.key("window")
    w.beginObject()
    w.field("start", r.window.start.description)
    w.field("end", r.window.end.description)
    w.key("days")
    w.value(r.window.days)
    w.endObject()
    w.field("services", strings: r.services)
    if r.isPartialBucket {
      w.key("partial")
      w.value(true)
    }
    w.key("metrics")
    w.beginObject()
    for m in r.measurements { json(m, &w) }
    w.endObject()
    let c = r.counts
    w.key("counts")
    w.beginObject()
    w.field("deployments", c.deployments)
    w.field("daysWithDeployments", c.daysWithDeployments)
    w.field("productionDeployments", c.productionDeployments)
    w.field("failedDeployments", c.failedDeployments)
    if let inferred = c.inferredCauses {
      w.field("inferredCauses", inferred)
      w.field("inferredLinks", c.inferredLinks ?? 0)
    }
    w.field("changes", c.changes)
    w.field("unmatchedSHAs", c.unmatchedSHAs)
    w.field("negativeLeadTimes", c.negativeLeadTimes)
    w.field("resolvedIncidents", c.resolvedIncidents)
    w.field("openIncidents", c.openIncidents)
    w.field("negativeRestoreTimes", c.negativeRestoreTimes)
    w.endObject()
    w.key("notCounted")
    w.beginArray()
    for e in c.excluded {
      w.beginObject()
      w.field("reason", e.key)
      if case .environment(let name) = e.reason { w.field("environment", name) }
      w.field("count", e.count)
      w.field("metrics", strings: e.metrics.map(\.rawValue))
      w.field("message", e.description)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  private static func json(_ m: DORAMeasurement, _ w: inout JSONWriter) {
    w.key(m.metric.rawValue)
    w.beginObject()
    w.key("value")
    if let v = m.number {
      w.value(v)
    } else {
      w.null()
      if case .noData(let reason) = m.value { w.field("noData", reason) }
    }
    w.field("unit", m.unit.rawValue)
    if m.metric == .leadTime {
      w.key("p90")
      if let p = m.p90 { w.value(p) } else { w.null() }
    }
    if m.metric == .leadTime || m.metric == .timeToRestore {
      w.key("percentiles")
      w.beginObject()
      for p in m.percentiles {
        w.key(p.label)
        w.value(p.value)
      }
      w.endObject()
    }
    w.field("tier", m.tier?.name)
    w.field("nextTier", m.nextTier?.name)
    w.key("nextTierBound")
    if let b = m.nextTier?.bound { w.value(b) } else { w.null() }
    w.endObject()
  }
}

/// The reports of `--by service` or `--by team`, each with its name.
struct MetricsGroups {
  /// `service` or `team`.
  var kind: String
  var items: [(name: String, report: DORAReport)]

  static let none = MetricsGroups(kind: "service", items: [])

  var title: String { kind == "team" ? "Team" : "Service" }
}
