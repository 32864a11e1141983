/// Every directive Lectern understands, in one table: Marpit's, Marp Core's and Marp CLI's.
///
/// The unknown-directive lint rule and the deck parser read the same table.
public enum DirectiveCatalog {
  /// How a directive's value is checked.
  public enum ValueKind: Sendable, Hashable {
    /// Any string.
    case text
    /// A string, or a list of strings joined with spaces (`class`); each word a CSS class name.
    case words
    /// A string or a list of strings, free text (`keywords`).
    case list
    /// One of these words (compared case-insensitively, as Marp does for booleans).
    case oneOf([String])
    /// `headingDivider`: 1...6, a list of them, or `false`.
    case headingLevels
  }

  public struct Entry: Sendable, Hashable {
    public var name: String
    public var isGlobal: Bool
    public var value: ValueKind
  }

  public static let entries: [Entry] = [
    // Global (Marpit)
    Entry(name: "theme", isGlobal: true, value: .text),
    Entry(name: "style", isGlobal: true, value: .text),
    Entry(name: "headingDivider", isGlobal: true, value: .headingLevels),
    // Global (Marp Core)
    Entry(name: "size", isGlobal: true, value: .text),
    Entry(name: "math", isGlobal: true, value: .oneOf(["mathjax", "katex", "true", "false"])),
    Entry(name: "lang", isGlobal: true, value: .text),
    // Global metadata (Marp CLI)
    Entry(name: "title", isGlobal: true, value: .text),
    Entry(name: "description", isGlobal: true, value: .text),
    Entry(name: "author", isGlobal: true, value: .text),
    Entry(name: "keywords", isGlobal: true, value: .list),
    Entry(name: "url", isGlobal: true, value: .text),
    Entry(name: "image", isGlobal: true, value: .text),
    // Local (Marpit)
    Entry(name: "paginate", isGlobal: false, value: .oneOf(["true", "false", "skip", "hold"])),
    Entry(name: "header", isGlobal: false, value: .text),
    Entry(name: "footer", isGlobal: false, value: .text),
    Entry(name: "class", isGlobal: false, value: .words),
    Entry(name: "backgroundColor", isGlobal: false, value: .text),
    Entry(name: "backgroundImage", isGlobal: false, value: .text),
    Entry(name: "backgroundPosition", isGlobal: false, value: .text),
    Entry(name: "backgroundRepeat", isGlobal: false, value: .text),
    Entry(name: "backgroundSize", isGlobal: false, value: .text),
    Entry(name: "color", isGlobal: false, value: .text),
    // Local (Marp CLI bespoke template)
    Entry(name: "transition", isGlobal: false, value: .text),
  ]

  /// Keys that only mean something in front matter (tool switches, not Marp directives).
  public static let frontMatterOnly: Set<String> = ["marp", "html", "metrics"]

  private static let byName: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })

  public static func entry(named name: String) -> Entry? { byName[name] }

  /// All names, for loose YAML and suggestions.
  public static let names: Set<String> = Set(entries.map(\.name))

  /// The scope a key has (`_class` is spot), or `nil` when Marp does not know it.
  public static func scope(ofKey key: String) -> Directive.Scope? {
    if key.hasPrefix("_") {
      let name = String(key.dropFirst())
      if let e = byName[name], !e.isGlobal { return .spot }
      return nil
    }
    guard let e = byName[key] else { return nil }
    return e.isGlobal ? .global : .local
  }

  /// Why a value is invalid for a directive, or `nil` when it is fine.
  public static func problem(with value: YAMLValue, for name: String) -> String? {
    guard let entry = byName[name] else { return nil }
    switch entry.value {
    case .text:
      return value.string == nil ? "expected a text value" : nil
    case .words:
      guard let words = value.words else { return "expected a class name or a list of class names" }
      if let bad = words.split(separator: " ").first(where: { !isClassName($0) }) {
        return "'\(bad)' is not a valid class name"
      }
      return nil
    case .list:
      return value.words == nil ? "expected a text or a list of texts" : nil
    case .oneOf(let allowed):
      guard let s = value.string, allowed.contains(s.lowercased()) else {
        return "expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
      }
      return nil
    case .headingLevels:
      if let s = value.string {
        if s == "false" || (Int(s).map { (1...6).contains($0) } ?? false) { return nil }
        return "expected a heading level 1-6, a list of levels, or 'false'"
      }
      if case .sequence(let items) = value, items.allSatisfy({ Int($0.string ?? "").map { (1...6).contains($0) } ?? false }) {
        return nil
      }
      return "expected a heading level 1-6, a list of levels, or 'false'"
    }
  }

  private static func isClassName(_ word: Substring) -> Bool {
    guard let first = word.unicodeScalars.first else { return false }
    if first.properties.numericType != nil { return false }
    return word.unicodeScalars.allSatisfy {
      $0 == "-" || $0 == "_" || $0.value > 0x7F || ($0.properties.isAlphabetic) || ("0"..."9").contains($0)
    }
  }

  /// The closest known directive name, for "did you mean" messages (case-insensitive match or edit distance ≤ 2).
  public static func suggestion(for key: String) -> String? {
    let underscore = key.hasPrefix("_") ? "_" : ""
    let bare = Array((underscore.isEmpty ? Substring(key) : key.dropFirst()).lowercased().utf8)
    guard bare.count >= 4 || lowercasedNames.contains(where: { $0.bytes == bare }) else { return nil }
    if let exact = lowercasedNames.first(where: { $0.bytes == bare }) { return underscore + exact.name }
    var best: (name: String, distance: Int)?
    // Byte-level, bounded: names whose length differs by more than 2 cannot be within distance 2.
    for candidate in lowercasedNames where abs(candidate.bytes.count - bare.count) <= 2 {
      let d = editDistance(bare, candidate.bytes, limit: 2)
      if d <= 2, d < (best?.distance ?? Int.max) { best = (candidate.name, d) }
    }
    return best.map { underscore + $0.name }
  }

  /// Directive names with their lower-case UTF-8, computed once.
  private static let lowercasedNames: [(name: String, bytes: [UInt8])] = entries.map {
    ($0.name, Array($0.name.lowercased().utf8))
  }

  /// Levenshtein distance over bytes, stopping early once every path exceeds `limit` (then any value > limit).
  static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  static func editDistance(_ a: String, _ b: String) -> Int { editDistance(Array(a.utf8), Array(b.utf8)) }
}
