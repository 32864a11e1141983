import Foundation
import LecternCore
import LecternMetrics

/// The live numbers a report is filled in with: the window's DORA report, a weekly trend, and the
/// incident (and the deployment that caused it) when the store has them.
public struct ReportMetrics: Sendable {
  public var report: DORAReport
  public var weekly: [DORAReport]
  public var incident: Incident?
  public var incidentId: String?
  public var cause: Deployment?
  /// Where the numbers come from, for the provenance line.
  public var storeDescription: String
  public var counts: (deployments: Int, changes: Int, incidents: Int)

  /// Computes everything a report shows from `store`. The trend covers at least twelve weeks ending
  /// with the window, so a sparkline has a shape even for a 30-day window.
  public static func compute(
    store: MetricsStore, storeDescription: String, window: Window, services: [String], tiers: TierTable,
    incidentId: String?
  ) throws -> ReportMetrics {
    let calculator = DORACalculator(store: store, tiers: tiers)
    let report = try calculator.report(window: window, services: services)
    let trendWindow = window.days >= 84 ? window : Window.last(days: 84, endingAt: window.end)
    let weekly = try calculator.trend(window: trendWindow, by: .week, services: services)
    let incident = try incidentId.flatMap { try store.incident(id: $0) }
    let cause = try incident?.causedBy.flatMap { try store.deployment(id: $0) }
    let counts = try store.recordCounts()
    return ReportMetrics(
      report: report, weekly: weekly, incident: incident, incidentId: incidentId, cause: cause,
      storeDescription: storeDescription, counts: counts)
  }
}

/// A small inline SVG line for a series; gaps where a week has no data.
enum Sparkline {
  static func svg(_ values: [Double?], higherIsBetter: Bool, label: String) -> String {
    let width = 120.0
    let height = 28.0
    let known = values.compactMap { $0 }
    guard known.count >= 2, let lo = known.min(), let hi = known.max() else {
      return "<svg class=\"sparkline\" width=\"120\" height=\"28\" role=\"img\" aria-label=\"\(label): not enough data\"></svg>"
    }
    let span = hi - lo == 0 ? 1 : hi - lo
    let step = values.count > 1 ? width / Double(values.count - 1) : width
    var path = ""
    // Weeks without data are skipped: the line joins the weeks that have it (the Markdown form shows gaps as '·').
    var penDown = false
    var lastPoint = (0.0, 0.0)
    for (i, v) in values.enumerated() {
      guard let v else { continue }
      let x = Double(i) * step
      let y = 3 + (height - 6) * (1 - (v - lo) / span)
      path += String(format: "%@%.1f %.1f ", penDown ? "L" : "M", x, y)
      penDown = true
      lastPoint = (x, y)
    }
    let first = known.first!
    let last = known.last!
    let improving = higherIsBetter ? last >= first : last <= first
    let colour = improving ? "#1a7f37" : "#cf222e"
    return "<svg class=\"sparkline\" width=\"120\" height=\"28\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"\(label)\">"
      + "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>"
      + String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%@\"/>", lastPoint.0, lastPoint.1, colour) + "</svg>"
  }

  /// The same series as block characters, for Markdown.
  static func text(_ values: [Double?]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    let known = values.compactMap { $0 }
    guard let lo = known.min(), let hi = known.max() else { return "" }
    let span = hi - lo == 0 ? 1 : hi - lo
    return String(values.map { v in v.map { blocks[Int(((($0 - lo) / span) * 7).rounded())] } ?? "·" })
  }
}

extension Incident {
  /// Whole minutes from opened to resolved, `nil` while open (what reports and skeletons print).
  var minutesToRestore: Int? {
    resolvedAt.map { Int((($0.seconds - openedAt.seconds) / 60).rounded()) }
  }
}
