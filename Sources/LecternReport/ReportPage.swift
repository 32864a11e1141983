import LecternDORA

/// The view model of `report.html` / `report.md`: every value a formatted string; templates never compute.
struct ReportPage: Sendable {
  struct Fact: Sendable {
    var label: String
    var value: String
  }

  struct Incident: Sendable {
    var facts: [Fact]
    var slaText: String
    var slaClass: String
  }

  struct TimelineRow: Sendable {
    var at: String
    var text: String
    var markers: String
  }

  struct Item: Sendable {
    var what: String
    var why: String
    var owner: String
    var due: String
    var status: String
    var statusClass: String
    var tracking: String?
    var line: String
  }

  struct TeamGroup: Sendable {
    var team: String
    var items: [Item]
  }

  struct HorizonGroup: Sendable {
    var name: String
    var teams: [TeamGroup]
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

  struct Narrative: Sendable {
    var heading: String
    var paragraphs: [String]
  }

  struct Finding: Sendable {
    var location: String
    var severity: String
    var message: String
  }

  var title: String
  var meta: [Fact]
  var summary: [String]
  var incident: Incident?
  var incidentMissing: String?
  var timeline: [TimelineRow]
  var horizons: [HorizonGroup]
  var focus: [Focus]
  var scorecard: [Score]
  var metricsMissing: String?
  var narrative: [Narrative]
  var provenance: [Fact]
  var findings: [Finding]
  var generator: String
  var css: String
}
