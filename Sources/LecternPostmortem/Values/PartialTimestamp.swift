/// A timestamp as postmortems write them: a date, a time, both, or placeholders (`??`, `X`, `HH:mm`).
public struct PartialTimestamp: Sendable, Hashable {
  public enum Precision: String, Sendable, Hashable { case minute, day, unknown }

  public var raw: String
  public var year: Int?
  public var month: Int?
  public var day: Int?
  public var hour: Int?
  public var minute: Int?
  public var precision: Precision
  /// A time was written as a placeholder (`14:??`, `HH:mm`, `???`).
  public var placeholder = false
  /// The time zone of the time, as the document names it (`UTC`, `PDT (UTC-7)`); `nil` when it names none.
  public var timeZone: String?
  /// Days after the date (written or inferred) that the time falls on: 1 after the clock ran past midnight.
  public var dayOffset = 0
  /// The date was not written on this entry but taken from an earlier one.
  public var dateInferred = false
  /// A date-shaped word that is no date (`2024-13-45`, `2023-02-30`), kept out of `year`/`month`/`day`.
  public var invalidDate: String?

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Reads `2024-03-13 14:05`, `2021-12-10   15:40`, `[03-26 14:05]`, `14:05`, `14.43`, `1625`, `2022-01-28`,
  /// `14:??`, `???`.
  public init(parsing text: String) {
    raw = text
    precision = .unknown
    defer { if placeholder && hour == nil { precision = .unknown } }
    if let last = text.split(separator: " ").last.map(String.init), Self.isZoneName(last) { timeZone = last }
    var rest = Substring(text.trimmed).drop(while: { $0 == "[" })
    if let close = rest.firstIndex(of: "]") { rest = rest[..<close] }
    let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "T" || $0 == "," }).map(String.init)
    for word in words {
      let dateParts = word.split(separator: "-").map(String.init)
      if dateParts.count == 3, let y = Int(dateParts[0]), let m = Int(dateParts[1]), let d = Int(dateParts[2].prefix(2)),
        dateParts[0].count == 4
      {
        guard (1...12).contains(m), (1...Self.daysIn(month: m, year: y)).contains(d) else {
          invalidDate = word
          continue
        }
        (year, month, day) = (y, m, d)
        precision = .day
        continue
      }
      if dateParts.count == 2, let m = Int(dateParts[0]), let d = Int(dateParts[1]), (1...12).contains(m) {
        (month, day) = (m, d)
        precision = .day
        continue
      }
      let cleaned = word.hasSuffix("Z") ? String(word.dropLast()) : word
      let timeParts = cleaned.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
      if timeParts.count >= 2, let h = Int(timeParts[0]), (0...23).contains(h) {
        if let m = Int(timeParts[1].prefix(2)), (0...59).contains(m) {
          let lowered = word.lowercased()
          (hour, minute) = (lowered.hasSuffix("pm") && h < 12 ? h + 12 : (lowered.hasSuffix("am") && h == 12 ? 0 : h), m)
          precision = .minute
        } else {
          placeholder = true  // `14:??`, `14:XX`
        }
        continue
      }
      if word.contains("?") || word.lowercased() == "hh:mm" || word == "X" || word == "XX" { placeholder = true }

      if cleaned.count == 4, cleaned.allSatisfy(\.isNumber), let n = Int(cleaned), n / 100 < 24, n % 100 < 60,
        year == nil || day != nil
      {
        (hour, minute) = (n / 100, n % 100)
        precision = .minute
      }
    }
  }

  /// `UTC`, `GMT`, `PDT`, `AEST`: a time zone abbreviation written after a time.
  static func isZoneName(_ word: String) -> Bool {
    ["UTC", "GMT"].contains(word) || (word.count >= 3 && word.count <= 5 && word.hasSuffix("T") && word.allSatisfy(\.isUppercase))
  }

  /// Minutes from `other` to this one when both have a time (dates, if both have them, count too).
  public func minutes(since other: PartialTimestamp) -> Int? {
    guard let h1 = hour, let m1 = minute, let h0 = other.hour, let m0 = other.minute else { return nil }
    var days = dayOffset - other.dayOffset
    if let y1 = year ?? other.year, let mo1 = month, let d1 = day, let mo0 = other.month, let d0 = other.day {
      days += Self.dayNumber(y1, mo1, d1) - Self.dayNumber(other.year ?? y1, mo0, d0)
    }
    return days * 1440 + (h1 * 60 + m1) - (h0 * 60 + m0)
  }

  /// A key that orders entries that have dates and/or times; `nil` when there is nothing to compare.
  var sortKey: Int? {
    let dayPart = day.map { Self.dayNumber(year ?? 2000, month ?? 1, $0) + dayOffset }
    switch (dayPart, hour, minute) {
    case (let d?, let h?, let m?): return d * 1440 + h * 60 + m
    case (let d?, nil, _): return d * 1440
    case (nil, let h?, let m?): return dayOffset * 1440 + h * 60 + m
    default: return nil
    }
  }

  var hasDate: Bool { day != nil }

  /// Days since 1970-01-01 (proleptic Gregorian).
  static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let a = (14 - m) / 12
    let yy = y + 4800 - a
    let mm = m + 12 * a - 3
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045 - 2_440_588
  }
}

public enum TimelineMarker: String, Sendable, Hashable, CaseIterable {
  case impactStart = "impact_start"
  case detected, declared, acknowledged, identified, mitigated, restored, resolved, closed
}

public struct TimelineEntry: Sendable, Hashable {
  public var at: PartialTimestamp
  public var text: String
  public var markers: Set<TimelineMarker>
  public var line: Int?

  /// The time as a report shows it: `2026-09-02 01:32 UTC`, `14:05 (+1 day)`, or the text as written
  /// when it holds no readable time.
  public var displayTime: String {
    guard let h = at.hour, let m = at.minute else { return at.raw }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var out = "\(two(h)):\(two(m))"
    if let d = at.day, let mo = at.month {
      out = (at.year.map { "\($0)-" } ?? "") + "\(two(mo))-\(two(d)) " + out
      if at.dayOffset > 0 { out += " (+\(at.dayOffset) day\(at.dayOffset == 1 ? "" : "s"))" }
    } else if at.dayOffset > 0 {
      out += " (+\(at.dayOffset) day\(at.dayOffset == 1 ? "" : "s"))"
    }
    if let zone = at.timeZone { out += " " + zone }
    return out
  }
}
