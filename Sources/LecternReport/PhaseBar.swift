import Foundation
import LecternMarkdown
import LecternPostmortem

/// The incident's phases (detect, acknowledge, mitigate, restore: the time from one marker to the next) as one horizontal bar
/// in SVG, each segment as wide as it lasted, labelled with its name and duration.
enum PhaseBar {
  private static let colours = ["#cf222e", "#bc4c00", "#9a6700", "#1a7f37"]

  /// The SVG, or an empty string when the timeline marks fewer than two timed phases.
  static func svg(_ t: IncidentTimings) -> String {
    let points: [(String, TimelineEntry?)] = [
      ("impact", t.impactStart), ("detect", t.detected), ("acknowledge", t.acknowledged), ("mitigate", t.mitigated),
      ("restore", t.restored),
    ]
    let present = points.compactMap { name, entry in entry.map { (name, $0) } }
    var segments: [(label: String, minutes: Int, colour: String)] = []
    for (i, pair) in zip(present, present.dropFirst()).enumerated() {
      guard let m = IncidentTimings.minutes(pair.0.1, pair.1.1) else { return "" }
      // A segment is named by the phase it ends: impact → detected is "detect".
      segments.append((pair.1.0, m, colours[min(i, colours.count - 1)]))
    }
    guard !segments.isEmpty else { return "" }
    let width = 640.0
    let total = Double(max(segments.reduce(0) { $0 + $1.minutes }, 1))
    // Every segment gets at least 8% of the bar so that a one-minute phase still shows its label.
    let floor = 0.08 * width
    let raw = segments.map { max(floor, width * Double($0.minutes) / total) }
    let scale = width / raw.reduce(0, +)
    var x = 0.0
    var out =
      "<svg class=\"phase-bar\" viewBox=\"0 0 \(Int(width)) 58\" width=\"100%\" role=\"img\" aria-label=\"incident phases: "
      + HTMLEscaping.escape(segments.map { "\($0.label) \(DurationText.format(minutes: $0.minutes))" }.joined(separator: ", "))
      + "\">"
    for (segment, w) in zip(segments, raw.map { $0 * scale }) {
      out += String(
        format: "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"22\" fill=\"%@\" rx=\"3\"/>", x, max(w - 2, 1), segment.colour)
      out += String(
        format: "<text x=\"%.1f\" y=\"19\" font-size=\"11\" fill=\"#fff\" font-weight=\"600\">%@</text>", x + 5,
        DurationText.format(minutes: segment.minutes))
      x += w
    }
    // The names in a legend below, one slot each, so that narrow segments never overlap their labels.
    let slot = width / Double(max(segments.count, 1))
    for (i, segment) in segments.enumerated() {
      let lx = Double(i) * slot
      out += String(format: "<rect x=\"%.1f\" y=\"36\" width=\"10\" height=\"10\" fill=\"%@\" rx=\"2\"/>", lx, segment.colour)
      out += String(
        format: "<text x=\"%.1f\" y=\"45\" font-size=\"11\" fill=\"#5d6473\">%@ %@</text>", lx + 14,
        HTMLEscaping.escape(segment.label), DurationText.format(minutes: segment.minutes))
    }
    return out + "</svg>"
  }
}
