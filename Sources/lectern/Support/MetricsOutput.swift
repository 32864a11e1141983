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

/// `lectern metrics show` output in its four formats.
enum MetricsOutput {
  static func render(_ r: DORAReport, series: [DORAReport], provenance: MetricsProvenance, format: Lectern.Metrics.Show.Format)
    -> String
  {
    switch format {
    case .table: return table(r, series: series, provenance: provenance)
    case .markdown: return markdown(r, series: series, provenance: provenance)
    case .csv: return csv(r, series: series)
    case .json: return json(r, series: series, provenance: provenance)
    }
  }

  private static func scope(_ r: DORAReport) -> String {
    let services = r.services.isEmpty ? "all services" : r.services.joined(separator: ", ")
    return "\(r.window.start) → \(r.window.end) (\(String(format: "%g", r.window.days)) days), \(services)"
  }

  static func table(_ r: DORAReport, series: [DORAReport], provenance: MetricsProvenance) -> String {
    var rows = [["Metric", "Value", "Tier", "Next tier", "Behind it"]]
    for m in r.measurements {
      rows.append([
        m.metric.displayName, MetricFormatting.value(m), MetricFormatting.tier(m), MetricFormatting.nextTier(m),
        MetricFormatting.detail(m, r.counts),
      ])
    }
    var out = "DORA metrics, \(scope(r))\n\n" + aligned(rows)
    if !series.isEmpty {
      out += "\nTrend\n\n"
      var trend = [["From", "Deploys/day", "Lead time", "Change failure", "Restore"]]
      for s in series {
        trend.append(
          [s.window.start.description] + s.measurements.map { $0.number == nil ? "no data" : MetricFormatting.value($0) })
      }
      out += aligned(trend)
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

  static func markdown(_ r: DORAReport, series: [DORAReport], provenance: MetricsProvenance) -> String {
    func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var out =
      "**DORA metrics**, \(scope(r))\n\n| Metric | Value | Tier | Next tier | Behind it |\n| --- | --- | --- | --- | --- |\n"
    for m in r.measurements {
      out +=
        "| \(cell(m.metric.displayName)) | \(cell(MetricFormatting.value(m))) | \(cell(MetricFormatting.tier(m))) | \(cell(MetricFormatting.nextTier(m))) | \(cell(MetricFormatting.detail(m, r.counts))) |\n"
    }
    if !series.isEmpty {
      out += "\n| From | Deploys/day | Lead time | Change failure | Restore |\n| --- | --- | --- | --- | --- |\n"
      for s in series {
        out +=
          "| \(s.window.start) | "
          + s.measurements.map { cell($0.number == nil ? "no data" : MetricFormatting.value($0)) }.joined(separator: " | ")
          + " |\n"
      }
    }
    out += "\nTiers: \(r.tierSource). Store: \(provenance.store).\n"
    return out
  }

  static func csv(_ r: DORAReport, series: [DORAReport]) -> String {
    var out = "window_start,window_end,metric,value,unit,p90,tier\r\n"
    for report in [r] + series {
      for m in report.measurements {
        var fields: [String] = [report.window.start.description, report.window.end.description, m.metric.rawValue]
        var value = ""
        if let v = m.number { value = String(v) }
        var p90 = ""
        if let p = m.p90 { p90 = String(p) }
        fields.append(value)
        fields.append(m.unit.rawValue)
        fields.append(p90)
        fields.append(m.tier?.name ?? "")
        out += fields.joined(separator: ",") + "\r\n"
      }
    }
    return out
  }

  static func json(_ r: DORAReport, series: [DORAReport], provenance: MetricsProvenance) -> String {
    var w = JSONWriter(pretty: true)
    func report(_ r: DORAReport) {
      w.beginObject()
      w.key("window")
      w.beginObject()
      w.field("start", r.window.start.description)
      w.field("end", r.window.end.description)
      w.key("days")
      w.value(r.window.days)
      w.endObject()
      w.field("services", strings: r.services)
      w.key("metrics")
      w.beginObject()
      for m in r.measurements {
        w.key(m.metric.rawValue)
        w.beginObject()
        if let v = m.number {
          w.key("value")
          w.value(v)
        } else {
          w.key("value")
          w.null()
          if case .noData(let reason) = m.value { w.field("noData", reason) }
        }
        w.field("unit", m.unit.rawValue)
        if m.metric == .leadTime {
          w.key("p90")
          if let p = m.p90 { w.value(p) } else { w.null() }
        }
        w.field("tier", m.tier?.name)
        w.field("nextTier", m.nextTier?.name)
        w.key("nextTierBound")
        if let b = m.nextTier?.bound { w.value(b) } else { w.null() }
        w.endObject()
      }
      w.endObject()
      let c = r.counts
      w.key("counts")
      w.beginObject()
      w.field("deployments", c.deployments)
      w.field("daysWithDeployments", c.daysWithDeployments)
      w.field("productionDeployments", c.productionDeployments)
      w.field("failedDeployments", c.failedDeployments)
      w.field("changes", c.changes)
      w.field("unmatchedSHAs", c.unmatchedSHAs)
      w.field("negativeLeadTimes", c.negativeLeadTimes)
      w.field("resolvedIncidents", c.resolvedIncidents)
      w.field("openIncidents", c.openIncidents)
      w.field("negativeRestoreTimes", c.negativeRestoreTimes)
      w.endObject()
      w.endObject()
    }
    w.beginObject()
    w.key("report")
    report(r)
    w.key("trend")
    w.beginArray()
    for s in series { report(s) }
    w.endArray()
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
}
