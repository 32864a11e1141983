import Foundation
import LecternCore
import LecternDORA
import LecternLive
import LecternPostmortem
import LecternTemplates

/// What a report is rendered as.
public enum ReportFormat: String, Sendable, CaseIterable {
  case html
  case md
}

/// Turns a postmortem and (optionally) live metrics into a report page: HTML or Markdown through the
/// Mustache templates in `templates/`.
public enum ReportBuilder {
  public static func render(
    _ postmortem: Postmortem, metrics: ReportMetrics?, format: ReportFormat, templates: TemplateLibrary = .shared,
    template: String? = nil, missingStore: String? = nil
  ) -> String {
    let page = self.page(postmortem, metrics: metrics, format: format, missingStore: missingStore, templates: templates)
    let text = templates.render(page, template: template ?? (format == .html ? "report.html" : "report.md"))
    return text.hasSuffix("\n") ? text : text + "\n"
  }

  static func page(
    _ pm: Postmortem, metrics: ReportMetrics?, format: ReportFormat, missingStore: String?, templates: TemplateLibrary
  ) -> ReportPage {
    // Markdown table cells must not break the table.
    func cell(_ s: String) -> String {
      format == .md ? s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") : s
    }
    let dash = "—"
    // `{{dora.…}}` placeholders in the postmortem's own text are filled in from the same numbers.
    let live = metrics.map { LiveMetrics(report: $0.report) }
    func text(_ s: String) -> String { Placeholders.substitute(s, live) }

    var meta: [ReportPage.Fact] = []
    if !pm.meta.incidentIds.isEmpty { meta.append(.init(label: "Incident", value: pm.meta.incidentIds.joined(separator: ", "))) }
    if let date = pm.meta.date { meta.append(.init(label: "Date", value: date)) }
    if let s = pm.meta.severity { meta.append(.init(label: "Severity", value: "Sev \(s.level)")) }
    if !pm.meta.services.isEmpty { meta.append(.init(label: "Service", value: pm.meta.services.joined(separator: ", "))) }
    if !pm.meta.authors.isEmpty { meta.append(.init(label: "Authors", value: pm.meta.authors.joined(separator: ", "))) }
    if let status = pm.meta.status { meta.append(.init(label: "Status", value: status)) }
    meta = meta.map { .init(label: $0.label, value: cell($0.value)) }

    // Incident facts from the store.
    var incident: ReportPage.Incident?
    var incidentMissing: String?
    let wantedIncident = metrics?.incidentId ?? pm.meta.incidentIds.first
    if let record = metrics?.incident {
      var facts: [ReportPage.Fact] = [
        .init(label: "Incident", value: record.id + (record.title.map { " — \($0)" } ?? "")),
        .init(label: "Service", value: record.service ?? dash),
        .init(label: "Severity", value: record.severity.map { "Sev \($0)" } ?? dash),
        .init(label: "Opened", value: record.openedAt.description),
        .init(label: "Resolved", value: record.resolvedAt?.description ?? "still open"),
      ]
      let restoreMinutes = record.minutesToRestore
      if let restoreMinutes {
        facts.append(.init(label: "Time to restore", value: DurationText.format(minutes: restoreMinutes)))
      }
      if let cause = metrics?.cause {
        facts.append(
          .init(label: "Caused by", value: "\(cause.id) (\(cause.service), \(cause.environment), finished \(cause.finishedAt))"))
      } else if let id = record.causedBy {
        facts.append(.init(label: "Caused by", value: "\(id) (not in the store)"))
      }
      var slaText = "No response-time table for this severity in the document."
      var slaClass = "unknown"
      if let sev = record.severity ?? pm.meta.severity?.level,
        let sla = pm.responseSLAs.first(where: { $0.severity.level == sev }),
        let limit = sla.responseSeconds
      {
        let limitText = DurationText.format(minutes: limit / 60)
        if let restoreMinutes, restoreMinutes * 60 <= limit {
          slaText =
            "Met: Sev \(sev) requires a response within \(limitText); restored in \(DurationText.format(minutes: restoreMinutes))."
          slaClass = "met"
        } else if let restoreMinutes {
          slaText =
            "Not shown to be met: Sev \(sev) requires a response within \(limitText); restored after "
            + "\(DurationText.format(minutes: restoreMinutes)) and the store records no acknowledgement time."
          slaClass = "missed"
        } else {
          slaText = "Open: Sev \(sev) requires a response within \(limitText); the incident is not resolved."
          slaClass = "missed"
        }
      }
      incident = .init(facts: facts.map { .init(label: $0.label, value: cell($0.value)) }, slaText: slaText, slaClass: slaClass)
    } else if let wantedIncident {
      incidentMissing =
        metrics == nil
        ? "Incident \(wantedIncident): no metrics store, so no incident record."
        : "Incident \(wantedIncident) is not in the store."
    }

    let timeline = pm.timeline.map {
      ReportPage.TimelineRow(
        at: cell($0.at.raw), text: cell($0.text), markers: $0.markers.map(\.rawValue).sorted().joined(separator: ", "))
    }

    // Action items by horizon, then team (in first-seen order).
    var horizons: [ReportPage.HorizonGroup] = []
    for (horizon, name) in [(Horizon.shortTerm, "Short term"), (.longTerm, "Long term"), (.unspecified, "Action items")] {
      let members = pm.actionItems.filter { $0.horizon == horizon }
      guard !members.isEmpty else { continue }
      var order: [String] = []
      var byTeam: [String: [ReportPage.Item]] = [:]
      for item in members {
        let team = item.team ?? item.owner ?? "Unassigned"
        if byTeam[team] == nil { order.append(team) }
        byTeam[team, default: []].append(
          .init(
            what: cell(text(item.what)), why: cell(text(item.why ?? dash)), owner: cell(item.owner ?? item.team ?? "no owner"),
            due: cell(item.due ?? (horizon == .longTerm ? "ongoing" : "no due date")),
            status: item.status.map(statusName) ?? (horizon == .longTerm ? "ongoing" : "no status"),
            statusClass: item.status?.rawValue ?? (horizon == .longTerm ? "ongoing" : "none"),
            tracking: item.tracking.isEmpty ? nil : cell(item.tracking.joined(separator: " ")),
            line: "line \(item.origin.line)"))
      }
      horizons.append(.init(name: name, teams: order.map { .init(team: cell($0), items: byTeam[$0]!) }))
    }

    // The link no incident tool makes: each long-term item's metric, live.
    var focus: [ReportPage.Focus] = []
    var scorecard: [ReportPage.Score] = []
    var metricsMissing: String?
    if let metrics {
      func series(_ metric: DORAMetric) -> [Double?] { metrics.weekly.map { $0.measurement(metric)?.number } }
      for item in pm.actionItems where item.horizon == .longTerm {
        guard let metric = item.doraMetric, let m = metrics.report.measurement(metric) else {
          focus.append(
            .init(
              team: cell(item.team ?? item.owner ?? "Unassigned"), focus: cell(item.what),
              metric: cell(item.doraMetricRaw ?? "no metric named"), value: "no data", tier: dash, tierClass: "none",
              nextTier: dash, sparkline: "", trend: ""))
          continue
        }
        let values = series(metric)
        focus.append(
          .init(
            team: cell(item.team ?? item.owner ?? "Unassigned"), focus: cell(item.what), metric: metric.displayName,
            value: cell(MetricFormatting.value(m)), tier: MetricFormatting.tier(m), tierClass: tierClass(m),
            nextTier: cell(MetricFormatting.nextTier(m)),
            sparkline: Sparkline.svg(values, higherIsBetter: metric.higherIsBetter, label: "\(metric.displayName), weekly"),
            trend: Sparkline.text(values)))
      }
      for m in metrics.report.measurements {
        let values = series(m.metric)
        scorecard.append(
          .init(
            metric: m.metric.displayName, value: cell(MetricFormatting.value(m)), tier: MetricFormatting.tier(m),
            tierClass: tierClass(m), nextTier: cell(MetricFormatting.nextTier(m)),
            detail: cell(MetricFormatting.detail(m, metrics.report.counts)),
            sparkline: Sparkline.svg(values, higherIsBetter: m.metric.higherIsBetter, label: "\(m.metric.displayName), weekly"),
            trend: Sparkline.text(values)))
      }
    } else {
      metricsMissing =
        "No data: \(missingStore ?? "no metrics store was given") — pass --db FILE or --data DIR to fill in live DORA metrics."
      for item in pm.actionItems where item.horizon == .longTerm {
        focus.append(
          .init(
            team: cell(item.team ?? item.owner ?? "Unassigned"), focus: cell(item.what),
            metric: item.doraMetric?.displayName ?? cell(item.doraMetricRaw ?? "no metric named"), value: "no data", tier: dash,
            tierClass: "none", nextTier: dash, sparkline: "", trend: ""))
      }
    }

    let narrative = pm.narrative.filter { !$0.paragraphs.isEmpty }.map {
      ReportPage.Narrative(heading: $0.heading, paragraphs: $0.paragraphs.map(text))
    }

    var provenance: [ReportPage.Fact] = [.init(label: "Document", value: pm.path)]
    if let metrics {
      let r = metrics.report
      provenance += [
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
    } else {
      provenance.append(.init(label: "Store", value: "none (no data)"))
    }

    let findings = pm.findings.map {
      ReportPage.Finding(
        location: "line \($0.range?.start.line ?? 0)", severity: $0.severity.rawValue, message: cell($0.message))
    }
    return ReportPage(
      title: pm.title ?? "Postmortem", meta: meta, summary: pm.summary.map { text($0).components(separatedBy: "\n\n") } ?? [],
      incident: incident, incidentMissing: incidentMissing, timeline: timeline, horizons: horizons, focus: focus,
      scorecard: scorecard, metricsMissing: metricsMissing, narrative: narrative,
      provenance: provenance.map { .init(label: $0.label, value: cell($0.value)) }, findings: findings,
      generator: "Lectern", css: templates.asset("report.css"))
  }

  static func statusName(_ s: ActionStatus) -> String {
    switch s {
    case .open: "open"
    case .inProgress: "in progress"
    case .done: "done"
    case .notDoing: "not doing"
    }
  }

  static func tierClass(_ m: DORAMeasurement) -> String {
    m.tier?.name.lowercased().filter(\.isLetter) ?? "none"
  }
}
