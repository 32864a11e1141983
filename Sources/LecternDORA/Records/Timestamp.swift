/// An instant, as microseconds since 1970-01-01T00:00:00Z.
///
/// Parsed from strict RFC 3339 with an explicit offset (`Z` or `±hh:mm`), fractional seconds
/// accepted (kept to the microsecond). Nothing else is a timestamp.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var microseconds: Int64

  public init(microseconds: Int64) { self.microseconds = microseconds }

  public init(seconds: Double) { self.microseconds = Int64((seconds * 1_000_000).rounded()) }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

  public var seconds: Double { Double(microseconds) / 1_000_000 }

  /// Days since 1970-01-01 (UTC calendar day), for "days with a deployment".
  public var utcDay: Int64 {
    let day: Int64 = 86_400_000_000
    return microseconds >= 0 ? microseconds / day : (microseconds - day + 1) / day
  }

  public func adding(seconds: Double) -> Timestamp {
    Timestamp(microseconds: microseconds + Int64((seconds * 1_000_000).rounded()))
  }

  /// Parses strict RFC 3339 (`2026-03-01T09:30:00Z`, `2026-03-01T10:30:00.25+01:00`); `nil` otherwise.
  public init?(rfc3339 text: some StringProtocol) {
    var string = String(text)
    guard let parsed = string.withUTF8({ Self.parse($0) }) else { return nil }
    self.microseconds = parsed
  }

  private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
    func digits(_ at: Int, _ n: Int) -> Int? {
      guard at + n <= b.count else { return nil }
      var v = 0
      for i in at..<(at + n) {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        v = v * 10 + Int(b[i] - 0x30)
      }
      return v
    }
    guard b.count >= 20, let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
      let day = digits(8, 2), b[10] == 0x54 || b[10] == 0x74, let hour = digits(11, 2), b[13] == 0x3A,
      let minute = digits(14, 2), b[16] == 0x3A, let second = digits(17, 2)
    else { return nil }
    var i = 19
    var micros: Int64 = 0
    if i < b.count, b[i] == 0x2E {
      i += 1
      let start = i
      var scale: Int64 = 100_000
      while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
        micros += Int64(b[i] - 0x30) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    guard i < b.count else { return nil }
    var offsetMinutes = 0
    if b[i] == 0x5A || b[i] == 0x7A {
      i += 1
    } else if b[i] == 0x2B || b[i] == 0x2D {
      guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 0x3A, let om = digits(i + 4, 2), oh <= 23, om <= 59 else {
        return nil
      }
      offsetMinutes = (oh * 60 + om) * (b[i] == 0x2D ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == b.count, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour <= 23,
      minute <= 59, second <= 60
    else { return nil }
    let days = Self.daysFromCivil(year: year, month: month, day: day)
    let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
    return secs * 1_000_000 + micros
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
  }

  /// RFC 3339 in UTC, with fractional seconds only when there are any.
  public var description: String {
    let secs = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
    let micros = microseconds - secs * 1_000_000
    let days = Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400)
    let rest = Int(secs - Int64(days) * 86_400)
    let (y, m, d) = Self.civil(fromDays: days)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var s = "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))"
    if micros != 0 {
      var frac = String(micros)
      frac = String(repeating: "0", count: 6 - frac.count) + frac
      while frac.hasSuffix("0") { frac.removeLast() }
      s += "." + frac
    }
    return s + "Z"
  }

  /// The start (00:00Z) of this instant's UTC day, week (Monday) or month.
  public func startOf(_ unit: CalendarUnit) -> Timestamp {
    let day = Int(utcDay)
    switch unit {
    case .day:
      return Timestamp(microseconds: Int64(day) * 86_400_000_000)
    case .week:
      // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
      let weekday = ((day + 3) % 7 + 7) % 7
      return Timestamp(microseconds: Int64(day - weekday) * 86_400_000_000)
    case .month:
      let (y, m, _) = Self.civil(fromDays: day)
      return Timestamp(microseconds: Int64(Self.daysFromCivil(year: y, month: m, day: 1)) * 86_400_000_000)
    }
  }

  /// The next boundary after a boundary of `unit`.
  public func advanced(by unit: CalendarUnit) -> Timestamp {
    switch unit {
    case .day: return Timestamp(microseconds: microseconds + 86_400_000_000)
    case .week: return Timestamp(microseconds: microseconds + 7 * 86_400_000_000)
    case .month:
      let (y, m, _) = Self.civil(fromDays: Int(utcDay))
      let (ny, nm) = m == 12 ? (y + 1, 1) : (y, m + 1)
      return Timestamp(microseconds: Int64(Self.daysFromCivil(year: ny, month: nm, day: 1)) * 86_400_000_000)
    }
  }
}

public enum CalendarUnit: String, Sendable, CaseIterable {
  case day, week, month
}
