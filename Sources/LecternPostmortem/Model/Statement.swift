import Foundation

/// One thing a section says: a paragraph, a list item (nested items keep their depth, as "five whys"
/// chains do) or a table row, in the author's words.
public struct Statement: Sendable, Hashable {
  public var text: String
  public var line: Int?
  /// 0 for a paragraph or a top-level item; 1 for an item inside it, and so on.
  public var depth: Int

  public init(text: String, line: Int?, depth: Int = 0) {
    self.text = text
    self.line = line
    self.depth = depth
  }
}

/// A number an impact statement gives: a share, an amount of money, or a count of something.
public struct ImpactFigure: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable { case percent, money, count, duration }

  public var kind: Kind
  /// The number as read (`41000` for "41,000", `1.21e9` for "1.21B").
  public var value: Double
  /// What is counted (`users`, `queries`), the currency (`$`), or `%`.
  public var unit: String
  public var raw: String
  public var line: Int?

  /// Every figure in `text`, left to right.
  static func figures(in text: String, line: Int?) -> [ImpactFigure] {
    var out: [(Int, ImpactFigure)] = []
    let range = NSRange(text.startIndex..., in: text)
    for (kind, pattern) in patterns {
      for m in pattern.matches(in: text, range: range) {
        guard let r = Range(m.range, in: text), let numberRange = Range(m.range(withName: "n"), in: text) else { continue }
        var value = Double(text[numberRange].replacingOccurrences(of: ",", with: "")) ?? 0
        if let s = Range(m.range(withName: "s"), in: text) { value *= scale(String(text[s])) }
        var unit = kind == .percent ? "%" : ""
        if let u = Range(m.range(withName: "u"), in: text) { unit = text[u].lowercased() }
        if let c = Range(m.range(withName: "c"), in: text) { unit = String(text[c]) }
        out.append((m.range.location, ImpactFigure(kind: kind, value: value, unit: unit, raw: text[r].trimmed, line: line)))
      }
    }
    return out.sorted { $0.0 < $1.0 }.map(\.1)
  }

  private static func scale(_ suffix: String) -> Double {
    switch suffix.lowercased() {
    case "k", "thousand": 1e3
    case "m", "mm", "million": 1e6
    case "b", "bn", "billion": 1e9
    default: 1
    }
  }

  /// A number not inside a date, time or version (`2026-07-05`, `14:05`, `v1.2`): `41,000`, `1.21`, `212`.
  private static let number =
    #"(?<![\d\-:./v])(?<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d\-:/])\s?(?<s>k|K|m|M|MM|B|bn|thousand|million|billion)?\b"#
  private static let patterns: [(Kind, NSRegularExpression)] = [
    (.percent, try! NSRegularExpression(pattern: #"(?<![\d.])(?<n>\d+(?:\.\d+)?)\s?%"#)),
    // A table row "Failed payments | 3,412": the row's label is what is counted.
    (.count, try! NSRegularExpression(pattern: #"^(?<u>[A-Za-z][A-Za-z ]{1,40}) — ~?"# + number + #"$"#)),
    (.money, try! NSRegularExpression(pattern: #"(?<c>[$€£¥])\s?"# + number + #"\b"#)),
    (
      .count,
      try! NSRegularExpression(
        pattern: number
          + #"\s+(?:[a-zA-Z-]+\s+)?(?<u>users|customers|requests|queries|orders|tickets|transactions|payments|accounts|messages|errors|sessions|merchants|builds|jobs|PRs|pull requests|logins|login attempts|calls|emails|events|pods|nodes|clusters|services|sites|stores|tenants|deployments)\b"#,
        options: [.caseInsensitive])
    ),
  ]
}
