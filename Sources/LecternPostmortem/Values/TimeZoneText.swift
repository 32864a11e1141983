import Foundation

/// The offset from UTC a time zone name gives: `UTC+10`, `PDT (UTC-7)`, `GMT-03:30`, or a common
/// abbreviation (`PDT`, `CET`, `AEST`); `nil` for a name it does not know (never a guess).
public enum TimeZoneText {
  public static func utcOffsetMinutes(_ zone: String) -> Int? {
    if let m = offset.firstMatch(in: zone, range: NSRange(zone.startIndex..., in: zone)),
      let signRange = Range(m.range(at: 1), in: zone), let hoursRange = Range(m.range(at: 2), in: zone),
      let hours = Int(zone[hoursRange])
    {
      let minutes = Range(m.range(at: 3), in: zone).flatMap { Int(zone[$0]) } ?? 0
      let sign = zone[signRange] == "+" ? 1 : -1
      return sign * (hours * 60 + minutes)
    }
    let word = zone.split(separator: " ").first.map(String.init) ?? zone
    return abbreviations[word.uppercased()]
  }

  private static let offset = try! NSRegularExpression(pattern: #"(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?"#)

  private static let abbreviations: [String: Int] = [
    "UTC": 0, "GMT": 0, "Z": 0, "PST": -480, "PDT": -420, "MST": -420, "MDT": -360, "CST": -360, "CDT": -300,
    "EST": -300, "EDT": -240, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "IST": 330, "SGT": 480,
    "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
  ]
}

extension PartialTimestamp {
  /// The moment in UTC (`2026-09-02T08:32Z`) when the date, the time and the zone's offset are all known.
  public var utc: String? {
    guard let year, let month, let day, let hour, let minute, let zone = timeZone,
      let offset = TimeZoneText.utcOffsetMinutes(zone)
    else { return nil }
    let total = (Self.dayNumber(year, month, day) + dayOffset) * 1440 + hour * 60 + minute - offset
    let (days, rest) = (Int((Double(total) / 1440).rounded(.down)), ((total % 1440) + 1440) % 1440)
    let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(c.year!)-\(two(c.month!))-\(two(c.day!))T\(two(rest / 60)):\(two(rest % 60))Z"
  }
}
