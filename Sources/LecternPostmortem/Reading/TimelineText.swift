import Foundation

/// How postmortems write times in prose: a leading `14:05` on a line, and the time zone the times are in
/// ("All times in PDT (UTC-7)", "Timeline (UTC)", "Time (CET)").
enum TimelineText {
  /// `14:05 text`, `14.05 - text`, `9:05am text`, `2024-03-13 14:05 text`: the time (or date and time)
  /// at the start of a line and the rest; `nil` when the line does not start with one.
  static func leadingTime(_ line: String) -> (String, String)? {
    let text = line.trimmed
    guard let match = leading.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let r = Range(match.range, in: text)
    else { return nil }
    let time = text[r].trimmed
    let rest = String(text[r.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " :-–—|\t")).trimmed
    return (time, rest)
  }

  private static let leading = try! NSRegularExpression(
    pattern:
      #"^(?:\d{4}-\d{2}-\d{2}[ T]+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*(?:am|pm|AM|PM))?(?:\s*(?:UTC|GMT|Z|[A-Z]{2,4}T))?(?=$|[\s:\-–—|,)])"#
  )

  /// `First detected: 2024-09-20 11:24`, `Resolved 2024-07-25 16:19`: a short label, then a date and time
  /// and nothing else; `nil` otherwise.
  static func labelledTime(_ line: String) -> (String, String)? {
    let text = line.trimmed
    guard let m = labelled.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
      let l = Range(m.range(at: 1), in: text), let t = Range(m.range(at: 2), in: text)
    else { return nil }
    return (String(text[l]).trimmed, String(text[t]))
  }

  private static let labelled = try! NSRegularExpression(
    pattern: #"^([A-Za-z][A-Za-z ]{1,40}?):?\s+(\d{4}-\d{2}-\d{2}[ T]+\d{1,2}[:.]\d{2}(?:\s*(?:UTC|GMT|[A-Z]{2,4}T))?)\.?$"#)

  /// The time zone a line names for the timeline, as written (`UTC`, `PDT (UTC-7)`, `AEST (UTC+10)`).
  static func timeZone(in line: String) -> String? {
    let range = NSRange(line.startIndex..., in: line)
    for pattern in zonePatterns {
      if let m = pattern.firstMatch(in: line, range: range), let r = Range(m.range(at: 1), in: line) {
        return String(line[r]).trimmed
      }
    }
    return nil
  }

  private static let zone =
    #"((?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}(?:\s*\((?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\))?)"#
  private static let zonePatterns = [
    // "All times in PDT (UTC-7)", "all times are UTC", "All times are in CET", "times are in UTC".
    try! NSRegularExpression(pattern: #"(?i:(?:all\s+)?times\s+(?:are\s+)?(?:in\s+|shown\s+in\s+)?)"# + zone + #"(?![A-Za-z])"#),
    // "Timeline (UTC)", "Time (UTC)", "Timeline (all times UTC)".
    try! NSRegularExpression(pattern: #"(?i:time(?:line)?s?\s*\((?:all\s+times\s+)?(?:in\s+)?)"# + zone + #"\)"#),
    // "Time in CET", "Timestamp UTC".
    try! NSRegularExpression(pattern: #"^(?i:time(?:stamp)?s?\s+(?:in\s+)?)"# + zone + #"$"#),
  ]
}
