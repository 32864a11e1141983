/// Durations as people write them: `30 minutes`, `1 Hours`, `24 Hours`, `279 minutes`, `3h 8m`,
/// `0h 07m`, `27m`, `2 days`, `1.5h`. `N/A` and placeholders (`Xh Xm`) read as no value.
public enum DurationText {
  public static func seconds(_ text: String) -> Int? {
    let lowered = text.lowercased()
    var total = 0.0
    var found = false
    var number = ""
    var unit = ""
    func flush() {
      guard let value = Double(number) else {
        number = ""
        unit = ""
        return
      }
      let factor: Double?
      switch unit {
      case "s", "sec", "secs", "second", "seconds": factor = 1
      case "m", "min", "mins", "minute", "minutes": factor = 60
      case "h", "hr", "hrs", "hour", "hours": factor = 3600
      case "d", "day", "days": factor = 86_400
      case "w", "wk", "week", "weeks": factor = 604_800
      default: factor = nil
      }
      if let factor {
        total += value * factor
        found = true
      }
      number = ""
      unit = ""
    }
    for c in lowered {
      if c.isNumber || (c == "." && !number.isEmpty && unit.isEmpty) {
        if !unit.isEmpty { flush() }
        number.append(c)
      } else if c.isLetter {
        if number.isEmpty { continue }  // a word that is not after a number ("during", "support")
        unit.append(c)
      } else if c == "(" {
        break
      } else if !unit.isEmpty {
        flush()
      }
    }
    flush()
    return found ? Int(total.rounded()) : nil
  }

  /// `1h 39m`, `47m`, `2d 3h`.
  public static func format(minutes: Int) -> String {
    if minutes < 60 { return "\(minutes)m" }
    let days = minutes / 1440
    let hours = (minutes % 1440) / 60
    let mins = minutes % 60
    if days > 0 { return "\(days)d \(hours)h" }
    return mins == 0 ? "\(hours)h" : "\(hours)h \(mins)m"
  }
}
