import LecternDORA

/// The view model of `report.html` / `report.md`: every value a formatted string; templates never compute.
struct ReportPage: Sendable {
  struct Fact: Sendable {
    var label: String
    var value: String
  }

  /// A block of the document: its HTML (rendered by cmark-gfm) and its Markdown (as written).
  struct Part: Sendable {
    var html: String
    var markdown: String
  }

  struct Incident: Sendable {
    var facts: [Fact]
  }

  struct SLA: Sendable {
    var text: String
    var cssClass: String
  }

  /// A marked moment of the timeline: its phase, its time in the incident's time zone, its words.
  struct Moment: Sendable {
    var phase: String
    var time: String
    var text: String
    var line: String
  }

  /// One incident of an incident log.
  struct IncidentRow: Sendable {
    var heading: String
    var anchor: String
    var detected: String
    var timeToRestore: String
    var declared: String
  }

  struct Phase: Sendable {
    var label: String
    var value: String
  }

  /// One action item in the compact table; empty strings where the source says nothing.
  struct Action: Sendable {
    var owner: String
    var what: String
    /// The narrative's own sentences about this item, quoted; `nil` when none speaks about it.
    var narrative: String?
    var horizon: String
    var due: String
    /// `nil` when the source gives no status.
    var status: String?
    var statusClass: String
    var linkHTML: String
    var linkMarkdown: String
    var line: String
  }

  /// Which action-table columns any item fills (a column nobody filled is left out).
  struct ActionColumns: Sendable {
    var owner = false
    var horizon = false
    var due = false
    var status = false
    var link = false
  }

  struct Focus: Sendable {
    var team: String
    var focus: String
    var metric: String
    var value: String
    var tier: String
    var tierClass: String
    var nextTier: String
    var sparkline: String
    var trend: String
  }

  struct Score: Sendable {
    var metric: String
    var value: String
    var tier: String
    var tierClass: String
    var nextTier: String
    var detail: String
    var sparkline: String
    var trend: String
  }

  struct Finding: Sendable {
    var location: String
    var severity: String
    var message: String
  }

  var title: String
  /// The title block: incident, severity, date, duration, status, authors — only what the source says.
  var facts: [Fact]
  var summary: [Part]
  var phases: [Phase]
  var phaseBar: String
  var moments: [Moment]
  var incidentRows: [IncidentRow]
  var slas: [SLA]
  var incident: Incident?
  var incidentMissing: String?
  var actions: [Action]
  var columns: ActionColumns
  var focus: [Focus]
  var scorecard: [Score]
  var metricsMissing: String?
  var body: [Part]
  var notices: [String]
  var provenance: [Fact]
  var findings: [Finding]
  var generator: String
  var css: String
  var paper: String
  /// The title as a CSS string body (quotes, backslashes and `<` escaped) for the running header.
  var cssTitle: String
}
