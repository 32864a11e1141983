/// A half-open interval of time `[start, end)`.
public struct Window: Sendable, Hashable {
  public var start: Timestamp
  public var end: Timestamp

  public init(start: Timestamp, end: Timestamp) {
    self.start = start
    self.end = end
  }

  /// The `days` days ending at `end` (the default window is 30 days ending now).
  public static func last(days: Double, endingAt end: Timestamp) -> Window {
    Window(start: end.adding(seconds: -days * 86_400), end: end)
  }

  public var days: Double { Double(end.microseconds - start.microseconds) / 86_400_000_000 }

  /// Consecutive buckets of a calendar unit covering the window, clipped to it.
  public func buckets(_ unit: CalendarUnit) -> [Window] {
    var result: [Window] = []
    var cursor = start.startOf(unit)
    while cursor < end {
      let next = cursor.advanced(by: unit)
      result.append(Window(start: max(cursor, start), end: min(next, end)))
      cursor = next
    }
    return result
  }

  /// Whether the window is one whole calendar `unit` (a bucket not clipped by the edges of a longer window).
  public func isWhole(_ unit: CalendarUnit) -> Bool {
    let first = start.startOf(unit)
    return first == start && first.advanced(by: unit) == end
  }
}

/// Parses `30d`, `12w`, `36h`, `90` (days) into days.
public func parseWindowLength(_ text: String) -> Double? {
  let t = text.trimmingCharacters(in: [" "])
  guard let last = t.last else { return nil }
  let unit: Double
  var number = Substring(t)
  switch last {
  case "d", "D": unit = 1; number = number.dropLast()
  case "w", "W": unit = 7; number = number.dropLast()
  case "h", "H": unit = 1.0 / 24; number = number.dropLast()
  default: unit = 1
  }
  guard let n = Double(number), n > 0, n.isFinite else { return nil }
  return n * unit
}

extension String {
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
