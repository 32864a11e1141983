import LecternCore
import LecternMarkdown

extension PostmortemReader {
  /// The first time zone the document names for its times becomes the timeline's.
  mutating func noteTimeZone(_ text: String) {
    guard meta.timeZone == nil, let zone = TimelineText.timeZone(in: text) else { return }
    meta.timeZone = zone
  }

  /// A heading under the timeline that starts with a time (`### 22:40 Customer report`) is one entry:
  /// the heading's words and the first paragraph under it.
  mutating func addHeadingEntry(_ section: Section, at: String, title: String, line: Int?) {
    let first = section.blocks.lazy.compactMap { block -> String? in
      if case .paragraph(let inlines) = block.kind { return inlines.plainText.trimmed }
      return nil
    }.first
    let text = [title, first].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
    addTimeline(at: at, text: text, emphasis: "", line: line)
  }

  /// Entries with a time but no date take the date of the entry before them, and a day more each time
  /// the clock runs backwards by more than six hours (23:50 → 00:10 crosses midnight). The time zone the
  /// document names is recorded on every entry.
  mutating func inferDates() {
    if meta.timeZone == nil { meta.timeZone = timeline.lazy.compactMap(\.at.timeZone).first }
    // A section without dates starts on the document's date, else on the first date its timeline writes.
    let documentDate = meta.date.map { PartialTimestamp(parsing: $0) }.flatMap { d in d.day.map { (d.year, d.month, $0) } }
    let firstDated = timeline.lazy.compactMap { e in e.at.day.map { (e.at.year, e.at.month, $0) } }.first
    let baseDate: (year: Int?, month: Int?, day: Int)? = documentDate ?? firstDated
    var lastDate: (year: Int?, month: Int?, day: Int)?
    var lastMinute: Int?
    var offset = 0
    var section: Int?
    for i in timeline.indices {
      if section != timelineSections[i] {
        (lastDate, lastMinute, offset) = (baseDate, nil, 0)
        section = timelineSections[i]
      }
      timeline[i].at.timeZone = timeline[i].at.timeZone ?? meta.timeZone
      let at = timeline[i].at
      if let day = at.day {
        lastDate = (at.year, at.month, day)
        offset = 0
        lastMinute = at.hour.map { $0 * 60 + (at.minute ?? 0) }
        continue
      }
      // A written date that is no date is reported, not replaced by a guess.
      guard let hour = at.hour, at.invalidDate == nil else { continue }
      let minute = hour * 60 + (at.minute ?? 0)
      if let previous = lastMinute, minute < previous - 360 { offset += 1 }
      lastMinute = minute
      timeline[i].at.dayOffset = offset
      if let lastDate {
        timeline[i].at.year = lastDate.year
        timeline[i].at.month = lastDate.month
        timeline[i].at.day = lastDate.day
        timeline[i].at.dateInferred = true
      }
    }
  }
}
