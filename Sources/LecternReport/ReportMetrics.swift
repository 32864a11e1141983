import Foundation
import LecternCore
import LecternDORA
import LecternMarkdown

/// A small inline SVG line for a series, with its scale (the highest and lowest week at the left) and
/// the latest value at the right; gaps where a week has no data.
enum Sparkline {
  static func svg(
    _ values: [Double?], higherIsBetter: Bool, label: String, format: (Double) -> String = { String(format: "%.2f", $0) }
  ) -> String {
    let (left, plot, height) = (46.0, 110.0, 34.0)
    let known = values.compactMap { $0 }
    guard known.count >= 2, let lo = known.min(), let hi = known.max() else {
      return "<svg class=\"sparkline\" width=\"210\" height=\"34\" role=\"img\" aria-label=\"\(label): not enough data\"></svg>"
    }
    let span = hi - lo == 0 ? 1 : hi - lo
    let step = values.count > 1 ? plot / Double(values.count - 1) : plot
    var path = ""
    // Weeks without data are skipped: the line joins the weeks that have it (the Markdown form shows gaps as '·').
    var penDown = false
    var lastPoint = (0.0, 0.0)
    for (i, v) in values.enumerated() {
      guard let v else { continue }
      let x = left + Double(i) * step
      let y = 5 + (height - 10) * (1 - (v - lo) / span)
      path += String(format: "%@%.1f %.1f ", penDown ? "L" : "M", x, y)
      penDown = true
      lastPoint = (x, y)
    }
    let improving = higherIsBetter ? known.last! >= known.first! : known.last! <= known.first!
    let colour = improving ? "#1a7f37" : "#cf222e"
    let text = "font-size=\"9\" fill=\"#5d6473\""
    return "<svg class=\"sparkline\" width=\"210\" height=\"34\" viewBox=\"0 0 210 34\" role=\"img\" aria-label=\"\(label), "
      + "from \(HTMLEscaping.escape(format(lo))) to \(HTMLEscaping.escape(format(hi))), latest \(HTMLEscaping.escape(format(known.last!)))\">"
      + "<line x1=\"\(left - 3)\" y1=\"5\" x2=\"\(left - 3)\" y2=\"29\" stroke=\"#d9dce2\"/>"
      + "<text x=\"\(left - 5)\" y=\"9\" text-anchor=\"end\" \(text)>\(HTMLEscaping.escape(format(hi)))</text>"
      + "<text x=\"\(left - 5)\" y=\"32\" text-anchor=\"end\" \(text)>\(HTMLEscaping.escape(format(lo)))</text>"
      + "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>"
      + String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%@\"/>", lastPoint.0, lastPoint.1, colour)
      + String(
        format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" font-weight=\"600\" fill=\"%@\">", lastPoint.0 + 5, lastPoint.1 + 3,
        colour)
      + HTMLEscaping.escape(format(known.last!)) + "</text></svg>"
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
