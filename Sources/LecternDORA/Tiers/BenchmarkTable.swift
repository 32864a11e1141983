import Foundation
import LecternCore

extension TierTable {
  /// Reads a DORA benchmark table — metric names down the first column, tier names across the
  /// header, phrases in the cells (`Multiple times/day`, `Weekly to monthly`, `<15%`, `15-30%`,
  /// `<1 hour`, `Hours`, `Days`, `Weeks to months`) — into thresholds, best tier first.
  ///
  /// The last tier of each row is "otherwise". Metrics the table does not list keep the contract's
  /// defaults. `nil` when no row names a DORA metric.
  public static func parse(header: [String], rows: [[String]], source: String) -> TierTable? {
    guard let found = parseRows(header: header, rows: rows) else { return nil }
    return TierTable(tiers: TierTable.defaults.tiers.merging(found) { _, new in new }, source: source)
  }

  /// The tiers of each metric a benchmark table lists; `nil` when it lists none.
  public static func parseRows(header: [String], rows: [[String]]) -> [DORAMetric: [Tier]]? {
    let tierNames = header.dropFirst().map(clean)
    guard !tierNames.isEmpty else { return nil }
    var tiers: [DORAMetric: [Tier]] = [:]
    var found = false
    for row in rows {
      guard let first = row.first, let metric = DORAMetric(name: clean(first)) else { continue }
      let cells = Array(row.dropFirst().prefix(tierNames.count)).map(clean)
      guard cells.count == tierNames.count else { continue }
      var list: [Tier] = []
      for (index, phrase) in cells.enumerated() {
        let isLast = index == cells.count - 1
        let name = tierNames[index].isEmpty ? "Tier \(index + 1)" : tierNames[index]
        if isLast {
          list.append(Tier(name: name, bound: nil, inclusive: true))
          continue
        }
        guard let (bound, inclusive) = threshold(phrase, for: metric) else { return nil }
        list.append(Tier(name: name, bound: bound, inclusive: inclusive))
      }
      tiers[metric] = list
      found = true
    }
    return found ? tiers : nil
  }

  /// Whether a row starting with `cell` can be a benchmark row (its first cell names a DORA metric): a table
  /// with no such row is not a benchmark table, so the rest of its cells need not be read.
  public static func namesMetric(_ cell: String) -> Bool {
    DORAMetric(name: clean(cell)) != nil
  }

  private static func clean(_ s: String) -> String {
    // Every cell of every table in a deck passes here: skip Foundation's string search when nothing can change.
    var s = s
    if s.utf8.contains(where: { $0 == 0x2A || $0 == 0x5F }) {
      s = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
    }
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
      isWhitespace(first) || isWhitespace(last)
    else { return s }
    return s.trimmingCharacters(in: .whitespaces)
  }

  private static let whitespaces = CharacterSet.whitespaces

  /// `CharacterSet.whitespaces` membership; ASCII answered without the set (space and tab are its only ASCII members).
  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || scalar == "\t" : whitespaces.contains(scalar)
  }

  /// The bound a phrase sets, in the metric's unit (per day, hours, percent).
  static func threshold(_ phrase: String, for metric: DORAMetric) -> (Double, Bool)? {
    let p = phrase.lowercased()
    switch metric {
    case .changeFailureRate:
      let numbers = numbersIn(p)
      guard let last = numbers.last else { return nil }
      // `<15%` is strict; `15-30%` and `0-15%` include their upper end.
      return (last, !(p.contains("<") || p.contains("less") || p.contains("under")))
    case .leadTime, .timeToRestore:
      return duration(p).map { ($0, false) }
    case .deploymentFrequency:
      if p.contains("multiple") || p.contains("on demand") || p.contains("on-demand") { return (1, false) }
      var cadences: [Double] = []
      if p.contains("day") || p.contains("daily") { cadences.append(1) }
      if p.contains("week") { cadences.append(1.0 / 7) }
      if p.contains("six months") || p.contains("6 months") {
        cadences.append(1.0 / 182)
      } else if p.contains("month") {
        cadences.append(1.0 / 30)
      }
      if p.contains("year") || p.contains("annual") { cadences.append(1.0 / 365) }
      guard let slowest = cadences.min() else { return nil }
      return (slowest, true)
    }
  }

  /// An upper bound in hours: `<1 hour` → 1, `<1 day` → 24, `Hours` → 24, `Days` → 168,
  /// `1 day to 1 week` → 168, `less than one month` → 720.
  static func duration(_ p: String) -> Double? {
    let units: [(String, Double)] = [
      ("minute", 1.0 / 60), ("hour", 1), ("day", 24), ("week", 168), ("month", 720), ("year", 8760),
    ]
    // The next unit up: a bare plural ("Hours") means "less than one of the next unit".
    let next: [String: Double] = ["minute": 1, "hour": 24, "day": 168, "week": 720, "month": 8760, "year": 87600]
    let numbers = numbersIn(p)
    var largest: (String, Double)?
    for (name, hours) in units where p.contains(name) { largest = (name, hours) }
    guard let (unitName, unitHours) = largest else { return nil }
    if let n = numbers.last { return n * unitHours }
    return next[unitName]
  }

  /// Numbers written in a phrase, digits or small words (`one`, `a`, `an` count as 1).
  static func numbersIn(_ p: String) -> [Double] {
    var result: [Double] = []
    var current = ""
    for c in p + " " {
      if c.isNumber || (c == "." && !current.isEmpty) {
        current.append(c)
      } else {
        if let n = Double(current) { result.append(n) }
        current = ""
      }
    }
    if result.isEmpty {
      let words = p.split(whereSeparator: { !$0.isLetter })
      let values: [Substring: Double] = ["one": 1, "two": 2, "three": 3, "six": 6, "seven": 7, "a": 1, "an": 1]
      result = words.compactMap { values[$0] }
    }
    return result
  }
}
