import LecternCore
import LecternDORA
import LecternLive
import LecternPostmortem

extension ReportBuilder {
  /// Long-term items that name a DORA metric, with the metric now; the scorecard; or why there is no data.
  static func dora(
    _ pm: Postmortem, metrics: ReportMetrics?, missingStore: String?, cells: CellText
  ) -> ([ReportPage.Focus], [ReportPage.Score], String?) {
    let named = pm.actionItems.filter { $0.doraMetric != nil || $0.doraMetricRaw != nil }
    func team(_ item: ActionItem) -> String { cells(item.team ?? item.owner ?? "") }
    guard let metrics else {
      let focus = named.map { item in
        ReportPage.Focus(
          team: team(item), focus: cells(item.what),
          metric: item.doraMetric?.displayName ?? cells(item.doraMetricRaw ?? ""), value: "no data", tier: "",
          tierClass: "none", nextTier: "", sparkline: "", trend: "")
      }
      let why =
        "No data: \(missingStore ?? "no metrics store was given") — pass --db FILE or --data DIR to fill in live DORA metrics."
      return (focus, [], why)
    }
    func series(_ metric: DORAMetric) -> [Double?] { metrics.weekly.map { $0.measurement(metric)?.number } }
    let focus = named.map { item -> ReportPage.Focus in
      guard let metric = item.doraMetric, let m = metrics.report.measurement(metric) else {
        return .init(
          team: team(item), focus: cells(item.what), metric: cells(item.doraMetricRaw ?? ""), value: "no data", tier: "",
          tierClass: "none", nextTier: "", sparkline: "", trend: "")
      }
      let values = series(metric)
      return .init(
        team: team(item), focus: cells(item.what), metric: metric.displayName, value: cells(MetricFormatting.value(m)),
        tier: MetricFormatting.tier(m), tierClass: tierClass(m), nextTier: cells(MetricFormatting.nextTier(m)),
        sparkline: Sparkline.svg(
          values, higherIsBetter: metric.higherIsBetter, label: "\(metric.displayName), weekly",
          format: { MetricFormatting.amount($0, m.unit) }),
        trend: Sparkline.text(values))
    }
    let scorecard = metrics.report.measurements.map { m -> ReportPage.Score in
      let values = series(m.metric)
      return .init(
        metric: m.metric.displayName, value: cells(MetricFormatting.value(m)), tier: MetricFormatting.tier(m),
        tierClass: tierClass(m), nextTier: cells(MetricFormatting.nextTier(m)),
        detail: cells(MetricFormatting.detail(m, metrics.report.counts)),
        sparkline: Sparkline.svg(
          values, higherIsBetter: m.metric.higherIsBetter, label: "\(m.metric.displayName), weekly",
          format: { MetricFormatting.amount($0, m.unit) }),
        trend: Sparkline.text(values))
    }
    return (focus, scorecard, nil)
  }

  static func provenance(_ pm: Postmortem, metrics: ReportMetrics?) -> [ReportPage.Fact] {
    var out: [ReportPage.Fact] = [.init(label: "Document", value: pm.path)]
    // Front matter the title block does not show stays visible here, as written.
    let shown: Set<String> = [
      "title", "incident", "incidents", "incident_id", "date", "severity", "sev", "status", "authors", "author", "service",
      "services", "html",
    ]
    for entry in pm.document.frontMatter?.entries ?? [] where !shown.contains(entry.key.lowercased()) {
      if let value = entry.value.string { out.append(.init(label: entry.key, value: value)) }
    }
    guard let metrics else { return out + [.init(label: "Store", value: "none (no data)")] }
    let r = metrics.report
    out += [
      .init(label: "Store", value: metrics.storeDescription),
      .init(label: "Window", value: "\(r.window.start) → \(r.window.end) (\(Int(r.window.days.rounded())) days)"),
      .init(label: "As of", value: r.window.end.description),
      .init(label: "Services", value: r.services.isEmpty ? "all services" : r.services.joined(separator: ", ")),
      .init(
        label: "Records",
        value:
          "\(metrics.counts.deployments) deployments, \(metrics.counts.changes) changes, \(metrics.counts.incidents) incidents"),
      .init(label: "Tiers", value: r.tierSource),
    ]
    return out
  }
}
