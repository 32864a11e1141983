import Foundation
import LecternCore
import LecternDORA

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
