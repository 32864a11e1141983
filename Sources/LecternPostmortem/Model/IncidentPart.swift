import LecternCore
import LecternMarkdown

/// One incident of a document that holds several (an incident log, a status-page history): its heading,
/// the lines it spans, and its own timeline, timings, declared durations and action items.
public struct IncidentPart: Sendable, Hashable {
  public var heading: String
  public var line: Int?
  /// From the heading to the line before the next incident's (or its parent section's end).
  public var lines: ClosedRange<Int>
  public var timeline: [TimelineEntry]
  public var timings: IncidentTimings
  public var declaredDurations: [DeclaredDuration]
  public var actionItems: [ActionItem]
}

extension Postmortem {
  /// The incidents of a document with two or more incident headings ("Incident on 2024-09-20 …",
  /// "INC-2041: …", "2023-01-05 08:56 - CircleCI"); empty for a single-incident postmortem.
  public var incidents: [IncidentPart] {
    var found: [(Section, ClosedRange<Int>)] = []
    var stack: [(sections: [Section], end: Int)] = [(document.outline.sections, document.source.lineCount)]
    while let (sections, parentEnd) = stack.popLast() {
      for (i, s) in sections.enumerated() {
        let start = s.heading.range?.start.line ?? 0
        let end = i + 1 < sections.count ? (sections[i + 1].heading.range?.start.line ?? parentEnd + 1) - 1 : parentEnd
        if Self.isIncidentHeading(s.title) {
          found.append((s, start...max(start, end)))
        } else {
          stack.append((s.subsections, end))
        }
      }
    }
    guard found.count >= 2 else { return [] }
    return found.sorted { $0.1.lowerBound < $1.1.lowerBound }.map { section, lines in
      func inside(_ line: Int?) -> Bool { line.map { lines.contains($0) } ?? false }
      let entries = timeline.filter { inside($0.line) }
      return IncidentPart(
        heading: section.title, line: section.heading.range?.start.line, lines: lines, timeline: entries,
        timings: IncidentTimings(timeline: entries), declaredDurations: declaredDurations.filter { inside($0.line) },
        actionItems: actionItems.filter { inside($0.origin.line) })
    }
  }

  static func isIncidentHeading(_ title: String) -> Bool {
    let t = title.lowercased().trimmed
    if t.hasPrefix("incident on ") || t.hasPrefix("incident:") || t.hasPrefix("incident #") { return true }
    if t.hasPrefix("inc-") || t.hasPrefix("inc ") { return true }
    let head = t.prefix(10)
    return head.count == 10 && head.filter({ $0 == "-" }).count == 2 && head.first?.isNumber == true
  }
}
