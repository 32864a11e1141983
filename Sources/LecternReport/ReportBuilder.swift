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

/// The page size a printed report is laid out for.
public enum ReportPaper: String, Sendable, CaseIterable {
  case a4
  case letter

  var cssSize: String { self == .a4 ? "A4" : "Letter" }
}

/// Choices that change what a report shows, not what it is made of.
public struct ReportOptions: Sendable {
  /// Add an appendix listing the findings about the document (they always go to standard error).
  public var findings: Bool
  public var paper: ReportPaper
  /// Prepended to relative image and link addresses when the report is written away from the document
  /// (`../notes/` for a report in `out/` of `notes/pm.md`); `nil` beside it.
  public var assetBase: String?

  public init(findings: Bool = false, paper: ReportPaper = .a4, assetBase: String? = nil) {
    self.findings = findings
    self.paper = paper
    self.assetBase = assetBase
  }
}

/// Turns a postmortem and (optionally) live metrics into a report page: HTML or Markdown through the
/// Mustache templates in `templates/`.
///
/// The page is the document itself, every block in the author's order (the summary first), with a title
/// block, incident timings, a compact action-item table and live metrics added around it.
public enum ReportBuilder {
  public static func render(
    _ postmortem: Postmortem, metrics: ReportMetrics?, format: ReportFormat, templates: TemplateLibrary = .shared,
    template: String? = nil, missingStore: String? = nil, options: ReportOptions = .init()
  ) -> String {
    let page = self.page(
      postmortem, metrics: metrics, format: format, missingStore: missingStore, templates: templates, options: options)
    let text = templates.render(page, template: template ?? (format == .html ? "report.html" : "report.md"))
    return text.hasSuffix("\n") ? text : text + "\n"
  }

  /// What the document lacks or contradicts, plus what it contradicts in the metrics store (a severity
  /// the incident record gives differently): the findings the command prints and `--findings` appends.
  public static func findings(_ pm: Postmortem, metrics: ReportMetrics?) -> [Diagnostic] {
    var out = pm.findings
    if let record = metrics?.incident, let stored = record.severity, let own = pm.meta.severity, own.level != stored {
      out.append(
        Diagnostic(
          .warning,
          "severity '\(own.raw)' disagrees with the incident record \(record.id) (Sev \(stored)); the report shows the document's",
          path: pm.path, range: pm.meta.severityLine.map { SourceRange(line: $0, column: 1, endLine: $0, endColumn: 1) },
          code: .severityConflict))
    }
    return out
  }

  static func page(
    _ pm: Postmortem, metrics: ReportMetrics?, format: ReportFormat, missingStore: String?, templates: TemplateLibrary,
    options: ReportOptions = .init()
  ) -> ReportPage {
    let cells = CellText(format: format)
    let live = metrics.map { LiveMetrics(report: $0.report) }
    let body = ReportBody.build(pm, metrics: live, assetBase: options.assetBase)
    // An incident log gets a row per incident instead of one set of timings for the whole file.
    let parts = pm.incidents
    let timings = parts.isEmpty ? pm.timings : IncidentTimings(timeline: [])
    let (incident, incidentMissing) = incidentFacts(pm, metrics: metrics, cells: cells)
    let (focus, scorecard, metricsMissing) = dora(pm, metrics: metrics, missingStore: missingStore, cells: cells)
    var notices: [String] = []
    if !Postmortem.looksLikePostmortem(pm.document) {
      notices.append(
        "No postmortem sections were recognised (summary, impact, timeline, root causes, action items…); "
          + "the document is shown as written.")
    }
    let findings =
      options.findings
      ? findings(pm, metrics: metrics).map {
        ReportPage.Finding(
          location: $0.range.map { "line \($0.start.line)" } ?? "document", severity: $0.severity.rawValue,
          message: cells($0.message))
      } : []
    let actions = actionRows(pm, cells: cells)
    let columns = ReportPage.ActionColumns(
      owner: actions.contains { !$0.owner.isEmpty }, horizon: actions.contains { !$0.horizon.isEmpty },
      due: actions.contains { !$0.due.isEmpty }, status: actions.contains { $0.status != nil },
      link: actions.contains { !$0.linkHTML.isEmpty })
    return ReportPage(
      title: pm.title ?? "Postmortem",
      facts: titleFacts(pm, timings: timings).map { .init(label: $0.label, value: cells($0.value)) },
      summary: body.summary.map { .init(html: $0.html, markdown: $0.markdown) },
      phases: phases(timings, record: metrics?.incident),
      phaseBar: PhaseBar.svg(timings), moments: moments(timings, cells: cells),
      incidentRows: incidentRows(parts, cells: cells), slas: slaChecks(pm, record: metrics?.incident),
      incident: incident, incidentMissing: incidentMissing, actions: actions, columns: columns, focus: focus,
      scorecard: scorecard, metricsMissing: metricsMissing,
      body: body.rest.map { .init(html: $0.html, markdown: $0.markdown) }, notices: notices,
      provenance: provenance(pm, metrics: metrics).map { .init(label: $0.label, value: cells($0.value)) },
      findings: findings, generator: "Lectern", css: templates.asset("report.css"), paper: options.paper.cssSize,
      cssTitle: cssString(pm.title ?? "Postmortem"))
  }

  /// Text safe inside a double-quoted CSS string in a `<style>` element.
  static func cssString(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "\\", "\"": out += "\\" + String(c)
      case "<", ">", "&": out += "\\" + String(c.value, radix: 16) + " "
      case "\n", "\r": out += " "
      default: out.unicodeScalars.append(c)
      }
    }
    return out
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

/// Text placed in a table cell of the chosen format: Markdown cells must not break the table.
struct CellText: Sendable {
  var format: ReportFormat

  func callAsFunction(_ s: String) -> String {
    guard format == .md else { return s }
    return s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
